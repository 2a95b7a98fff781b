//! Component instances (kry §9): per-instance property slots, use-site overrides, scoped ids
//! and slots for the use site's children.

use super::element::{BuildCtx, Place};
use super::properties::{apply_markup, bind, evaluate_once};
use crate::bind::{BindTarget, value_is_bound};
use crate::dom::Dom;
use crate::scope::{SlotKind, VarType};
use crate::tree::{ElementId, Instance};
use crate::value::Value;
use kryon_markup::ast::{self, BodyItem, PropType};
use kryon_markup::{Diagnostic, Diagnostics};
use std::collections::HashMap;
use std::rc::Rc;

/// Expands one use of a component at `place`.
pub(crate) fn instantiate(
    ctx: &mut BuildCtx<'_>,
    dom: &mut Dom,
    def: &Rc<ast::ComponentDef>,
    use_site: &ast::Element,
    place: Place,
) -> Option<ElementId> {
    let template = def.templates.first()?;
    if ctx.components.contains(&def.name.text) {
        return None; // self-use (K0108 was reported once for the definition)
    }
    let count = dom
        .instance_counts
        .entry(def.name.text.clone())
        .or_insert(0);
    *count += 1;
    let n = *count;

    // The instance id: use-site `id`, else `<Name>_<n>`; scoped by the enclosing instance.
    let mut local_id = format!("{}_{n}", def.name.text);
    for item in &use_site.body {
        if let BodyItem::Property(p) = item
            && p.key.text == "id"
        {
            local_id = evaluate_once(ctx, dom, &p.value, place.scope).to_string();
        }
    }
    let parent_instance = place.instance;
    let scoped_id = match parent_instance.and_then(|i| dom.arena.instances.get(i)) {
        Some(outer) => format!("{}.{local_id}", outer.scoped_id),
        None => local_id.clone(),
    };

    // Property frame: under the global frame (templates do not see the use site's loop vars).
    let frame = dom.scopes.push_frame(dom.scopes.global, None);
    let instance = dom.arena.instances.insert(Instance {
        component: def.name.text.clone(),
        scoped_id: scoped_id.clone(),
        root: ElementId::default(),
        scope: frame,
        parent: parent_instance,
    });
    if let Some(f) = dom.scopes.frames.get_mut(frame) {
        f.instance = Some(instance);
    }
    let mut slots = HashMap::new();
    for decl in &def.props {
        let default = match &decl.default {
            Some(v) => evaluate_once(ctx, dom, v, dom.scopes.global),
            None => zero_value(decl.ty.as_ref()),
        };
        let ty = match &decl.ty {
            Some(t) => var_type(t),
            None => VarType::of(&default),
        };
        let default = ty.convert(default.clone()).unwrap_or(default);
        let slot = dom
            .scopes
            .bind(frame, &decl.name.text, default, ty, SlotKind::InstanceProp);
        slots.insert(decl.name.text.clone(), slot);
    }
    // `id` reads as an instance property (kry §9: `toggle_${id}` in handler and function
    // names) unless the component declares one of its own.
    if !slots.contains_key("id") {
        dom.scopes.bind(
            frame,
            "id",
            Value::str(local_id.clone()),
            VarType::String,
            SlotKind::InstanceProp,
        );
    }

    // Use-site values for declared properties; everything else overrides the template root.
    let mut root_overrides = Vec::new();
    let mut pending_bindings = Vec::new();
    for item in &use_site.body {
        let BodyItem::Property(p) = item else {
            continue;
        };
        if p.key.text == "id" {
            continue;
        }
        match slots.get(&p.key.text) {
            Some(_) if p.key.text.starts_with('_') => ctx.diags.push(
                Diagnostic::warning(
                    "K0404",
                    format!(
                        "\"{}\" is private to `{}` (ignored)",
                        p.key.text, def.name.text
                    ),
                )
                .at(p.key.span),
            ),
            Some(&slot) => {
                if value_is_bound(&p.value) {
                    pending_bindings.push((slot, p.value.clone()));
                } else {
                    let value = evaluate_once(ctx, dom, &p.value, place.scope);
                    if let Err(message) = dom.write_slot(slot, value) {
                        ctx.diags
                            .push(Diagnostic::error("K0405", message).at(p.value.span));
                    }
                }
            }
            None => root_overrides.push(p.clone()),
        }
    }

    let inner = Place {
        parent: place.parent,
        scope: frame,
        instance: Some(instance),
    };
    ctx.components.push(def.name.text.clone());
    let root = ctx.build_element(dom, template, inner);
    ctx.components.pop();
    let root = root?;
    if let Some(i) = dom.arena.instances.get_mut(instance) {
        i.root = root;
    }
    // Use-site bindings are owned by the root (they die with the instance).
    for (slot, value) in pending_bindings {
        bind(dom, root, BindTarget::Slot(slot), &value, place.scope);
    }
    for p in &root_overrides {
        let known = crate::style::lookup(&p.key.text).is_some()
            || super::properties::is_handler_key(&p.key.text)
            || matches!(p.key.text.as_str(), "style" | "class" | "key");
        if !known && !p.key.text.starts_with("data_") {
            ctx.diags.push(
                Diagnostic::warning(
                    "K0404",
                    format!(
                        "`{}` has no property \"{}\" (kept on its root)",
                        def.name.text, p.key.text
                    ),
                )
                .at(p.key.span),
            );
            let value = evaluate_once(ctx, dom, &p.value, place.scope);
            super::properties::set_custom(dom, root, &p.key.text, value);
            continue;
        }
        apply_markup(ctx, dom, root, p, place.scope);
    }

    // Scoped ids: the root answers to the instance id (its template-local id, if any, was
    // registered as `instance.local` when the template was built).
    if dom.element_by_id(&scoped_id).is_some() {
        ctx.diags.push(
            Diagnostic::warning(
                "K0105",
                format!("duplicate id \"{scoped_id}\" in one scope"),
            )
            .at(use_site.name.span),
        );
    } else {
        dom.ids.insert(scoped_id.clone(), root);
    }
    if let Some(e) = dom.arena.elements.get_mut(root) {
        e.scoped_id = Some(scoped_id);
        if e.local_id.is_none() {
            e.local_id = Some(local_id);
        }
    }

    // Use-site children go into the slot element (built in the use site's scope).
    let has_children = use_site
        .body
        .iter()
        .any(|b| matches!(b, BodyItem::Element(_) | BodyItem::For(_) | BodyItem::If(_)));
    if has_children {
        let target = find_slot(dom, root).unwrap_or(root);
        let child_place = Place {
            parent: Some(target),
            scope: place.scope,
            instance: place.instance,
        };
        let slots = ctx.build_items(dom, &use_site.body, child_place);
        super::push_slots(dom, target, slots);
    }
    Some(root)
}

/// The first template element whose local id is `content_slot` or contains `slot`.
fn find_slot(dom: &Dom, root: ElementId) -> Option<ElementId> {
    dom.arena.descendants(root).into_iter().find(|id| {
        dom.arena
            .elements
            .get(*id)
            .and_then(|e| e.local_id.as_deref())
            .is_some_and(|l| l == "content_slot" || l.contains("slot"))
    })
}

fn var_type(ty: &PropType) -> VarType {
    match ty {
        PropType::String | PropType::StyleId | PropType::Resource | PropType::Enum(_) => {
            VarType::String
        }
        PropType::Int | PropType::Float | PropType::Number => VarType::Number,
        PropType::Bool => VarType::Bool,
        PropType::Color => VarType::Color,
        PropType::Array => VarType::Array,
        PropType::Object => VarType::Object,
        PropType::Handler | PropType::Any => VarType::Any,
    }
}

fn zero_value(ty: Option<&PropType>) -> Value {
    match ty {
        Some(PropType::String | PropType::StyleId | PropType::Resource) => Value::str(""),
        Some(PropType::Enum(options)) => options
            .first()
            .map_or(Value::str(""), |o| Value::str(o.clone())),
        Some(PropType::Int | PropType::Float | PropType::Number) => Value::Int(0),
        Some(PropType::Bool) => Value::Bool(false),
        Some(PropType::Color) => Value::Color(crate::value::Color::TRANSPARENT),
        Some(PropType::Array) => Value::Array(Vec::new()),
        Some(PropType::Object) => Value::Object(Default::default()),
        _ => Value::Null,
    }
}

/// K0108: a component that uses itself, directly or through others.
pub(crate) fn check_self_use(
    components: &HashMap<String, Rc<ast::ComponentDef>>,
    diags: &mut Diagnostics,
) {
    /// Every element name used in `items`, through nested blocks and `@else` bodies.
    fn uses(items: &[BodyItem], out: &mut Vec<String>) {
        for item in items {
            match item {
                BodyItem::Element(e) => {
                    out.push(e.name.text.clone());
                    uses(&e.body, out);
                }
                BodyItem::For(b) => uses(&b.body, out),
                BodyItem::If(b) => {
                    b.branches.iter().for_each(|(_, body)| uses(body, out));
                    if let Some(body) = &b.else_body {
                        uses(body, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut names: Vec<&String> = components.keys().collect();
    names.sort();
    for name in names {
        let mut stack = vec![name.clone()];
        let mut seen = Vec::new();
        let mut cyclic = false;
        while let Some(current) = stack.pop() {
            let Some(def) = components.get(&current) else {
                continue;
            };
            let mut used = Vec::new();
            def.templates.iter().for_each(|t| {
                used.push(t.name.text.clone());
                uses(&t.body, &mut used);
            });
            for u in used {
                if &u == name {
                    cyclic = true;
                } else if components.contains_key(&u) && !seen.contains(&u) {
                    seen.push(u.clone());
                    stack.push(u);
                }
            }
        }
        if cyclic && let Some(def) = components.get(name) {
            diags.push(
                Diagnostic::error("K0108", format!("component `{name}` uses itself"))
                    .at(def.name.span),
            );
        }
    }
}
