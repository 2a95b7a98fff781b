//! Script-facing DOM operations: property reads and writes by name, class lists, selectors,
//! id lookup, element creation, tree edits and component instances (script-api §3–§4).
//!
//! Every write goes through the mutation funnel ([`Dom::mark`] and the helpers in
//! [`crate::build::properties`]), so the passes redo only what changed. Errors are
//! [`OpError`]s carrying the script error code (script-api §7) for the bridge to raise.

mod classes;
mod computed;
mod create;
mod instance;
mod lookup;
mod names;
mod properties;
mod read;
mod selector;
mod text_write;
mod tree_edit;

pub use selector::Selector;

use crate::dom::Dom;
use crate::style::values::Handler;
use crate::tree::ElementId;

/// A failed DOM operation: a script error code (`S0103`…`S0109`) and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpError {
    /// `S0103` bad argument / invalid selector, `S0104` removed element, `S0105` unknown
    /// element type, `S0106` invalid tree operation, `S0109` conversion failed.
    pub code: &'static str,
    /// One-line message.
    pub message: String,
}

impl OpError {
    /// An error with a code and message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// S0103: a bad argument (or an invalid selector).
    pub fn bad_argument(message: impl Into<String>) -> Self {
        Self::new("S0103", message)
    }

    /// S0104 for an element described as `description` (`Button#save`), as the bridge words it
    /// when it remembers what a dead handle pointed at.
    pub fn removed(description: &str) -> Self {
        Self::new("S0104", format!("element {description} was removed"))
    }

    /// S0106: an invalid tree operation.
    pub fn tree(message: impl Into<String>) -> Self {
        Self::new("S0106", message)
    }

    /// S0109: a value that does not convert.
    pub fn conversion(message: impl Into<String>) -> Self {
        Self::new("S0109", message)
    }
}

impl std::fmt::Display for OpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for OpError {}

impl Dom {
    /// Records a runtime warning raised by a script engine (S0201–S0204, e.g. S0204 for a string
    /// with invalid UTF-8), with the other runtime diagnostics: kept once until taken.
    pub fn report_script_warning(&mut self, code: &'static str, message: impl Into<String>) {
        self.report(kryon_markup::Diagnostic::warning(code, message));
    }

    /// False once the element has been removed (handles are generation-checked).
    pub fn is_alive(&self, el: ElementId) -> bool {
        self.arena.elements.contains_key(el)
    }

    /// `Button#save` (type and local id), `Text` without an id; `<removed>` for a dead handle.
    pub fn describe(&self, el: ElementId) -> String {
        match self.arena.elements.get(el) {
            Some(e) => match &e.local_id {
                Some(id) => format!("{}#{id}", self.tag_of(el)),
                None => self.tag_of(el).to_owned(),
            },
            None => "<removed>".to_owned(),
        }
    }

    /// The element type as scripts see it: the component name for an instance root, else the
    /// built-in kind name.
    pub fn tag_of(&self, el: ElementId) -> &str {
        let Some(e) = self.arena.elements.get(el) else {
            return "";
        };
        if let Some(inst) = e.instance.and_then(|i| self.arena.instances.get(i))
            && inst.root == el
        {
            return &inst.component;
        }
        e.kind.name()
    }

    /// The handler an element has for an event property, resolving aliases (`onInput` ≡
    /// `onChange`).
    pub fn handler(&self, el: ElementId, event_prop: &str) -> Option<&Handler> {
        let e = self.arena.elements.get(el)?;
        let wanted = crate::style::lookup(event_prop);
        e.handlers
            .iter()
            .rev()
            .find(|(key, _)| match wanted {
                Some(prop) => crate::style::lookup(key) == Some(prop),
                None => key == event_prop,
            })
            .map(|(_, h)| h)
    }

    /// `Ok` for a live element; S0104 for a removed one.
    pub(crate) fn alive(&self, el: ElementId) -> Result<&crate::tree::Element, OpError> {
        self.arena
            .elements
            .get(el)
            .ok_or_else(|| OpError::new("S0104", "element was removed (stale handle)"))
    }

    /// Elements in document order from the root, then detached subtrees (creation order).
    pub(crate) fn document_order(&self) -> Vec<ElementId> {
        let mut out = self.arena.descendants(self.root);
        for (id, e) in &self.arena.elements {
            if e.parent.is_none() && id != self.root {
                out.extend(self.arena.descendants(id));
            }
        }
        out
    }
}
