//! Reactive slots and lexical scopes.
//!
//! Every name a binding can read is a [`SlotId`]: a global variable, a component instance
//! property, or a `@for` loop variable. Scopes chain frames (loop → instance → global) so a name
//! resolves to the innermost slot (kry §6.3). A slot records which bindings read it; writing a
//! slot marks exactly those bindings dirty, which is what keeps per-frame work proportional to
//! what changed.

use crate::value::Value;
use slotmap::{SecondaryMap, SlotMap, new_key_type};

new_key_type! {
    /// A reactive value slot.
    pub struct SlotId;
    /// A scope frame.
    pub struct ScopeId;
    /// A binding.
    pub struct BindingId;
}

/// What kind of name a slot holds (for diagnostics and type conversion).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    /// A document variable.
    Global,
    /// A component instance property.
    InstanceProp,
    /// A `@for` item or index variable.
    Loop,
}

/// Declared type of a variable (kry §6.2): fixed by its initial value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarType {
    /// Number.
    Number,
    /// Boolean.
    Bool,
    /// String.
    String,
    /// Colour.
    Color,
    /// Array.
    Array,
    /// Object.
    Object,
    /// `null` initial value: anything goes.
    Any,
}

impl VarType {
    /// The type an initial value fixes.
    pub fn of(value: &Value) -> VarType {
        match value {
            Value::Null => VarType::Any,
            Value::Bool(_) => VarType::Bool,
            Value::Int(_) | Value::Float(_) => VarType::Number,
            Value::Str(_) => VarType::String,
            Value::Color(_) => VarType::Color,
            Value::Array(_) => VarType::Array,
            Value::Object(_) => VarType::Object,
        }
    }

    /// Converts a written value to this type (kry §6.2); `None` when it cannot.
    pub fn convert(self, value: Value) -> Option<Value> {
        use crate::value::Color;
        match (self, value) {
            (VarType::Any, v) => Some(v),
            (_, Value::Null) => Some(Value::Null),
            (VarType::Number, v @ (Value::Int(_) | Value::Float(_))) => Some(v),
            (VarType::Number, Value::Str(s)) => crate::value::parse_numeric(&s).map(Value::number),
            (VarType::Bool, Value::Bool(b)) => Some(Value::Bool(b)),
            (VarType::Bool, Value::Str(s)) => match s.trim() {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => None,
            },
            (
                VarType::String,
                v @ (Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_)),
            ) => Some(Value::Str(v.to_string())),
            (VarType::String, Value::Color(c)) => Some(Value::Str(c.to_hex())),
            (VarType::Color, Value::Color(c)) => Some(Value::Color(c)),
            (VarType::Color, Value::Str(s)) => Color::parse(&s).map(Value::Color),
            (VarType::Color, Value::Object(map)) => {
                let channel = |k: &str, default: f64| -> Option<u8> {
                    let v = map.get(k).map_or(Some(default), Value::as_f64)?;
                    Some((v.clamp(0.0, 1.0) * 255.0).round() as u8)
                };
                Some(Value::Color(Color::rgba(
                    channel("r", 0.0)?,
                    channel("g", 0.0)?,
                    channel("b", 0.0)?,
                    channel("a", 1.0)?,
                )))
            }
            (VarType::Array, v @ Value::Array(_)) => Some(v),
            (VarType::Array, Value::Object(map)) if map.is_empty() => {
                Some(Value::Array(Vec::new()))
            }
            (VarType::Object, v @ Value::Object(_)) => Some(v),
            _ => None,
        }
    }
}

/// One reactive slot.
#[derive(Debug, Clone)]
pub struct Slot {
    /// Name as written.
    pub name: String,
    /// Current value.
    pub value: Value,
    /// Declared type.
    pub ty: VarType,
    /// Kind of slot.
    pub kind: SlotKind,
}

/// One scope frame: names bound here, then the parent frame.
#[derive(Debug, Clone, Default)]
pub struct ScopeFrame {
    /// Enclosing frame (`None` for the global frame).
    pub parent: Option<ScopeId>,
    /// Names bound in this frame.
    pub names: Vec<(String, SlotId)>,
    /// The component instance this frame belongs to, if it is an instance frame.
    pub instance: Option<crate::tree::InstanceId>,
}

/// Slots, scopes and the slot → readers index.
#[derive(Debug, Default)]
pub struct Scopes {
    /// All slots.
    pub slots: SlotMap<SlotId, Slot>,
    /// All frames.
    pub frames: SlotMap<ScopeId, ScopeFrame>,
    /// Bindings that read each slot (deduplicated on insert).
    pub readers: SecondaryMap<SlotId, Vec<BindingId>>,
    /// The global frame.
    pub global: ScopeId,
}

impl Scopes {
    /// Creates the store with an empty global frame.
    pub fn new() -> Self {
        let mut scopes = Self::default();
        scopes.global = scopes.frames.insert(ScopeFrame::default());
        scopes
    }

    /// Adds a frame under `parent`.
    pub fn push_frame(
        &mut self,
        parent: ScopeId,
        instance: Option<crate::tree::InstanceId>,
    ) -> ScopeId {
        self.frames.insert(ScopeFrame {
            parent: Some(parent),
            names: Vec::new(),
            instance,
        })
    }

    /// Binds a new slot in `frame`.
    pub fn bind(
        &mut self,
        frame: ScopeId,
        name: &str,
        value: Value,
        ty: VarType,
        kind: SlotKind,
    ) -> SlotId {
        let slot = self.slots.insert(Slot {
            name: name.to_owned(),
            value,
            ty,
            kind,
        });
        if let Some(f) = self.frames.get_mut(frame) {
            f.names.push((name.to_owned(), slot));
        }
        slot
    }

    /// Resolves a name from `frame` outwards.
    pub fn resolve(&self, mut frame: ScopeId, name: &str) -> Option<SlotId> {
        loop {
            let f = self.frames.get(frame)?;
            if let Some((_, slot)) = f.names.iter().rev().find(|(n, _)| n == name) {
                return Some(*slot);
            }
            frame = f.parent?;
        }
    }

    /// A global variable's slot.
    pub fn global(&self, name: &str) -> Option<SlotId> {
        self.frames
            .get(self.global)?
            .names
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, s)| *s)
    }

    /// Records that `binding` read `slot`.
    pub fn add_reader(&mut self, slot: SlotId, binding: BindingId) {
        if let Some(list) = self.readers.entry(slot).map(|e| e.or_default())
            && !list.contains(&binding)
        {
            list.push(binding);
        }
    }

    /// Removes a frame and its slots (when the elements that used them are gone).
    pub fn drop_frame(&mut self, frame: ScopeId) {
        if let Some(f) = self.frames.remove(frame) {
            for (_, slot) in f.names {
                self.slots.remove(slot);
                self.readers.remove(slot);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_frames_shadow_outer_ones() {
        let mut s = Scopes::new();
        let g = s.global;
        let outer = s.bind(g, "x", Value::Int(1), VarType::Number, SlotKind::Global);
        let frame = s.push_frame(g, None);
        let inner = s.bind(frame, "x", Value::Int(2), VarType::Number, SlotKind::Loop);
        assert_eq!(s.resolve(frame, "x"), Some(inner));
        assert_eq!(s.resolve(g, "x"), Some(outer));
        assert_eq!(s.resolve(frame, "y"), None);
    }

    #[test]
    fn typed_conversion_follows_the_spec() {
        assert!(matches!(
            VarType::Bool.convert(Value::str("false")),
            Some(Value::Bool(false))
        ));
        assert!(VarType::Bool.convert(Value::str("maybe")).is_none());
        assert!(matches!(
            VarType::Number.convert(Value::str("4")),
            Some(Value::Int(4))
        ));
        assert!(matches!(VarType::String.convert(Value::Int(3)), Some(Value::Str(s)) if s == "3"));
        assert!(
            matches!(VarType::Array.convert(Value::Object(Default::default())), Some(Value::Array(a)) if a.is_empty())
        );
        assert!(VarType::Array.convert(Value::Int(1)).is_none());
    }
}
