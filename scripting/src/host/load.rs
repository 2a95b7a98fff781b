//! Starting a session: the load sequence of script-api §1.2 (steps 4–9), language selection
//! for inline handler code (kry §11.4), and `self:fire`.

use super::events::EventInit;
use super::registry::Definition;
use super::system::System;
use super::{Ctx, HostInner, Session, World};
use crate::engine::{Bridge, Engine, EngineOptions, FunctionSource, Limits, UnitSource};
use crate::error::{Language, ScriptError};
use crate::value::{EngineId, FunctionRef, Value};
use kryon_dom::Dom;
use kryon_dom::style::values::Handler;
use kryon_dom::tree::{ElementId, InstanceId};
use kryon_markup::ast::{self, Item, NamePart, ScriptSource};
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::{Rc, Weak};

mod instance_fns;
pub(crate) use instance_fns::FunctionTemplate;

/// How a session starts.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    /// The app folder (`require`, file permissions).
    pub app_dir: PathBuf,
    /// Headless runs use the virtual clock, instruction budgets instead of wall-clock ones, and
    /// seed 0 unless the App sets `random_seed`.
    pub headless: bool,
    /// Viewport for the first layout.
    pub viewport: (f32, f32),
    /// Print script log lines to stderr.
    pub echo_logs: bool,
}

/// One unit in execution order.
enum Unit<'a> {
    /// A declaration, with the `Define` it sits in.
    Function(&'a ast::FunctionDecl, Option<&'a str>),
    Script(&'a ast::ScriptBlock),
}

fn app_number(dom: &mut Dom, name: &str) -> Option<f64> {
    let root = dom.root;
    dom.own_property(root, name).ok().and_then(|v| v.as_f64())
}

impl Session {
    /// Starts the engines the document needs, defines its functions, runs its scripts, runs
    /// the first layout and the `onLoad`/`onReady` callbacks (frame 0's paint is the caller's).
    /// Script errors are reported, never fatal.
    pub fn start(dom: Dom, options: SessionOptions) -> Session {
        let mut dom = dom;
        let seed = app_number(&mut dom, "random_seed")
            .map(|s| s as u64)
            .unwrap_or_else(|| if options.headless { 0 } else { random_seed() });
        let root = dom.root;
        let permissions: Vec<String> = match dom.own_property(root, "script_permissions") {
            Ok(kryon_dom::Value::Array(items)) => items.iter().map(|v| v.to_string()).collect(),
            Ok(kryon_dom::Value::Str(s)) => s
                .split([',', ' '])
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        };
        let mut limits = Limits::default();
        if let Some(mb) = app_number(&mut dom, "script_memory_limit") {
            limits.memory_bytes = (mb.max(1.0) * 1024.0 * 1024.0) as usize;
        }
        if let Some(ms) = app_number(&mut dom, "script_time_limit") {
            limits.time_ms = (ms > 0.0).then_some(ms);
        }
        if let Some(n) = app_number(&mut dom, "script_instruction_limit") {
            limits.instructions = n.max(0.0) as u64;
        }
        if options.headless {
            limits.time_ms = None;
        }
        let mut system = System::new(options.app_dir.clone(), seed, permissions.clone());
        if !options.echo_logs {
            system.echo_level = None;
        }
        let world = World {
            dom,
            now_ms: 0.0,
            frame: 0,
            next_id: 0,
            registry: Default::default(),
            events: Default::default(),
            timers: Default::default(),
            tasks: Default::default(),
            vars: Default::default(),
            anims: Default::default(),
            canvas: Default::default(),
            system,
            contexts: Vec::new(),
            depth: 0,
            removed: Default::default(),
            fn_handlers: Default::default(),
            compiled: Default::default(),
            focus: None,
            ready: Vec::new(),
            is_ready: false,
            reload_callbacks: Vec::new(),
            warnings: Vec::new(),
            has_canvases: false,
        };
        let inner = Rc::new(HostInner {
            world: RefCell::new(world),
            engines: RefCell::new(Vec::new()),
        });
        let engine_options = EngineOptions {
            app_dir: Some(options.app_dir.clone()),
            permissions,
            limits,
        };
        {
            let mut w = inner.world.borrow_mut();
            // Markup can create a Canvas later too (an `@if` branch), so look at the document.
            w.has_canvases = w.dom.document.items.iter().any(|item| match item {
                Item::Element(e) => mentions_canvas(e),
                Item::Component(c) => c.templates.iter().any(mentions_canvas),
                _ => false,
            });
        }
        inner.load(&engine_options, options.viewport);
        Session { inner }
    }
}

#[cfg(feature = "lua")]
fn new_lua(
    id: EngineId,
    bridge: Weak<dyn Bridge>,
    options: &EngineOptions,
) -> Result<Rc<dyn Engine>, ScriptError> {
    Ok(Rc::new(crate::lua::LuaEngine::new(
        id,
        bridge,
        options.clone(),
    )?))
}

#[cfg(not(feature = "lua"))]
fn new_lua(
    _: EngineId,
    _: Weak<dyn Bridge>,
    _: &EngineOptions,
) -> Result<Rc<dyn Engine>, ScriptError> {
    Err(ScriptError::new(
        "K0502",
        "Lua is not available in this build",
    ))
}

/// Whether an element, or anything its body can generate, is a Canvas.
fn mentions_canvas(element: &ast::Element) -> bool {
    fn body(items: &[ast::BodyItem]) -> bool {
        items.iter().any(|item| match item {
            ast::BodyItem::Element(e) => mentions_canvas(e),
            ast::BodyItem::For(f) => body(&f.body),
            ast::BodyItem::If(i) => {
                i.branches.iter().any(|(_, b)| body(b)) || i.else_body.as_deref().is_some_and(body)
            }
            _ => false,
        })
    }
    element.name.text == "Canvas" || body(&element.body)
}

fn random_seed() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

fn plain_name(parts: &[NamePart]) -> Option<String> {
    let mut out = String::new();
    for part in parts {
        match part {
            NamePart::Text(t) => out.push_str(t),
            NamePart::Var(_) => return None,
        }
    }
    Some(out)
}

impl HostInner {
    fn load(self: &Rc<Self>, options: &EngineOptions, viewport: (f32, f32)) {
        let document = self.world.borrow().dom.document.clone();
        let mut units = Vec::new();
        let mut scripts = Vec::new();
        for item in &document.items {
            match item {
                Item::Function(f) => units.push(Unit::Function(f, None)),
                Item::Script(s) => scripts.push(Unit::Script(s)),
                Item::Component(c) => {
                    let component = Some(c.name.text.as_str());
                    units.extend(c.functions.iter().map(|f| Unit::Function(f, component)));
                    scripts.extend(c.scripts.iter().map(Unit::Script));
                }
                _ => {}
            }
        }
        // Hoisting: every @function first, then the scripts in document order (§1.2).
        units.extend(scripts);
        let needs_lua = self.needs_lua(&units);
        if needs_lua {
            let weak: Weak<HostInner> = Rc::downgrade(self);
            let bridge: Weak<dyn Bridge> = weak;
            match new_lua(EngineId(0), bridge, options) {
                Ok(engine) => {
                    let names = self.variable_names(&document);
                    engine.install_variables(&names);
                    self.engines.borrow_mut().push(engine);
                }
                Err(e) => self.report(e),
            }
        }
        for unit in &units {
            self.run_unit(unit, &document.sources);
        }
        self.check_registry();
        self.world.borrow_mut().dom.update(viewport);
        self.run_canvas_on_load();
        let ready = {
            let mut w = self.world.borrow_mut();
            w.is_ready = true;
            std::mem::take(&mut w.ready)
        };
        for f in ready {
            self.call_reporting(f, Vec::new(), Ctx::default(), &|| "onReady callback".into());
            self.release(f);
        }
        self.world.borrow_mut().dom.update(viewport);
    }

    fn needs_lua(&self, units: &[Unit<'_>]) -> bool {
        let lua_unit = units.iter().any(|u| {
            let lang = match u {
                Unit::Function(f, _) => &f.language.name,
                Unit::Script(s) => &s.language.name,
            };
            lang == "lua"
        });
        let w = self.world.borrow();
        lua_unit
            || w.dom.arena.elements.values().any(|e| {
                e.handlers
                    .iter()
                    .any(|(_, h)| matches!(h, Handler::Code(_)))
            })
    }

    fn variable_names(&self, document: &kryon_markup::Document) -> Vec<String> {
        document
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Variable(v) => Some(v.name.text.clone()),
                _ => None,
            })
            .collect()
    }

    fn engine_for(&self, language: &str) -> Option<Rc<dyn Engine>> {
        let lang = Language::from_name(language)?;
        self.engines
            .borrow()
            .iter()
            .find(|e| e.language() == lang)
            .cloned()
    }

    fn run_unit(&self, unit: &Unit<'_>, sources: &kryon_markup::SourceMap) {
        let language = match unit {
            Unit::Function(f, _) => f.language.name.as_str(),
            Unit::Script(s) => s.language.name.as_str(),
        };
        let Some(engine) = self.engine_for(language) else {
            let message = format!(
                "K0502: script language \"{language}\" is not available in this build; unit skipped"
            );
            let mut w = self.world.borrow_mut();
            if !w.warnings.contains(&message) {
                w.system.log("error", &message, None);
                w.warnings.push(message);
            }
            return;
        };
        let lang = engine.language();
        match unit {
            Unit::Function(f, component) => {
                let chunk = sources
                    .location(f.span)
                    .map(|(file, _, _)| file.to_owned())
                    .unwrap_or_default();
                let Some(name) = plain_name(&f.name) else {
                    self.define_template(FunctionTemplate {
                        component: component.map(str::to_owned),
                        decl: (*f).clone(),
                        chunk,
                    });
                    return;
                };
                let source = FunctionSource {
                    name: name.clone(),
                    params: f.params.iter().map(|p| p.text.clone()).collect(),
                    body: f.body.clone(),
                    chunk_name: chunk,
                    first_line: f.body_line,
                };
                match engine.define_function(&source) {
                    Ok(()) => {
                        if let Some(function) = engine.global_function(&name) {
                            self.world.borrow_mut().registry.register(
                                &name,
                                Definition {
                                    language: lang,
                                    function,
                                    params: Some(source.params.clone()),
                                },
                            );
                        }
                    }
                    Err(e) => self.report(e),
                }
            }
            Unit::Script(s) => {
                let (chunk_name, code, first_line) = match &s.source {
                    ScriptSource::Inline { code, line, span } => (
                        sources
                            .location(*span)
                            .map(|(f, _, _)| f.to_owned())
                            .unwrap_or_default(),
                        code.clone(),
                        *line,
                    ),
                    ScriptSource::File { file, path, .. } => match sources.get(*file) {
                        Some(f) => (f.display.clone(), f.text.clone(), 1),
                        None => {
                            self.report(ScriptError::new(
                                "K0503",
                                format!("script file {} is missing", path.display()),
                            ));
                            return;
                        }
                    },
                };
                let unit = UnitSource {
                    chunk_name,
                    code,
                    first_line,
                };
                let (result, _) = self.in_callback(Ctx::default(), || engine.run_unit(&unit));
                match result {
                    Ok(names) => self.register_names(&*engine, &names),
                    Err(e) => self.report(e),
                }
                self.run_watchers();
            }
        }
    }

    fn register_names(&self, engine: &dyn Engine, names: &[String]) {
        let mut w = self.world.borrow_mut();
        for name in names {
            if let Some(function) = engine.global_function(name) {
                w.registry.register(
                    name,
                    Definition {
                        language: engine.language(),
                        function,
                        params: None,
                    },
                );
            }
        }
    }

    /// Load step 7: K0110 (two languages) and K0106 (handler names nobody defines).
    fn check_registry(&self) {
        let mut w = self.world.borrow_mut();
        for (name, languages) in w.registry.conflicts() {
            let langs: Vec<&str> = languages.iter().map(|l| l.name()).collect();
            w.system.report(ScriptError::new(
                "K0110",
                format!(
                    "function \"{name}\" is defined in {}; using the {} one",
                    langs.join(" and "),
                    langs[0]
                ),
            ));
        }
        let mut missing = Vec::new();
        for e in w.dom.arena.elements.values() {
            for (prop, h) in &e.handlers {
                let name = match h {
                    Handler::Name(n) => n,
                    Handler::Call { name, .. } => name,
                    _ => continue,
                };
                if !name.is_empty() && w.registry.resolve(name).is_none() && !missing.contains(name)
                {
                    missing.push(name.clone());
                    let _ = prop;
                }
            }
        }
        for name in missing {
            let message = format!("K0106: handler \"{name}\" names a function no script defines");
            w.system.log("warn", &message, None);
            w.warnings.push(message);
        }
    }

    /// The engine, body, chunk and line for an element's inline handler code (kry §11.4).
    pub(crate) fn inline_engine(
        &self,
        el: ElementId,
        code: &str,
    ) -> Result<(Rc<dyn Engine>, String, String, usize), ScriptError> {
        let trimmed = code.trim();
        let (language, body) = if let Some(rest) = trimmed.strip_prefix("lua:") {
            ("lua", rest.to_owned())
        } else if let Some(rest) = trimmed.strip_prefix("js:") {
            ("javascript", rest.to_owned())
        } else if trimmed.starts_with("function") && trimmed.ends_with("end") {
            ("lua", trimmed.to_owned())
        } else if trimmed.contains("=>")
            || (trimmed.starts_with("function") && trimmed.ends_with('}'))
        {
            ("javascript", trimmed.to_owned())
        } else {
            let default = {
                let w = self.world.borrow();
                w.dom
                    .own_property(w.dom.root, "default_script_language")
                    .ok()
                    .map(|v| v.to_string())
            };
            let first = self.engines.borrow().first().map(|e| e.language().name());
            let lang = default
                .filter(|d| !d.is_empty())
                .map(|d| {
                    if d == "js" {
                        "javascript".to_owned()
                    } else {
                        d
                    }
                })
                .or(first.map(str::to_owned))
                .unwrap_or_else(|| "lua".to_owned());
            return self.inline_with(el, &lang, trimmed.to_owned());
        };
        self.inline_with(el, language, body)
    }

    fn inline_with(
        &self,
        el: ElementId,
        language: &str,
        body: String,
    ) -> Result<(Rc<dyn Engine>, String, String, usize), ScriptError> {
        let engine = self.engine_for(language).ok_or_else(|| {
            ScriptError::new(
                "K0502",
                format!("script language \"{language}\" is not available in this build"),
            )
        })?;
        let (chunk, line) = {
            let w = self.world.borrow();
            let span = w.dom.arena.elements.get(el).map(|e| e.span);
            span.and_then(|s| {
                w.dom
                    .document
                    .sources
                    .location(s)
                    .map(|(f, l, _)| (f.to_owned(), l))
            })
            .unwrap_or_else(|| ("app.kry".to_owned(), 1))
        };
        Ok((engine, body, chunk, line))
    }

    /// `self:fire(prop, …)`: invokes an instance's `Handler` property; returns its first result.
    pub(crate) fn fire(
        &self,
        root: ElementId,
        inst: InstanceId,
        prop: &str,
        args: Vec<Value>,
    ) -> Result<Value, ScriptError> {
        let function: Option<FunctionRef> = self
            .world
            .borrow()
            .fn_handlers
            .get(&(root, prop.to_owned()))
            .copied();
        let ctx = Ctx {
            instance: self
                .world
                .borrow()
                .dom
                .arena
                .instances
                .get(inst)
                .and_then(|i| i.parent),
            owner: None,
        };
        if let Some(f) = function {
            return self.call(f, args, ctx);
        }
        let value = self.world.borrow().dom.instance_prop(inst, prop);
        let text = match value {
            Some(kryon_dom::Value::Str(s)) if !s.trim().is_empty() => s,
            _ => return Ok(Value::Null),
        };
        match Handler::from_text(&text) {
            Handler::Name(name) => self.call_registered(&name, args, ctx, None),
            Handler::Code(code) => {
                let f = self.compiled_handler(root, prop, &code)?;
                self.call(f, args, ctx)
            }
            _ => Ok(Value::Null),
        }
    }
}

// ---- the frame phases, in the order of §1.3; the runtime's scheduler calls them ----
impl Session {
    /// Starts a frame at app time `now_ms`; returns `dt` in seconds.
    pub fn begin_frame(&self, now_ms: f64) -> f64 {
        let mut w = self.inner.world.borrow_mut();
        let dt = ((now_ms - w.now_ms) / 1000.0).max(0.0);
        w.now_ms = now_ms;
        w.system.now_ms = now_ms;
        // Animations started by this frame's handlers start at its time, not the last frame's.
        w.dom.sync_animation_clock(now_ms);
        w.frame += 1;
        dt
    }

    /// Phase 2: dispatches one input event. Returns false when a before hook cancelled it.
    pub fn dispatch(&self, event: EventInit) -> bool {
        match self.inner.dispatch(event) {
            Ok(ok) => ok,
            Err(e) => {
                self.inner.report(e);
                false
            }
        }
    }

    /// Phase 3.
    pub fn run_timers(&self) {
        self.inner.run_timers();
    }

    /// Phase 4.
    pub fn run_resumptions(&self, dt_seconds: f64) {
        self.inner.run_resumptions(dt_seconds);
    }

    /// Phase 5: frame requests, `onFrame`, then canvas `onUpdate`.
    pub fn run_frame_callbacks(&self, dt_seconds: f64) {
        self.inner.run_frame_callbacks(dt_seconds);
        self.inner.run_canvas_updates(dt_seconds);
    }

    /// Phase 6.
    pub fn advance_animations(&self) {
        self.inner.advance_animations();
    }

    /// Phase 10 (before painting): canvas `draw_script`s.
    pub fn run_draw_scripts(&self) {
        self.inner.run_draw_scripts();
    }

    /// True when the next frame has work even without input: running animations, frame
    /// callbacks, continuous canvases, tasks waiting for a frame.
    pub fn wants_frame(&self) -> bool {
        let w = self.inner.world.borrow();
        let busy = w.dom.has_running_animations()
            || !w.timers.frames.is_empty()
            || !w.timers.late_ready.is_empty();
        drop(w);
        busy || self.inner.has_continuous_canvas()
            || self
                .inner
                .next_task_due()
                .is_some_and(|t| t <= self.now_ms())
    }

    /// The next app time at which a timer or task wakes up.
    pub fn next_due_ms(&self) -> Option<f64> {
        match (self.inner.next_timer_due(), self.inner.next_task_due()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Errors reported since the last call (for stderr and the overlay).
    pub fn take_new_errors(&self) -> Vec<ScriptError> {
        std::mem::take(&mut self.inner.world.borrow_mut().system.fresh_errors)
    }

    /// Every error reported so far.
    pub fn errors(&self) -> Vec<ScriptError> {
        self.inner.world.borrow().system.errors.clone()
    }

    /// Every line scripts logged.
    pub fn logs(&self) -> Vec<super::LogLine> {
        self.inner.world.borrow().system.logs.clone()
    }

    /// Messages passed to `alert`.
    pub fn alerts(&self) -> Vec<String> {
        self.inner.world.borrow().system.alerts.clone()
    }

    /// Load warnings (K0106, K0502).
    pub fn warnings(&self) -> Vec<String> {
        self.inner.world.borrow().warnings.clone()
    }

    /// URLs Link clicks asked to open since the last call (the window hands them to the OS;
    /// headless runs only record them).
    pub fn take_open_requests(&self) -> Vec<String> {
        std::mem::take(&mut self.inner.world.borrow_mut().system.open_requests)
    }

    /// Whether a script called `kryon.quit()`.
    pub fn quit_requested(&self) -> bool {
        self.inner.world.borrow().system.quit
    }

    /// A declared variable, as scripts see it.
    pub fn variable(&self, name: &str) -> Option<Value> {
        self.inner.get_variable(name).ok()
    }

    /// Writes a declared variable as `setVariable` does, then runs watchers.
    pub fn set_variable(&self, name: &str, value: &Value) -> Result<(), ScriptError> {
        self.inner.set_variable(name, value)?;
        self.inner.run_watchers();
        Ok(())
    }

    /// An untargeted custom event, as `kryon.emit(name, data)`.
    pub fn emit(&self, name: &str, data: Value) -> bool {
        self.dispatch(EventInit::new(name, None).with("data", data))
    }

    /// Moves keyboard focus (the press default action does this for pointer input).
    pub fn focused(&self) -> Option<ElementId> {
        self.inner.world.borrow().focus
    }

    /// Calls a registered function by name (tests, `kryon.call` from the runtime).
    pub fn call(&self, name: &str, args: Vec<Value>) -> Result<Value, ScriptError> {
        self.inner.call_registered(name, args, Ctx::default(), None)
    }
}
