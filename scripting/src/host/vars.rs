//! Declared variables, watchers and the shared store (script-api §4.5, §4.10). Watchers run
//! after the outermost callback returns, once per changed name with (latest, value at
//! callback start); changes made by watchers trigger further rounds, up to 100 (S0114).

use super::{Ctx, HostInner};
use crate::error::ScriptError;
use crate::value::{FunctionRef, Value};
use indexmap::IndexMap;
use std::collections::BTreeMap;

const MAX_ROUNDS: usize = 100;

#[derive(Debug, Clone)]
pub(crate) struct Watcher {
    pub id: u64,
    pub key: String,
    pub shared: bool,
    pub function: FunctionRef,
}

#[derive(Debug, Default)]
pub(crate) struct Vars {
    pub watchers: Vec<Watcher>,
    /// Variables changed since watchers last ran → their value before the first change.
    pub changed: IndexMap<String, Value>,
    pub shared: BTreeMap<String, Value>,
    pub shared_changed: IndexMap<String, Value>,
}

/// Stored numbers are Ints whenever they are integral, finite, within ±2⁵³ and not −0
/// (kry §6.2), so `x = 2.0` reads back as the integer 2.
fn integral_numbers(value: &Value) -> Value {
    const LIMIT: f64 = 9_007_199_254_740_992.0;
    match value {
        Value::Float(f)
            if f.is_finite()
                && f.fract() == 0.0
                && f.abs() <= LIMIT
                && !(*f == 0.0 && f.is_sign_negative()) =>
        {
            Value::Int(*f as i64)
        }
        Value::Array(items) => Value::Array(items.iter().map(integral_numbers).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), integral_numbers(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

impl HostInner {
    pub(crate) fn get_variable(&self, name: &str) -> Result<Value, ScriptError> {
        let w = self.world.borrow();
        w.dom
            .variable(name)
            .cloned()
            .map(Value::from_dom)
            .ok_or_else(|| ScriptError::new("S0112", format!("undeclared variable \"{name}\"")))
    }

    pub(crate) fn set_variable(&self, name: &str, value: &Value) -> Result<(), ScriptError> {
        let converted = integral_numbers(value)
            .to_dom()
            .map_err(|m| ScriptError::new("S0112", format!("variable \"{name}\": {m}")))?;
        let mut w = self.world.borrow_mut();
        let Some(old) = w.dom.variable(name).cloned() else {
            return Err(ScriptError::new(
                "S0112",
                format!("undeclared variable \"{name}\""),
            ));
        };
        w.dom
            .set_variable(name, converted)
            .map_err(|m| ScriptError::new("S0112", m))?;
        let changed = w.dom.variable(name).is_some_and(|now| !now.same(&old));
        if changed && !w.vars.changed.contains_key(name) {
            w.vars.changed.insert(name.to_owned(), Value::from_dom(old));
        }
        Ok(())
    }

    pub(crate) fn watch(
        &self,
        key: &str,
        function: FunctionRef,
        shared: bool,
    ) -> Result<u64, ScriptError> {
        let mut w = self.world.borrow_mut();
        if !shared && w.dom.variable(key).is_none() {
            return Err(ScriptError::new(
                "S0112",
                format!("undeclared variable \"{key}\""),
            ));
        }
        let id = w.fresh_id();
        w.vars.watchers.push(Watcher {
            id,
            key: key.to_owned(),
            shared,
            function,
        });
        Ok(id)
    }

    pub(crate) fn shared_set(&self, key: &str, value: Value) -> Result<(), ScriptError> {
        if contains_function(&value) {
            return Err(ScriptError::new(
                "S0109",
                "functions cannot be stored in kryon.shared",
            ));
        }
        let mut w = self.world.borrow_mut();
        let old = w.vars.shared.get(key).cloned().unwrap_or_default();
        if old.deep_eq(&value) {
            return Ok(());
        }
        if !w.vars.shared_changed.contains_key(key) {
            w.vars.shared_changed.insert(key.to_owned(), old);
        }
        w.vars.shared.insert(key.to_owned(), value);
        Ok(())
    }

    /// Runs watcher rounds until nothing changes (at most 100).
    pub(crate) fn run_watchers(&self) {
        for _ in 0..MAX_ROUNDS {
            let (changes, watchers) = {
                let mut w = self.world.borrow_mut();
                if w.vars.changed.is_empty() && w.vars.shared_changed.is_empty() {
                    return;
                }
                let vars = std::mem::take(&mut w.vars.changed);
                let shared = std::mem::take(&mut w.vars.shared_changed);
                let mut changes = Vec::new();
                for (name, old) in vars {
                    let new = w
                        .dom
                        .variable(&name)
                        .cloned()
                        .map(Value::from_dom)
                        .unwrap_or_default();
                    if !new.deep_eq(&old) {
                        changes.push((false, name, new, old));
                    }
                }
                for (key, old) in shared {
                    let new = w.vars.shared.get(&key).cloned().unwrap_or_default();
                    if !new.deep_eq(&old) {
                        changes.push((true, key, new, old));
                    }
                }
                (changes, w.vars.watchers.clone())
            };
            for watcher in &watchers {
                for (shared, name, new, old) in &changes {
                    if watcher.shared == *shared && watcher.key == *name {
                        let alive = self
                            .world
                            .borrow()
                            .vars
                            .watchers
                            .iter()
                            .any(|w| w.id == watcher.id);
                        if alive {
                            // Depth is 0 here, so each call runs as its own callback.
                            let args = vec![new.clone(), old.clone(), Value::from(name.as_str())];
                            let _ = self.call_watcher(watcher.function, args);
                        }
                    }
                }
            }
        }
        let mut w = self.world.borrow_mut();
        w.vars.changed.clear();
        w.vars.shared_changed.clear();
        w.system.report(ScriptError::new(
            "S0114",
            format!("watchers kept changing variables for {MAX_ROUNDS} rounds; stopped"),
        ));
    }

    fn call_watcher(&self, function: FunctionRef, args: Vec<Value>) -> Option<Value> {
        let engine = self.engine(function.engine)?;
        // Not `call`: watcher rounds are driven by `run_watchers` itself.
        let (result, _) = self.in_callback(Ctx::default(), || engine.call(function, args));
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.report(e.with_frame("watcher"));
                None
            }
        }
    }
}

fn contains_function(value: &Value) -> bool {
    match value {
        Value::Function(_) => true,
        Value::Array(items) => items.iter().any(contains_function),
        Value::Object(map) => map.values().any(contains_function),
        _ => false,
    }
}
