//! The headless test harness (script-api §10): an app on the virtual clock, driven like a
//! user — click, hover, press, wait, run frames — and read back as snapshots, variables, logs
//! and screenshots. `kryon test` scripts and Rust integration tests use the same harness.

use crate::host::{AppHost, LoadError};
use crate::input::InputEvent;
use indexmap::IndexMap;
use kryon_dom::tree::ElementId;
use kryon_renderer::RgbaImage;
use kryon_renderer::cpu::CpuRenderer;
use kryon_scripting::Value;
use std::path::Path;

/// Default frame interval of the virtual clock (ms).
pub const FRAME_MS: f64 = 1000.0 / 60.0;

/// A headless app under test.
pub struct Harness {
    host: AppHost,
    now: f64,
    scale: f32,
    renderer: CpuRenderer,
    image: Option<RgbaImage>,
    /// URLs Link clicks asked to open, oldest first (headless runs open nothing).
    opened: Vec<String>,
}

impl Harness {
    /// Loads an app headless and runs frame 0.
    pub fn load(path: &Path) -> Result<Harness, LoadError> {
        let mut host = AppHost::load_headless(path)?;
        let scale = host.app_scale();
        let mut harness = Harness {
            now: 0.0,
            scale,
            renderer: CpuRenderer::new(),
            image: None,
            opened: Vec::new(),
            host: {
                let window = host.window_config();
                host.set_viewport(window.width as f32, window.height as f32);
                host
            },
        };
        harness.run_frame_at(0.0);
        Ok(harness)
    }

    /// The app.
    pub fn host(&mut self) -> &mut AppHost {
        &mut self.host
    }

    /// The virtual clock (ms).
    pub fn now(&self) -> f64 {
        self.now
    }

    fn run_frame_at(&mut self, now: f64) {
        self.now = now;
        if let Some(frame) = self.host.tick(now, self.scale) {
            self.image = Some(self.renderer.render(&frame));
        }
        for line in self.host.take_rendered_diagnostics() {
            eprintln!("{line}");
        }
    }

    /// Runs `n` frames, one frame interval apart.
    pub fn frames(&mut self, n: u32) {
        for _ in 0..n {
            self.run_frame_at(self.now + FRAME_MS);
        }
    }

    /// Advances the clock by `ms`, running a frame at each interval and one at the exact end.
    pub fn wait(&mut self, ms: f64) {
        let end = self.now + ms.max(0.0);
        while self.now + FRAME_MS < end {
            self.run_frame_at(self.now + FRAME_MS);
        }
        self.run_frame_at(end);
    }

    /// The first element matching a selector.
    pub fn find(&mut self, selector: &str) -> Result<ElementId, String> {
        let found = self
            .host
            .dom()
            .query_selector_all(None, selector)
            .map_err(|e| e.message)?;
        found
            .first()
            .copied()
            .ok_or_else(|| format!("no element matches \"{selector}\""))
    }

    fn centre(&mut self, selector: &str) -> Result<(f32, f32), String> {
        let el = self.find(selector)?;
        let (x, y, w, h) = self
            .host
            .dom()
            .element_bounds(el)
            .ok_or_else(|| format!("\"{selector}\" has no layout box"))?;
        Ok((x + w / 2.0, y + h / 2.0))
    }

    fn input_frame(&mut self, events: &[InputEvent]) {
        for e in events {
            self.host.push_input(*e);
        }
        self.frames(1);
    }

    /// A primary press and release on the element's centre, in one frame.
    pub fn click(&mut self, selector: &str) -> Result<(), String> {
        let (x, y) = self.centre(selector)?;
        self.click_at(x, y);
        Ok(())
    }

    /// A primary press and release at a window point.
    pub fn click_at(&mut self, x: f32, y: f32) {
        self.input_frame(&[
            InputEvent::Move { x, y },
            InputEvent::Press { x, y, button: 0 },
            InputEvent::Release { x, y, button: 0 },
        ]);
    }

    /// Moves the pointer onto the element.
    pub fn hover(&mut self, selector: &str) -> Result<(), String> {
        let (x, y) = self.centre(selector)?;
        self.input_frame(&[InputEvent::Move { x, y }]);
        Ok(())
    }

    /// Primary button down on the element.
    pub fn press(&mut self, selector: &str) -> Result<(), String> {
        let (x, y) = self.centre(selector)?;
        self.input_frame(&[
            InputEvent::Move { x, y },
            InputEvent::Press { x, y, button: 0 },
        ]);
        Ok(())
    }

    /// Primary button up on the element.
    pub fn release(&mut self, selector: &str) -> Result<(), String> {
        let (x, y) = self.centre(selector)?;
        self.input_frame(&[
            InputEvent::Move { x, y },
            InputEvent::Release { x, y, button: 0 },
        ]);
        Ok(())
    }

    /// `setVariable` in the app, then one frame.
    pub fn set_var(&mut self, name: &str, value: &Value) -> Result<(), String> {
        self.host
            .session()
            .set_variable(name, value)
            .map_err(|e| e.message)?;
        self.frames(1);
        Ok(())
    }

    /// An untargeted custom event, then one frame.
    pub fn emit(&mut self, name: &str, data: Value) {
        self.host.session().emit(name, data);
        self.frames(1);
    }

    /// A declared variable, typed.
    pub fn var(&self, name: &str) -> Result<Value, String> {
        self.host
            .session()
            .variable(name)
            .ok_or_else(|| format!("undeclared variable \"{name}\""))
    }

    /// A snapshot of the first element matching `selector`, or `None`.
    pub fn get(&mut self, selector: &str) -> Option<Value> {
        let el = self.find(selector).ok()?;
        let mut dom = self.host.dom();
        let mut out = IndexMap::new();
        let element = dom.arena.elements.get(el)?;
        let scoped = element.scoped_id.clone();
        let classes = element.classes.clone();
        let mut computed = |name: &str| {
            dom.computed_property(el, name)
                .map(Value::from_dom)
                .unwrap_or_default()
        };
        let text = computed("text");
        let value = computed("value");
        let checked = computed("checked");
        let background = computed("background_color");
        let text_color = computed("text_color");
        out.insert("id".into(), scoped.map(Value::from).unwrap_or_default());
        out.insert("type".into(), Value::from(dom.tag_of(el)));
        out.insert("text".into(), text);
        out.insert("value".into(), value);
        out.insert("visible".into(), Value::Bool(dom.effectively_visible(el)));
        out.insert("checked".into(), Value::Bool(checked.truthy()));
        out.insert("disabled".into(), Value::Bool(dom.effectively_disabled(el)));
        out.insert(
            "classes".into(),
            Value::Array(classes.into_iter().map(Value::from).collect()),
        );
        out.insert("background_color".into(), background);
        out.insert("text_color".into(), text_color);
        let (x, y, w, h) = dom.element_bounds(el).unwrap_or((0.0, 0.0, 0.0, 0.0));
        for (k, v) in [("x", x), ("y", y), ("width", w), ("height", h)] {
            out.insert(k.into(), Value::Float(f64::from(v)));
        }
        Some(Value::Object(out))
    }

    /// Writes the last painted frame as a PNG.
    pub fn screenshot(&self, path: &Path) -> anyhow::Result<()> {
        let image = self
            .image
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("no frame was painted yet"))?;
        crate::headless::write_png(image, path)
    }

    /// Lines the app's scripts logged.
    pub fn logs(&self) -> Vec<String> {
        self.host
            .session()
            .logs()
            .into_iter()
            .map(|l| l.message)
            .collect()
    }

    /// URLs that Link clicks asked to open, oldest first (headless runs open nothing).
    pub fn opened_links(&mut self) -> &[String] {
        let fresh = self.host.session().take_open_requests();
        self.opened.extend(fresh);
        &self.opened
    }

    /// Messages passed to `alert`.
    pub fn alerts(&self) -> Vec<String> {
        self.host.session().alerts()
    }

    /// `(location, stack)` of every script error so far, in the order of [`Harness::errors`]:
    /// the location is `file:line[:column]` (empty when unknown).
    pub fn error_origins(&self) -> Vec<(String, String)> {
        self.host
            .session()
            .errors()
            .into_iter()
            .map(|e| {
                let at = e.location.map(|l| l.to_string()).unwrap_or_default();
                (at, e.stack.join(" <- "))
            })
            .collect()
    }

    /// `(code, message)` of every script error so far.
    pub fn errors(&self) -> Vec<(String, String)> {
        self.host
            .session()
            .errors()
            .into_iter()
            .map(|e| (e.code.to_owned(), e.message))
            .collect()
    }
}
