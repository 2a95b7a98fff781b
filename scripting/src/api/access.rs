//! Property accessors: which element-method declarations read or write one named property, so
//! an engine can bind them to the bridge's fast path ([`crate::Bridge::set_named`] and
//! [`crate::Bridge::get_named`]: no argument list, text borrowed) instead of the generic
//! `invoke`. The shape is read from the table (op and parameters), so the fast path is
//! generated like every other binding, never listed by hand per language.

use super::{ApiFn, Imp, Op, Receiver, Ty};
use crate::error::{ScriptError, bad_argument};
use crate::value::FieldArg;

/// How an element method maps onto the fast path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// `el:setProperty(name, v)`: parameters `(name, value)`.
    SetByName(Op),
    /// `el:setText(v)`: parameter `(value)`; the name is the op's.
    SetFixed(Op, &'static str),
    /// `el:getProperty(name)`: parameter `(name)`.
    GetByName(Op),
    /// `el:getText()`: no parameters; the name is the op's.
    GetFixed(Op, &'static str),
}

impl Access {
    /// The accessor shape of an element-method declaration, if it has one.
    pub fn of(f: &ApiFn) -> Option<Access> {
        if f.receiver != Receiver::Element {
            return None;
        }
        let Imp::Host(op) = f.imp else {
            return None;
        };
        let params = f.params;
        let name_first = params
            .first()
            .is_some_and(|p| p.ty == Ty::String && !p.optional);
        match op {
            Op::SetField | Op::SetProperty if params.len() == 2 && name_first => {
                Some(Access::SetByName(op))
            }
            Op::SetNamed(name) if params.len() == 1 && params[0].ty != Ty::Rest => {
                Some(Access::SetFixed(op, name))
            }
            Op::GetField | Op::GetProperty | Op::GetComputed if params.len() == 1 && name_first => {
                Some(Access::GetByName(op))
            }
            Op::GetNamed(name) if params.is_empty() => Some(Access::GetFixed(op, name)),
            _ => None,
        }
    }
}

/// Checks argument `i` (0-based, receiver excluded) of `f` exactly as
/// [`check_args`](super::check_args) does, without building a [`Value`](crate::Value) for text.
pub fn check_field_arg(f: &ApiFn, i: usize, value: &FieldArg<'_>) -> Result<(), ScriptError> {
    let Some(param) = f.params.get(i).filter(|p| p.ty != Ty::Rest) else {
        return Ok(());
    };
    let ok = match value {
        FieldArg::Text(_) => param.ty.accepts_text(),
        FieldArg::Value(v) => param.admits(v),
    };
    if ok {
        return Ok(());
    }
    Err(bad_argument(
        f.name,
        i + 1,
        param.name,
        param.ty.name(),
        value.type_name(),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::{API, Param, check_args, find};
    use super::*;
    use crate::value::Value;

    #[test]
    fn accessors_are_found_by_shape() {
        let access = |name| find(Receiver::Element, name).and_then(Access::of);
        assert_eq!(
            access("setProperty"),
            Some(Access::SetByName(Op::SetProperty))
        );
        assert_eq!(
            access("setText"),
            Some(Access::SetFixed(Op::SetNamed("text"), "text"))
        );
        assert_eq!(
            access("getProperty"),
            Some(Access::GetByName(Op::GetProperty))
        );
        assert_eq!(
            access("getText"),
            Some(Access::GetFixed(Op::GetNamed("text"), "text"))
        );
        assert_eq!(access("addClass"), None);
    }

    /// The fast check agrees with [`check_args`] for every parameter, on text and on nil.
    #[test]
    fn field_arguments_are_checked_like_values() {
        for f in API {
            for param in f.params {
                let one = ApiFn {
                    params: std::slice::from_ref::<Param>(param),
                    ..*f
                };
                for (fast, value) in [
                    (FieldArg::Text("x"), Value::str("x")),
                    (FieldArg::Value(Value::Null), Value::Null),
                    (FieldArg::Value(Value::Int(1)), Value::Int(1)),
                ] {
                    assert_eq!(
                        check_field_arg(&one, 0, &fast).map_err(|e| e.message),
                        check_args(&one, &[value]).map_err(|e| e.message),
                        "{} ({})",
                        f.name,
                        param.name
                    );
                }
            }
        }
    }
}
