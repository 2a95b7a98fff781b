//! Evaluation of markup expressions (kry-language.md §6.3–§7).
//!
//! The evaluator is pure: it reads names through an [`Env`], which resolves them in a scope and
//! records which slots were read (that is how bindings learn their dependencies). Errors carry a
//! code (`K0101` undefined variable, `K0310` bad arithmetic or ordering) and the span to blame.

use crate::value::{Value, format_number};
use kryon_markup::Span;
use kryon_markup::ast::{BinaryOp, Expr, ExprKind, PathSegment, StrPart, UnaryOp, VarPath};
use std::cmp::Ordering;

/// Name lookup for the evaluator.
pub trait Env {
    /// The value of a name, or `None` when it is defined nowhere.
    fn lookup(&mut self, name: &str) -> Option<Value>;
}

/// An evaluation failure.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError {
    /// `K0101` or `K0310`.
    pub code: &'static str,
    /// Message.
    pub message: String,
    /// Offending sub-expression.
    pub span: Span,
}

impl EvalError {
    /// The diagnostic for this failure: an undefined name (K0101) is a markup error; bad
    /// arithmetic or ordering (K0310) only warns, and the binding keeps its previous value.
    pub fn to_diagnostic(&self) -> kryon_markup::Diagnostic {
        let severity = if self.code == "K0101" {
            kryon_markup::Diagnostic::error
        } else {
            kryon_markup::Diagnostic::warning
        };
        severity(self.code, self.message.clone()).at(self.span)
    }
}

/// An environment with no names: evaluates constant expressions.
pub struct NoVariables;

impl Env for NoVariables {
    fn lookup(&mut self, _name: &str) -> Option<Value> {
        None
    }
}

/// The value of an expression that mentions no variable (`None` if it does, or if it fails).
pub fn constant(expr: &Expr) -> Option<Value> {
    if mentions_var(expr) {
        return None;
    }
    eval(expr, &mut NoVariables).ok()
}

fn err(code: &'static str, message: impl Into<String>, span: Span) -> EvalError {
    EvalError {
        code,
        message: message.into(),
        span,
    }
}

/// Evaluates an expression.
pub fn eval(expr: &Expr, env: &mut dyn Env) -> Result<Value, EvalError> {
    Ok(match &expr.kind {
        ExprKind::Null => Value::Null,
        ExprKind::Bool(b) => Value::Bool(*b),
        ExprKind::Number { value, unit: None } => Value::number(*value),
        ExprKind::Number {
            value,
            unit: Some(unit),
        } => Value::Str(format!("{}{}", format_number(*value), unit.suffix())),
        ExprKind::Text(text) => Value::Str(text.clone()),
        ExprKind::Str(parts) => Value::Str(eval_string(parts, env)?),
        ExprKind::Color([r, g, b, a]) => Value::Color(crate::value::Color::rgba(*r, *g, *b, *a)),
        ExprKind::Ident(name) => Value::Str(name.clone()),
        ExprKind::Var(path) => eval_path(path, env)?,
        ExprKind::Array(items) => Value::Array(
            items
                .iter()
                .map(|e| eval(e, env))
                .collect::<Result<_, _>>()?,
        ),
        ExprKind::Unary(UnaryOp::Not, inner) => Value::Bool(!eval(inner, env)?.truthy()),
        ExprKind::Unary(UnaryOp::Neg, inner) => match &inner.kind {
            // `-10px` written with a space or parentheses is still a length.
            ExprKind::Number {
                value,
                unit: Some(unit),
            } => Value::Str(format!("{}{}", format_number(-*value), unit.suffix())),
            _ => {
                let v = eval(inner, env)?;
                Value::number(-arith_operand(&v, inner.span)?)
            }
        },
        ExprKind::Ternary(cond, a, b) => {
            if eval(cond, env)?.truthy() {
                eval(a, env)?
            } else {
                eval(b, env)?
            }
        }
        ExprKind::Binary(BinaryOp::And, a, b) => {
            let left = eval(a, env)?;
            if left.truthy() { eval(b, env)? } else { left }
        }
        ExprKind::Binary(BinaryOp::Or, a, b) => {
            let left = eval(a, env)?;
            if left.truthy() { left } else { eval(b, env)? }
        }
        ExprKind::Binary(op, a, b) => {
            let left = eval(a, env)?;
            let right = eval(b, env)?;
            binary(*op, left, right, expr.span)?
        }
    })
}

/// Evaluates the parts of a quoted string, formatting values per kry §6.6.
pub fn eval_string(parts: &[StrPart], env: &mut dyn Env) -> Result<String, EvalError> {
    // A literal is one piece of text: copy it at its size.
    if let [StrPart::Text(t)] = parts {
        return Ok(t.clone());
    }
    let mut out = String::new();
    for part in parts {
        match part {
            StrPart::Text(t) => out.push_str(t),
            StrPart::Var(path) => {
                use std::fmt::Write;
                let _ = write!(out, "{}", eval_path(path, env)?);
            }
        }
    }
    Ok(out)
}

/// Evaluates `$root.a[1]…`: 1-based indexes, `.length`, missing members are `null`.
pub fn eval_path(path: &VarPath, env: &mut dyn Env) -> Result<Value, EvalError> {
    let Some(mut value) = env.lookup(&path.root.text) else {
        return Err(err(
            "K0101",
            format!("undefined variable \"{}\"", path.root.text),
            path.root.span,
        ));
    };
    for segment in &path.segments {
        value = match segment {
            PathSegment::Field(name) => member(&value, &name.text),
            PathSegment::Index(index) => {
                let key = eval(index, env)?;
                match (&value, &key) {
                    (Value::Array(items), _) => key
                        .to_number()
                        .filter(|n| n.fract() == 0.0 && *n >= 1.0)
                        .and_then(|n| items.get(n as usize - 1).cloned())
                        .unwrap_or(Value::Null),
                    (Value::Str(s), _) => key
                        .to_number()
                        .filter(|n| n.fract() == 0.0 && *n >= 1.0)
                        .and_then(|n| s.chars().nth(n as usize - 1))
                        .map_or(Value::Null, |c| Value::Str(c.to_string())),
                    (Value::Object(_), _) => member(&value, &key.to_string()),
                    _ => Value::Null,
                }
            }
        };
    }
    Ok(value)
}

fn member(value: &Value, name: &str) -> Value {
    match value {
        Value::Object(map) => map.get(name).cloned().unwrap_or(Value::Null),
        _ if name == "length" => value.length().map_or(Value::Null, |n| Value::Int(n as i64)),
        _ => Value::Null,
    }
}

fn arith_operand(v: &Value, span: Span) -> Result<f64, EvalError> {
    match v {
        Value::Int(_) | Value::Float(_) => {
            v.as_f64().ok_or_else(|| err("K0310", "bad number", span))
        }
        Value::Str(s) => crate::value::parse_numeric(s).ok_or_else(|| {
            err(
                "K0310",
                format!("cannot do arithmetic on \"{s}\" (not a number)"),
                span,
            )
        }),
        other => Err(err(
            "K0310",
            format!("cannot do arithmetic on a {}", other.type_name()),
            span,
        )),
    }
}

fn binary(op: BinaryOp, left: Value, right: Value, span: Span) -> Result<Value, EvalError> {
    Ok(match op {
        BinaryOp::Eq => Value::Bool(left.loose_eq(&right)),
        BinaryOp::Ne => Value::Bool(!left.loose_eq(&right)),
        BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
            let Some(ord) = order(&left, &right) else {
                return Err(err(
                    "K0310",
                    format!(
                        "cannot order a {} and a {}",
                        left.type_name(),
                        right.type_name()
                    ),
                    span,
                ));
            };
            Value::Bool(match op {
                BinaryOp::Lt => ord == Ordering::Less,
                BinaryOp::Le => ord != Ordering::Greater,
                BinaryOp::Gt => ord == Ordering::Greater,
                _ => ord != Ordering::Less,
            })
        }
        BinaryOp::Add if matches!(left, Value::Str(_)) || matches!(right, Value::Str(_)) => {
            Value::Str(format!("{left}{right}"))
        }
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Rem => {
            let a = arith_operand(&left, span)?;
            let b = arith_operand(&right, span)?;
            let n = match op {
                BinaryOp::Add => a + b,
                BinaryOp::Sub => a - b,
                BinaryOp::Mul => a * b,
                BinaryOp::Div | BinaryOp::Rem if b == 0.0 => {
                    return Err(err("K0310", "division by zero", span));
                }
                BinaryOp::Div => a / b,
                _ => a % b,
            };
            Value::number(n)
        }
        BinaryOp::And | BinaryOp::Or => unreachable_logic(left, right, op),
    })
}

// `&&`/`||` short-circuit in `eval`; this keeps `binary` total without a panic path.
fn unreachable_logic(left: Value, right: Value, op: BinaryOp) -> Value {
    match op {
        BinaryOp::And if !left.truthy() => left,
        BinaryOp::Or if left.truthy() => left,
        _ => right,
    }
}

fn order(a: &Value, b: &Value) -> Option<Ordering> {
    if let (Some(x), Some(y)) = (a.to_number(), b.to_number())
        && (a.as_f64().is_some()
            || b.as_f64().is_some()
            || (a.as_str().is_some() && b.as_str().is_some()))
    {
        // Numbers and numeric strings compare numerically.
        return x.partial_cmp(&y);
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(x.as_str().cmp(y.as_str())),
        _ => None,
    }
}

/// Collects every variable name an expression mentions (used for K0114 and static checks).
pub fn mentions_var(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Var(_) => true,
        ExprKind::Str(parts) => parts.iter().any(|p| matches!(p, StrPart::Var(_))),
        ExprKind::Unary(_, e) => mentions_var(e),
        ExprKind::Binary(_, a, b) => mentions_var(a) || mentions_var(b),
        ExprKind::Ternary(a, b, c) => mentions_var(a) || mentions_var(b) || mentions_var(c),
        ExprKind::Array(items) => items.iter().any(mentions_var),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kryon_markup::ast::Name;
    use std::collections::HashMap;

    struct MapEnv(HashMap<&'static str, Value>);
    impl Env for MapEnv {
        fn lookup(&mut self, name: &str) -> Option<Value> {
            self.0.get(name).cloned()
        }
    }

    fn e(kind: ExprKind) -> Expr {
        Expr {
            kind,
            span: Span::default(),
        }
    }
    fn var(name: &str) -> Expr {
        e(ExprKind::Var(Box::new(VarPath {
            root: Name {
                text: name.into(),
                span: Span::default(),
            },
            segments: vec![],
            span: Span::default(),
        })))
    }
    fn num(n: f64) -> Expr {
        e(ExprKind::Number {
            value: n,
            unit: None,
        })
    }
    fn bin(op: BinaryOp, a: Expr, b: Expr) -> Expr {
        e(ExprKind::Binary(op, Box::new(a), Box::new(b)))
    }

    fn env() -> MapEnv {
        MapEnv(HashMap::from([
            ("n", Value::Int(8)),
            ("s", Value::str("5")),
            ("open", Value::str("false")),
            ("list", Value::Array(vec![Value::str("a"), Value::str("b")])),
        ]))
    }

    #[test]
    fn arithmetic_comparison_and_ternary() {
        let mut env = env();
        let t = e(ExprKind::Ternary(
            Box::new(bin(BinaryOp::Gt, var("n"), num(7.0))),
            Box::new(num(20.0)),
            Box::new(num(14.0)),
        ));
        assert!(matches!(eval(&t, &mut env), Ok(Value::Int(20))));
        assert!(
            matches!(eval(&bin(BinaryOp::Add, var("n"), var("s")), &mut env), Ok(Value::Str(s)) if s == "85")
        );
        assert!(matches!(
            eval(&bin(BinaryOp::Mul, var("n"), var("s")), &mut env),
            Ok(Value::Int(40))
        ));
        assert!(matches!(
            eval(&bin(BinaryOp::Rem, num(-7.0), num(3.0)), &mut env),
            Ok(Value::Int(-1))
        ));
        assert!(matches!(
            eval(&bin(BinaryOp::Div, num(1.0), num(0.0)), &mut env),
            Err(EvalError { code: "K0310", .. })
        ));
        assert!(matches!(
            eval(&bin(BinaryOp::Eq, var("s"), num(5.0)), &mut env),
            Ok(Value::Bool(true))
        ));
    }

    #[test]
    fn string_false_is_falsy_and_or_returns_an_operand() {
        let mut env = env();
        let not_open = e(ExprKind::Unary(UnaryOp::Not, Box::new(var("open"))));
        assert!(matches!(eval(&not_open, &mut env), Ok(Value::Bool(true))));
        let or = bin(
            BinaryOp::Or,
            var("open"),
            e(ExprKind::Str(vec![StrPart::Text("Guest".into())])),
        );
        assert!(matches!(eval(&or, &mut env), Ok(Value::Str(s)) if s == "Guest"));
    }

    #[test]
    fn paths_index_from_one_and_report_undefined_names() {
        let mut env = env();
        let path = VarPath {
            root: Name {
                text: "list".into(),
                span: Span::default(),
            },
            segments: vec![PathSegment::Index(Box::new(num(1.0)))],
            span: Span::default(),
        };
        assert!(matches!(eval_path(&path, &mut env), Ok(Value::Str(s)) if s == "a"));
        let len = VarPath {
            root: Name {
                text: "list".into(),
                span: Span::default(),
            },
            segments: vec![PathSegment::Field(Name {
                text: "length".into(),
                span: Span::default(),
            })],
            span: Span::default(),
        };
        assert!(matches!(eval_path(&len, &mut env), Ok(Value::Int(2))));
        assert!(matches!(
            eval(&var("nope"), &mut env),
            Err(EvalError { code: "K0101", .. })
        ));
    }
}
