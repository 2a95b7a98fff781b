//! Building one element and its body (kry §3): properties, pseudo blocks, text, children and
//! blocks, with ids registered in their scope (kry §9 scoped ids).

use super::{blank, push_slots};
use crate::dom::Dom;
use crate::kind::ElementKind;
use crate::scope::ScopeId;
use crate::tree::{ChildSlot, Dirty, ElementId, InstanceId};
use kryon_markup::ast::{self, BodyItem};
use kryon_markup::{Diagnostic, Diagnostics};
use std::borrow::Cow;

/// Where a new element goes and what it can see.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place {
    /// Parent element.
    pub parent: Option<ElementId>,
    /// Scope for bindings.
    pub scope: ScopeId,
    /// Enclosing component instance.
    pub instance: Option<InstanceId>,
}

/// Builder state: where diagnostics go.
pub(crate) struct BuildCtx<'d> {
    pub diags: &'d mut Diagnostics,
    /// Components being expanded (guards against self-use).
    pub components: Vec<String>,
}

impl<'d> BuildCtx<'d> {
    /// A context writing into `diags`.
    pub fn top(_dom: &Dom, diags: &'d mut Diagnostics) -> Self {
        Self {
            diags,
            components: Vec::new(),
        }
    }

    /// A context for runtime expansion (diagnostics are reported by the caller).
    pub fn runtime(diags: &'d mut Diagnostics) -> Self {
        Self {
            diags,
            components: Vec::new(),
        }
    }

    /// Builds the App root.
    pub fn build_root(&mut self, dom: &mut Dom, element: &ast::Element) -> ElementId {
        let place = Place {
            parent: None,
            scope: dom.scopes.global,
            instance: None,
        };
        let id = self.new_element(dom, ElementKind::App, element, place);
        self.fill_body(dom, id, element, place);
        id
    }

    /// Builds a child element under `parent` in the parent's scope.
    pub fn build_child(
        &mut self,
        dom: &mut Dom,
        element: &ast::Element,
        parent: ElementId,
    ) -> Option<ChildSlot> {
        let (scope, instance) = dom
            .arena
            .elements
            .get(parent)
            .map(|p| (p.scope, p.instance))?;
        self.build_element(
            dom,
            element,
            Place {
                parent: Some(parent),
                scope,
                instance,
            },
        )
        .map(ChildSlot::Element)
    }

    /// Builds an element or a component instance at `place`.
    pub fn build_element(
        &mut self,
        dom: &mut Dom,
        element: &ast::Element,
        place: Place,
    ) -> Option<ElementId> {
        if let Some(def) = dom.defs.components.get(&element.name.text).cloned() {
            return super::component::instantiate(self, dom, &def, element, place);
        }
        let kind = match ElementKind::from_name(&element.name.text) {
            Some(ElementKind::App) => {
                self.diags.push(
                    Diagnostic::error("K0203", "`App` can only be the root element")
                        .at(element.name.span),
                );
                ElementKind::Container
            }
            Some(kind) => kind,
            None => {
                let mut diagnostic = Diagnostic::error(
                    "K0103",
                    format!("unknown element \"{}\"", element.name.text),
                )
                .at(element.name.span)
                .with_label("neither a built-in element nor a component");
                let mut candidates: Vec<&str> = BUILTIN_NAMES.to_vec();
                candidates.extend(dom.defs.components.keys().map(String::as_str));
                if let Some(s) = crate::style::suggest(&element.name.text, candidates) {
                    diagnostic = diagnostic.with_help(format!("did you mean \"{s}\"?"));
                }
                self.diags.push(diagnostic);
                ElementKind::Container
            }
        };
        if kind.is_reserved() {
            let kind_name = kind.name();
            if !dom.warned_reserved.contains(&kind_name) {
                dom.warned_reserved.push(kind_name);
                self.diags.push(
                    Diagnostic::warning(
                        "K0601",
                        format!("`{kind_name}` is reserved; it is drawn as a placeholder"),
                    )
                    .at(element.name.span),
                );
            }
        }
        let id = self.new_element(dom, kind, element, place);
        self.fill_body(dom, id, element, place);
        if kind == ElementKind::Canvas
            && is_3d_canvas(dom, id)
            && !dom.warned_reserved.contains(&"Canvas3d")
        {
            dom.warned_reserved.push("Canvas3d");
            self.diags.push(
                Diagnostic::warning(
                    "K0602",
                    "3D canvas is not supported yet; it is drawn as a placeholder",
                )
                .at(element.name.span),
            );
        }
        Some(id)
    }

    fn new_element(
        &mut self,
        dom: &mut Dom,
        kind: ElementKind,
        element: &ast::Element,
        place: Place,
    ) -> ElementId {
        let mut e = blank(kind, place.scope, element.span);
        e.parent = place.parent;
        e.instance = place.instance;
        dom.stats.elements_created += 1;
        let id = dom.arena.elements.insert(e);
        // New elements need a cascade, a layout node and a child list.
        dom.mark(id, Dirty::STYLE | Dirty::CHILDREN);
        id
    }

    /// Applies an element's body: properties first (so ids and classes exist before children
    /// look them up), then children and blocks in source order.
    pub fn fill_body(
        &mut self,
        dom: &mut Dom,
        id: ElementId,
        element: &ast::Element,
        place: Place,
    ) {
        let kind = dom
            .arena
            .elements
            .get(id)
            .map_or(ElementKind::Container, |e| e.kind);
        let app_window_keys = if kind == ElementKind::App {
            window_keys(&element.body)
        } else {
            [true; 3]
        };
        for item in &element.body {
            match item {
                BodyItem::Property(property) => {
                    let property = remap_app_property(kind, property, app_window_keys);
                    super::properties::apply_markup(self, dom, id, &property, place.scope);
                }
                BodyItem::PseudoBlock(block) => {
                    super::properties::apply_pseudo(self, dom, id, block, place.scope);
                }
                BodyItem::Text(lines, span) => {
                    super::properties::apply_text_lines(self, dom, id, lines, *span, place.scope);
                }
                _ => {}
            }
        }
        let child_place = Place {
            parent: Some(id),
            scope: place.scope,
            instance: place.instance,
        };
        let slots = self.build_items(dom, &element.body, child_place);
        push_slots(dom, id, slots);
    }

    /// Builds the elements and blocks among `items` at `place` (other items are skipped).
    pub fn build_items(
        &mut self,
        dom: &mut Dom,
        items: &[BodyItem],
        place: Place,
    ) -> Vec<ChildSlot> {
        let mut slots = Vec::new();
        for item in items {
            let slot = match item {
                BodyItem::Element(e) => self.build_element(dom, e, place).map(ChildSlot::Element),
                BodyItem::For(b) => Some(super::blocks::create_for(self, dom, b, place)),
                BodyItem::If(b) => Some(super::blocks::create_if(self, dom, b, place)),
                _ => None,
            };
            slots.extend(slot);
        }
        slots
    }
}

/// A Canvas with `mode: "3d"` or `config: { "mode": "3d" }` (kry §13.3).
fn is_3d_canvas(dom: &Dom, id: ElementId) -> bool {
    use crate::style::values::CanvasMode;
    use crate::style::{PropId, PropValue};
    let Some(e) = dom.arena.elements.get(id) else {
        return false;
    };
    if matches!(
        e.own.get(&PropId::Mode),
        Some(PropValue::CanvasMode(CanvasMode::ThreeD))
    ) {
        return true;
    }
    match e.own.get(&PropId::Config) {
        Some(PropValue::Any(any)) => match &any.0 {
            crate::value::Value::Object(map) => {
                map.get("mode").is_some_and(|m| m.to_string() == "3d")
            }
            _ => false,
        },
        _ => false,
    }
}

/// Built-in element names (for "did you mean" help).
pub(crate) const BUILTIN_NAMES: &[&str] = &[
    "App",
    "Container",
    "Text",
    "Link",
    "Image",
    "Button",
    "Input",
    "Canvas",
    "List",
    "Grid",
    "Scrollable",
    "Tabs",
    "Video",
    "EmbedView",
    "WasmView",
    "NativeRendererView",
];

/// Which of `window_width`, `window_height`, `window_title` an App body sets.
fn window_keys(body: &[BodyItem]) -> [bool; 3] {
    let mut found = [false; 3];
    for item in body {
        if let BodyItem::Property(p) = item {
            match p.key.text.as_str() {
                "window_width" | "w" => found[0] = true,
                "window_height" | "h" => found[1] = true,
                "window_title" => found[2] = true,
                _ => {}
            }
        }
    }
    found
}

/// App's own literal `width`, `height`, `title` mean the window's, each only when the
/// `window_*` form is absent (kry §13.1). Other properties are borrowed as written.
fn remap_app_property(
    kind: ElementKind,
    property: &ast::Property,
    window_keys: [bool; 3],
) -> Cow<'_, ast::Property> {
    if kind != ElementKind::App {
        return Cow::Borrowed(property);
    }
    let target = match property.key.text.as_str() {
        "width" if !window_keys[0] => "window_width",
        "height" if !window_keys[1] => "window_height",
        "title" if !window_keys[2] => "window_title",
        _ => return Cow::Borrowed(property),
    };
    let mut p = property.clone();
    p.key.text = target.to_owned();
    Cow::Owned(p)
}
