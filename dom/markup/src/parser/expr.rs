//! Expressions (kry §7), variable references (§6) and string interpolation (§6.5).
//!
//! Precedence, tightest first: unary `-` `!`; `* / %`; `+ -`; comparisons (non-associative);
//! `&&`; `||`; `?:` (right-associative). Inside an `@for`/`@if` header (`self.header`) a binary
//! operator on a new line ends the expression.

use super::Parser;
use crate::ast::{BinaryOp, Expr, ExprKind, Name, PathSegment, StrPart, UnaryOp, VarPath};
use crate::lexer::{Mode, StrPiece, StrPieces, Token, TokenKind};
use crate::source::Span;

impl Parser<'_> {
    /// True if the next token can start an expression.
    pub(super) fn at_expr_start(&mut self) -> bool {
        starts_expr(self.kind())
    }

    /// `expr = or_expr [ "?" expr ":" expr ]`.
    pub(super) fn expr(&mut self) -> Option<Expr> {
        if !self.enter() {
            return None;
        }
        let result = self.with_mode(Mode::Value, Self::ternary);
        self.leave();
        result
    }

    fn ternary(&mut self) -> Option<Expr> {
        let cond = self.binary(0)?;
        if !self.continues(&TokenKind::Question) {
            return Some(cond);
        }
        self.bump();
        let then = self.expr()?;
        self.expect(&TokenKind::Colon)?;
        let otherwise = self.expr()?;
        let span = cond.span.to(otherwise.span);
        Some(Expr {
            kind: ExprKind::Ternary(Box::new(cond), Box::new(then), Box::new(otherwise)),
            span,
        })
    }

    /// The next token is `kind` and, in a header, on the same line.
    fn continues(&mut self, kind: &TokenKind) -> bool {
        let header = self.header;
        let token = self.peek();
        token.kind == *kind && !(header && token.newline_before)
    }

    /// The binary operator at the next token and its level (0 `||`, 1 `&&`, 2 comparisons,
    /// 3 `+ -`, 4 `* / %`); none at a newline inside a header.
    fn binary_op(&mut self) -> Option<(BinaryOp, usize)> {
        let header = self.header;
        let token = self.peek();
        if header && token.newline_before {
            return None;
        }
        binary_op_of(&token.kind)
    }

    /// Binary operators of level `min_level` or tighter, left-associative, by precedence
    /// climbing: one loop per operand instead of one call per precedence level, so a lone
    /// literal costs one operator look-up.
    fn binary(&mut self, min_level: usize) -> Option<Expr> {
        let mut left = self.unary()?;
        while let Some((op, level)) = self.binary_op().filter(|&(_, level)| level >= min_level) {
            self.bump();
            let right = self.binary(level + 1)?;
            let span = left.span.to(right.span);
            left = Expr {
                kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
                span,
            };
            if level == 2 && self.binary_op().is_some_and(|(_, next)| next == 2) {
                // Report, then read on left to right so the rest of the line is not an error.
                let span = self.peek().span;
                self.report(
                    crate::Diagnostic::error("K0201", "comparisons do not chain")
                        .at(span)
                        .with_label("add parentheses around one comparison"),
                );
            }
        }
        Some(left)
    }

    fn unary(&mut self) -> Option<Expr> {
        let op = match self.kind() {
            TokenKind::Minus => UnaryOp::Neg,
            TokenKind::Bang => UnaryOp::Not,
            _ => return self.primary(),
        };
        if !self.enter() {
            return None;
        }
        let start = self.bump();
        let operand = self.unary();
        self.leave();
        let operand = operand?;
        let span = start.to(operand.span);
        Some(Expr {
            kind: ExprKind::Unary(op, Box::new(operand)),
            span,
        })
    }

    fn primary(&mut self) -> Option<Expr> {
        let token = self.peek();
        let span = token.span;
        if is_literal(&token.kind) {
            return self.literal();
        }
        match self.kind() {
            TokenKind::Var(_) | TokenKind::DollarBrace => {
                let path = self.var_ref()?;
                let span = path.span;
                Some(Expr {
                    kind: ExprKind::Var(Box::new(path)),
                    span,
                })
            }
            TokenKind::LParen => {
                self.bump();
                let inner = self.expr()?;
                self.expect(&TokenKind::RParen)?;
                Some(Expr {
                    kind: inner.kind,
                    span: self.since(span),
                })
            }
            TokenKind::LBracket => self.expr_array(),
            TokenKind::Error => {
                self.bump();
                None
            }
            _ => {
                self.unexpected(&["an expression"]);
                None
            }
        }
    }

    /// Consumes the literal token that is next (number, colour, string or identifier).
    pub(super) fn literal(&mut self) -> Option<Expr> {
        // Literals are consumed whole: take the token rather than copy it.
        let token = self.bump_token();
        let kind = match token.kind {
            TokenKind::Number { value, unit } => ExprKind::Number { value, unit },
            TokenKind::Color(rgba) => ExprKind::Color(rgba),
            TokenKind::Str(pieces) => self.str_expr(pieces),
            TokenKind::Ident(name) => match name.as_str() {
                "true" => ExprKind::Bool(true),
                "false" => ExprKind::Bool(false),
                "null" => ExprKind::Null,
                "transparent" => ExprKind::Color([0, 0, 0, 0]),
                _ => ExprKind::Ident(name),
            },
            _ => return None,
        };
        Some(Expr {
            kind,
            span: token.span,
        })
    }

    /// `[ expr { [","] expr } [","] ]` inside an expression.
    fn expr_array(&mut self) -> Option<Expr> {
        let open = self.bump();
        let mut items = Vec::new();
        loop {
            while self.eat(&TokenKind::Comma).is_some() {}
            if self.eat(&TokenKind::RBracket).is_some() {
                break;
            }
            if !self.at_expr_start() {
                self.unexpected(&["an expression", "`]`"]);
                return None;
            }
            items.push(self.expr()?);
        }
        Some(Expr {
            kind: ExprKind::Array(items),
            span: self.since(open),
        })
    }

    /// `$name{.field|[index]}` (members glued) or `${path}`.
    pub(super) fn var_ref(&mut self) -> Option<VarPath> {
        let token = self.bump_token();
        match token.kind {
            TokenKind::Var(name) => {
                let root = Name {
                    text: name,
                    span: token.span,
                };
                self.path_rest(root, token.span, true)
            }
            TokenKind::DollarBrace => {
                let path = self.with_mode(Mode::Normal, Self::path)?;
                self.expect(&TokenKind::RBrace)?;
                Some(VarPath {
                    span: self.since(token.span),
                    ..path
                })
            }
            _ => None,
        }
    }

    /// `IDENT { "." IDENT | "[" expr "]" }` (inside `${…}`, spaces allowed).
    pub(super) fn path(&mut self) -> Option<VarPath> {
        let token = self.peek().clone();
        let TokenKind::Ident(name) = token.kind else {
            self.unexpected(&["a variable name"]);
            return None;
        };
        self.bump();
        let root = Name {
            text: name,
            span: token.span,
        };
        self.path_rest(root, token.span, false)
    }

    fn path_rest(&mut self, root: Name, start: Span, glued: bool) -> Option<VarPath> {
        let mut segments = Vec::new();
        loop {
            let token = self.peek();
            if glued && !token.glued {
                break;
            }
            match token.kind {
                TokenKind::Dot => {
                    self.bump();
                    let token = self.peek().clone();
                    let TokenKind::Ident(field) = token.kind else {
                        self.unexpected(&["a member name"]);
                        return None;
                    };
                    self.bump();
                    segments.push(PathSegment::Field(Name {
                        text: field,
                        span: token.span,
                    }));
                }
                TokenKind::LBracket => {
                    self.bump();
                    let index = self.expr()?;
                    self.expect(&TokenKind::RBracket)?;
                    segments.push(PathSegment::Index(Box::new(index)));
                }
                _ => break,
            }
        }
        Some(VarPath {
            root,
            segments,
            span: self.since(start),
        })
    }

    /// Turns lexer string pieces into a string expression: [`ExprKind::Text`] when the result is
    /// one piece of literal text, [`ExprKind::Str`] otherwise.
    fn str_expr(&mut self, pieces: StrPieces) -> ExprKind {
        let pieces = match pieces {
            StrPieces::Plain(text) => return ExprKind::Text(text),
            StrPieces::Pieces(pieces) => pieces,
        };
        let mut parts = self.str_parts(pieces);
        if let [StrPart::Text(_)] = parts.as_slice()
            && let Some(StrPart::Text(text)) = parts.pop()
        {
            return ExprKind::Text(text);
        }
        ExprKind::Str(parts)
    }

    /// Turns lexer string pieces into AST parts (moving their text), parsing each `${…}` path.
    fn str_parts(&mut self, pieces: Vec<StrPiece>) -> Vec<StrPart> {
        let mut parts: Vec<StrPart> = Vec::with_capacity(pieces.len());
        for piece in pieces {
            match piece {
                StrPiece::Text(text) => match parts.last_mut() {
                    Some(StrPart::Text(last)) => last.push_str(&text),
                    _ => parts.push(StrPart::Text(text)),
                },
                StrPiece::Var(name, span) => {
                    let root = Name { text: name, span };
                    parts.push(StrPart::Var(VarPath {
                        root,
                        segments: Vec::new(),
                        span,
                    }));
                }
                StrPiece::Braced { start, end, span } => match self.sub_path(start, end) {
                    Some(path) => parts.push(StrPart::Var(VarPath { span, ..path })),
                    None => {
                        let raw = self.text.get(span.start as usize..span.end as usize);
                        push_text(&mut parts, raw.unwrap_or(""));
                    }
                },
            }
        }
        parts
    }

    /// Parses the path in `start..end` (the inside of a `${…}` in a string).
    fn sub_path(&mut self, start: usize, end: usize) -> Option<VarPath> {
        let saved = (
            self.pos,
            self.limit,
            std::mem::take(&mut self.cache),
            self.header,
        );
        self.pos = start;
        self.limit = end.min(self.limit);
        self.header = false;
        let path = self.with_mode(Mode::Normal, Self::path);
        let complete = path.is_some() && self.at_eof();
        if path.is_some() && !complete {
            self.unexpected(&["`.`", "`[`", "`}`"]);
        }
        (self.pos, self.limit, self.cache, self.header) = saved;
        path.filter(|_| complete)
    }

    /// Joins string tokens' literal text (for names and paths written as strings).
    pub(super) fn literal_text(&self, token: &Token) -> String {
        let pieces = match &token.kind {
            TokenKind::Str(StrPieces::Plain(text)) => return text.clone(),
            TokenKind::Str(StrPieces::Pieces(pieces)) => pieces,
            _ => return String::new(),
        };
        let mut out = String::new();
        for piece in pieces {
            match piece {
                StrPiece::Text(text) => out.push_str(text),
                StrPiece::Var(_, span) | StrPiece::Braced { span, .. } => {
                    let raw = self.text.get(span.start as usize..span.end as usize);
                    out.push_str(raw.unwrap_or(""));
                }
            }
        }
        out
    }
}

fn push_text(parts: &mut Vec<StrPart>, text: &str) {
    if let Some(StrPart::Text(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(StrPart::Text(text.to_owned()));
    }
}

/// True for the tokens that can start an expression.
pub(super) fn starts_expr(kind: &TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Ident(_)
            | TokenKind::Var(_)
            | TokenKind::DollarBrace
            | TokenKind::Str(_)
            | TokenKind::Number { .. }
            | TokenKind::Color(_)
            | TokenKind::LParen
            | TokenKind::LBracket
            | TokenKind::Minus
            | TokenKind::Bang
    )
}

/// True for the tokens [`Parser::literal`] takes.
pub(super) fn is_literal(kind: &TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Number { .. } | TokenKind::Color(_) | TokenKind::Str(_) | TokenKind::Ident(_)
    )
}

/// A binary operator token and its level (0 `||`, 1 `&&`, 2 comparisons, 3 `+ -`, 4 `* / %`).
pub(super) fn binary_op_of(kind: &TokenKind) -> Option<(BinaryOp, usize)> {
    let op = match kind {
        TokenKind::OrOr => (BinaryOp::Or, 0),
        TokenKind::AndAnd => (BinaryOp::And, 1),
        TokenKind::EqEq => (BinaryOp::Eq, 2),
        TokenKind::NotEq => (BinaryOp::Ne, 2),
        TokenKind::Lt => (BinaryOp::Lt, 2),
        TokenKind::Le => (BinaryOp::Le, 2),
        TokenKind::Gt => (BinaryOp::Gt, 2),
        TokenKind::Ge => (BinaryOp::Ge, 2),
        TokenKind::Plus => (BinaryOp::Add, 3),
        TokenKind::Minus => (BinaryOp::Sub, 3),
        TokenKind::Star => (BinaryOp::Mul, 4),
        TokenKind::Slash => (BinaryOp::Div, 4),
        TokenKind::Percent => (BinaryOp::Rem, 4),
        _ => return None,
    };
    Some(op)
}
