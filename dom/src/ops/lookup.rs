//! Element lookup (script-api §4.1): `getElementById` with scoped (`picker.menu`) and plain
//! ids, `getElementsByClass` and `getElementsByTag`.
//!
//! Plain ids follow the §4.1 algorithm: inside a component context, the innermost enclosing
//! instance with a match wins; otherwise a single match, else the one outside every instance,
//! else the first in document order with warning S0201.

use crate::dom::Dom;
use crate::tree::{ElementId, InstanceId};
use kryon_markup::Diagnostic;

impl Dom {
    /// `getElementById(id)` seen from a component context (`None` at the top level).
    pub fn lookup_id(&mut self, id: &str, context: Option<InstanceId>) -> Option<ElementId> {
        if id.is_empty() {
            return None;
        }
        if id.contains('.') {
            return self.element_by_id(id);
        }
        // Fast path: at the top level, the element registered under the bare id lies outside
        // every instance, which step 4 prefers anyway.
        if context.is_none()
            && let Some(el) = self.element_by_id(id)
            && self
                .arena
                .elements
                .get(el)
                .is_some_and(|e| e.instance.is_none())
        {
            return Some(el);
        }
        let matches: Vec<ElementId> = self
            .arena
            .elements
            .iter()
            .filter(|(_, e)| e.local_id.as_deref() == Some(id))
            .map(|(k, _)| k)
            .collect();
        if matches.is_empty() {
            return None;
        }
        // Step 2: innermost enclosing instance with a match, outward.
        let mut inst = context;
        while let Some(i) = inst {
            let inside: Vec<ElementId> = matches
                .iter()
                .copied()
                .filter(|m| self.arena.elements.get(*m).and_then(|e| e.instance) == Some(i))
                .collect();
            if !inside.is_empty() {
                return self.first_in_document_order(&inside);
            }
            inst = self.arena.instances.get(i).and_then(|x| x.parent);
        }
        if let [only] = matches.as_slice() {
            return Some(*only);
        }
        let outside: Vec<ElementId> = matches
            .iter()
            .copied()
            .filter(|m| {
                self.arena
                    .elements
                    .get(*m)
                    .is_some_and(|e| e.instance.is_none())
            })
            .collect();
        if !outside.is_empty() {
            return self.first_in_document_order(&outside);
        }
        let first = self.first_in_document_order(&matches)?;
        let hint = self
            .arena
            .elements
            .get(first)
            .and_then(|e| e.scoped_id.clone())
            .unwrap_or_else(|| id.to_owned());
        self.report(Diagnostic::warning(
            "S0201",
            format!(
                "ambiguous id \"{id}\": {} matches; use \"{hint}\"",
                matches.len()
            ),
        ));
        Some(first)
    }

    /// `getElementsByClass(name)`: elements carrying the class, in document order.
    pub fn elements_by_class(&self, class: &str) -> Vec<ElementId> {
        self.arena
            .descendants(self.root)
            .into_iter()
            .filter(|el| {
                self.arena
                    .elements
                    .get(*el)
                    .is_some_and(|e| e.classes.iter().any(|c| c == class))
            })
            .collect()
    }

    /// `getElementsByTag(type)`: elements of a type (case-insensitive; a component name matches
    /// its instance roots), in document order.
    pub fn elements_by_tag(&self, tag: &str) -> Vec<ElementId> {
        self.arena
            .descendants(self.root)
            .into_iter()
            .filter(|el| {
                self.tag_of(*el).eq_ignore_ascii_case(tag)
                    || self
                        .arena
                        .elements
                        .get(*el)
                        .is_some_and(|e| e.kind.name().eq_ignore_ascii_case(tag))
            })
            .collect()
    }

    /// The first of `candidates` in document order (attached before detached).
    fn first_in_document_order(&self, candidates: &[ElementId]) -> Option<ElementId> {
        if candidates.len() == 1 {
            return candidates.first().copied();
        }
        self.document_order()
            .into_iter()
            .find(|e| candidates.contains(e))
    }
}
