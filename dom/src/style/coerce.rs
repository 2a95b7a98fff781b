//! Coercion of runtime values to typed property values (kry-language.md §4.2, §4.3).
//!
//! The runtime [`Value`] has no units, so the builder hands unit numbers over as strings (`50%` →
//! `"50%"`, `45deg` → `"45deg"`), bare numbers as `Int`/`Float`, identifiers as strings.
//! [`coerce`] converts one value for one property; [`expand_shorthand`] reads the atoms of
//! `margin`, `padding`, `border_radius`, `border`, `border_width`, `border_color`, `gap` and
//! `overflow`; [`coerce_property`] is the one entry point that handles both. Failures carry the
//! diagnostic code of §4.2 (K0301 colour, K0302 number/length, K0303 type, K0304 enum, K0305
//! shorthand count, K0306/K0307 transition and animation).

use super::catalogue::{PropId, PropKind};
use super::values::*;
use crate::value::{Color, Value};
use std::fmt;

/// A failed coercion: the §4.2 code and a message naming what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoerceError {
    /// Diagnostic code (`K0301`…`K0307`, or `K0603` for [`advisory`]).
    pub code: &'static str,
    /// One-line message.
    pub message: String,
}

impl CoerceError {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for CoerceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for CoerceError {}

type Result<T> = std::result::Result<T, CoerceError>;

/// How a value is shown in messages.
fn shown(value: &Value) -> String {
    match value {
        Value::Str(s) => format!("\"{s}\""),
        Value::Null => "null".to_owned(),
        other => other.to_string(),
    }
}

fn length(prop: PropId, value: &Value, allow_none: bool) -> Result<Length> {
    let parsed = match value {
        Value::Int(_) | Value::Float(_) => value.as_f64().map(|n| Length::Px(n as f32)),
        Value::Str(s) => Length::parse(s, allow_none),
        Value::Null if allow_none => Some(Length::None),
        _ => None,
    };
    parsed.ok_or_else(|| {
        let none = if allow_none { ", `none`" } else { "" };
        CoerceError::new(
            "K0302",
            format!(
                "`{prop}` expects a length (a number, `Npx`, `N%`, `Nem`, `Nrem`, `Nvw`, `Nvh`, \
                 `auto`{none}), found {}",
                shown(value)
            ),
        )
    })
}

fn color(prop: PropId, value: &Value) -> Result<Color> {
    let parsed = match value {
        Value::Color(c) => Some(*c),
        Value::Str(s) => Color::parse(s),
        _ => None,
    };
    parsed.ok_or_else(|| {
        CoerceError::new(
            "K0301",
            format!(
                "`{prop}` expects a colour (`#RGB`, `#RGBA`, `#RRGGBB`, `#RRGGBBAA`, `transparent`, \
                 `rgb(…)`, `rgba(…)`), found {}",
                shown(value)
            ),
        )
    })
}

fn number(prop: PropId, value: &Value) -> Result<f64> {
    value.to_number().filter(|n| n.is_finite()).ok_or_else(|| {
        CoerceError::new(
            "K0302",
            format!("`{prop}` expects a number, found {}", shown(value)),
        )
    })
}

fn int(prop: PropId, value: &Value) -> Result<i64> {
    let n = number(prop, value)?;
    // f64::round rounds half away from zero (§4.2).
    Ok(n.round().clamp(i64::MIN as f64, i64::MAX as f64) as i64)
}

fn keyword_of(value: &Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(normalize_keyword(s)),
        _ => None,
    }
}

fn enum_error(prop: PropId, kind: EnumKind, value: &Value) -> CoerceError {
    CoerceError::new(
        "K0304",
        format!(
            "invalid value {} for `{prop}`; expected one of: {}",
            shown(value),
            kind.names().join(", ")
        ),
    )
}

/// Applies the §4.3 synonyms for enums that have `start`/`end`.
fn start_end_synonym(keyword: &str) -> &str {
    match keyword {
        "flex_start" | "left" => "start",
        "flex_end" | "right" => "end",
        other => other,
    }
}

fn keyword_enum<T: KeywordEnum>(prop: PropId, kind: EnumKind, value: &Value) -> Result<T> {
    let keyword = keyword_of(value).ok_or_else(|| enum_error(prop, kind, value))?;
    let keyword = match kind {
        EnumKind::Align
        | EnumKind::AlignSelf
        | EnumKind::AlignContent
        | EnumKind::Justify
        | EnumKind::TextAlign => start_end_synonym(&keyword),
        EnumKind::Display if keyword == "block" || keyword == "grid" => "flex",
        _ => &keyword,
    };
    let keyword = if kind == EnumKind::Justify && keyword == "stretch" {
        "start"
    } else {
        keyword
    };
    T::from_keyword(keyword).ok_or_else(|| enum_error(prop, kind, value))
}

fn enum_value(prop: PropId, kind: EnumKind, v: &Value) -> Result<PropValue> {
    Ok(match kind {
        EnumKind::Display => PropValue::Display(keyword_enum(prop, kind, v)?),
        EnumKind::FlexDirection => PropValue::FlexDirection(keyword_enum(prop, kind, v)?),
        EnumKind::FlexWrap => PropValue::FlexWrap(keyword_enum(prop, kind, v)?),
        EnumKind::Align => PropValue::Align(keyword_enum(prop, kind, v)?),
        EnumKind::AlignSelf => PropValue::AlignSelf(keyword_enum(prop, kind, v)?),
        EnumKind::AlignContent => PropValue::AlignContent(keyword_enum(prop, kind, v)?),
        EnumKind::Justify => PropValue::Justify(keyword_enum(prop, kind, v)?),
        EnumKind::Position => PropValue::Position(keyword_enum(prop, kind, v)?),
        EnumKind::Overflow => PropValue::Overflow(keyword_enum(prop, kind, v)?),
        EnumKind::BoxSizing => PropValue::BoxSizing(keyword_enum(prop, kind, v)?),
        EnumKind::BorderStyle => PropValue::BorderStyle(keyword_enum(prop, kind, v)?),
        EnumKind::FontStyle => PropValue::FontStyle(keyword_enum(prop, kind, v)?),
        EnumKind::TextAlign => PropValue::TextAlign(keyword_enum(prop, kind, v)?),
        EnumKind::VerticalAlign => PropValue::VerticalAlign(keyword_enum(prop, kind, v)?),
        EnumKind::TextDecoration => PropValue::TextDecoration(keyword_enum(prop, kind, v)?),
        EnumKind::TextTransform => PropValue::TextTransform(keyword_enum(prop, kind, v)?),
        EnumKind::WhiteSpace => PropValue::WhiteSpace(keyword_enum(prop, kind, v)?),
        EnumKind::WordWrap => PropValue::WordWrap(keyword_enum(prop, kind, v)?),
        EnumKind::TextOverflow => PropValue::TextOverflow(keyword_enum(prop, kind, v)?),
        EnumKind::Cursor => PropValue::Cursor(keyword_enum(prop, kind, v)?),
        EnumKind::ImageFit => PropValue::ImageFit(keyword_enum(prop, kind, v)?),
        EnumKind::FocusOutline => PropValue::FocusOutline(keyword_enum(prop, kind, v)?),
        EnumKind::CanvasMode => PropValue::CanvasMode(keyword_enum(prop, kind, v)?),
        EnumKind::Redraw => PropValue::Redraw(keyword_enum(prop, kind, v)?),
        EnumKind::InputType => PropValue::InputType(keyword_enum(prop, kind, v)?),
    })
}

fn font_weight(prop: PropId, value: &Value) -> Result<FontWeight> {
    let named = keyword_of(value).and_then(|k| match k.as_str() {
        "normal" => Some(400),
        "bold" => Some(700),
        "light" => Some(300),
        "heavy" => Some(900),
        _ => None,
    });
    let weight = named.or_else(|| {
        let n = value.to_number()?.round();
        (100.0..=900.0).contains(&n).then_some(n as u16)
    });
    weight.map(FontWeight).ok_or_else(|| {
        CoerceError::new(
            "K0304",
            format!(
                "invalid value {} for `{prop}`; expected one of: normal, bold, light, heavy, or a \
                 number from 100 to 900",
                shown(value)
            ),
        )
    })
}

fn z_index(prop: PropId, value: &Value) -> Result<ZIndex> {
    if keyword_of(value).as_deref() == Some("auto") || matches!(value, Value::Null) {
        return Ok(ZIndex::Auto);
    }
    match value.to_number().filter(|n| n.is_finite()) {
        Some(n) => Ok(ZIndex::Index(
            n.round().clamp(i32::MIN as f64, i32::MAX as f64) as i32,
        )),
        None => Err(CoerceError::new(
            "K0302",
            format!(
                "`{prop}` expects an integer or `auto`, found {}",
                shown(value)
            ),
        )),
    }
}

fn line_height(prop: PropId, value: &Value) -> Result<LineHeight> {
    if let Some(n) = value.to_number() {
        return Ok(LineHeight::Factor(n as f32));
    }
    if keyword_of(value).as_deref() == Some("normal") {
        return Ok(LineHeight::default());
    }
    match length(prop, value, false)? {
        Length::Percent(p) => Ok(LineHeight::Factor(p / 100.0)),
        Length::Auto => Ok(LineHeight::default()),
        other => Ok(LineHeight::Length(other)),
    }
}

fn aspect_ratio(prop: PropId, value: &Value) -> Result<PropValue> {
    let err = || {
        CoerceError::new(
            "K0302",
            format!(
                "`{prop}` expects a positive number, `w/h` or `none`, found {}",
                shown(value)
            ),
        )
    };
    if matches!(value, Value::Null) || matches!(keyword_of(value).as_deref(), Some("none" | "auto"))
    {
        return Ok(PropValue::None);
    }
    let ratio = match value {
        Value::Str(s) if s.contains('/') => {
            let (w, h) = s.split_once('/').ok_or_else(err)?;
            let w = crate::value::parse_numeric(w).ok_or_else(err)?;
            let h = crate::value::parse_numeric(h).ok_or_else(err)?;
            if h == 0.0 {
                return Err(err());
            }
            w / h
        }
        _ => value.to_number().ok_or_else(err)?,
    };
    if ratio.is_finite() && ratio > 0.0 {
        Ok(PropValue::Number(ratio as f32))
    } else {
        Err(err())
    }
}

fn transform(prop: PropId, value: &Value) -> Result<Transform> {
    let map = match value {
        Value::Object(map) => map,
        Value::Null => return Ok(Transform::IDENTITY),
        Value::Str(s) if s.trim().eq_ignore_ascii_case("none") => return Ok(Transform::IDENTITY),
        other => {
            return Err(CoerceError::new(
                "K0303",
                format!(
                    "`{prop}` expects an object {{scale, scale_x, scale_y, rotate, translate_x, \
                     translate_y}}, found {}",
                    shown(other)
                ),
            ));
        }
    };
    let mut t = Transform::IDENTITY;
    for (key, v) in map {
        let bad = |what: &str| {
            CoerceError::new(
                "K0302",
                format!("`{prop}.{key}` expects {what}, found {}", shown(v)),
            )
        };
        let num = || {
            v.to_number()
                .map(|n| n as f32)
                .ok_or_else(|| bad("a number"))
        };
        let px = || {
            length(prop, v, false)
                .ok()
                .and_then(Length::as_px)
                .ok_or_else(|| bad("a length in px"))
        };
        match normalize_keyword(key).as_str() {
            "scale" => {
                let s = num()?;
                t.scale_x = s;
                t.scale_y = s;
            }
            "scale_x" => t.scale_x = num()?,
            "scale_y" => t.scale_y = num()?,
            "rotate" => {
                t.rotate_deg = match v {
                    Value::Str(s) => parse_angle(s),
                    other => other.as_f64().map(|n| n as f32),
                }
                .ok_or_else(|| bad("an angle (`deg`, `rad`, `turn`; bare = degrees)"))?;
            }
            "translate_x" => t.translate_x = px()?,
            "translate_y" => t.translate_y = px()?,
            _ => {
                return Err(CoerceError::new(
                    "K0303",
                    format!(
                        "unknown `{prop}` key `{key}`; expected scale, scale_x, scale_y, rotate, \
                         translate_x or translate_y"
                    ),
                ));
            }
        }
    }
    Ok(t)
}

fn transform_origin(prop: PropId, value: &Value) -> Result<TransformOrigin> {
    let err = || {
        CoerceError::new(
            "K0302",
            format!(
                "`{prop}` expects \"x y\" (lengths, % or keywords), found {}",
                shown(value)
            ),
        )
    };
    let text = match value {
        Value::Str(s) => s.clone(),
        Value::Int(_) | Value::Float(_) => value.to_string(),
        _ => return Err(err()),
    };
    let axis = |token: &str| -> Option<Length> {
        match normalize_keyword(token).as_str() {
            "left" | "top" => Some(Length::Percent(0.0)),
            "center" => Some(Length::Percent(50.0)),
            "right" | "bottom" => Some(Length::Percent(100.0)),
            _ => Length::parse(token, false).filter(|l| *l != Length::Auto),
        }
    };
    let tokens: Vec<&str> = text.split_whitespace().collect();
    match tokens.as_slice() {
        [one] => {
            let l = axis(one).ok_or_else(err)?;
            Ok(TransformOrigin { x: l, y: l })
        }
        [x, y] => Ok(TransformOrigin {
            x: axis(x).ok_or_else(err)?,
            y: axis(y).ok_or_else(err)?,
        }),
        _ => Err(err()),
    }
}

/// The text of a string-typed value. An array is either a list of whole items (any item has a
/// space: joined with `", "`) or the atoms of one unquoted list (joined with spaces).
fn string_form(value: &Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.clone()),
        Value::Null => Some(String::new()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(Value::to_string).collect();
            let whole_items = parts.iter().any(|p| p.trim().contains(char::is_whitespace));
            Some(parts.join(if whole_items { ", " } else { " " }))
        }
        _ => None,
    }
}

fn handler(prop: PropId, value: &Value) -> Result<Handler> {
    match value {
        Value::Str(s) => Ok(Handler::from_text(s)),
        other => Err(CoerceError::new(
            "K0303",
            format!(
                "`{prop}` expects a handler (a name, a call or inline code), found {}",
                shown(other)
            ),
        )),
    }
}

/// [`coerce`] taking the value: the string of a text property moves instead of being copied.
pub fn coerce_owned(prop: PropId, value: Value) -> Result<PropValue> {
    match (prop.kind(), value) {
        (PropKind::Str | PropKind::StyleRef, Value::Str(text)) => Ok(PropValue::Str(text)),
        (_, value) => coerce(prop, &value),
    }
}

/// Coerces one value for one property (kry §4.2). Shorthands coerce a *single* value to their
/// longhand type (`margin: 10` → a length; `gap`, `overflow`, `border_width`, `border_color`
/// likewise); `border` needs [`expand_shorthand`]. Prefer [`coerce_property`] in callers.
pub fn coerce(prop: PropId, value: &Value) -> Result<PropValue> {
    Ok(match prop.kind() {
        PropKind::Length => PropValue::Length(length(prop, value, false)?),
        PropKind::LengthOrNone => PropValue::Length(length(prop, value, true)?),
        PropKind::Color => PropValue::Color(color(prop, value)?),
        PropKind::Number => PropValue::Number(number(prop, value)? as f32),
        PropKind::NonNegative => {
            let n = number(prop, value)?;
            if n < 0.0 {
                return Err(CoerceError::new(
                    "K0302",
                    format!("`{prop}` must be a number ≥ 0, found {}", shown(value)),
                ));
            }
            PropValue::Number(n as f32)
        }
        PropKind::UnitInterval => PropValue::Number(number(prop, value)?.clamp(0.0, 1.0) as f32),
        PropKind::Int => PropValue::Int(int(prop, value)?),
        PropKind::IntOrNone => {
            if matches!(value, Value::Null) || keyword_of(value).as_deref() == Some("none") {
                PropValue::None
            } else {
                PropValue::Int(int(prop, value)?)
            }
        }
        PropKind::Bool => PropValue::Bool(value.truthy()),
        PropKind::Visibility => PropValue::Bool(match keyword_of(value).as_deref() {
            Some("hidden") => false,
            Some("visible") => true,
            _ => value.truthy(),
        }),
        PropKind::Str | PropKind::StyleRef => PropValue::Str(match value {
            Value::Str(text) => text.clone(),
            other => other.to_string(),
        }),
        PropKind::Enum(kind) => enum_value(prop, kind, value)?,
        PropKind::FontWeight => PropValue::FontWeight(font_weight(prop, value)?),
        PropKind::ZIndex => PropValue::ZIndex(z_index(prop, value)?),
        PropKind::LineHeight => PropValue::LineHeight(line_height(prop, value)?),
        PropKind::AspectRatio => aspect_ratio(prop, value)?,
        PropKind::Transform => PropValue::Transform(transform(prop, value)?),
        PropKind::TransformOrigin => PropValue::TransformOrigin(transform_origin(prop, value)?),
        PropKind::BoxShadow => {
            let text = string_form(value).ok_or_else(|| {
                CoerceError::new(
                    "K0303",
                    format!("`{prop}` expects a shadow string, found {}", shown(value)),
                )
            })?;
            PropValue::BoxShadow(
                parse_box_shadow(&text).map_err(|(code, msg)| CoerceError::new(code, msg))?,
            )
        }
        PropKind::Transition => {
            let text = string_form(value).ok_or_else(|| {
                CoerceError::new(
                    "K0306",
                    format!("`{prop}` expects a string, found {}", shown(value)),
                )
            })?;
            if text.trim().is_empty() {
                PropValue::Transition(TransitionSpec::default())
            } else {
                PropValue::Transition(
                    TransitionSpec::parse(&text)
                        .map_err(|e| CoerceError::new(e.code, e.message))?,
                )
            }
        }
        PropKind::Animation => {
            let text = string_form(value).ok_or_else(|| {
                CoerceError::new(
                    "K0306",
                    format!("`{prop}` expects a string, found {}", shown(value)),
                )
            })?;
            if text.trim().is_empty() {
                PropValue::Animation(AnimationSpec::default())
            } else {
                PropValue::Animation(
                    AnimationSpec::parse(&text).map_err(|e| CoerceError::new(e.code, e.message))?,
                )
            }
        }
        PropKind::Handler => PropValue::Handler(handler(prop, value)?),
        PropKind::Any => PropValue::Any(AnyValue(value.clone())),
        PropKind::Border => {
            let mut out = expand_shorthand(prop, std::slice::from_ref(value))?;
            // A one-atom border sets one kind of longhand; return that value.
            return out.pop().map(|(_, v)| v).ok_or_else(|| {
                CoerceError::new("K0305", "`border` needs a width, a style or a colour")
            });
        }
    })
}

/// Splits string atoms on top-level whitespace (`"10 16"`, `"2px solid rgba(0, 0, 0, .3)"`).
fn flatten_atoms(atoms: &[Value]) -> Vec<Value> {
    let mut out = Vec::with_capacity(atoms.len());
    for atom in atoms {
        match atom {
            Value::Str(s) => {
                let pieces = split_top_level(s, char::is_whitespace);
                if pieces.len() <= 1 {
                    out.push(Value::Str(
                        pieces
                            .first()
                            .map_or_else(|| s.clone(), |p| (*p).to_owned()),
                    ));
                } else {
                    out.extend(pieces.into_iter().map(|p| Value::Str(p.to_owned())));
                }
            }
            other => out.push(other.clone()),
        }
    }
    out
}

fn count_error(prop: PropId, range: &str, found: usize) -> CoerceError {
    CoerceError::new(
        "K0305",
        format!("`{prop}` takes {range} values, found {found}"),
    )
}

/// Reads a shorthand's atoms (kry §4.3) into longhand values. A single string atom is split on
/// whitespace first (parentheses keep `rgba(…)` together).
///
/// - `margin`, `padding`, `border_width`, `border_color`: 1–4 values, CSS order;
/// - `border_radius`: 1–4 values, top-left, top-right, bottom-right, bottom-left (CSS repetition);
/// - `gap`: 1–2 values (rows, columns); `overflow`: 1–2 values (x, y);
/// - `border`: a length, a style and a colour, each optional, in any order; only the parts given
///   are set.
///
/// A wrong number of atoms is K0305. For a non-shorthand `prop` this is [`coerce`] of the single
/// atom.
pub fn expand_shorthand(prop: PropId, atoms: &[Value]) -> Result<Vec<(PropId, PropValue)>> {
    let atoms = flatten_atoms(atoms);
    let longhands = prop.longhands();
    match prop {
        PropId::Border => expand_border(&atoms),
        PropId::Gap | PropId::Overflow => {
            let idx: &[usize] = match atoms.len() {
                1 => &[0, 0],
                2 => &[0, 1],
                n => return Err(count_error(prop, "1 or 2", n)),
            };
            longhands
                .iter()
                .zip(idx)
                .map(|(&lh, &i)| Ok((lh, coerce(lh, &atoms[i])?)))
                .collect()
        }
        _ if longhands.len() == 4 => {
            let idx: &[usize] = match atoms.len() {
                1 => &[0, 0, 0, 0],
                2 => &[0, 1, 0, 1],
                3 => &[0, 1, 2, 1],
                4 => &[0, 1, 2, 3],
                n => return Err(count_error(prop, "1 to 4", n)),
            };
            let coerced: Vec<PropValue> = atoms
                .iter()
                .map(|a| coerce(longhands[0], a))
                .collect::<Result<_>>()?;
            Ok(longhands
                .iter()
                .zip(idx)
                .map(|(&lh, &i)| (lh, coerced[i].clone()))
                .collect())
        }
        _ => match atoms.as_slice() {
            [one] => Ok(vec![(prop, coerce(prop, one)?)]),
            _ => Ok(vec![(prop, coerce(prop, &join_atoms(&atoms))?)]),
        },
    }
}

fn expand_border(atoms: &[Value]) -> Result<Vec<(PropId, PropValue)>> {
    if atoms.is_empty() || atoms.len() > 3 {
        return Err(count_error(PropId::Border, "1 to 3", atoms.len()));
    }
    let mut width = None;
    let mut style = None;
    let mut col = None;
    for atom in atoms {
        let dup = || {
            CoerceError::new(
                "K0305",
                format!("`border` has two values of the same kind ({})", shown(atom)),
            )
        };
        if let Ok(l) = length(PropId::BorderWidth, atom, false) {
            if width.replace(l).is_some() {
                return Err(dup());
            }
        } else if let Some(s) = keyword_of(atom).and_then(|k| BorderStyle::from_keyword(&k)) {
            if style.replace(s).is_some() {
                return Err(dup());
            }
        } else if let Ok(c) = color(PropId::BorderColor, atom) {
            if col.replace(c).is_some() {
                return Err(dup());
            }
        } else {
            let looks_colour = matches!(atom, Value::Str(s) if s.starts_with('#') || s.to_ascii_lowercase().starts_with("rgb"));
            return Err(if looks_colour {
                CoerceError::new(
                    "K0301",
                    format!("`border`: malformed colour {}", shown(atom)),
                )
            } else {
                CoerceError::new(
                    "K0304",
                    format!(
                        "`border`: {} is not a width, a style (solid, dashed, dotted, none) or a colour",
                        shown(atom)
                    ),
                )
            });
        }
    }
    let mut out = Vec::new();
    if let Some(w) = width {
        out.extend(
            PropId::BorderWidth
                .longhands()
                .iter()
                .map(|&lh| (lh, PropValue::Length(w))),
        );
    }
    if let Some(s) = style {
        out.push((PropId::BorderStyle, PropValue::BorderStyle(s)));
    }
    if let Some(c) = col {
        out.extend(
            PropId::BorderColor
                .longhands()
                .iter()
                .map(|&lh| (lh, PropValue::Color(c))),
        );
    }
    Ok(out)
}

fn join_atoms(atoms: &[Value]) -> Value {
    Value::Str(
        atoms
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The one entry point for a property value given as atoms (one atom for an ordinary value,
/// several for an unquoted list such as `margin: 20 0`). Shorthands expand to longhands; a
/// non-shorthand given several atoms reads them joined by spaces (`box_shadow: 0 2px 4px #000`).
pub fn coerce_property(prop: PropId, atoms: &[Value]) -> Result<Vec<(PropId, PropValue)>> {
    if atoms.is_empty() {
        return Err(CoerceError::new("K0303", format!("`{prop}` has no value")));
    }
    if prop.is_shorthand() {
        return expand_shorthand(prop, atoms);
    }
    let value = match atoms {
        [one] => coerce(prop, one)?,
        many => coerce(prop, &join_atoms(many))?,
    };
    Ok(vec![(prop, value)])
}

/// A K0603 warning ("accepted but not yet rendered as written") for a value that coerces fine:
/// `display: grid` (read as flex) and dashed/dotted borders (drawn solid).
pub fn advisory(prop: PropId, atoms: &[Value]) -> Option<CoerceError> {
    let keywords: Vec<String> = flatten_atoms(atoms).iter().filter_map(keyword_of).collect();
    match prop {
        PropId::Display if keywords.iter().any(|k| k == "grid") => Some(CoerceError::new(
            "K0603",
            "`display: grid` is laid out as flex in v1",
        )),
        PropId::BorderStyle | PropId::Border
            if keywords.iter().any(|k| k == "dashed" || k == "dotted") =>
        {
            Some(CoerceError::new(
                "K0603",
                "dashed and dotted borders are drawn solid in v1",
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn s(text: &str) -> Value {
        Value::str(text)
    }

    fn code(prop: PropId, v: Value) -> Option<&'static str> {
        coerce(prop, &v).err().map(|e| e.code)
    }

    #[test]
    fn colours() {
        let c = |v| coerce(PropId::BackgroundColor, &v);
        assert_eq!(c(s("#fff")), Ok(PropValue::Color(Color::WHITE)));
        assert_eq!(
            c(s("#191919FF")),
            Ok(PropValue::Color(Color::rgba(25, 25, 25, 255)))
        );
        assert_eq!(
            c(s("transparent")),
            Ok(PropValue::Color(Color::TRANSPARENT))
        );
        assert_eq!(
            c(s("rgba(0, 0, 0, 0.5)")),
            Ok(PropValue::Color(Color::rgba(0, 0, 0, 128)))
        );
        assert_eq!(
            c(Value::Color(Color::BLACK)),
            Ok(PropValue::Color(Color::BLACK))
        );
        assert_eq!(code(PropId::BackgroundColor, s("red")), Some("K0301"));
        assert_eq!(code(PropId::TextColor, s("#12345")), Some("K0301"));
        assert_eq!(code(PropId::TextColor, Value::Int(5)), Some("K0301"));
    }

    #[test]
    fn lengths() {
        let l = |v| coerce(PropId::Width, &v);
        assert_eq!(l(Value::Int(200)), Ok(PropValue::Length(Length::Px(200.0))));
        assert_eq!(l(Value::Float(2.5)), Ok(PropValue::Length(Length::Px(2.5))));
        assert_eq!(l(s("50%")), Ok(PropValue::Length(Length::Percent(50.0))));
        assert_eq!(l(s("10px")), Ok(PropValue::Length(Length::Px(10.0))));
        assert_eq!(l(s("2rem")), Ok(PropValue::Length(Length::Rem(2.0))));
        assert_eq!(l(s("auto")), Ok(PropValue::Length(Length::Auto)));
        assert_eq!(l(s("120")), Ok(PropValue::Length(Length::Px(120.0))));
        assert_eq!(
            coerce(PropId::MaxWidth, &s("none")),
            Ok(PropValue::Length(Length::None))
        );
        assert_eq!(code(PropId::Width, s("none")), Some("K0302"));
        assert_eq!(code(PropId::Width, s("wide")), Some("K0302"));
        assert_eq!(code(PropId::Width, s("45deg")), Some("K0302"));
        assert_eq!(code(PropId::Width, Value::Bool(true)), Some("K0302"));
    }

    #[test]
    fn numbers_ints_bools_strings() {
        assert_eq!(
            coerce(PropId::FlexGrow, &s("2")),
            Ok(PropValue::Number(2.0))
        );
        assert_eq!(code(PropId::FlexGrow, Value::Int(-1)), Some("K0302"));
        assert_eq!(code(PropId::FlexGrow, s("lots")), Some("K0302"));
        assert_eq!(
            coerce(PropId::Opacity, &Value::Float(1.5)),
            Ok(PropValue::Number(1.0))
        );
        assert_eq!(
            coerce(PropId::Order, &Value::Float(2.5)),
            Ok(PropValue::Int(3))
        );
        assert_eq!(
            coerce(PropId::Order, &Value::Float(-2.5)),
            Ok(PropValue::Int(-3))
        );
        assert_eq!(
            coerce(PropId::Disabled, &s("false")),
            Ok(PropValue::Bool(false))
        );
        assert_eq!(
            coerce(PropId::Disabled, &Value::Int(1)),
            Ok(PropValue::Bool(true))
        );
        assert_eq!(
            coerce(PropId::Visible, &s("hidden")),
            Ok(PropValue::Bool(false))
        );
        assert_eq!(
            coerce(PropId::Visible, &s("Visible")),
            Ok(PropValue::Bool(true))
        );
        assert_eq!(
            coerce(PropId::Visible, &Value::Null),
            Ok(PropValue::Bool(false))
        );
        assert_eq!(
            coerce(PropId::Text, &Value::Float(2.5)),
            Ok(PropValue::Str("2.5".into()))
        );
        assert_eq!(
            coerce(PropId::Text, &Value::Bool(true)),
            Ok(PropValue::Str("true".into()))
        );
        assert_eq!(
            coerce(PropId::WindowMinWidth, &s("none")),
            Ok(PropValue::None)
        );
        assert_eq!(
            coerce(PropId::AspectRatio, &s("16/9")),
            Ok(PropValue::Number(16.0 / 9.0))
        );
        assert_eq!(code(PropId::AspectRatio, Value::Int(0)), Some("K0302"));
    }

    #[test]
    fn enums() {
        assert_eq!(
            coerce(PropId::FlexDirection, &s("Row-Reverse")),
            Ok(PropValue::FlexDirection(FlexDirection::RowReverse))
        );
        assert_eq!(
            coerce(PropId::AlignItems, &s("flex-start")),
            Ok(PropValue::Align(Align::Start))
        );
        assert_eq!(
            coerce(PropId::JustifyContent, &s("flex_end")),
            Ok(PropValue::Justify(Justify::End))
        );
        assert_eq!(
            coerce(PropId::JustifyContent, &s("stretch")),
            Ok(PropValue::Justify(Justify::Start))
        );
        assert_eq!(
            coerce(PropId::TextAlignment, &s("left")),
            Ok(PropValue::TextAlign(TextAlign::Start))
        );
        assert_eq!(
            coerce(PropId::TextAlignment, &s("RIGHT")),
            Ok(PropValue::TextAlign(TextAlign::End))
        );
        assert_eq!(
            coerce(PropId::Display, &s("block")),
            Ok(PropValue::Display(Display::Flex))
        );
        assert_eq!(
            coerce(PropId::Display, &s("grid")),
            Ok(PropValue::Display(Display::Flex))
        );
        assert_eq!(
            coerce(PropId::Type, &s("datetime-local")),
            Ok(PropValue::InputType(InputType::DatetimeLocal))
        );
        assert_eq!(
            coerce(PropId::Mode, &s("2d")),
            Ok(PropValue::CanvasMode(CanvasMode::TwoD))
        );
        let err = coerce(PropId::Display, &s("inline")).err();
        assert_eq!(err.as_ref().map(|e| e.code), Some("K0304"));
        assert!(err.is_some_and(|e| e.message.contains("flex, none")));
        assert_eq!(code(PropId::AlignItems, Value::Int(3)), Some("K0304"));
        assert_eq!(
            code(PropId::TextVerticalAlignment, s("left")),
            Some("K0304")
        );
        assert_eq!(
            coerce(PropId::FontWeight, &s("bold")),
            Ok(PropValue::FontWeight(FontWeight(700)))
        );
        assert_eq!(
            coerce(PropId::FontWeight, &Value::Int(600)),
            Ok(PropValue::FontWeight(FontWeight(600)))
        );
        assert_eq!(code(PropId::FontWeight, Value::Int(1000)), Some("K0304"));
        assert_eq!(
            coerce(PropId::ZIndex, &s("auto")),
            Ok(PropValue::ZIndex(ZIndex::Auto))
        );
        assert_eq!(
            coerce(PropId::ZIndex, &Value::Int(1000)),
            Ok(PropValue::ZIndex(ZIndex::Index(1000)))
        );
    }

    #[test]
    fn transforms_and_angles() {
        let mut map = BTreeMap::new();
        map.insert("scale".to_owned(), Value::Float(1.2));
        map.insert("rotate".to_owned(), s("0.25turn"));
        map.insert("translate_x".to_owned(), s("10px"));
        let t = coerce(PropId::Transform, &Value::Object(map));
        assert_eq!(
            t,
            Ok(PropValue::Transform(Transform {
                scale_x: 1.2,
                scale_y: 1.2,
                rotate_deg: 90.0,
                translate_x: 10.0,
                translate_y: 0.0
            }))
        );
        let mut bad = BTreeMap::new();
        bad.insert("skew".to_owned(), Value::Int(1));
        assert_eq!(code(PropId::Transform, Value::Object(bad)), Some("K0303"));
        let mut bad_angle = BTreeMap::new();
        bad_angle.insert("rotate".to_owned(), s("10px"));
        assert_eq!(
            code(PropId::Transform, Value::Object(bad_angle)),
            Some("K0302")
        );
        assert_eq!(code(PropId::Transform, Value::Int(3)), Some("K0303"));
        assert_eq!(
            coerce(PropId::TransformOrigin, &s("left 25%")),
            Ok(PropValue::TransformOrigin(TransformOrigin {
                x: Length::Percent(0.0),
                y: Length::Percent(25.0)
            }))
        );
    }

    #[test]
    fn transition_animation_shadow_handler() {
        assert!(matches!(
            coerce(PropId::Transition, &s("opacity 200ms")),
            Ok(PropValue::Transition(t)) if t.0.len() == 1
        ));
        assert_eq!(
            code(PropId::Transition, s("opacity 200ms bogus")),
            Some("K0307")
        );
        assert_eq!(code(PropId::Animation, s("pulse")), Some("K0306"));
        assert_eq!(code(PropId::Animation, Value::Int(4)), Some("K0306"));
        assert!(matches!(
            coerce(PropId::BoxShadow, &s("0 2 4 #0004")),
            Ok(PropValue::BoxShadow(v)) if v.len() == 1
        ));
        assert_eq!(code(PropId::BoxShadow, s("0 2 4")), Some("K0301"));
        let atoms = Value::Array(vec![Value::Int(0), s("2px"), s("#000")]);
        assert!(
            matches!(coerce(PropId::BoxShadow, &atoms), Ok(PropValue::BoxShadow(v)) if v.len() == 1)
        );
        let items = Value::Array(vec![s("0 2 #000"), s("1 1 #fff inset")]);
        assert!(
            matches!(coerce(PropId::BoxShadow, &items), Ok(PropValue::BoxShadow(v)) if v.len() == 2)
        );
        assert_eq!(
            coerce(PropId::OnClick, &s("pick")),
            Ok(PropValue::Handler(Handler::Name("pick".into())))
        );
        assert_eq!(
            coerce(PropId::OnClick, &s("print('hi')")),
            Ok(PropValue::Handler(Handler::Code("print('hi')".into())))
        );
        assert_eq!(code(PropId::OnClick, Value::Int(1)), Some("K0303"));
    }

    #[test]
    fn box_shorthands() {
        use PropId::{
            BorderBottomLeftRadius, BorderBottomRightRadius, BorderRadius, BorderTopLeftRadius,
            BorderTopRightRadius, ColumnGap, Gap, Margin, MarginBottom, MarginLeft, MarginRight,
            MarginTop, Overflow, OverflowY, Padding, PaddingBottom, PaddingLeft, PaddingRight,
            PaddingTop, RowGap,
        };
        let px = |v| PropValue::Length(Length::Px(v));
        let one = expand_shorthand(Margin, &[Value::Int(20)]).expect("one value");
        assert_eq!(
            one,
            vec![
                (MarginTop, px(20.0)),
                (MarginRight, px(20.0)),
                (MarginBottom, px(20.0)),
                (MarginLeft, px(20.0))
            ]
        );
        let two = expand_shorthand(Padding, &[s("10 16")]).expect("quoted pair");
        assert_eq!(
            two,
            vec![
                (PaddingTop, px(10.0)),
                (PaddingRight, px(16.0)),
                (PaddingBottom, px(10.0)),
                (PaddingLeft, px(16.0))
            ]
        );
        let three = expand_shorthand(Margin, &[Value::Int(1), Value::Int(2), Value::Int(3)])
            .expect("three");
        assert_eq!(
            three,
            vec![
                (MarginTop, px(1.0)),
                (MarginRight, px(2.0)),
                (MarginBottom, px(3.0)),
                (MarginLeft, px(2.0))
            ]
        );
        let four = expand_shorthand(BorderRadius, &[s("1 2 3 4")]).expect("four");
        assert_eq!(
            four,
            vec![
                (BorderTopLeftRadius, px(1.0)),
                (BorderTopRightRadius, px(2.0)),
                (BorderBottomRightRadius, px(3.0)),
                (BorderBottomLeftRadius, px(4.0))
            ]
        );
        let auto = expand_shorthand(Margin, &[Value::Int(0), s("auto")]).expect("auto");
        assert_eq!(auto[1], (MarginRight, PropValue::Length(Length::Auto)));
        assert_eq!(
            expand_shorthand(Margin, &[s("1 2 3 4 5")])
                .err()
                .map(|e| e.code),
            Some("K0305")
        );
        assert_eq!(
            expand_shorthand(Padding, &[s("1 wide")])
                .err()
                .map(|e| e.code),
            Some("K0302")
        );
        let gap = expand_shorthand(Gap, &[Value::Int(8)]).expect("gap");
        assert_eq!(gap, vec![(RowGap, px(8.0)), (ColumnGap, px(8.0))]);
        assert_eq!(
            expand_shorthand(Gap, &[s("1 2 3")]).err().map(|e| e.code),
            Some("K0305")
        );
        let ov = expand_shorthand(Overflow, &[s("hidden")]).expect("overflow");
        assert_eq!(
            ov[1],
            (OverflowY, PropValue::Overflow(super::Overflow::Hidden))
        );
    }

    #[test]
    fn border_shorthand_any_order() {
        use PropId::{Border, BorderLeftColor, BorderStyle, BorderTopWidth};
        let black = PropValue::Color(Color::BLACK);
        for atoms in [
            vec![s("2px solid #000")],
            vec![s("#000"), s("solid"), Value::Int(2)],
            vec![s("solid #000 2")],
        ] {
            let out = expand_shorthand(Border, &atoms).expect("border");
            assert_eq!(out.len(), 9, "{atoms:?}");
            assert!(out.contains(&(BorderTopWidth, PropValue::Length(Length::Px(2.0)))));
            assert!(out.contains(&(
                BorderStyle,
                PropValue::BorderStyle(super::BorderStyle::Solid)
            )));
            assert!(out.contains(&(BorderLeftColor, black.clone())));
        }
        let rgba =
            expand_shorthand(Border, &[s("1 rgba(0, 0, 0, 0.3)")]).expect("rgba stays one atom");
        assert_eq!(rgba.len(), 8);
        let width_only = expand_shorthand(Border, &[Value::Int(1)]).expect("width only");
        assert_eq!(width_only.len(), 4);
        assert_eq!(
            expand_shorthand(Border, &[s("1 2")]).err().map(|e| e.code),
            Some("K0305")
        );
        assert_eq!(
            expand_shorthand(Border, &[s("1 solid #000 dashed")])
                .err()
                .map(|e| e.code),
            Some("K0305")
        );
        assert_eq!(
            expand_shorthand(Border, &[s("1 wavy")])
                .err()
                .map(|e| e.code),
            Some("K0304")
        );
        assert_eq!(
            expand_shorthand(Border, &[s("1 #12")])
                .err()
                .map(|e| e.code),
            Some("K0301")
        );
    }

    #[test]
    fn coerce_property_entry_point() {
        let out = coerce_property(
            PropId::BoxShadow,
            &[Value::Int(0), s("2px"), s("4px"), s("#000")],
        )
        .expect("joined atoms");
        assert!(matches!(&out[0].1, PropValue::BoxShadow(v) if v.len() == 1));
        let m = coerce_property(PropId::Margin, &[Value::Int(4)]).expect("margin");
        assert_eq!(m.len(), 4);
        assert_eq!(
            coerce_property(PropId::Width, &[]).err().map(|e| e.code),
            Some("K0303")
        );
        assert_eq!(
            advisory(PropId::Display, &[s("grid")]).map(|e| e.code),
            Some("K0603")
        );
        assert_eq!(
            advisory(PropId::Border, &[s("1 dashed #000")]).map(|e| e.code),
            Some("K0603")
        );
        assert_eq!(advisory(PropId::Display, &[s("flex")]), None);
    }
}
