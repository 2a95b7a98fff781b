//! `@for` and `@if` blocks (kry §8): initial expansion and keyed re-expansion.
//!
//! A block is a live binding on its header. On change, `@for` matches iterations by key: a
//! surviving key keeps its elements and only its loop variables are written (so only bindings
//! that read them recompute); new keys build elements; lost keys remove theirs. `@if` rebuilds
//! only when the chosen branch changes.

use super::element::{BuildCtx, Place};
use crate::bind::{BindTarget, Binding, ScopeEnv};
use crate::dom::Dom;
use crate::expr;
use crate::scope::{SlotKind, VarType};
use crate::tree::{Block, BlockId, BlockKind, ChildSlot, Expansion};
use crate::value::Value;
use kryon_markup::ast::{self, BodyItem, ExprKind};
use kryon_markup::{Diagnostic, Diagnostics};
use std::rc::Rc;

/// Creates a `@for` block at `place` and expands it.
pub(crate) fn create_for(
    ctx: &mut BuildCtx<'_>,
    dom: &mut Dom,
    block: &ast::ForBlock,
    place: Place,
) -> ChildSlot {
    let mut block = block.clone();
    block.collection = header_expr(ctx, dom, &block.collection, place);
    create(ctx, dom, BlockKind::For(Rc::new(block)), place)
}

/// Creates an `@if` block at `place` and expands it.
pub(crate) fn create_if(
    ctx: &mut BuildCtx<'_>,
    dom: &mut Dom,
    block: &ast::IfBlock,
    place: Place,
) -> ChildSlot {
    let mut block = block.clone();
    for (cond, _) in &mut block.branches {
        *cond = header_expr(ctx, dom, cond, place);
    }
    create(ctx, dom, BlockKind::If(Rc::new(block)), place)
}

fn create(ctx: &mut BuildCtx<'_>, dom: &mut Dom, kind: BlockKind, place: Place) -> ChildSlot {
    let Some(parent) = place.parent else {
        return ChildSlot::Block(BlockId::default());
    };
    let span = match &kind {
        BlockKind::For(b) => b.span,
        BlockKind::If(b) => b.span,
    };
    let block_id = dom.arena.blocks.insert(Block {
        kind,
        parent,
        scope: place.scope,
        instance: place.instance,
        expansions: Vec::new(),
        binding: None,
    });
    let source = Rc::new(ast::Value {
        kind: ast::ValueKind::Expr(ast::Expr {
            kind: ExprKind::Null,
            span,
        }),
        span,
    });
    let binding = dom.bindings.insert(Binding {
        target: BindTarget::Block(block_id),
        source,
        scope: place.scope,
        deps: Vec::new(),
        queued: false,
    });
    if let Some(b) = dom.arena.blocks.get_mut(block_id) {
        b.binding = Some(binding);
    }
    if let Some(e) = dom.arena.elements.get_mut(parent) {
        e.bindings.push(binding);
    }
    expand(ctx, dom, block_id);
    ChildSlot::Block(block_id)
}

/// In `@for`/`@if` headers a bare identifier (or a lone string, compat) that names a variable in
/// scope is that variable (K0114).
fn header_expr(ctx: &mut BuildCtx<'_>, dom: &Dom, e: &ast::Expr, place: Place) -> ast::Expr {
    let name = match &e.kind {
        ExprKind::Ident(name) => Some(name.clone()),
        ExprKind::Text(t) if dom.scopes.resolve(place.scope, t).is_some() => Some(t.clone()),
        ExprKind::Str(parts) => match parts.as_slice() {
            [ast::StrPart::Text(t)] if dom.scopes.resolve(place.scope, t).is_some() => {
                Some(t.clone())
            }
            _ => None,
        },
        _ => None,
    };
    if let Some(name) = name
        && dom.scopes.resolve(place.scope, &name).is_some()
    {
        if matches!(e.kind, ExprKind::Ident(_)) {
            ctx.diags.push(
                Diagnostic::warning(
                    "K0114",
                    format!("bare identifier \"{name}\" read as a variable"),
                )
                .at(e.span)
                .with_help(format!("write `${name}`")),
            );
        }
        return ast::Expr {
            kind: ExprKind::Var(Box::new(ast::VarPath {
                root: ast::Name {
                    text: name,
                    span: e.span,
                },
                segments: Vec::new(),
                span: e.span,
            })),
            span: e.span,
        };
    }
    let kind = match &e.kind {
        ExprKind::Unary(op, a) => ExprKind::Unary(*op, Box::new(header_expr(ctx, dom, a, place))),
        ExprKind::Binary(op, a, b) => ExprKind::Binary(
            *op,
            Box::new(header_expr(ctx, dom, a, place)),
            Box::new(header_expr(ctx, dom, b, place)),
        ),
        ExprKind::Ternary(a, b, c) => ExprKind::Ternary(
            Box::new(header_expr(ctx, dom, a, place)),
            Box::new(header_expr(ctx, dom, b, place)),
            Box::new(header_expr(ctx, dom, c, place)),
        ),
        other => other.clone(),
    };
    ast::Expr { kind, span: e.span }
}

/// Re-expands a block after its header's variables changed (binding phase).
pub(crate) fn reexpand(dom: &mut Dom, block: BlockId) {
    let mut diags = Diagnostics::default();
    let mut ctx = BuildCtx::runtime(&mut diags);
    expand(&mut ctx, dom, block);
    for d in diags {
        dom.report(d);
    }
}

fn expand(ctx: &mut BuildCtx<'_>, dom: &mut Dom, block_id: BlockId) {
    let Some(block) = dom.arena.blocks.get(block_id) else {
        return;
    };
    let (kind, scope, parent, instance, binding) = (
        block.kind.clone(),
        block.scope,
        block.parent,
        block.instance,
        block.binding,
    );
    dom.stats.blocks_expanded += 1;
    let mut env = ScopeEnv::new(&dom.scopes, scope);
    let place = Place {
        parent: Some(parent),
        scope,
        instance,
    };
    match kind {
        BlockKind::If(block) => {
            let mut chosen = block.branches.len() + 1;
            for (i, (cond, _)) in block.branches.iter().enumerate() {
                match expr::eval(cond, &mut env) {
                    Ok(v) if v.truthy() => {
                        chosen = i;
                        break;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        ctx.diags.push(e.to_diagnostic());
                    }
                }
            }
            if chosen > block.branches.len() && block.else_body.is_some() {
                chosen = block.branches.len();
            }
            let deps = env.deps;
            if let Some(b) = binding {
                dom.set_deps(b, deps);
            }
            let current = dom
                .arena
                .blocks
                .get(block_id)
                .and_then(|b| b.expansions.first())
                .map(|x| x.key.clone());
            let key = Value::Int(chosen as i64);
            if current.as_ref().is_some_and(|c| c.same(&key)) {
                return;
            }
            clear(dom, block_id);
            let body = if chosen < block.branches.len() {
                Some(&block.branches[chosen].1)
            } else if chosen == block.branches.len() {
                block.else_body.as_ref()
            } else {
                None
            };
            let slots = body
                .map(|items| ctx.build_items(dom, items, place))
                .unwrap_or_default();
            if let Some(b) = dom.arena.blocks.get_mut(block_id) {
                b.expansions = vec![Expansion {
                    key,
                    scope: None,
                    slots,
                }];
            }
        }
        BlockKind::For(block) => {
            let collection = match expr::eval(&block.collection, &mut env) {
                Ok(v) => v,
                Err(e) => {
                    ctx.diags.push(e.to_diagnostic());
                    Value::Array(Vec::new())
                }
            };
            let deps = env.deps;
            if let Some(b) = binding {
                dom.set_deps(b, deps);
            }
            let items = match collection {
                Value::Array(items) => items,
                Value::Str(s) => s
                    .split(',')
                    .map(|p| Value::str(p.trim()))
                    .filter(|v| v.length() != Some(0))
                    .collect(),
                Value::Null => Vec::new(),
                other => {
                    ctx.diags.push(
                        Diagnostic::error(
                            "K0309",
                            format!(
                                "`@for` collection is not an array (it is a {})",
                                other.type_name()
                            ),
                        )
                        .at(block.collection.span),
                    );
                    Vec::new()
                }
            };
            expand_for(ctx, dom, block_id, &block, items, place);
        }
    }
    dom.arena.refresh_children(parent);
    dom.mark(
        parent,
        crate::tree::Dirty::CHILDREN | crate::tree::Dirty::LAYOUT,
    );
}

fn expand_for(
    ctx: &mut BuildCtx<'_>,
    dom: &mut Dom,
    block_id: BlockId,
    block: &ast::ForBlock,
    items: Vec<Value>,
    place: Place,
) {
    let mut old: Vec<Expansion> = dom
        .arena
        .blocks
        .get_mut(block_id)
        .map(|b| std::mem::take(&mut b.expansions))
        .unwrap_or_default();
    let item_name = block.item.text.clone();
    let index_name = block.index.as_ref().map(|n| n.text.clone());
    let key_expr = first_key_expr(&block.body);
    let mut new = Vec::with_capacity(items.len());
    let mut seen: Vec<Value> = Vec::new();
    let mut duplicate = false;
    let mut keys = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let key = key_expr
            .as_ref()
            .and_then(|k| eval_key(dom, k, place, &item_name, item, index_name.as_deref(), i))
            .unwrap_or(Value::Int(i as i64 + 1));
        if seen.iter().any(|s| s.same(&key)) {
            duplicate = true;
        }
        seen.push(key.clone());
        keys.push(key);
    }
    if duplicate {
        ctx.diags.push(
            Diagnostic::warning("K0310", "duplicate `@for` key; falling back to the index")
                .at(block.span),
        );
        keys = (0..items.len()).map(|i| Value::Int(i as i64 + 1)).collect();
    }
    for (i, (item, key)) in items.into_iter().zip(keys).enumerate() {
        if let Some(pos) = old.iter().position(|x| x.key.same(&key)) {
            let expansion = old.remove(pos);
            if let Some(scope) = expansion.scope {
                write_loop_vars(dom, scope, &item_name, item, index_name.as_deref(), i);
            }
            new.push(expansion);
            continue;
        }
        let frame = dom.scopes.push_frame(place.scope, None);
        bind_loop_vars(dom, frame, &item_name, item, index_name.as_deref(), i);
        let inner = Place {
            parent: place.parent,
            scope: frame,
            instance: place.instance,
        };
        let slots = ctx.build_items(dom, &block.body, inner);
        new.push(Expansion {
            key,
            scope: Some(frame),
            slots,
        });
    }
    for lost in old {
        remove_expansion(dom, lost);
    }
    if let Some(b) = dom.arena.blocks.get_mut(block_id) {
        b.expansions = new;
    }
}

fn first_key_expr(body: &[BodyItem]) -> Option<ast::Value> {
    body.iter().find_map(|item| match item {
        BodyItem::Element(e) => e.body.iter().find_map(|b| match b {
            BodyItem::Property(p) if p.key.text == "key" => Some(p.value.clone()),
            _ => None,
        }),
        _ => None,
    })
}

fn loop_values(item: Value, index: usize) -> [(Value, &'static str); 3] {
    [
        (item, ""),
        (Value::Int(index as i64 + 1), "_index"),
        (Value::Int(index as i64), "_index0"),
    ]
}

fn bind_loop_vars(
    dom: &mut Dom,
    frame: crate::scope::ScopeId,
    item_name: &str,
    item: Value,
    index_name: Option<&str>,
    i: usize,
) {
    for (value, suffix) in loop_values(item, i) {
        dom.scopes.bind(
            frame,
            &format!("{item_name}{suffix}"),
            value,
            VarType::Any,
            SlotKind::Loop,
        );
    }
    if let Some(index_name) = index_name {
        dom.scopes.bind(
            frame,
            index_name,
            Value::Int(i as i64 + 1),
            VarType::Any,
            SlotKind::Loop,
        );
    }
}

fn write_loop_vars(
    dom: &mut Dom,
    frame: crate::scope::ScopeId,
    item_name: &str,
    item: Value,
    index_name: Option<&str>,
    i: usize,
) {
    let mut writes = Vec::new();
    for (value, suffix) in loop_values(item, i) {
        writes.push((format!("{item_name}{suffix}"), value));
    }
    if let Some(index_name) = index_name {
        writes.push((index_name.to_owned(), Value::Int(i as i64 + 1)));
    }
    for (name, value) in writes {
        if let Some(slot) = dom
            .scopes
            .frames
            .get(frame)
            .and_then(|f| f.names.iter().find(|(n, _)| *n == name).map(|(_, s)| *s))
        {
            let _ = dom.write_slot(slot, value);
        }
    }
}

fn eval_key(
    dom: &mut Dom,
    key: &ast::Value,
    place: Place,
    item_name: &str,
    item: &Value,
    index_name: Option<&str>,
    i: usize,
) -> Option<Value> {
    // A throwaway frame: the key expression sees the iteration's loop variables.
    let frame = dom.scopes.push_frame(place.scope, None);
    bind_loop_vars(dom, frame, item_name, item.clone(), index_name, i);
    let mut env = ScopeEnv::new(&dom.scopes, frame);
    let result = crate::bind::eval_value(key, &mut env).ok();
    dom.scopes.drop_frame(frame);
    result
}

fn clear(dom: &mut Dom, block_id: BlockId) {
    let expansions = dom
        .arena
        .blocks
        .get_mut(block_id)
        .map(|b| std::mem::take(&mut b.expansions))
        .unwrap_or_default();
    for expansion in expansions {
        remove_expansion(dom, expansion);
    }
}

fn remove_expansion(dom: &mut Dom, expansion: Expansion) {
    for slot in expansion.slots {
        remove_slot(dom, slot);
    }
    if let Some(scope) = expansion.scope {
        dom.scopes.drop_frame(scope);
    }
}

/// Removes a child position: an element subtree, or a block with everything it generated.
pub(crate) fn remove_slot(dom: &mut Dom, slot: ChildSlot) {
    match slot {
        ChildSlot::Element(id) => dom.remove_subtree(id),
        ChildSlot::Block(block) => {
            clear(dom, block);
            if let Some(b) = dom.arena.blocks.remove(block)
                && let Some(binding) = b.binding
            {
                dom.drop_binding(binding);
            }
        }
    }
}
