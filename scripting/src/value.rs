//! The neutral value (script-api §6): what crosses between engines, and between engines and the
//! runtime. Engine values never leave their engine's module; only [`Value`] does.

use indexmap::IndexMap;
use kryon_dom::ElementId;
use std::sync::Arc;

/// Which engine instance owns a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EngineId(pub u32);

/// A function living in one engine. Valid only in that engine (§4.9); the engine keeps the
/// closure alive until [`crate::Engine::release`] is called for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FunctionRef {
    /// Owning engine.
    pub engine: EngineId,
    /// Engine-local key.
    pub key: u64,
}

/// Kinds of runtime objects scripts hold handles to (besides elements).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HandleKind {
    /// `kryon.animate`/`sequence`/`parallel` handle.
    Animation,
    /// `kryon.async` task.
    Task,
}

/// A handle to a runtime object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HandleRef {
    /// What it refers to.
    pub kind: HandleKind,
    /// Runtime id.
    pub id: u64,
}

/// An event being dispatched: its fields, plus the dispatch it belongs to so
/// `preventDefault()` and friends can reach it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventValue {
    /// Dispatch id (0 once the dispatch finished).
    pub dispatch: u64,
    /// `type`, `target`, `x`, … (§4.4); fields that do not apply are absent.
    pub fields: IndexMap<String, Value>,
}

/// The neutral value.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Value {
    /// nil / null / undefined.
    #[default]
    Null,
    /// Boolean.
    Bool(bool),
    /// Integer (Lua integer subtype; JS integral numbers).
    Int(i64),
    /// Any other number.
    Float(f64),
    /// Text.
    String(Arc<str>),
    /// Array.
    Array(Vec<Value>),
    /// Object (Lua tables: keys sorted; JS: insertion order).
    Object(IndexMap<String, Value>),
    /// A function of one engine.
    Function(FunctionRef),
    /// An element handle (generation-checked).
    Element(ElementId),
    /// An animation or task handle.
    Handle(HandleRef),
    /// An event object.
    Event(Box<EventValue>),
}

impl Value {
    /// A string value.
    pub fn str(s: &str) -> Value {
        Value::String(Arc::from(s))
    }

    /// The type name used in argument errors (`expected string, got nil`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "nil",
            Value::Bool(_) => "boolean",
            Value::Int(_) | Value::Float(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) | Value::Object(_) => "table",
            Value::Function(_) => "function",
            Value::Element(_) => "element",
            Value::Handle(h) => match h.kind {
                HandleKind::Animation => "animation",
                HandleKind::Task => "task",
            },
            Value::Event(_) => "event",
        }
    }

    /// The number, for `Int` and `Float`.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }

    /// The text, for `String`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Lua/JS truthiness as the runtime sees it (nil and false are falsy).
    pub fn truthy(&self) -> bool {
        !matches!(self, Value::Null | Value::Bool(false))
    }

    /// The element, for `Element`.
    pub fn as_element(&self) -> Option<ElementId> {
        match self {
            Value::Element(e) => Some(*e),
            _ => None,
        }
    }

    /// Converts a markup/runtime value into a neutral one: colours become `"#RRGGBBAA"`.
    pub fn from_dom(value: kryon_dom::Value) -> Value {
        use kryon_dom::Value as D;
        match value {
            D::Null => Value::Null,
            D::Bool(b) => Value::Bool(b),
            D::Int(i) => Value::Int(i),
            D::Float(f) => Value::Float(f),
            D::Str(s) => Value::String(Arc::from(s)),
            D::Color(c) => Value::String(Arc::from(c.to_hex())),
            D::Array(items) => Value::Array(items.into_iter().map(Value::from_dom).collect()),
            D::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| (k, Value::from_dom(v)))
                    .collect(),
            ),
        }
    }

    /// Converts into a runtime value. Functions, handles and events have no runtime form
    /// (S0109); elements are refused too, since the tree stores no references.
    pub fn to_dom(&self) -> Result<kryon_dom::Value, String> {
        use kryon_dom::Value as D;
        Ok(match self {
            Value::Null => D::Null,
            Value::Bool(b) => D::Bool(*b),
            Value::Int(i) => D::Int(*i),
            Value::Float(f) => D::Float(*f),
            Value::String(s) => D::Str(s.to_string()),
            Value::Array(items) => {
                D::Array(items.iter().map(Value::to_dom).collect::<Result<_, _>>()?)
            }
            Value::Object(map) => D::Object(
                map.iter()
                    .map(|(k, v)| Ok((k.clone(), v.to_dom()?)))
                    .collect::<Result<_, String>>()?,
            ),
            other => return Err(format!("a {} cannot be stored", other.type_name())),
        })
    }

    /// Deep equality used for "a write equal to the current value is a no-op".
    pub fn deep_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Int(a), Value::Float(b)) | (Value::Float(b), Value::Int(a)) => {
                (*a as f64) == *b
            }
            _ => self == other,
        }
    }
}

/// A value on the property fast path ([`crate::Bridge::set_named`]): text borrowed from the
/// engine's own string, so no shared buffer is built for it; anything else as a [`Value`].
#[derive(Debug, Clone, PartialEq)]
pub enum FieldArg<'a> {
    /// A string.
    Text(&'a str),
    /// Any other value.
    Value(Value),
}

impl FieldArg<'_> {
    /// As a neutral value.
    pub fn into_value(self) -> Value {
        match self {
            FieldArg::Text(s) => Value::str(s),
            FieldArg::Value(v) => v,
        }
    }

    /// The type name used in argument errors.
    pub fn type_name(&self) -> &'static str {
        match self {
            FieldArg::Text(_) => "string",
            FieldArg::Value(v) => v.type_name(),
        }
    }
}

/// What a read on the property fast path ([`crate::Bridge::get_named`]) answers: text as the
/// runtime's own `String` (the engine copies it into its string once), anything else as a
/// [`Value`].
#[derive(Debug, Clone, PartialEq)]
pub enum FieldOut {
    /// A string.
    Text(String),
    /// Any other value.
    Value(Value),
}

impl FieldOut {
    /// From a runtime value, keeping text as it is.
    pub fn from_dom(value: kryon_dom::Value) -> FieldOut {
        match value {
            kryon_dom::Value::Str(s) => FieldOut::Text(s),
            kryon_dom::Value::Color(c) => FieldOut::Text(c.to_hex()),
            other => FieldOut::Value(Value::from_dom(other)),
        }
    }

    /// As a neutral value.
    pub fn into_value(self) -> Value {
        match self {
            FieldOut::Text(s) => Value::from(s),
            FieldOut::Value(v) => v,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::str(s)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(Arc::from(s))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Float(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_round_trip_keeps_types_and_turns_colours_into_hex() {
        let dom = kryon_dom::Value::Array(vec![
            kryon_dom::Value::Int(3),
            kryon_dom::Value::Float(0.5),
            kryon_dom::Value::Color(kryon_dom::Color::parse("#ff0000").unwrap_or_default()),
        ]);
        let neutral = Value::from_dom(dom);
        assert_eq!(
            neutral,
            Value::Array(vec![
                Value::Int(3),
                Value::Float(0.5),
                Value::str("#FF0000FF")
            ])
        );
        assert!(neutral.to_dom().is_ok());
        let f = Value::Function(FunctionRef {
            engine: EngineId(0),
            key: 1,
        });
        assert!(f.to_dom().is_err());
        assert!(Value::Int(2).deep_eq(&Value::Float(2.0)));
    }
}
