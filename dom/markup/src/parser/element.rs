//! Elements and their bodies (kry §3), pseudo blocks (§5.4), `@for` and `@if` (§8), and the
//! property-only blocks of styles, pseudo blocks and keyframes (§5.3).

use super::{Parser, normalise_owned_key};
use crate::ast::{
    BodyItem, Element, Expr, ForBlock, IfBlock, Name, Property, PseudoBlock, PseudoState,
};
use crate::diagnostic::Diagnostic;
use crate::lexer::{Directive, Mode, TokenKind};
use crate::source::Span;

/// Where a body ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BodyEnd {
    /// At the `}` of an element.
    Brace,
    /// At `@end`, `@elif` or `@else` (the body of `@for`/`@if`).
    Directive,
}

/// The kind of a property-only block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockKind {
    /// `style … { }`: properties and pseudo blocks.
    Style,
    /// `&:state { }`; `in_style` when inside a style.
    Pseudo {
        /// Inside a style (so `id`, `key`, `style` are also forbidden).
        in_style: bool,
    },
    /// A keyframe `50% { }`.
    Keyframe,
}

impl Parser<'_> {
    /// `NAME [ "{" body "}" ]`, at an identifier.
    pub(super) fn element(&mut self) -> Option<Element> {
        let token = self.bump_token();
        let TokenKind::Ident(text) = token.kind else {
            return None;
        };
        let name = Name {
            text,
            span: token.span,
        };
        if !self.enter() {
            return None;
        }
        let mut body = Vec::new();
        if let Some(open) = self.eat(&TokenKind::LBrace) {
            body = self.body(BodyEnd::Brace);
            self.close_brace(open);
        }
        self.leave();
        Some(Element {
            span: self.since(name.span),
            name,
            body,
        })
    }

    /// Consumes the `}` closing the block opened at `open`, or reports K0006.
    pub(super) fn close_brace(&mut self, open: Span) {
        if self.eat(&TokenKind::RBrace).is_none() {
            self.report(
                Diagnostic::error("K0006", "unterminated block: this `{` is never closed")
                    .at(open)
                    .with_label("opened here"),
            );
        }
    }

    /// Body items up to (not including) the end token.
    pub(super) fn body(&mut self, end: BodyEnd) -> Vec<BodyItem> {
        let mut items = Vec::new();
        loop {
            let before = self.pos;
            // Only the kind's shape and the span are needed: no copy of the token's text.
            let token = self.peek();
            let span = token.span;
            match &token.kind {
                TokenKind::Eof | TokenKind::RBrace => return items,
                TokenKind::Semi | TokenKind::Comma => {
                    self.bump();
                }
                TokenKind::Directive(Directive::End | Directive::Elif | Directive::Else)
                    if end == BodyEnd::Directive =>
                {
                    return items;
                }
                TokenKind::Directive(Directive::End | Directive::Elif | Directive::Else) => {
                    let message = "`@elif`, `@else` or `@end` without an open `@if` or `@for`";
                    self.error("K0205", message, span);
                    self.bump();
                }
                TokenKind::Directive(Directive::For) => {
                    items.extend(self.for_block().map(|b| BodyItem::For(Box::new(b))))
                }
                TokenKind::Directive(Directive::If) => {
                    items.extend(self.if_block().map(|b| BodyItem::If(Box::new(b))))
                }
                TokenKind::Directive(_) => {
                    self.error(
                        "K0208",
                        "this directive is not allowed inside an element",
                        span,
                    );
                    self.top_item();
                }
                TokenKind::AmpColon => {
                    items.extend(
                        self.pseudo_block(false)
                            .map(|b| BodyItem::PseudoBlock(Box::new(b))),
                    );
                }
                TokenKind::Str(_) => {
                    if let Some(expr) = self.expr() {
                        let span = expr.span;
                        items.push(BodyItem::Text(vec![expr], span));
                    }
                }
                TokenKind::LBracket => items.extend(self.string_array()),
                TokenKind::Ident(_) => self.named_body_item(&mut items),
                _ => {
                    self.unexpected(&["a property", "an element", "`}`"]);
                    self.recover();
                }
            }
            if self.pos == before && !self.at_eof() && !self.at(&TokenKind::RBrace) {
                self.bump();
            }
        }
    }

    /// `IDENT : value`, `IDENT { … }` or a bare `IDENT`, pushed onto `items` (directly: a
    /// returned `Option<BodyItem>` is one more copy of a large value).
    fn named_body_item(&mut self, items: &mut Vec<BodyItem>) {
        let second = self.peek_second();
        let element = match second.kind {
            TokenKind::Colon => {
                if let Some(property) = self.property() {
                    items.push(BodyItem::Property(property));
                }
                return;
            }
            TokenKind::LBrace
            | TokenKind::RBrace
            | TokenKind::Semi
            | TokenKind::Comma
            | TokenKind::Eof => true,
            _ => second.newline_before,
        };
        if element {
            if let Some(element) = self.element() {
                items.push(BodyItem::Element(element));
            }
        } else {
            self.bump();
            self.unexpected(&["`:`", "`{`"]);
            self.recover();
        }
    }

    /// `KEY : value` (key normalised), at an identifier followed by `:`.
    pub(super) fn property(&mut self) -> Option<Property> {
        let token = self.bump_token();
        let TokenKind::Ident(text) = token.kind else {
            return None;
        };
        let colon = self.bump();
        let value = self.value_after(colon, true)?;
        let key = Name {
            text: normalise_owned_key(text),
            span: token.span,
        };
        Some(Property {
            span: token.span.to(value.span),
            key,
            value,
        })
    }

    /// `[ "a" [,] "b" … ]` in a body: text lines.
    fn string_array(&mut self) -> Option<BodyItem> {
        let open = self.bump();
        let mut lines: Vec<Expr> = Vec::new();
        loop {
            while self.eat(&TokenKind::Comma).is_some() {}
            match self.kind() {
                TokenKind::RBracket => {
                    self.bump();
                    break;
                }
                TokenKind::Str(_) => lines.extend(self.expr()),
                _ => {
                    self.unexpected(&["a string", "`]`"]);
                    self.recover();
                    return None;
                }
            }
        }
        Some(BodyItem::Text(lines, self.since(open)))
    }

    /// `&:state{:state} { properties }`; `None` (after reporting) for an unknown state.
    pub(super) fn pseudo_block(&mut self, in_style: bool) -> Option<PseudoBlock> {
        let amp = self.bump();
        let mut states = Vec::new();
        let mut valid = true;
        loop {
            let token = self.peek().clone();
            let TokenKind::Ident(name) = &token.kind else {
                self.unexpected(&["a pseudo-state"]);
                self.recover();
                return None;
            };
            self.bump();
            match PseudoState::from_name(name) {
                Some(state) => states.push(state),
                None => {
                    valid = false;
                    self.report(
                        Diagnostic::error("K0207", format!("unknown pseudo-state `{name}`"))
                            .at(token.span)
                            .with_help("states are hover, focus, active, checked and disabled"),
                    );
                }
            }
            if !(self.peek().glued && self.at(&TokenKind::Colon)) {
                break;
            }
            self.bump();
        }
        let Some(open) = self.expect(&TokenKind::LBrace) else {
            self.recover();
            return None;
        };
        let (properties, _) = self.prop_block(BlockKind::Pseudo { in_style });
        self.close_brace(open);
        let span = self.since(amp);
        valid.then_some(PseudoBlock {
            states,
            properties,
            span,
        })
    }

    /// The inside of a style, pseudo block or keyframe, up to (not including) its `}`.
    pub(super) fn prop_block(&mut self, kind: BlockKind) -> (Vec<Property>, Vec<PseudoBlock>) {
        let mut properties = Vec::new();
        let mut pseudo = Vec::new();
        let place = match kind {
            BlockKind::Style => "a style",
            BlockKind::Pseudo { .. } => "a pseudo block",
            BlockKind::Keyframe => "a keyframe",
        };
        loop {
            let before = self.pos;
            let token = self.peek().clone();
            match &token.kind {
                TokenKind::Eof | TokenKind::RBrace => break,
                TokenKind::Semi | TokenKind::Comma => {
                    self.bump();
                }
                TokenKind::Ident(_) if self.at_key() => {
                    if let Some(property) = self.property() {
                        match forbidden(kind, &property.key.text) {
                            Some(what) => self.error(
                                "K0208",
                                format!("{what} `{}` is not allowed in {place}", property.key.text),
                                property.key.span,
                            ),
                            None => properties.push(property),
                        }
                    }
                }
                TokenKind::AmpColon if kind == BlockKind::Style => {
                    pseudo.extend(self.pseudo_block(true));
                }
                TokenKind::AmpColon => {
                    self.error(
                        "K0208",
                        format!("pseudo blocks are not allowed in {place}"),
                        token.span,
                    );
                    self.pseudo_block(false);
                }
                TokenKind::Ident(_) => {
                    self.error(
                        "K0208",
                        format!("elements are not allowed in {place}"),
                        token.span,
                    );
                    self.element();
                }
                TokenKind::Directive(Directive::For) => {
                    self.error(
                        "K0208",
                        format!("`@for` is not allowed in {place}"),
                        token.span,
                    );
                    self.for_block();
                }
                TokenKind::Directive(Directive::If) => {
                    self.error(
                        "K0208",
                        format!("`@if` is not allowed in {place}"),
                        token.span,
                    );
                    self.if_block();
                }
                TokenKind::Directive(_) => {
                    self.error(
                        "K0208",
                        format!("this directive is not allowed in {place}"),
                        token.span,
                    );
                    self.top_item();
                }
                _ => {
                    self.unexpected(&["a property", "`}`"]);
                    self.recover();
                }
            }
            if self.pos == before && !self.at_eof() && !self.at(&TokenKind::RBrace) {
                self.bump();
            }
        }
        (properties, pseudo)
    }

    /// The expression of an `@for`/`@if`/`@elif` header, which ends at a newline.
    fn header_expr(&mut self, what: &str) -> Option<Expr> {
        let token = self.with_mode(Mode::Value, |p| p.peek().clone());
        if token.newline_before || !self.with_mode(Mode::Value, Self::at_expr_start) {
            self.with_mode(Mode::Value, |p| p.unexpected(&[what]));
            return None;
        }
        let saved = std::mem::replace(&mut self.header, true);
        let expr = self.expr();
        self.header = saved;
        expr
    }

    /// `@for item [, index] in collection NEWLINE items @end`.
    pub(super) fn for_block(&mut self) -> Option<ForBlock> {
        let start = self.bump();
        let item = self.name("a loop variable")?;
        let index = match self.eat(&TokenKind::Comma) {
            Some(_) => Some(self.name("an index variable")?),
            None => None,
        };
        if !matches!(self.kind(), TokenKind::Ident(word) if word == "in") {
            self.unexpected(&["`in`"]);
            self.recover();
            return None;
        }
        self.bump();
        let collection = self.header_expr("a collection");
        let body = self.block_items();
        // `@elif`/`@else` inside an `@for`: report, skip that branch, and still find the `@end`.
        while let TokenKind::Directive(Directive::Elif | Directive::Else) = self.kind() {
            let token = self.bump_token();
            let message = "`@elif` and `@else` belong to an `@if`, not an `@for`";
            self.error("K0205", message, token.span);
            if token.kind == TokenKind::Directive(Directive::Elif) {
                self.header_expr("a condition");
            }
            self.block_items();
        }
        self.close_directive(start, "@for");
        let collection = collection?;
        Some(ForBlock {
            item,
            index,
            collection,
            body,
            span: self.since(start),
        })
    }

    /// `@if cond items { @elif cond items } [ @else items ] @end`.
    pub(super) fn if_block(&mut self) -> Option<IfBlock> {
        let start = self.bump();
        let mut branches = Vec::new();
        let mut else_body = None;
        let mut complete = true;
        let cond = self.header_expr("a condition");
        let body = self.block_items();
        match cond {
            Some(cond) => branches.push((cond, body)),
            None => complete = false,
        }
        loop {
            match self.kind() {
                TokenKind::Directive(Directive::Elif) if else_body.is_none() => {
                    self.bump();
                    let cond = self.header_expr("a condition");
                    let body = self.block_items();
                    match cond {
                        Some(cond) => branches.push((cond, body)),
                        None => complete = false,
                    }
                }
                TokenKind::Directive(Directive::Else) if else_body.is_none() => {
                    self.bump();
                    else_body = Some(self.block_items());
                }
                TokenKind::Directive(Directive::Elif | Directive::Else) => {
                    let span = self.bump();
                    self.error("K0205", "`@elif` or `@else` after `@else`", span);
                    self.block_items();
                }
                _ => break,
            }
        }
        self.close_directive(start, "@if");
        let span = self.since(start);
        complete.then_some(IfBlock {
            branches,
            else_body,
            span,
        })
    }

    /// Items of an `@for`/`@if` branch: elements and nested blocks only.
    fn block_items(&mut self) -> Vec<BodyItem> {
        let mut items = self.body(BodyEnd::Directive);
        items.retain(|item| {
            let span = match item {
                BodyItem::Property(p) => p.span,
                BodyItem::PseudoBlock(b) => b.span,
                BodyItem::Text(_, span) => *span,
                BodyItem::Element(_) | BodyItem::For(_) | BodyItem::If(_) => return true,
            };
            self.report(
                Diagnostic::error(
                    "K0208",
                    "only elements are allowed in `@for` and `@if` bodies",
                )
                .at(span),
            );
            false
        });
        items
    }

    fn close_directive(&mut self, start: Span, what: &str) {
        if self.eat(&TokenKind::Directive(Directive::End)).is_none() {
            self.report(
                Diagnostic::error("K0206", format!("missing `@end` for this `{what}`"))
                    .at(start)
                    .with_label("this block is never closed"),
            );
        }
    }

    /// An identifier as a [`Name`], or K0201 naming `what`.
    pub(super) fn name(&mut self, what: &str) -> Option<Name> {
        let token = self.peek().clone();
        if let TokenKind::Ident(text) = token.kind {
            self.bump();
            return Some(Name {
                text,
                span: token.span,
            });
        }
        self.unexpected(&[what]);
        self.recover();
        None
    }
}

/// Why a key may not appear in a block of `kind`.
fn forbidden(kind: BlockKind, key: &str) -> Option<&'static str> {
    let handler = key.len() > 2
        && key.starts_with("on")
        && key.as_bytes().get(2).is_some_and(u8::is_ascii_uppercase);
    let identity = matches!(key, "id" | "key" | "style" | "class");
    match kind {
        BlockKind::Style | BlockKind::Pseudo { in_style: true } if identity => Some("property"),
        BlockKind::Style | BlockKind::Pseudo { .. } if handler => Some("handler"),
        _ => None,
    }
}
