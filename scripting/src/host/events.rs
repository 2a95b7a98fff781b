//! Listener bookkeeping (script-api §4.4 registration): `on`/`off`/`onAny`, before hooks,
//! priorities, `once`, capture, and the [`EventInit`] the runtime builds for input events.

use crate::value::{FunctionRef, Value};
use indexmap::IndexMap;
use kryon_dom::tree::ElementId;

/// Built-in event types (custom events may not use these names, S0107).
pub(crate) const BUILTIN_TYPES: &[&str] = &[
    "click", "dblclick", "press", "release", "hover", "leave", "move", "focus", "blur", "change",
    "submit", "keydown", "keyup", "scroll", "wheel", "resize", "close",
];

/// Types that do not bubble.
pub(crate) fn bubbles(ty: &str) -> bool {
    !matches!(
        ty,
        "hover" | "leave" | "focus" | "blur" | "scroll" | "resize" | "close"
    )
}

/// The markup handler property of an event type.
pub(crate) fn handler_property(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "click" => "onClick",
        "dblclick" => "onDoubleClick",
        "press" => "onPress",
        "release" => "onRelease",
        "hover" => "onHover",
        "leave" => "onLeave",
        "move" => "onMove",
        "focus" => "onFocus",
        "blur" => "onBlur",
        "change" => "onChange",
        "submit" => "onSubmit",
        "keydown" => "onKeyDown",
        "keyup" => "onKeyUp",
        "scroll" => "onScroll",
        "resize" => "onResize",
        "close" => "onClose",
        _ => return None,
    })
}

/// What a listener listens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListenTarget {
    /// `"*"`: every element.
    All,
    /// One element.
    Element(ElementId),
}

#[derive(Debug, Clone)]
pub(crate) struct Listener {
    pub id: u64,
    pub target: ListenTarget,
    pub ty: String,
    pub before: bool,
    pub capture: bool,
    pub priority: f64,
    pub once: bool,
    pub function: FunctionRef,
    pub owner: Option<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Events {
    pub listeners: Vec<Listener>,
    pub observers: Vec<(u64, FunctionRef)>,
    /// Per dispatch in progress: (id, prevented, stop, stop immediately).
    pub dispatches: Vec<DispatchFlags>,
    pub next_dispatch: u64,
    /// Events dispatched this frame that tasks may be waiting for: (element, type, event).
    pub recent: Vec<(ElementId, String, Value)>,
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct DispatchFlags {
    pub id: u64,
    pub prevented: bool,
    pub stop: bool,
    pub stop_immediate: bool,
}

impl Events {
    /// Removes a listener or observer by id.
    pub fn remove(&mut self, id: u64) -> Option<FunctionRef> {
        if let Some(i) = self.listeners.iter().position(|l| l.id == id) {
            return Some(self.listeners.remove(i).function);
        }
        if let Some(i) = self.observers.iter().position(|(o, _)| *o == id) {
            return Some(self.observers.remove(i).1);
        }
        None
    }

    /// Drops every listener on the given elements; returns the functions to release.
    pub fn forget_elements(&mut self, removed: &[ElementId]) -> Vec<FunctionRef> {
        let mut dropped = Vec::new();
        self.listeners.retain(|l| match l.target {
            ListenTarget::Element(e) if removed.contains(&e) => {
                dropped.push(l.function);
                false
            }
            _ => true,
        });
        dropped
    }

    pub fn flags_mut(&mut self, dispatch: u64) -> Option<&mut DispatchFlags> {
        self.dispatches.iter_mut().find(|d| d.id == dispatch)
    }
}

/// An event to dispatch: from input (the runtime), from `el:click()`, or `kryon.emit`.
#[derive(Debug, Clone)]
pub struct EventInit {
    /// Event type (`click`, `hover`, or a custom name).
    pub ty: String,
    /// Target element; `None` for an untargeted custom event (empty path).
    pub target: Option<ElementId>,
    /// Extra fields (`x`, `y`, `button`, `data`, `value`, `checked`, `key`, …).
    pub fields: IndexMap<String, Value>,
}

impl EventInit {
    /// An event of a type on a target.
    pub fn new(ty: &str, target: Option<ElementId>) -> Self {
        Self {
            ty: ty.to_owned(),
            target,
            fields: IndexMap::new(),
        }
    }

    /// Adds a field.
    pub fn with(mut self, key: &str, value: Value) -> Self {
        self.fields.insert(key.to_owned(), value);
        self
    }
}
