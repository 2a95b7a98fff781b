//! Applying markup properties to an element (kry §4): special keys (`id`, `key`, `style`,
//! handlers), catalogue properties (literal → coerced now; `$`-bound → a binding), and custom
//! data (K0104). Also the runtime write path shared with bindings and scripts.

use super::element::BuildCtx;
use crate::bind::{BindTarget, Binding, ScopeEnv, eval_value, value_is_bound};
use crate::dom::Dom;
use crate::scope::ScopeId;
use crate::style::values::Handler;
use crate::style::{self, PropId, PropValue, StateSet};
use crate::tree::{Dirty, ElementId};
use crate::value::Value;
use kryon_markup::ast::{self, ExprKind, ValueKind};
use kryon_markup::{Diagnostic, Span};
use std::borrow::Cow;
use std::rc::Rc;

/// Applies one `key: value` from markup.
pub(crate) fn apply_markup(
    ctx: &mut BuildCtx<'_>,
    dom: &mut Dom,
    id: ElementId,
    property: &ast::Property,
    scope: ScopeId,
) {
    let key = property.key.text.as_str();
    let Some(kind) = dom.arena.elements.get(id).map(|e| e.kind) else {
        return;
    };
    match key {
        "id" => return apply_id(ctx, dom, id, property, scope),
        "key" => {
            let value = evaluate_once(ctx, dom, &property.value, scope);
            if let Some(e) = dom.arena.elements.get_mut(id) {
                e.key = Some(value);
            }
            if value_is_bound(&property.value) {
                bind(dom, id, BindTarget::Key(id), &property.value, scope);
            }
            return;
        }
        "style" | "class" => {
            check_literal_classes(ctx, dom, &property.value);
            if value_is_bound(&property.value) {
                bind(dom, id, BindTarget::Classes(id), &property.value, scope);
            } else {
                let value = evaluate_once(ctx, dom, &property.value, scope);
                // Unknown literal names were reported above as errors.
                set_classes(dom, id, &value, None);
            }
            return;
        }
        _ => {}
    }
    if is_handler_key(key) {
        let handler = handler_of(&property.value);
        if let Some(e) = dom.arena.elements.get_mut(id) {
            e.handlers.retain(|(k, _)| k != key);
            e.handlers.push((key.to_owned(), handler));
        }
        return;
    }
    match style::lookup(key) {
        Some(prop) if kind.is_reserved() || !prop.applies_to(kind) => {
            let value = evaluate_once(ctx, dom, &property.value, scope);
            set_custom(dom, id, key, value);
        }
        Some(prop) => {
            if prop == PropId::Src
                && let Some(e) = dom.arena.elements.get_mut(id)
            {
                // Image paths resolve relative to the file that wrote them (kry §13.1).
                e.src_span = Some(property.value.span);
            }
            if value_is_bound(&property.value) {
                bind(dom, id, BindTarget::Prop(id, prop), &property.value, scope);
            } else {
                let value = evaluate_once(ctx, dom, &property.value, scope);
                let list = matches!(property.value.kind, ValueKind::List(_));
                if let Err(e) = write_prop_owned(dom, id, prop, value, list) {
                    ctx.diags
                        .push(Diagnostic::error(e.code, e.message).at(property.value.span));
                }
            }
        }
        None => {
            if !kind.is_reserved() && !key.starts_with("data_") {
                ctx.diags.push(
                    Diagnostic::warning(
                        "K0104",
                        format!("unknown property \"{key}\" (kept as custom data)"),
                    )
                    .at(property.key.span)
                    .with_label("not in the property catalogue"),
                );
            }
            if value_is_bound(&property.value) {
                bind(
                    dom,
                    id,
                    BindTarget::Custom(id, key.to_owned()),
                    &property.value,
                    scope,
                );
            } else {
                let value = evaluate_once(ctx, dom, &property.value, scope);
                set_custom(dom, id, key, value);
            }
        }
    }
}

/// `Text { "a" }` / `Text { ["a", "b"] }`: the text property, lines joined with `\n`.
pub(crate) fn apply_text_lines(
    ctx: &mut BuildCtx<'_>,
    dom: &mut Dom,
    id: ElementId,
    lines: &[ast::Expr],
    span: Span,
    scope: ScopeId,
) {
    let value = if lines.len() == 1 {
        ast::Value {
            kind: ValueKind::Expr(lines[0].clone()),
            span,
        }
    } else {
        // Join as `a + "\n" + b`: one expression so a binding covers all lines.
        let mut joined: Option<ast::Expr> = None;
        for line in lines {
            joined = Some(match joined {
                None => line.clone(),
                Some(acc) => {
                    let newline = ast::Expr {
                        kind: ExprKind::Text("\n".into()),
                        span,
                    };
                    let left = ast::Expr {
                        kind: ExprKind::Binary(
                            ast::BinaryOp::Add,
                            Box::new(acc),
                            Box::new(newline),
                        ),
                        span,
                    };
                    ast::Expr {
                        kind: ExprKind::Binary(
                            ast::BinaryOp::Add,
                            Box::new(left),
                            Box::new(line.clone()),
                        ),
                        span,
                    }
                }
            });
        }
        let Some(expr) = joined else { return };
        ast::Value {
            kind: ValueKind::Expr(expr),
            span,
        }
    };
    let property = ast::Property {
        key: ast::Name {
            text: "text".into(),
            span,
        },
        value,
        span,
    };
    apply_markup(ctx, dom, id, &property, scope);
}

/// `&:hover { … }` directly inside an element (cascade layer 7). Values are evaluated once.
pub(crate) fn apply_pseudo(
    ctx: &mut BuildCtx<'_>,
    dom: &mut Dom,
    id: ElementId,
    block: &ast::PseudoBlock,
    scope: ScopeId,
) {
    let mut values = Vec::new();
    for property in &block.properties {
        let Some(prop) = style::lookup(&property.key.text) else {
            ctx.diags.push(
                Diagnostic::warning(
                    "K0104",
                    format!(
                        "unknown property \"{}\" in a pseudo block (ignored)",
                        property.key.text
                    ),
                )
                .at(property.key.span),
            );
            continue;
        };
        let value = evaluate_once(ctx, dom, &property.value, scope);
        let list = matches!(property.value.kind, ValueKind::List(_));
        match coerce_any(prop, &value, list) {
            Ok(pairs) => values.extend(pairs),
            Err(e) => ctx
                .diags
                .push(Diagnostic::error(e.code, e.message).at(property.value.span)),
        }
    }
    let states = StateSet::from_states(&block.states);
    if let Some(e) = dom.arena.elements.get_mut(id) {
        e.own_pseudo.push((states, values));
    }
    dom.mark(id, Dirty::STYLE);
}

fn apply_id(
    ctx: &mut BuildCtx<'_>,
    dom: &mut Dom,
    id: ElementId,
    property: &ast::Property,
    scope: ScopeId,
) {
    let local = evaluate_once(ctx, dom, &property.value, scope).to_string();
    if local.is_empty() {
        return;
    }
    let instance = dom.arena.elements.get(id).and_then(|e| e.instance);
    let scoped = match instance.and_then(|i| dom.arena.instances.get(i)) {
        Some(inst) => format!("{}.{local}", inst.scoped_id),
        None => local.clone(),
    };
    if dom.element_by_id(&scoped).is_some() {
        ctx.diags.push(
            Diagnostic::warning("K0105", format!("duplicate id \"{scoped}\" in one scope"))
                .at(property.value.span)
                .with_help("ids must be unique; inside `@for` write `id: \"row_$index\"`"),
        );
    } else {
        dom.ids.insert(scoped.clone(), id);
    }
    if let Some(e) = dom.arena.elements.get_mut(id) {
        e.local_id = Some(local);
        e.scoped_id = Some(scoped);
    }
}

/// True for event handler keys (`onClick`, `onChange`…): `on` then an upper-case letter.
pub(crate) fn is_handler_key(key: &str) -> bool {
    key.strip_prefix("on")
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_ascii_uppercase())
}

/// Reads a handler value (kry §11.4): a call, a `$` reference, or a name/inline code.
pub(crate) fn handler_of(value: &ast::Value) -> Handler {
    match &value.kind {
        ValueKind::Call(call) => Handler::Call {
            name: call.name.text.clone(),
            args: call.args.clone(),
        },
        ValueKind::Expr(expr) => match &expr.kind {
            ExprKind::Ident(name) => Handler::Name(name.clone()),
            ExprKind::Text(text) => Handler::from_text(text),
            ExprKind::Str(parts) => match plain_text(parts) {
                Some(text) => Handler::from_text(&text),
                None => Handler::Reference(expr.clone()),
            },
            _ => Handler::Reference(expr.clone()),
        },
        _ => Handler::Name(String::new()),
    }
}

pub(crate) fn evaluate_once(
    ctx: &mut BuildCtx<'_>,
    dom: &Dom,
    value: &ast::Value,
    scope: ScopeId,
) -> Value {
    let mut env = ScopeEnv::new(&dom.scopes, scope);
    match eval_value(value, &mut env) {
        Ok(v) => v,
        Err(e) => {
            ctx.diags.push(e.to_diagnostic());
            Value::Null
        }
    }
}

/// Registers a binding owned by `owner` and evaluates it once.
pub(crate) fn bind(
    dom: &mut Dom,
    owner: ElementId,
    target: BindTarget,
    value: &ast::Value,
    scope: ScopeId,
) {
    let binding = Binding {
        target,
        source: Rc::new(value.clone()),
        scope,
        deps: Vec::new(),
        queued: false,
    };
    let id = dom.add_binding(binding);
    if let Some(e) = dom.arena.elements.get_mut(owner) {
        e.bindings.push(id);
    }
}

/// Coerces a value for a property; shorthands and lists expand to their longhands.
pub(crate) fn coerce_any(
    prop: PropId,
    value: &Value,
    list: bool,
) -> Result<Vec<(PropId, PropValue)>, style::CoerceError> {
    if prop.is_shorthand() {
        let atoms = match value {
            Value::Array(items) if list => items.clone(),
            other => vec![other.clone()],
        };
        return style::expand_shorthand(prop, &atoms);
    }
    Ok(vec![(prop, style::coerce(prop, value)?)])
}

/// Writes an element's own property (layer 6); marks it style-dirty when something changed.
pub(crate) fn write_prop(
    dom: &mut Dom,
    id: ElementId,
    prop: PropId,
    value: &Value,
    list: bool,
) -> Result<(), style::CoerceError> {
    let mut changed = false;
    if prop.is_shorthand() {
        let pairs = coerce_any(prop, value, list)?;
        let Some(e) = dom.arena.elements.get_mut(id) else {
            return Ok(());
        };
        for (p, v) in pairs {
            changed |= e.own.insert(p, v);
        }
    } else {
        // A longhand is one value: no list of pairs to allocate.
        let v = style::coerce(prop, value)?;
        let Some(e) = dom.arena.elements.get_mut(id) else {
            return Ok(());
        };
        changed = e.own.insert(prop, v);
    }
    if changed {
        dom.mark(id, Dirty::STYLE);
    }
    Ok(())
}

/// [`write_prop`] taking the value, so the text of a string property moves into the element.
pub(crate) fn write_prop_owned(
    dom: &mut Dom,
    id: ElementId,
    prop: PropId,
    value: Value,
    list: bool,
) -> Result<(), style::CoerceError> {
    if prop.is_shorthand() {
        return write_prop(dom, id, prop, &value, list);
    }
    let v = style::coerce_owned(prop, value)?;
    let Some(e) = dom.arena.elements.get_mut(id) else {
        return Ok(());
    };
    if e.own.insert(prop, v) {
        dom.mark(id, Dirty::STYLE);
    }
    Ok(())
}

/// Stores custom data.
pub(crate) fn set_custom(dom: &mut Dom, id: ElementId, key: &str, value: Value) {
    if let Some(e) = dom.arena.elements.get_mut(id) {
        e.custom.insert(key.to_owned(), value);
    }
}

/// Replaces the class list from a `style:` value (space-separated names, or an array). Unknown
/// names are skipped; with `report_at`, each is reported as a K0102 warning there.
pub(crate) fn set_classes(dom: &mut Dom, id: ElementId, value: &Value, report_at: Option<Span>) {
    let mut known: Vec<String> = Vec::new();
    let mut add = |dom: &mut Dom, text: &str| {
        for name in text.split_whitespace() {
            if dom.defs.sheet.get(name).is_some() {
                known.push(name.to_owned());
            } else if let Some(span) = report_at {
                dom.report(
                    Diagnostic::warning("K0102", format!("unknown style \"{name}\" (skipped)"))
                        .at(span),
                );
            }
        }
    };
    match value {
        Value::Array(items) => {
            for item in items {
                add(dom, &item.to_string());
            }
        }
        // The common case, a string, is split where it is.
        Value::Str(text) => add(dom, text),
        other => add(dom, &other.to_string()),
    }
    let Some(e) = dom.arena.elements.get_mut(id) else {
        return;
    };
    if e.classes != known {
        e.classes = known;
        dom.mark(id, Dirty::STYLE | Dirty::CLASS_BINDINGS);
    }
}

/// Every literal style name, including each literal branch of a ternary, must exist (K0102).
fn check_literal_classes(ctx: &mut BuildCtx<'_>, dom: &Dom, value: &ast::Value) {
    let ValueKind::Expr(expr) = &value.kind else {
        return;
    };
    for_each_literal(expr, &mut |text, span| {
        for name in text.split_whitespace() {
            if dom.defs.sheet.get(name).is_none() {
                let mut d = Diagnostic::error("K0102", format!("unknown style \"{name}\""))
                    .at(span)
                    .with_label("no style with this name");
                if let Some(s) = style::suggest(name, dom.defs.sheet.names()) {
                    d = d.with_help(format!("did you mean \"{s}\"?"));
                }
                ctx.diags.push(d);
            }
        }
    });
}

/// The text of a quoted string without `$` references (borrowed when it is one piece, as
/// literals nearly always are).
fn plain_text(parts: &[ast::StrPart]) -> Option<Cow<'_, str>> {
    if let [ast::StrPart::Text(t)] = parts {
        return Some(Cow::Borrowed(t));
    }
    parts
        .iter()
        .map(|p| match p {
            ast::StrPart::Text(t) => Some(t.as_str()),
            ast::StrPart::Var(_) => None,
        })
        .collect::<Option<String>>()
        .map(Cow::Owned)
}

/// Calls `f` with each literal text of a class value, in source order (no list is built:
/// this runs for every element with a `style:`).
fn for_each_literal(expr: &ast::Expr, f: &mut dyn FnMut(&str, Span)) {
    match &expr.kind {
        ExprKind::Ident(name) | ExprKind::Text(name) => f(name, expr.span),
        ExprKind::Str(parts) => {
            if let Some(text) = plain_text(parts) {
                f(&text, expr.span);
            }
        }
        ExprKind::Ternary(_, a, b) => {
            for_each_literal(a, f);
            for_each_literal(b, f);
        }
        _ => {}
    }
}
