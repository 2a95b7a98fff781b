//! Building a [`Dom`] from a parsed [`Document`] (script-api.md §1.2 steps 2–3).
//!
//! Order: collect definitions (styles, components, keyframes), create every variable with its
//! initial value (initializers may read other variables; cycles are K0108), then build the
//! element tree from the root, expanding components and the initial `@for`/`@if` blocks and
//! registering a binding for every value that mentions `$`. Load-time problems go to the
//! returned diagnostics; the builder keeps going after errors so `kryon check` reports them all.

pub(crate) mod blocks;
mod component;
mod element;
pub(crate) mod properties;
mod variables;

use crate::dom::{Definitions, Dom};
use crate::kind::ElementKind;
use crate::style::StyleSheet;
use crate::tree::{ChildSlot, Element};
use kryon_markup::ast::{self, Item};
use kryon_markup::{Diagnostic, Diagnostics, Document, Span};
use std::collections::HashMap;
use std::rc::Rc;

pub(crate) use element::{BUILTIN_NAMES, BuildCtx};

/// Builds the tree. The `Dom` is returned even when there are errors (for `kryon check`), but a
/// caller must not run an app whose diagnostics contain errors (kry §16.2).
pub fn build(document: Document) -> (Dom, Diagnostics) {
    let document = Rc::new(document);
    let mut diags = Diagnostics::default();
    let mut dom = Dom::empty(document.clone());

    let mut style_defs = Vec::new();
    let mut components: HashMap<String, Rc<ast::ComponentDef>> = HashMap::new();
    let mut keyframes = HashMap::new();
    let mut variables = Vec::new();
    let mut roots = Vec::new();
    let mut fonts = Vec::new();
    for item in &document.items {
        match item {
            Item::Style(def) => style_defs.push(def),
            Item::Component(def) => {
                if ElementKind::from_name(&def.name.text).is_some() {
                    diags.push(
                        Diagnostic::error(
                            "K0406",
                            format!(
                                "component \"{}\" clashes with a built-in element",
                                def.name.text
                            ),
                        )
                        .at(def.name.span),
                    );
                    continue;
                }
                if def.templates.len() != 1 {
                    diags.push(
                        Diagnostic::error(
                            "K0209",
                            format!(
                                "`Define {}` needs exactly one template root, found {}",
                                def.name.text,
                                def.templates.len()
                            ),
                        )
                        .at(def.name.span),
                    );
                }
                if components
                    .insert(def.name.text.clone(), Rc::new(def.clone()))
                    .is_some()
                {
                    diags.push(
                        Diagnostic::warning(
                            "K0109",
                            format!(
                                "component \"{}\" is defined again; the later one wins",
                                def.name.text
                            ),
                        )
                        .at(def.name.span),
                    );
                }
            }
            Item::Keyframes(def) => {
                keyframes.insert(def.name.text.clone(), Rc::new(def.clone()));
            }
            Item::Variable(decl) => variables.push(decl),
            Item::Element(element) => roots.push(element),
            Item::Font(def) => fonts.push(def),
            Item::Script(_) | Item::Function(_) => {}
        }
    }
    component::check_self_use(&components, &mut diags);

    let sheet = StyleSheet::compile(&style_defs, &mut diags);
    dom.defs = Rc::new(Definitions {
        sheet,
        components,
        keyframes,
    });
    variables::declare(&mut dom, &variables, &mut diags);

    // One arena growth up front: the elements are large, so doubling would copy them all.
    let written: usize = roots.iter().map(|e| count_elements(e)).sum();
    dom.arena.elements.reserve(written);

    let app_index = roots.iter().position(|e| e.name.text == "App");
    let root = match app_index {
        Some(i) => {
            let mut ctx = BuildCtx::top(&dom, &mut diags);
            // Other top-level elements beside the App are K0203, reported by the loader.

            ctx.build_root(&mut dom, roots[i])
        }
        None => {
            // Compat: top-level elements are wrapped in an implicit 800×600 App.
            let implicit = ast::Element {
                name: ast::Name {
                    text: "App".into(),
                    span: Span::default(),
                },
                body: Vec::new(),
                span: Span::default(),
            };
            let mut ctx = BuildCtx::top(&dom, &mut diags);
            let root = ctx.build_root(&mut dom, &implicit);
            for element in &roots {
                if let Some(slot) = ctx.build_child(&mut dom, element, root) {
                    push_slot(&mut dom, root, slot);
                }
            }
            root
        }
    };
    dom.root = root;
    dom.arena.refresh_children(root);
    load_fonts(&mut dom, &fonts, &mut diags);
    // Resolve styles now so load-time checks (K0111) see computed values; `update` then
    // finds nothing dirty but layout.
    dom.run_bindings();
    dom.run_styles();
    check_font_families(&dom, &mut diags);
    // Decode images now so a missing one (K0409) is a load diagnostic.
    dom.load_images();
    // Problems found while evaluating bindings for the first time are load-time diagnostics.
    diags.extend(dom.take_diagnostics());
    (dom, diags)
}

/// Elements written in `element`'s subtree, itself included (a lower bound of what building it
/// creates: components and `@for` bodies may add more).
fn count_elements(element: &ast::Element) -> usize {
    1 + element
        .body
        .iter()
        .map(|item| match item {
            ast::BodyItem::Element(child) => count_elements(child),
            _ => 0,
        })
        .sum::<usize>()
}

/// Adds every `font "family" "file"` to the text engine under its declared family name.
fn load_fonts(dom: &mut Dom, fonts: &[&ast::FontDef], diags: &mut Diagnostics) {
    for def in fonts {
        match dom.layout.tree.add_font_file(&def.path) {
            Ok(families) => {
                let engine = dom.layout.tree.text_engine_mut();
                for family in families {
                    if !family.eq_ignore_ascii_case(&def.family.text) {
                        engine.add_family_alias(&def.family.text, &family);
                    }
                }
            }
            Err(e) => diags.push(
                Diagnostic::error("K0408", format!("font file is unreadable: {e}"))
                    .at(def.path_span),
            ),
        }
    }
}

/// K0111: a `font_family` that is neither declared nor bundled (the bundled sans is used).
fn check_font_families(dom: &Dom, diags: &mut Diagnostics) {
    let mut reported: Vec<&str> = Vec::new();
    // Nearly every element has the same family: remember the ones found rather than asking the
    // engine (a map lookup) per element.
    let mut known: Vec<&str> = Vec::new();
    let engine = dom.layout.tree.text_engine();
    for (_, element) in dom.arena.elements.iter() {
        let family = element.computed.font_family.as_str();
        if !element.kind.has_text() || reported.contains(&family) || known.contains(&family) {
            continue;
        }
        if engine.has_family(family) {
            known.push(family);
            continue;
        }
        reported.push(family);
        diags.push(
            Diagnostic::warning("K0111", format!("unknown font family \"{family}\" (the default font is used)"))
                .at(element.span)
                .with_help("declare it with `font \"family\" \"file.ttf\"`, or use \"default\" or \"monospace\""),
        );
    }
}

/// Instantiates component `name` at runtime with no parent (`createElement`, script-api
/// §4.3): its properties take their defaults and the instance id is `id` or `<Name>_<n>`,
/// scoped by `context`. Returns the root (`None` when the component is unknown or cannot be
/// built) and the problems found while building it.
pub(crate) fn instantiate_detached(
    dom: &mut Dom,
    name: &str,
    id: Option<&str>,
    context: Option<crate::tree::InstanceId>,
) -> (Option<crate::tree::ElementId>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let Some(def) = dom.defs.components.get(name).cloned() else {
        return (None, diags);
    };
    let span = Span::default();
    let mut body = Vec::new();
    if let Some(id) = id {
        body.push(ast::BodyItem::Property(ast::Property {
            key: ast::Name {
                text: "id".into(),
                span,
            },
            value: ast::Value {
                kind: ast::ValueKind::Expr(ast::Expr {
                    kind: ast::ExprKind::Text(id.to_owned()),
                    span,
                }),
                span,
            },
            span,
        }));
    }
    let use_site = ast::Element {
        name: ast::Name {
            text: name.to_owned(),
            span,
        },
        body,
        span,
    };
    let place = element::Place {
        parent: None,
        scope: dom.scopes.global,
        instance: context,
    };
    let mut ctx = BuildCtx::runtime(&mut diags);
    let root = component::instantiate(&mut ctx, dom, &def, &use_site, place);
    (root, diags)
}

/// Appends a child position to an element and refreshes its flattened children.
pub(crate) fn push_slot(dom: &mut Dom, parent: crate::tree::ElementId, slot: ChildSlot) {
    push_slots(dom, parent, vec![slot]);
}

/// Appends child positions to an element and refreshes its flattened children once (refreshing
/// per slot would make building a long child list quadratic).
pub(crate) fn push_slots(dom: &mut Dom, parent: crate::tree::ElementId, slots: Vec<ChildSlot>) {
    if slots.is_empty() {
        return;
    }
    if let Some(p) = dom.arena.elements.get_mut(parent) {
        p.slots.extend(slots);
    }
    dom.arena.refresh_children(parent);
}

/// A blank element of a kind (filled by the builder).
pub(crate) fn blank(kind: ElementKind, scope: crate::scope::ScopeId, span: Span) -> Element {
    Element {
        kind,
        local_id: None,
        scoped_id: None,
        parent: None,
        slots: Vec::new(),
        children: Vec::new(),
        scope,
        instance: None,
        own: Default::default(),
        own_pseudo: Vec::new(),
        custom: Default::default(),
        classes: Vec::new(),
        handlers: Vec::new(),
        states: Default::default(),
        key: None,
        computed: crate::style::ComputedStyle::shared_initial(),
        dirty: crate::tree::Dirty::empty(),
        bindings: Vec::new(),
        span,
        src_span: None,
    }
}
