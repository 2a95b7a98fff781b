//! What an animation drives: a [`Channel`] (a longhand property or one transform component),
//! resolved from a script property name, plus value coercion for it and the per-element
//! [`Layer`] of cascade-layer-8 values.

use super::AnimError;
use super::interpolate::read_prop;
use crate::style::values::{Length, Transform, parse_angle};
use crate::style::{ComputedStyle, PropId, PropValue, coerce, expand_shorthand, lookup};
use crate::value::Value;

/// One component of `transform`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TComp {
    /// `scale_x`.
    ScaleX,
    /// `scale_y`.
    ScaleY,
    /// `rotate` (degrees).
    Rotate,
    /// `translate_x` (px).
    TranslateX,
    /// `translate_y` (px).
    TranslateY,
}

impl TComp {
    /// Index into [`Layer::transform`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Reads the component.
    pub fn get(self, t: &Transform) -> f32 {
        match self {
            TComp::ScaleX => t.scale_x,
            TComp::ScaleY => t.scale_y,
            TComp::Rotate => t.rotate_deg,
            TComp::TranslateX => t.translate_x,
            TComp::TranslateY => t.translate_y,
        }
    }

    /// Writes the component.
    pub fn set(self, t: &mut Transform, v: f32) {
        match self {
            TComp::ScaleX => t.scale_x = v,
            TComp::ScaleY => t.scale_y = v,
            TComp::Rotate => t.rotate_deg = v,
            TComp::TranslateX => t.translate_x = v,
            TComp::TranslateY => t.translate_y = v,
        }
    }

    const ALL: [TComp; 5] = [
        TComp::ScaleX,
        TComp::ScaleY,
        TComp::Rotate,
        TComp::TranslateX,
        TComp::TranslateY,
    ];
}

/// What one animation track drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// An animatable longhand (`opacity`, `padding_top`, the whole `transform`…).
    Prop(PropId),
    /// One transform component (`rotate`, `translate_y`…).
    Transform(TComp),
}

/// A resolved script property: the channels it drives and the catalogue property whose
/// coercion applies (`None` for transform components).
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Channels, one per longhand or component.
    pub channels: Vec<Channel>,
    /// The property as named (a shorthand expands to its longhands).
    pub prop: Option<PropId>,
}

fn not_animatable(property: &str) -> AnimError {
    AnimError {
        code: "S0108",
        message: format!("`{property}` is not an animatable property"),
    }
}

/// Resolves `"opacity"`, `"bg"`, `"padding"`, `"rotate"`, `"transform.rotate"`, `"scale"`…
pub fn resolve(property: &str) -> Result<Resolved, AnimError> {
    let name = property.trim().replace('-', "_");
    let bare = name.strip_prefix("transform.").unwrap_or(&name);
    let comps: &[TComp] = match bare {
        "scale" => &[TComp::ScaleX, TComp::ScaleY],
        "scale_x" => &[TComp::ScaleX],
        "scale_y" => &[TComp::ScaleY],
        "rotate" => &[TComp::Rotate],
        "translate_x" => &[TComp::TranslateX],
        "translate_y" => &[TComp::TranslateY],
        _ if bare != name => return Err(not_animatable(property)),
        _ => &[],
    };
    if !comps.is_empty() {
        return Ok(Resolved {
            channels: comps.iter().map(|c| Channel::Transform(*c)).collect(),
            prop: None,
        });
    }
    let prop = lookup(&name).ok_or_else(|| not_animatable(property))?;
    if !prop.animatable() {
        return Err(not_animatable(property));
    }
    let channels = if prop.is_shorthand() {
        prop.longhands()
            .iter()
            .filter(|p| p.animatable())
            .map(|p| Channel::Prop(*p))
            .collect()
    } else {
        vec![Channel::Prop(prop)]
    };
    Ok(Resolved {
        channels,
        prop: Some(prop),
    })
}

fn bad_value(property: &str, message: impl std::fmt::Display) -> AnimError {
    AnimError {
        code: "S0109",
        message: format!("`{property}`: {message}"),
    }
}

/// Coerces a script value for every channel of `resolved` (S0109 when it does not convert or
/// is not finite).
pub fn coerce_for(
    property: &str,
    resolved: &Resolved,
    value: &Value,
) -> Result<Vec<PropValue>, AnimError> {
    if let Value::Float(f) = value
        && !f.is_finite()
    {
        return Err(bad_value(property, "value is not finite"));
    }
    let Some(prop) = resolved.prop else {
        let comp = match resolved.channels.first() {
            Some(Channel::Transform(c)) => *c,
            _ => return Err(not_animatable(property)),
        };
        let n = match value {
            Value::Str(s) if comp == TComp::Rotate => parse_angle(s).map(f64::from),
            Value::Str(s) if matches!(comp, TComp::TranslateX | TComp::TranslateY) => {
                Length::parse(s, false)
                    .and_then(Length::as_px)
                    .map(f64::from)
            }
            other => other.to_number(),
        }
        .filter(|n| n.is_finite())
        .ok_or_else(|| bad_value(property, format!("cannot use {value:?} as a number")))?;
        return Ok(vec![PropValue::Number(n as f32); resolved.channels.len()]);
    };
    let pairs = if prop.is_shorthand() {
        expand_shorthand(prop, std::slice::from_ref(value))
    } else {
        coerce(prop, value).map(|v| vec![(prop, v)])
    }
    .map_err(|e| bad_value(property, e.message))?;
    resolved
        .channels
        .iter()
        .map(|c| {
            pairs
                .iter()
                .find(|(p, _)| Channel::Prop(*p) == *c)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| bad_value(property, "value does not set every side"))
        })
        .collect()
}

/// The displayed value of a channel in a computed style.
pub fn read_channel(style: &ComputedStyle, channel: Channel) -> Option<PropValue> {
    match channel {
        Channel::Prop(p) => read_prop(style, p),
        Channel::Transform(c) => Some(PropValue::Number(c.get(&style.transform))),
    }
}

/// True when the channel changes only pixels (opacity, colours of the box, transforms,
/// shadows): a new value can be patched into the computed style without a cascade.
pub fn paint_only(channel: Channel) -> bool {
    match channel {
        Channel::Prop(p) => crate::style::computed::is_paint_only(p),
        Channel::Transform(_) => true,
    }
}

/// The animation values of one element (cascade layer 8).
#[derive(Debug, Clone, Default)]
pub struct Layer {
    /// Longhand values, in first-write order.
    pub props: Vec<(PropId, PropValue)>,
    /// Transform component overrides, applied over the cascaded transform.
    pub transform: [Option<f32>; 5],
    /// Something changed since the last flush that only a full cascade shows: a channel was
    /// added or removed (the values under it are the cascade's), or a property that is not
    /// paint-only changed. Value updates of paint-only channels leave it false, so the flush
    /// can patch them into the computed style (see [`super::patch`]).
    pub(crate) restyle: bool,
}

impl Layer {
    /// Writes a channel's value; returns whether it changed.
    pub fn write(&mut self, channel: Channel, value: &PropValue) -> bool {
        match channel {
            Channel::Prop(p) => {
                if let Some((_, slot)) = self.props.iter_mut().find(|(q, _)| *q == p) {
                    if slot == value {
                        return false;
                    }
                    slot.clone_from(value);
                    self.restyle |= !paint_only(channel);
                } else {
                    self.props.push((p, value.clone()));
                    self.restyle = true;
                }
                true
            }
            Channel::Transform(c) => {
                let PropValue::Number(n) = value else {
                    return false;
                };
                let slot = &mut self.transform[c.index()];
                if *slot == Some(*n) {
                    return false;
                }
                self.restyle |= slot.is_none();
                *slot = Some(*n);
                true
            }
        }
    }

    /// Removes a channel's value; returns whether there was one.
    pub fn clear(&mut self, channel: Channel) -> bool {
        let removed = match channel {
            Channel::Prop(p) => {
                let before = self.props.len();
                self.props.retain(|(q, _)| *q != p);
                before != self.props.len()
            }
            Channel::Transform(c) => self.transform[c.index()].take().is_some(),
        };
        self.restyle |= removed;
        removed
    }

    /// True when the layer holds nothing.
    pub fn is_empty(&self) -> bool {
        self.props.is_empty() && self.transform.iter().all(Option::is_none)
    }

    /// Applies the transform component overrides to a cascaded transform.
    pub fn patch_transform(&self, t: &mut Transform) {
        for c in TComp::ALL {
            if let Some(v) = self.transform[c.index()] {
                c.set(t, v);
            }
        }
    }
}
