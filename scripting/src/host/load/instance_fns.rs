//! Per-instance function names (kry §9, "Functions"): a `@function` inside a `Define` whose name
//! interpolates instance properties (`toggle_${id}`) is defined once per distinct expanded name.
//! Names are expanded for the instances alive at load; an instance created later (an `@for`
//! that grows, a re-expanded `@if`) gets its function the first time a handler or
//! `kryon.call` asks for a name the registry does not know yet.

use super::super::HostInner;
use super::super::registry::Definition;
use crate::engine::FunctionSource;
use crate::error::ScriptError;
use kryon_dom::Dom;
use kryon_dom::bind::ScopeEnv;
use kryon_dom::expr::eval_path;
use kryon_dom::tree::InstanceId;
use kryon_markup::ast::{FunctionDecl, NamePart};

/// A function declaration whose name depends on the instance it is expanded for.
#[derive(Debug, Clone)]
pub(crate) struct FunctionTemplate {
    /// The `Define` it belongs to (`None` for a top-level declaration: globals only).
    pub component: Option<String>,
    pub decl: FunctionDecl,
    /// Chunk name for error locations (the declaring `.kry` file).
    pub chunk: String,
}

/// The name for one instance (or the global scope when `instance` is `None`).
fn expand(dom: &Dom, parts: &[NamePart], instance: Option<InstanceId>) -> Result<String, String> {
    // The instance's property frame (which binds `id` too), else the document's variables.
    let scope = instance
        .and_then(|i| dom.arena.instances.get(i))
        .map_or(dom.scopes.global, |i| i.scope);
    let mut env = ScopeEnv::new(&dom.scopes, scope);
    let mut name = String::new();
    for part in parts {
        match part {
            NamePart::Text(t) => name.push_str(t),
            NamePart::Var(path) => {
                let value = eval_path(path, &mut env).map_err(|e| e.message)?;
                name.push_str(&value.to_string());
            }
        }
    }
    Ok(name)
}

/// Every distinct expanded name of a template over the live instances, in instance order.
pub(crate) fn expanded_names(
    dom: &Dom,
    template: &FunctionTemplate,
) -> Vec<Result<String, String>> {
    let mut out: Vec<Result<String, String>> = Vec::new();
    let mut push = |r: Result<String, String>| {
        if !out.contains(&r) {
            out.push(r);
        }
    };
    match &template.component {
        None => push(expand(dom, &template.decl.name, None)),
        Some(component) => {
            for (id, inst) in &dom.arena.instances {
                if &inst.component == component {
                    push(expand(dom, &template.decl.name, Some(id)));
                }
            }
        }
    }
    out
}

impl HostInner {
    /// Load: keeps the template and defines the names of the instances that exist now.
    pub(super) fn define_template(&self, template: FunctionTemplate) {
        let names = expanded_names(&self.world.borrow().dom, &template);
        for name in names {
            match name {
                Ok(name) => {
                    self.define_expanded(&template, &name);
                }
                Err(message) => self.report(ScriptError::new(
                    "K0101",
                    format!(
                        "the name of a @function in `{}` ({}) does not expand: {message}",
                        template.component.as_deref().unwrap_or("the document"),
                        template.chunk
                    ),
                )),
            }
        }
        self.world.borrow_mut().registry.templates.push(template);
    }

    fn define_expanded(&self, template: &FunctionTemplate, name: &str) -> Option<Definition> {
        let engine = self.engine_for(&template.decl.language.name)?;
        let source = FunctionSource {
            name: name.to_owned(),
            params: template
                .decl
                .params
                .iter()
                .map(|p| p.text.clone())
                .collect(),
            body: template.decl.body.clone(),
            chunk_name: template.chunk.clone(),
            first_line: template.decl.body_line,
        };
        if let Err(e) = engine.define_function(&source) {
            self.report(e);
            return None;
        }
        let definition = Definition {
            language: engine.language(),
            function: engine.global_function(name)?,
            params: Some(source.params),
        };
        self.world
            .borrow_mut()
            .registry
            .register(name, definition.clone());
        Some(definition)
    }

    /// A registry lookup that also defines a per-instance name whose instance appeared after
    /// load. Misses cost one expansion per template instance; hits cost a map lookup.
    pub(crate) fn resolve_function(&self, name: &str) -> Option<Definition> {
        let templates = {
            let w = self.world.borrow();
            if let Some(d) = w.registry.resolve(name) {
                return Some(d.clone());
            }
            if w.registry.templates.is_empty() {
                return None;
            }
            w.registry
                .templates
                .iter()
                .filter(|t| {
                    expanded_names(&w.dom, t)
                        .iter()
                        .any(|n| n.as_deref() == Ok(name))
                })
                .cloned()
                .collect::<Vec<_>>()
        };
        templates.iter().find_map(|t| self.define_expanded(t, name))
    }
}
