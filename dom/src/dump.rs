//! Tree dumps for `kryon dump`: JSON (one object per element) and an indented text outline.
//!
//! Coordinates are absolute border boxes in logical px from the last layout.

use crate::dom::Dom;
use crate::style::values::Handler;
use crate::tree::ElementId;
use serde_json::{Map, Value as Json, json};

impl Dom {
    /// The tree as JSON: `{"type", "id", "x", "y", "width", "height", "children", …}`.
    pub fn dump_json(&self) -> Json {
        self.element_json(self.root)
    }

    fn element_json(&self, id: ElementId) -> Json {
        let Some(e) = self.arena.elements.get(id) else {
            return Json::Null;
        };
        let mut obj = Map::new();
        obj.insert("type".into(), json!(e.kind.name()));
        if let Some(scoped) = &e.scoped_id {
            obj.insert("id".into(), json!(scoped));
        }
        let rect = self.box_of(id).unwrap_or_default();
        obj.insert("x".into(), json!(round2(rect.x)));
        obj.insert("y".into(), json!(round2(rect.y)));
        obj.insert("width".into(), json!(round2(rect.width)));
        obj.insert("height".into(), json!(round2(rect.height)));
        if let Some(instance) = e.instance.and_then(|i| self.arena.instances.get(i))
            && instance.root == id
        {
            obj.insert("component".into(), json!(instance.component));
        }
        if !e.classes.is_empty() {
            obj.insert("classes".into(), json!(e.classes));
        }
        if e.kind.has_text() {
            obj.insert("text".into(), json!(e.computed.display_text()));
        }
        if !e.computed.is_visible() {
            obj.insert("visible".into(), json!(false));
        }
        if !e.computed.is_displayed() {
            obj.insert("display".into(), json!("none"));
        }
        let style = self.style_summary(id);
        if !style.is_empty() {
            obj.insert("style".into(), Json::Object(style));
        }
        if !e.custom.is_empty() {
            let custom: Map<String, Json> = e
                .custom
                .iter()
                .map(|(k, v)| (k.clone(), json!(v.to_string())))
                .collect();
            obj.insert("custom".into(), Json::Object(custom));
        }
        if !e.handlers.is_empty() {
            let handlers: Map<String, Json> = e
                .handlers
                .iter()
                .map(|(k, h)| {
                    let text = match h {
                        Handler::Name(n) | Handler::Code(n) => n.clone(),
                        Handler::Call { name, .. } => format!("{name}(…)"),
                        Handler::Reference(_) => "$…".to_owned(),
                    };
                    (k.clone(), json!(text))
                })
                .collect();
            obj.insert("handlers".into(), Json::Object(handlers));
        }
        let children: Vec<Json> = e.children.iter().map(|c| self.element_json(*c)).collect();
        obj.insert("children".into(), Json::Array(children));
        Json::Object(obj)
    }

    /// Resolved visual style worth showing (non-default colours and the like).
    fn style_summary(&self, id: ElementId) -> Map<String, Json> {
        let mut map = Map::new();
        let Some(e) = self.arena.elements.get(id) else {
            return map;
        };
        for (name, value) in e.computed.summary() {
            map.insert(name.to_owned(), json!(value));
        }
        map
    }

    /// An indented outline: `Type#id [x, y, w×h] "text"`.
    pub fn dump_text(&self) -> String {
        let mut out = String::new();
        self.element_text(self.root, 0, &mut out);
        out
    }

    fn element_text(&self, id: ElementId, depth: usize, out: &mut String) {
        use std::fmt::Write;
        let Some(e) = self.arena.elements.get(id) else {
            return;
        };
        let rect = self.box_of(id).unwrap_or_default();
        let _ = write!(out, "{:indent$}{}", "", e.kind.name(), indent = depth * 2);
        if let Some(scoped) = &e.scoped_id {
            let _ = write!(out, "#{scoped}");
        }
        for class in &e.classes {
            let _ = write!(out, ".{class}");
        }
        let _ = write!(
            out,
            " [{}, {}, {}×{}]",
            round2(rect.x),
            round2(rect.y),
            round2(rect.width),
            round2(rect.height)
        );
        if e.kind.has_text() {
            let _ = write!(out, " {:?}", e.computed.display_text());
        }
        if !e.computed.is_visible() {
            out.push_str(" (hidden)");
        }
        if !e.computed.is_displayed() {
            out.push_str(" (display: none)");
        }
        out.push('\n');
        for child in &e.children {
            self.element_text(*child, depth + 1, out);
        }
    }
}

fn round2(v: f32) -> f64 {
    (f64::from(v) * 100.0).round() / 100.0
}
