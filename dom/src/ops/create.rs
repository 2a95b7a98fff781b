//! `createElement` (script-api §4.3): a detached built-in element or component instance.
//!
//! Properties are applied in a fixed order — `id`, then `style`/`class`, then the rest — so
//! ids exist before anything reports against them. A component takes its declared properties
//! from `props` (converted to their types); other entries go to its root like use-site
//! overrides. A failed property removes the half-built element and returns the error.

use super::OpError;
use crate::build::{self, BUILTIN_NAMES};
use crate::dom::Dom;
use crate::kind::ElementKind;
use crate::tree::{Dirty, ElementId, InstanceId};
use crate::value::Value;
use kryon_markup::{Diagnostic, Span};

impl Dom {
    /// Creates a detached element: a built-in type (case-insensitive) or a component name.
    /// S0105 for an unknown type (or `App`); S0109 when a property does not convert. A
    /// duplicate id is warning S0202 (the element keeps the id but lookups find the first).
    pub fn create_element(
        &mut self,
        tag: &str,
        props: Vec<(String, Value)>,
        context: Option<InstanceId>,
    ) -> Result<ElementId, OpError> {
        let context = context.filter(|c| self.arena.instances.contains_key(*c));
        let id = props
            .iter()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v.to_string())
            .filter(|s| !s.is_empty());
        if self.defs.components.contains_key(tag) {
            return self.create_instance(tag, id, props, context);
        }
        let kind = ElementKind::from_name(tag).or_else(|| {
            BUILTIN_NAMES
                .iter()
                .find(|n| n.eq_ignore_ascii_case(tag))
                .and_then(|n| ElementKind::from_name(n))
        });
        let kind = match kind {
            Some(ElementKind::App) => {
                return Err(OpError::new("S0105", "`App` cannot be created"));
            }
            Some(k) => k,
            None => {
                return Err(OpError::new(
                    "S0105",
                    format!("unknown element type \"{tag}\""),
                ));
            }
        };
        let scope = context
            .and_then(|c| self.arena.instances.get(c))
            .map_or(self.scopes.global, |i| i.scope);
        let mut e = build::blank(kind, scope, Span::default());
        e.instance = context;
        self.stats.elements_created += 1;
        let el = self.arena.elements.insert(e);
        // Like a markup-built element: a cascade, a layout node and a child list.
        self.mark(el, Dirty::STYLE | Dirty::CHILDREN);
        if let Some(id) = &id {
            self.set_element_id(el, id);
        }
        if let Err(e) = self.apply_created_props(el, None, props) {
            self.remove_subtree(el);
            return Err(e);
        }
        Ok(el)
    }

    fn create_instance(
        &mut self,
        name: &str,
        id: Option<String>,
        props: Vec<(String, Value)>,
        context: Option<InstanceId>,
    ) -> Result<ElementId, OpError> {
        if let Some(id) = &id {
            let scoped = match context.and_then(|c| self.arena.instances.get(c)) {
                Some(outer) => format!("{}.{id}", outer.scoped_id),
                None => id.clone(),
            };
            if self.element_by_id(&scoped).is_some() {
                self.report(Diagnostic::warning(
                    "S0202",
                    format!("duplicate id \"{scoped}\" (the earlier element keeps it)"),
                ));
            }
        }
        let (root, diags) = build::instantiate_detached(self, name, id.as_deref(), context);
        for d in diags {
            // Duplicates were reported as S0202 above.
            if d.code != "K0105" {
                self.report(d);
            }
        }
        let root = root.ok_or_else(|| {
            OpError::new("S0105", format!("component `{name}` could not be built"))
        })?;
        let instance = self.arena.elements.get(root).and_then(|e| e.instance);
        if let Err(e) = self.apply_created_props(root, instance, props) {
            self.remove_subtree(root);
            return Err(e);
        }
        Ok(root)
    }

    /// Applies `createElement` props: declared instance properties to the instance, the rest
    /// to the element; `style` before the others.
    fn apply_created_props(
        &mut self,
        el: ElementId,
        instance: Option<InstanceId>,
        props: Vec<(String, Value)>,
    ) -> Result<(), OpError> {
        let (styles, rest): (Vec<_>, Vec<_>) = props
            .into_iter()
            .filter(|(k, _)| k != "id")
            .partition(|(k, _)| k == "style" || k == "class");
        for (key, value) in styles.into_iter().chain(rest) {
            if let Some(inst) = instance
                && self.instance_prop(inst, &key).is_some()
            {
                self.set_instance_prop(inst, &key, value)?;
                continue;
            }
            self.set_property_by_name(el, &key, value)?;
        }
        // Bindings fed by instance properties run now, so the element is complete at once.
        self.run_bindings();
        Ok(())
    }
}
