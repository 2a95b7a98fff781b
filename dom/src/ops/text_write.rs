//! Property writes of a string value taken borrowed: the hot path of `el.text = "…"` from a
//! script. A catalogue text property (`text`, `placeholder`, `font_family`…) is compared with the
//! own value in place and copied only when it changes; anything else is
//! [`Dom::set_property_by_name`] with the string. Semantics are identical: the own layer, dirty
//! flags and the binding bookkeeping after a script write (a pending binding recompute is
//! cancelled even when the value is unchanged).

use super::OpError;
use super::properties::{Target, resolve};
use crate::dom::Dom;
use crate::style::{PropId, PropKind, PropValue};
use crate::tree::{Dirty, ElementId};
use crate::value::Value;

/// Whether a property stores a string exactly as written: its coercion of `Value::Str(s)` is
/// `PropValue::Str(s)` (checked for every such property by a test below).
fn stores_text(prop: PropId) -> bool {
    !prop.is_shorthand() && matches!(prop.kind(), PropKind::Str | PropKind::StyleRef)
}

impl Dom {
    /// `setProperty(name, text)`: the same as [`Dom::set_property_by_name`] with
    /// `Value::Str(text)`, without copying `text` when the stored value is already equal.
    pub fn set_property_text(
        &mut self,
        el: ElementId,
        name: &str,
        text: &str,
    ) -> Result<(), OpError> {
        let target = resolve(self.alive(el)?, name);
        let Target::Prop(prop) = target else {
            return self.set_target(el, name, target, Value::Str(text.to_owned()));
        };
        if !stores_text(prop) {
            return self.set_target(el, name, target, Value::Str(text.to_owned()));
        }
        let Some(e) = self.arena.elements.get_mut(el) else {
            return Ok(());
        };
        let same = matches!(e.own.get(&prop), Some(PropValue::Str(old)) if old == text);
        if !same {
            e.own.insert(prop, PropValue::Str(text.to_owned()));
            self.mark(el, Dirty::STYLE);
        }
        // A string is truthy.
        self.after_script_write(el, prop, true);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style;

    /// The in-place comparison relies on text properties storing the string as written.
    #[test]
    fn text_properties_store_the_string_as_written() {
        for &prop in PropId::ALL.iter().filter(|p| stores_text(**p)) {
            for text in ["", "x", "Hello, world", "#ff0000", "50%"] {
                assert_eq!(
                    style::coerce(prop, &Value::Str(text.to_owned())).ok(),
                    Some(PropValue::Str(text.to_owned())),
                    "{}",
                    prop.name()
                );
            }
        }
    }
}
