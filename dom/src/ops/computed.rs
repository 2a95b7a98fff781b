//! `getComputed` and field reads (script-api §3.2): the effective value after the cascade.
//!
//! Reads stay fresh (kry §6.4): pending bindings run first, then the style pass (which only
//! visits dirty paths). A detached element has no cascade until attached; its own values are
//! read over its last computed style.

use super::OpError;
use super::properties::{Target, input_type, resolve};
use super::read;
use crate::dom::Dom;
use crate::kind::ElementKind;
use crate::style::PropId;
use crate::style::values::InputType;
use crate::tree::ElementId;
use crate::value::{Color, Value};

impl Dom {
    /// `getComputed(name)`: colours as `"#RRGGBBAA"`, px lengths as numbers, other lengths
    /// as strings, enums as names, `text` as the displayed text, an Input's `value` typed by
    /// its input type; non-catalogue names read custom data.
    pub fn computed_property(&mut self, el: ElementId, name: &str) -> Result<Value, OpError> {
        self.alive(el)?;
        self.run_bindings();
        let attached = self.is_ancestor_or_self(self.root, el);
        if attached {
            // Visits only dirty paths; a no-op when nothing is style-dirty.
            self.run_styles();
        }
        let e = self.alive(el)?;
        Ok(match resolve(e, name) {
            Target::Id => e.scoped_id.clone().map_or(Value::Null, Value::Str),
            Target::Classes => Value::Str(e.classes.join(" ")),
            Target::Handler(key) => self
                .handler(el, key)
                .map_or(Value::Null, read::handler_value),
            Target::Custom(key) => e.custom.get(key).cloned().unwrap_or(Value::Null),
            Target::Prop(prop) => {
                let own = (!attached).then(|| e.own.get(&prop)).flatten();
                match own {
                    // Detached: the own layer is the freshest thing there is.
                    Some(v) if prop != PropId::Value => read::prop_value(v),
                    _ => {
                        let c = &e.computed;
                        if prop == PropId::Value && e.kind == ElementKind::Input {
                            let raw = match own {
                                Some(v) => read::prop_value(v),
                                None => c.input.value.0.clone(),
                            };
                            input_value(input_type(e), &raw)
                        } else {
                            read::computed_value(c, prop).unwrap_or_else(|| {
                                e.own.get(&prop).map_or(Value::Null, read::prop_value)
                            })
                        }
                    }
                }
            }
        })
    }
}

/// An Input's value typed per script-api §3.2: text for text-like, date/time and `color`
/// (`"#RRGGBBAA"`); a number (or `Null` when empty or invalid) for `number`/`range`; the value
/// string for checkbox/radio; the path (or array) for `file`.
fn input_value(ty: InputType, raw: &Value) -> Value {
    let text = || match raw {
        Value::Null => String::new(),
        other => other.to_string(),
    };
    match ty {
        InputType::Number | InputType::Range => match raw {
            Value::Str(s) if s.trim().is_empty() => Value::Null,
            other => other.to_number().map_or(Value::Null, Value::number),
        },
        InputType::Color => match raw {
            Value::Color(c) => Value::Str(c.to_hex()),
            Value::Str(s) => {
                Color::parse(s).map_or_else(|| Value::Str(s.clone()), |c| Value::Str(c.to_hex()))
            }
            _ => Value::Str(text()),
        },
        InputType::File => match raw {
            Value::Array(_) => raw.clone(),
            Value::Null => Value::Null,
            _ => Value::Str(text()),
        },
        _ => Value::Str(text()),
    }
}
