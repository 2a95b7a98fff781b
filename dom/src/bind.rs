//! Reactive bindings: markup values that mention `$` (kry §6.4).
//!
//! A [`Binding`] keeps the markup value, the scope it evaluates in, what it writes to, and the
//! slots it read last time. Writing a slot queues exactly its readers; the binding phase
//! re-evaluates only those (dependencies are re-recorded on every evaluation, so a ternary that
//! switches branches starts depending on the other branch's variables).

use crate::expr::{self, Env, EvalError};
use crate::scope::{ScopeId, Scopes, SlotId};
use crate::style::PropId;
use crate::tree::{BlockId, ElementId};
use crate::value::Value;
use kryon_markup::ast;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Where a binding writes.
#[derive(Debug, Clone, PartialEq)]
pub enum BindTarget {
    /// A catalogue property of an element (own layer). Shorthands expand on write.
    Prop(ElementId, PropId),
    /// A custom (non-catalogue) property of an element.
    Custom(ElementId, String),
    /// The class list of an element (`style: $theme`).
    Classes(ElementId),
    /// An element's `key:` (re-read when its `@for` re-expands).
    Key(ElementId),
    /// A component instance property fed from the use site (`label: $title`).
    Slot(SlotId),
    /// A `@for` collection or an `@if` condition chain.
    Block(BlockId),
    /// The `$`-bound entries of an element's classes (a style block that uses variables).
    ClassEntries(ElementId),
}

/// One binding.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where the result goes.
    pub target: BindTarget,
    /// The markup value (for `ClassEntries`, unused: the element's classes are re-read).
    pub source: Rc<ast::Value>,
    /// Scope of evaluation.
    pub scope: ScopeId,
    /// Slots read by the last evaluation.
    pub deps: Vec<SlotId>,
    /// Already in the dirty queue.
    pub queued: bool,
}

/// Evaluation environment over the scope store that records the slots it reads.
pub struct ScopeEnv<'a> {
    /// Slots and frames.
    pub scopes: &'a Scopes,
    /// Where names resolve from.
    pub scope: ScopeId,
    /// Slots read so far.
    pub deps: Vec<SlotId>,
}

impl<'a> ScopeEnv<'a> {
    /// A fresh environment.
    pub fn new(scopes: &'a Scopes, scope: ScopeId) -> Self {
        Self {
            scopes,
            scope,
            deps: Vec::new(),
        }
    }
}

impl Env for ScopeEnv<'_> {
    fn lookup(&mut self, name: &str) -> Option<Value> {
        let slot = self.scopes.resolve(self.scope, name)?;
        if !self.deps.contains(&slot) {
            self.deps.push(slot);
        }
        self.scopes.slots.get(slot).map(|s| s.value.clone())
    }
}

/// Evaluates a markup value: expressions, shorthand lists (→ array), arrays and objects.
/// A handler call form evaluates to its name.
pub fn eval_value(value: &ast::Value, env: &mut dyn Env) -> Result<Value, EvalError> {
    Ok(match &value.kind {
        ast::ValueKind::Expr(e) => expr::eval(e, env)?,
        ast::ValueKind::List(atoms) => Value::Array(
            atoms
                .iter()
                .map(|a| expr::eval(a, env))
                .collect::<Result<_, _>>()?,
        ),
        ast::ValueKind::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| eval_value(v, env))
                .collect::<Result<_, _>>()?,
        ),
        ast::ValueKind::Object(entries) => {
            let mut map = BTreeMap::new();
            for (key, v) in entries {
                map.insert(key.text.clone(), eval_value(v, env)?);
            }
            Value::Object(map)
        }
        ast::ValueKind::Call(call) => Value::Str(call.name.text.clone()),
    })
}

/// True when a markup value mentions a variable anywhere (so it is a live binding).
pub fn value_is_bound(value: &ast::Value) -> bool {
    match &value.kind {
        ast::ValueKind::Expr(e) => expr::mentions_var(e),
        ast::ValueKind::List(atoms) => atoms.iter().any(expr::mentions_var),
        ast::ValueKind::Array(items) => items.iter().any(value_is_bound),
        ast::ValueKind::Object(entries) => entries.iter().any(|(_, v)| value_is_bound(v)),
        ast::ValueKind::Call(_) => false,
    }
}
