//! [`Dom`]: the element tree of one document, and its mutation funnel.
//!
//! Every change — a variable write, a property write, a class change, a pseudo-state change, a
//! structural change — goes through a method here, which records the change and sets dirty
//! flags. [`Dom::update`] then runs the passes in order (bindings → style → layout), each touching
//! only what is dirty. Counters in [`Stats`] make that checkable in tests.

use crate::bind::Binding;
use crate::scope::{BindingId, Scopes, SlotId};
use crate::style::StyleSheet;
use crate::tree::{Arena, Dirty, ElementId};
use crate::value::Value;
use kryon_markup::ast;
use kryon_markup::{Diagnostic, Document};
use slotmap::SlotMap;
use std::collections::HashMap;
use std::rc::Rc;

/// Work counters, reset with [`Dom::reset_stats`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Bindings evaluated.
    pub bindings_evaluated: usize,
    /// Elements whose cascade was recomputed.
    pub styles_computed: usize,
    /// `@for`/`@if` blocks re-expanded.
    pub blocks_expanded: usize,
    /// Elements created.
    pub elements_created: usize,
    /// Elements removed.
    pub elements_removed: usize,
    /// Layout nodes whose style or content was re-synced.
    pub layout_syncs: usize,
}

/// Definitions read from the document, shared by every expansion.
#[derive(Debug, Default)]
pub struct Definitions {
    /// Compiled styles.
    pub sheet: StyleSheet,
    /// Components by name.
    pub components: HashMap<String, Rc<ast::ComponentDef>>,
    /// Keyframes by name.
    pub keyframes: HashMap<String, Rc<ast::KeyframesDef>>,
}

/// Window settings read from the App (kry §14.6).
#[derive(Debug, Clone, PartialEq)]
pub struct WindowConfig {
    /// Initial client width (logical px).
    pub width: u32,
    /// Initial client height (logical px).
    pub height: u32,
    /// Title.
    pub title: String,
    /// Resizable.
    pub resizable: bool,
    /// Extra scale over the OS DPI scale.
    pub scale_factor: f32,
}

impl Default for WindowConfig {
    fn default() -> Self {
        Self {
            width: 800,
            height: 600,
            title: "Kryon App".into(),
            resizable: true,
            scale_factor: 1.0,
        }
    }
}

/// The element tree of one document.
#[derive(Debug)]
pub struct Dom {
    /// Elements, instances and blocks.
    pub arena: Arena,
    /// Variables, instance properties, loop variables.
    pub scopes: Scopes,
    /// All bindings.
    pub bindings: SlotMap<BindingId, Binding>,
    /// Styles and components.
    pub defs: Rc<Definitions>,
    /// The App element.
    pub root: ElementId,
    /// Scoped id → element.
    pub ids: HashMap<String, ElementId>,
    /// Instances created per component (for `<Name>_<n>` ids).
    pub instance_counts: HashMap<String, usize>,
    /// The parsed document (scripts and fonts are read from it by later stages).
    pub document: Rc<Document>,
    /// Runtime diagnostics not yet taken (each identical one is kept once).
    pub runtime_diagnostics: Vec<Diagnostic>,
    /// Work counters.
    pub stats: Stats,
    /// Bindings waiting for the binding phase.
    pub(crate) queue: Vec<BindingId>,
    /// Set when any element is style-dirty.
    pub(crate) style_dirty: bool,
    /// Reserved element kinds already warned about (K0601 is given once per kind).
    pub(crate) warned_reserved: Vec<&'static str>,
    /// Layout state (taffy mirror and text).
    pub layout: crate::layout::LayoutState,
    /// Paint state kept across frames (uploaded resources, decoded images, needs-paint flag).
    pub(crate) paint: crate::paint::PaintState,
    /// Running animations and transitions (cascade layer 8).
    pub animations: crate::animate::Animations,
    /// Canvas drawings recorded by scripts.
    pub canvases: crate::canvas::Canvases,
}

impl Dom {
    /// An empty tree for `document` (the builder fills it).
    pub(crate) fn empty(document: Rc<Document>) -> Self {
        Self {
            arena: Arena::default(),
            scopes: Scopes::new(),
            bindings: SlotMap::with_key(),
            defs: Rc::new(Definitions::default()),
            root: ElementId::default(),
            ids: HashMap::new(),
            instance_counts: HashMap::new(),
            document,
            runtime_diagnostics: Vec::new(),
            stats: Stats::default(),
            queue: Vec::new(),
            style_dirty: false,
            warned_reserved: Vec::new(),
            layout: crate::layout::LayoutState::default(),
            paint: crate::paint::PaintState::default(),
            animations: crate::animate::Animations::default(),
            canvases: crate::canvas::Canvases::default(),
        }
    }

    /// Resets the work counters.
    pub fn reset_stats(&mut self) {
        self.stats = Stats::default();
        self.layout.reset_counters();
    }

    /// Reports a runtime diagnostic once.
    pub(crate) fn report(&mut self, diagnostic: Diagnostic) {
        if !self.runtime_diagnostics.contains(&diagnostic) {
            self.runtime_diagnostics.push(diagnostic);
        }
    }

    /// Takes the pending runtime diagnostics.
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.runtime_diagnostics)
    }

    /// A declared variable's value.
    pub fn variable(&self, name: &str) -> Option<&Value> {
        let slot = self.scopes.global(name)?;
        self.scopes.slots.get(slot).map(|s| &s.value)
    }

    /// Writes a declared variable, converting to its type (kry §6.2). Dependent bindings are
    /// queued; nothing else is touched. Errors with a message when the name is unknown or the
    /// value does not convert (S0112).
    pub fn set_variable(&mut self, name: &str, value: Value) -> Result<(), String> {
        let slot = self
            .scopes
            .global(name)
            .ok_or_else(|| format!("unknown variable \"{name}\""))?;
        self.write_slot(slot, value)
    }

    /// Writes any slot (variable, instance property or loop variable).
    pub(crate) fn write_slot(&mut self, slot: SlotId, value: Value) -> Result<(), String> {
        let Some(s) = self.scopes.slots.get_mut(slot) else {
            return Err("stale variable".into());
        };
        let converted = s.ty.convert(value.clone()).ok_or_else(|| {
            format!(
                "cannot convert {} {value:?} to the type of \"{}\"",
                value.type_name(),
                s.name
            )
        })?;
        if s.value.same(&converted) {
            return Ok(());
        }
        s.value = converted;
        let readers = self.scopes.readers.get(slot).cloned().unwrap_or_default();
        for binding in readers {
            self.enqueue(binding);
        }
        Ok(())
    }

    pub(crate) fn enqueue(&mut self, binding: BindingId) {
        if let Some(b) = self.bindings.get_mut(binding)
            && !b.queued
        {
            b.queued = true;
            self.queue.push(binding);
        }
    }

    /// Marks an element dirty and flags its ancestors so passes can find it.
    pub fn mark(&mut self, id: ElementId, flags: Dirty) {
        let Some(element) = self.arena.elements.get_mut(id) else {
            return;
        };
        let mut other = flags;
        other.remove(Dirty::LAYOUT);
        element.dirty.insert(other);
        if flags.intersects(Dirty::LAYOUT | Dirty::CHILDREN) {
            self.mark_layout(id);
        }
        let Some(element) = self.arena.elements.get(id) else {
            return;
        };
        if flags.contains(Dirty::STYLE) {
            self.style_dirty = true;
            let mut current = element.parent;
            while let Some(parent) = current {
                let Some(p) = self.arena.elements.get_mut(parent) else {
                    break;
                };
                if p.dirty.contains(Dirty::DESCENDANT_STYLE) {
                    break;
                }
                p.dirty.insert(Dirty::DESCENDANT_STYLE);
                current = p.parent;
            }
        }
    }

    /// Looks an element up by scoped id (`picker.menu`).
    pub fn element_by_id(&self, id: &str) -> Option<ElementId> {
        self.ids
            .get(id)
            .copied()
            .filter(|e| self.arena.elements.contains_key(*e))
    }

    /// Runs the binding, style and layout passes for everything dirty.
    pub fn update(&mut self, viewport: (f32, f32)) {
        self.run_bindings();
        self.run_styles();
        self.run_layout(viewport);
    }

    /// Registers a binding and evaluates it for the first time.
    pub(crate) fn add_binding(&mut self, binding: Binding) -> BindingId {
        let id = self.bindings.insert(binding);
        self.evaluate_binding(id);
        id
    }

    /// Drops a binding and its reader entries.
    pub(crate) fn drop_binding(&mut self, id: BindingId) {
        if let Some(binding) = self.bindings.remove(id) {
            for slot in binding.deps {
                if let Some(readers) = self.scopes.readers.get_mut(slot) {
                    readers.retain(|b| *b != id);
                }
            }
        }
    }

    /// Replaces a binding's dependency set, keeping the slot → readers index exact.
    pub(crate) fn set_deps(&mut self, id: BindingId, deps: Vec<SlotId>) {
        let Some(binding) = self.bindings.get_mut(id) else {
            return;
        };
        let old = std::mem::replace(&mut binding.deps, deps.clone());
        for slot in old.iter().filter(|s| !deps.contains(s)) {
            if let Some(readers) = self.scopes.readers.get_mut(*slot) {
                readers.retain(|b| *b != id);
            }
        }
        for slot in deps.iter().filter(|s| !old.contains(s)) {
            self.scopes.add_reader(*slot, id);
        }
    }

    /// Binding phase: evaluates queued bindings until none are left.
    pub fn run_bindings(&mut self) {
        let mut rounds = 0;
        while !self.queue.is_empty() {
            rounds += 1;
            if rounds > 10_000 {
                // A binding loop (a block re-expansion feeding itself) must not freeze the app.
                self.report(Diagnostic::warning(
                    "K0310",
                    "binding update did not settle; stopped",
                ));
                self.queue.clear();
                break;
            }
            let batch = std::mem::take(&mut self.queue);
            for id in batch {
                if let Some(b) = self.bindings.get_mut(id) {
                    b.queued = false;
                    self.evaluate_binding(id);
                }
            }
        }
    }
}

impl Dom {
    /// Window settings from the App's own properties (kry §14.6).
    pub fn window_config(&self) -> WindowConfig {
        use crate::style::{PropId, PropValue};
        let mut config = WindowConfig::default();
        let Some(app) = self.arena.elements.get(self.root) else {
            return config;
        };
        let int = |p: PropId| match app.own.get(&p) {
            Some(PropValue::Int(i)) if *i > 0 => u32::try_from(*i).ok(),
            Some(PropValue::Number(n)) if *n > 0.0 => Some(n.round() as u32),
            _ => None,
        };
        if let Some(w) = int(PropId::WindowWidth) {
            config.width = w;
        }
        if let Some(h) = int(PropId::WindowHeight) {
            config.height = h;
        }
        if let Some(PropValue::Str(title)) = app.own.get(&PropId::WindowTitle) {
            config.title = title.clone();
        }
        if let Some(PropValue::Bool(r)) = app.own.get(&PropId::Resizable) {
            config.resizable = *r;
        }
        if let Some(PropValue::Number(s)) = app.own.get(&PropId::ScaleFactor)
            && *s > 0.0
        {
            config.scale_factor = *s;
        }
        config
    }
}

impl Dom {
    /// Turns an input-driven pseudo-state (hover, focus, active) on or off for an element.
    /// Marks it style-dirty only when the set changed.
    pub fn set_states(&mut self, id: ElementId, state: ast::PseudoState, on: bool) {
        let Some(e) = self.arena.elements.get_mut(id) else {
            return;
        };
        let before = e.states;
        if on {
            e.states.insert(state);
        } else {
            e.states.remove(state);
        }
        if e.states != before {
            self.mark(id, Dirty::STYLE);
        }
    }
}
