//! Variable declarations (kry §6.1–§6.2): initial values, types and initializer cycles.

use crate::bind::eval_value;
use crate::dom::Dom;
use crate::expr::Env;
use crate::scope::{SlotKind, VarType};
use crate::value::Value;
use kryon_markup::ast::VarDecl;
use kryon_markup::{Diagnostic, Diagnostics};
use std::collections::HashMap;

/// Creates one global slot per declared variable. A redeclaration wins (K0109). Initializers
/// are evaluated once, in dependency order, without a live link.
pub(crate) fn declare(dom: &mut Dom, decls: &[&VarDecl], diags: &mut Diagnostics) {
    let mut latest: HashMap<&str, &VarDecl> = HashMap::new();
    let mut order = Vec::new();
    for decl in decls {
        if latest.insert(&decl.name.text, decl).is_some() {
            diags.push(
                Diagnostic::warning(
                    "K0109",
                    format!(
                        "variable \"{}\" is declared again; the later one wins",
                        decl.name.text
                    ),
                )
                .at(decl.name.span),
            );
        } else {
            order.push(decl.name.text.as_str());
        }
    }
    let mut solver = Solver {
        decls: &latest,
        values: HashMap::new(),
        visiting: Vec::new(),
        diags,
    };
    for name in &order {
        solver.value_of(name);
    }
    let values = solver.values;
    for name in order {
        let value = values.get(name).cloned().flatten().unwrap_or(Value::Null);
        let ty = VarType::of(&value);
        let global = dom.scopes.global;
        dom.scopes.bind(global, name, value, ty, SlotKind::Global);
    }
}

struct Solver<'a, 'd> {
    decls: &'a HashMap<&'a str, &'a VarDecl>,
    values: HashMap<&'a str, Option<Value>>,
    visiting: Vec<&'a str>,
    diags: &'d mut Diagnostics,
}

impl<'a> Solver<'a, '_> {
    fn value_of(&mut self, name: &str) -> Option<Value> {
        let (&key, decl) = self.decls.get_key_value(name)?;
        if let Some(v) = self.values.get(key) {
            return v.clone();
        }
        if self.visiting.contains(&key) {
            self.diags.push(
                Diagnostic::error("K0108", format!("variable \"{key}\" depends on itself"))
                    .at(decl.name.span)
                    .with_note(format!("cycle: {} -> {key}", self.visiting.join(" -> "))),
            );
            self.values.insert(key, None);
            return None;
        }
        self.visiting.push(key);
        let mut env = InitEnv { solver: self };
        let result = eval_value(&decl.value, &mut env);
        self.visiting.pop();
        let value = match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.diags.push(e.to_diagnostic());
                None
            }
        };
        self.values.insert(key, value.clone());
        value
    }
}

struct InitEnv<'s, 'a, 'd> {
    solver: &'s mut Solver<'a, 'd>,
}

impl Env for InitEnv<'_, '_, '_> {
    fn lookup(&mut self, name: &str) -> Option<Value> {
        if !self.solver.decls.contains_key(name) {
            return None;
        }
        Some(self.solver.value_of(name).unwrap_or(Value::Null))
    }
}
