//! The in-app error overlay (script-api §7): a dismissable panel at the bottom of the window
//! listing script errors, newest first, identical ones collapsed into a ×N counter. It is
//! built from ordinary elements appended to the App (so both renderers draw it), takes the
//! pointer events that land on it (a click dismisses it), and is off with App
//! `error_overlay: false`.

use crate::input::InputEvent;
use kryon_dom::Dom;
use kryon_dom::Value;
use kryon_dom::tree::ElementId;

/// Entries shown at most.
const MAX_ENTRIES: usize = 5;

#[derive(Debug, Default)]
pub(crate) struct ErrorOverlay {
    root: Option<ElementId>,
    /// (first line of the rendered error, count), newest first.
    entries: Vec<(String, usize)>,
}

fn props(pairs: &[(&str, Value)]) -> Vec<(String, Value)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

impl ErrorOverlay {
    /// Adds errors (rendered) and rebuilds the panel.
    pub fn add(&mut self, dom: &mut Dom, errors: &[String]) {
        let enabled = !matches!(
            dom.own_property(dom.root, "error_overlay"),
            Ok(Value::Bool(false))
        );
        if !enabled || errors.is_empty() {
            return;
        }
        for error in errors {
            let line = error.lines().next().unwrap_or("").to_owned();
            match self.entries.iter().position(|(l, _)| *l == line) {
                Some(i) => {
                    let (l, n) = self.entries.remove(i);
                    self.entries.insert(0, (l, n + 1));
                }
                None => self.entries.insert(0, (line, 1)),
            }
        }
        self.entries.truncate(MAX_ENTRIES);
        self.rebuild(dom);
    }

    fn rebuild(&mut self, dom: &mut Dom) {
        if let Some(old) = self.root.take()
            && dom.is_alive(old)
        {
            let _ = dom.remove_element(old);
        }
        let panel = props(&[
            ("id", Value::Str("__kryon_error_overlay".into())),
            ("position", Value::Str("absolute".into())),
            ("left", Value::Int(0)),
            ("right", Value::Int(0)),
            ("bottom", Value::Int(0)),
            ("z_index", Value::Int(2_000_000)),
            ("flex_direction", Value::Str("column".into())),
            ("gap", Value::Int(4)),
            ("padding", Value::Str("8 12".into())),
            ("background_color", Value::Str("#3B0D0DEE".into())),
            ("border_top_width", Value::Int(2)),
            ("border_color", Value::Str("#EF4444FF".into())),
        ]);
        let Ok(root) = dom.create_element("Container", panel, None) else {
            return;
        };
        let title = format!(
            "Script errors ({}) — click to dismiss",
            self.entries.iter().map(|(_, n)| n).sum::<usize>()
        );
        let mut lines = vec![(title, "#FCA5A5FF", 12)];
        for (line, count) in &self.entries {
            let text = if *count > 1 {
                format!("{line}  ×{count}")
            } else {
                line.clone()
            };
            lines.push((text, "#FFFFFFFF", 13));
        }
        for (text, color, size) in lines {
            let text_props = props(&[
                ("text", Value::Str(text)),
                ("text_color", Value::Str(color.into())),
                ("font_size", Value::Int(size)),
            ]);
            if let Ok(t) = dom.create_element("Text", text_props, None) {
                let _ = dom.insert_child(root, t, None);
            }
        }
        let app = dom.root;
        if dom.insert_child(app, root, None).is_ok() {
            self.root = Some(root);
        }
    }

    /// True when `event` lands on the panel: the app does not see it, and a release there
    /// dismisses the panel.
    pub fn consumes(&mut self, dom: &mut Dom, event: &InputEvent) -> bool {
        let Some(root) = self.root.filter(|r| dom.is_alive(*r)) else {
            return false;
        };
        let (x, y, release) = match *event {
            InputEvent::Press { x, y, .. } => (x, y, false),
            InputEvent::Release { x, y, .. } => (x, y, true),
            _ => return false,
        };
        let mut hit = dom.hit_test(x, y);
        let mut inside = false;
        while let Some(el) = hit {
            if el == root {
                inside = true;
                break;
            }
            hit = dom.arena.elements.get(el).and_then(|e| e.parent);
        }
        if inside && release {
            let _ = dom.remove_element(root);
            self.root = None;
            self.entries.clear();
        }
        inside
    }
}
