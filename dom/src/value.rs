//! The neutral value type of variables, bindings and properties.
//!
//! [`Value`] is what a variable holds and what an expression evaluates to. Its rules come from
//! kry-language.md: numbers are stored as `Int` when integral and finite (§6.2), formatting to
//! text follows §6.6, truthiness and loose equality follow §7. Script engines convert to and from
//! this type; engine values never cross into the tree.

use std::collections::BTreeMap;
use std::fmt;

/// An RGBA colour with 8-bit straight (non-premultiplied) sRGB channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Alpha (255 = opaque).
    pub a: u8,
}

impl Color {
    /// Fully transparent black.
    pub const TRANSPARENT: Color = Color {
        r: 0,
        g: 0,
        b: 0,
        a: 0,
    };
    /// Opaque black.
    pub const BLACK: Color = Color {
        r: 0,
        g: 0,
        b: 0,
        a: 255,
    };
    /// Opaque white.
    pub const WHITE: Color = Color {
        r: 255,
        g: 255,
        b: 255,
        a: 255,
    };

    /// Creates a colour from channels.
    pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Self {
        Self { r, g, b, a }
    }

    /// Parses `#RGB`, `#RGBA`, `#RRGGBB`, `#RRGGBBAA`, `transparent`, `rgb(r, g, b)` and
    /// `rgba(r, g, b, a)` (kry §4.2). Surrounding whitespace is ignored.
    pub fn parse(text: &str) -> Option<Color> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("transparent") {
            return Some(Color::TRANSPARENT);
        }
        if let Some(hex) = text.strip_prefix('#') {
            return Self::from_hex(hex);
        }
        let lower = text.to_ascii_lowercase();
        let (inner, has_alpha) = if let Some(rest) = lower.strip_prefix("rgba(") {
            (rest.strip_suffix(')')?, true)
        } else if let Some(rest) = lower.strip_prefix("rgb(") {
            (rest.strip_suffix(')')?, false)
        } else {
            return None;
        };
        let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
        if parts.len() != if has_alpha { 4 } else { 3 } {
            return None;
        }
        let channel = |s: &str| -> Option<u8> {
            let v: f64 = s.parse().ok()?;
            (v.is_finite()).then(|| v.round().clamp(0.0, 255.0) as u8)
        };
        let alpha = if has_alpha {
            let a: f64 = parts[3].parse().ok()?;
            if !a.is_finite() {
                return None;
            }
            (a.clamp(0.0, 1.0) * 255.0).round() as u8
        } else {
            255
        };
        Some(Color::rgba(
            channel(parts[0])?,
            channel(parts[1])?,
            channel(parts[2])?,
            alpha,
        ))
    }

    /// Parses the hex digits after `#` (3, 4, 6 or 8 of them).
    pub fn from_hex(hex: &str) -> Option<Color> {
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).ok();
        let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        match hex.len() {
            3 | 4 => {
                let d = |i| digit(i).map(|v| v * 17);
                let a = if hex.len() == 4 { d(3)? } else { 255 };
                Some(Color::rgba(d(0)?, d(1)?, d(2)?, a))
            }
            6 | 8 => {
                let a = if hex.len() == 8 { pair(6)? } else { 255 };
                Some(Color::rgba(pair(0)?, pair(2)?, pair(4)?, a))
            }
            _ => None,
        }
    }

    /// `#RRGGBBAA`, upper case (how colours are shown to scripts and in text).
    pub fn to_hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}{:02X}", self.r, self.g, self.b, self.a)
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// A runtime value.
#[derive(Debug, Clone, Default)]
pub enum Value {
    /// `null`
    #[default]
    Null,
    /// Boolean.
    Bool(bool),
    /// Integral finite number.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// Text.
    Str(String),
    /// Colour.
    Color(Color),
    /// Array.
    Array(Vec<Value>),
    /// Object, keys in order.
    Object(BTreeMap<String, Value>),
}

impl Value {
    /// A number, stored as `Int` when integral and finite (kry §6.2).
    pub fn number(n: f64) -> Value {
        if n.is_finite() && n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
            Value::Int(n as i64)
        } else {
            Value::Float(n)
        }
    }

    /// A string value.
    pub fn str(s: impl Into<String>) -> Value {
        Value::Str(s.into())
    }

    /// The number this value holds, if it is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// A number, or a string that parses as one (kry §7 "numeric strings").
    pub fn to_number(&self) -> Option<f64> {
        match self {
            Value::Str(s) => parse_numeric(s),
            other => other.as_f64(),
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Truthiness (kry §7): `false`, `null`, `0`, `NaN`, `""`, `"false"` and `[]` are false.
    pub fn truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0 && !f.is_nan(),
            Value::Str(s) => !s.is_empty() && s != "false",
            Value::Color(_) | Value::Object(_) => true,
            Value::Array(a) => !a.is_empty(),
        }
    }

    /// Name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) | Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Color(_) => "colour",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// Loose equality of `==` (kry §7).
    pub fn loose_eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Null, Null) => true,
            (Bool(a), Bool(b)) => a == b,
            (Bool(b), Str(s)) | (Str(s), Bool(b)) => match s.as_str() {
                "true" => *b,
                "false" => !*b,
                _ => false,
            },
            (Str(a), Str(b)) => a == b,
            (Color(a), Color(b)) => a == b,
            (Color(c), Str(s)) | (Str(s), Color(c)) => crate::value::Color::parse(s) == Some(*c),
            (Array(a), Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.loose_eq(y))
            }
            (Object(a), Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|((ka, va), (kb, vb))| ka == kb && va.loose_eq(vb))
            }
            _ => match (self.as_f64(), other.as_f64()) {
                (Some(a), Some(b)) => a == b,
                (Some(n), None) => other.to_number() == Some(n),
                (None, Some(n)) => self.to_number() == Some(n),
                (None, None) => false,
            },
        }
    }

    /// Strict structural equality (used to skip no-op writes).
    pub fn same(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Array(a), Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same(y)),
            (Object(a), Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|((ka, va), (kb, vb))| ka == kb && va.same(vb))
            }
            (Null, Null) => true,
            (Bool(a), Bool(b)) => a == b,
            (Str(a), Str(b)) => a == b,
            (Color(a), Color(b)) => a == b,
            _ => false,
        }
    }

    /// `.length` of an array or string (in characters); `None` otherwise.
    pub fn length(&self) -> Option<usize> {
        match self {
            Value::Array(a) => Some(a.len()),
            Value::Str(s) => Some(s.chars().count()),
            _ => None,
        }
    }
}

/// Parses a numeric string (`"5"`, `" 2.5 "`, `"-1"`); `None` for anything else.
pub fn parse_numeric(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("nan") || t.to_ascii_lowercase().contains("inf") {
        return None;
    }
    t.parse::<f64>().ok()
}

/// Formats a number per kry §6.6: integral values without a decimal point, others shortest
/// round-trip, `NaN`, `inf`, `-inf`.
pub fn format_number(n: f64) -> String {
    if n.is_nan() {
        "NaN".to_owned()
    } else if n.is_infinite() {
        if n > 0.0 {
            "inf".to_owned()
        } else {
            "-inf".to_owned()
        }
    } else if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{}", n as i128)
    } else {
        format!("{n}")
    }
}

impl fmt::Display for Value {
    /// Formats per kry §6.6 (interpolation and conversion to string).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => Ok(()),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => f.write_str(&format_number(*x)),
            Value::Str(s) => f.write_str(s),
            Value::Color(c) => f.write_str(&c.to_hex()),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                Ok(())
            }
            Value::Object(map) => {
                f.write_str("{")?;
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::number(n)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_in_every_form() {
        assert_eq!(Color::parse("#fff"), Some(Color::WHITE));
        assert_eq!(
            Color::parse("#ffffff80"),
            Some(Color::rgba(255, 255, 255, 128))
        );
        assert_eq!(
            Color::parse("#1234"),
            Some(Color::rgba(0x11, 0x22, 0x33, 0x44))
        );
        assert_eq!(
            Color::parse("rgba(0, 0, 0, 0.3)"),
            Some(Color::rgba(0, 0, 0, 77))
        );
        assert_eq!(
            Color::parse("rgb(255,0,10)"),
            Some(Color::rgba(255, 0, 10, 255))
        );
        assert_eq!(Color::parse("transparent"), Some(Color::TRANSPARENT));
        assert_eq!(Color::parse("#12345"), None);
        assert_eq!(Color::parse("red"), None);
        assert_eq!(Color::rgba(25, 25, 25, 255).to_hex(), "#191919FF");
    }

    #[test]
    fn numbers_format_and_normalise() {
        assert!(matches!(Value::number(3.0), Value::Int(3)));
        assert!(matches!(Value::number(2.5), Value::Float(_)));
        assert_eq!(Value::number(0.1).to_string(), "0.1");
        assert_eq!(Value::Float(f64::NAN).to_string(), "NaN");
        assert_eq!(Value::Float(f64::NEG_INFINITY).to_string(), "-inf");
        assert_eq!(Value::Float(4.0).to_string(), "4");
    }

    #[test]
    fn truthiness_and_loose_equality_follow_the_spec() {
        for falsy in [
            Value::Null,
            Value::Bool(false),
            Value::Int(0),
            Value::str(""),
            Value::str("false"),
            Value::Array(vec![]),
            Value::Float(f64::NAN),
        ] {
            assert!(!falsy.truthy(), "{falsy:?}");
        }
        assert!(Value::str("0").truthy());
        assert!(Value::str("5").loose_eq(&Value::Int(5)));
        assert!(Value::Bool(true).loose_eq(&Value::str("true")));
        assert!(!Value::Int(1).loose_eq(&Value::Bool(true)));
        assert!(Value::Color(Color::WHITE).loose_eq(&Value::str("#ffffff")));
    }

    #[test]
    fn arrays_and_objects_format() {
        let mut map = BTreeMap::new();
        map.insert("b".to_owned(), Value::Int(2));
        map.insert("a".to_owned(), Value::str("x"));
        assert_eq!(Value::Object(map).to_string(), "{a: x, b: 2}");
        assert_eq!(
            Value::Array(vec![Value::Int(1), Value::Null, Value::Bool(true)]).to_string(),
            "1, , true"
        );
    }
}
