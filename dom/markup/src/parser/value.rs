//! Property values (kry §4): expressions, shorthand lists, arrays, objects and handler calls.
//!
//! A shorthand list is two or more expressions on one line (`margin: 20 0`,
//! `border: 2px solid #000`); it ends at a newline, `;`, `,`, `}` or the next `IDENT :`. Array
//! items never form lists, so `["a" "b"]` is two items.

use super::expr::{binary_op_of, is_literal, starts_expr};
use super::{MAX_DEPTH, Parser};
use crate::ast::{CallValue, Expr, Name, Value, ValueKind};
use crate::diagnostic::Diagnostic;
use crate::lexer::{Mode, TokenKind};
use crate::source::Span;

impl Parser<'_> {
    /// The value after the `:` or `=` at `after`; K0202 when there is none.
    pub(super) fn value_after(&mut self, after: Span, allow_list: bool) -> Option<Value> {
        self.with_mode(Mode::Value, |p| {
            if p.at_value_start() {
                return p.value(allow_list);
            }
            if p.at(&TokenKind::Error) {
                // A malformed literal: the lexer's diagnostic is enough.
                p.bump();
                p.recover();
                return None;
            }
            let sign = p
                .text
                .get(after.start as usize..after.end as usize)
                .unwrap_or(":");
            let token = p.peek();
            let skip = !token.newline_before
                && !matches!(
                    token.kind,
                    TokenKind::RBrace | TokenKind::Semi | TokenKind::Comma | TokenKind::Eof
                );
            p.report(
                Diagnostic::error("K0202", format!("missing value after `{sign}`"))
                    .at(after)
                    .with_label("expected a value after this"),
            );
            if skip {
                p.recover();
            }
            None
        })
    }

    /// True if a value can start here (an `IDENT :` is the next property, not a value).
    fn at_value_start(&mut self) -> bool {
        match self.kind() {
            TokenKind::LBrace => true,
            TokenKind::Ident(_) => !self.at_key(),
            _ => self.at_expr_start(),
        }
    }

    fn value(&mut self, allow_list: bool) -> Option<Value> {
        if !self.enter() {
            return None;
        }
        let result = match self.kind() {
            TokenKind::LBracket => self.array(),
            TokenKind::LBrace => self.object(),
            TokenKind::Ident(_) => {
                if self.peek_second_is_glued_paren() {
                    self.call()
                } else {
                    self.expr_or_list(allow_list)
                }
            }
            _ => self.expr_or_list(allow_list),
        };
        self.leave();
        result
    }

    /// `IDENT :` or `IDENT {`: the next property or child element, which ends a list.
    fn at_item_start(&mut self) -> bool {
        matches!(self.kind(), TokenKind::Ident(_))
            && matches!(
                self.peek_second().kind,
                TokenKind::Colon | TokenKind::LBrace
            )
    }

    fn peek_second_is_glued_paren(&mut self) -> bool {
        let second = self.peek_second();
        matches!(second.kind, TokenKind::LParen) && second.glued
    }

    fn expr_or_list(&mut self, allow_list: bool) -> Option<Value> {
        if self.lone_literal_next(allow_list) {
            // The level `expr` would have entered (a `${…}` in a string nests inside it).
            self.depth += 1;
            let only = self.literal();
            self.leave();
            let only = only?;
            let span = only.span;
            return Some(Value {
                kind: ValueKind::Expr(only),
                span,
            });
        }
        let first = self.expr()?;
        if !allow_list {
            let span = first.span;
            return Some(Value {
                kind: ValueKind::Expr(first),
                span,
            });
        }
        // Most values are one expression: the list's Vec is made only for a second atom.
        let mut first = Some(first);
        let mut atoms: Vec<Expr> = Vec::new();
        while !self.peek().newline_before && self.at_expr_start() && !self.at_item_start() {
            let before = self.pos;
            let Some(atom) = self.expr() else {
                if self.pos == before {
                    self.bump();
                }
                break;
            };
            if let Some(first) = first.take() {
                atoms.reserve_exact(4);
                atoms.push(first);
            }
            atoms.push(atom);
        }
        if let Some(only) = first {
            let span = only.span;
            return Some(Value {
                kind: ValueKind::Expr(only),
                span,
            });
        }
        let span = match (atoms.first(), atoms.last()) {
            (Some(a), Some(b)) => a.span.to(b.span),
            _ => self.span(self.pos, self.pos),
        };
        Some(Value {
            kind: ValueKind::List(atoms),
            span,
        })
    }

    /// The value is one literal token (most are): what follows it continues neither an
    /// expression nor a list, so [`Self::literal`] can take it without the expression machinery
    /// (which would reach the same result through every precedence level).
    fn lone_literal_next(&mut self, allow_list: bool) -> bool {
        // `expr` would enter one level and lex in value mode.
        if self.depth >= MAX_DEPTH || self.mode != Mode::Value {
            return false;
        }
        let header = self.header;
        let first = self.peek();
        if !is_literal(&first.kind) {
            return false;
        }
        let end = first.span.end as usize;
        let next = self.peek_at(end, Mode::Value);
        let newline = next.newline_before;
        let operator =
            binary_op_of(&next.kind).is_some() || matches!(next.kind, TokenKind::Question);
        if operator && !(header && newline) {
            return false;
        }
        if !allow_list || newline || !starts_expr(&next.kind) {
            return true;
        }
        // Another atom on the line makes a list, unless it starts the next item (`IDENT :` or
        // `IDENT {`).
        if !matches!(next.kind, TokenKind::Ident(_)) {
            return false;
        }
        let after = next.span.end as usize;
        matches!(
            self.peek_at(after, Mode::Normal).kind,
            TokenKind::Colon | TokenKind::LBrace
        )
    }

    /// `[ value { [","] value } [","] ]`.
    fn array(&mut self) -> Option<Value> {
        let open = self.bump();
        let mut items = Vec::new();
        loop {
            while self.eat(&TokenKind::Comma).is_some() {}
            match self.kind() {
                TokenKind::RBracket => {
                    self.bump();
                    break;
                }
                TokenKind::Eof | TokenKind::RBrace => {
                    self.unexpected(&["a value", "`]`"]);
                    break;
                }
                _ => {}
            }
            let before = self.pos;
            match self.value(false) {
                Some(item) => items.push(item),
                None => {
                    if self.pos == before {
                        self.bump();
                    }
                }
            }
        }
        Some(Value {
            kind: ValueKind::Array(items),
            span: self.since(open),
        })
    }

    /// `{ (IDENT | STRING) ":" value [","|";"] … }`.
    fn object(&mut self) -> Option<Value> {
        let open = self.bump();
        let mut entries: Vec<(Name, Value)> = Vec::new();
        self.with_mode(Mode::Normal, |p| {
            loop {
                while p.eat(&TokenKind::Comma).is_some() || p.eat(&TokenKind::Semi).is_some() {}
                let token = p.peek().clone();
                let key = match &token.kind {
                    TokenKind::RBrace => {
                        p.bump();
                        return;
                    }
                    TokenKind::Eof => {
                        p.unexpected(&["`}`"]);
                        return;
                    }
                    TokenKind::Ident(name) => name.clone(),
                    TokenKind::Str(_) => p.literal_text(&token),
                    _ => {
                        p.unexpected(&["a key", "`}`"]);
                        let before = p.pos;
                        p.recover();
                        if p.pos == before && !p.at(&TokenKind::RBrace) {
                            p.bump();
                        }
                        continue;
                    }
                };
                p.bump();
                let Some(colon) = p.expect(&TokenKind::Colon) else {
                    p.recover();
                    continue;
                };
                if let Some(value) = p.value_after(colon, true) {
                    entries.push((
                        Name {
                            text: key,
                            span: token.span,
                        },
                        value,
                    ));
                }
            }
        });
        Some(Value {
            kind: ValueKind::Object(entries),
            span: self.since(open),
        })
    }

    /// `name(arg, …)`: a handler call.
    fn call(&mut self) -> Option<Value> {
        let token = self.bump_token();
        let TokenKind::Ident(text) = token.kind else {
            return None;
        };
        let name = Name {
            text,
            span: token.span,
        };
        self.bump();
        let mut args = Vec::new();
        if self.eat(&TokenKind::RParen).is_none() {
            loop {
                if !self.at_expr_start() {
                    self.unexpected(&["an argument", "`)`"]);
                    return None;
                }
                args.push(self.expr()?);
                if self.eat(&TokenKind::Comma).is_some() {
                    continue;
                }
                self.expect(&TokenKind::RParen)?;
                break;
            }
        }
        Some(Value {
            kind: ValueKind::Call(Box::new(CallValue { name, args })),
            span: self.since(token.span),
        })
    }
}
