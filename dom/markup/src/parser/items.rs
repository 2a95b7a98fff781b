//! Top-level items (kry §2): `@include`, `@variables`, `@var`, styles (§5), `@keyframes` (§12.2),
//! fonts (§10), components (`Define`, §9) and root elements. Scripts live in [`super::script`].

use super::element::BlockKind;
use super::{Parser, TopItem};
use crate::ast::{
    ComponentDef, ExprKind, FontDef, Item, Keyframe, KeyframesDef, Name, PropDecl, PropType,
    StyleDef, Value, ValueKind, VarDecl,
};
use crate::diagnostic::Diagnostic;
use crate::lexer::{Directive, TokenKind};

impl Parser<'_> {
    /// The whole file.
    pub(super) fn file(&mut self) -> Vec<TopItem> {
        let mut items = Vec::new();
        loop {
            let before = self.pos;
            match self.kind() {
                TokenKind::Eof => return items,
                TokenKind::Semi | TokenKind::Comma => {
                    self.bump();
                }
                _ => items.extend(self.top_item()),
            }
            if self.pos == before && !self.at_eof() {
                self.bump();
            }
        }
    }

    /// One top-level item (`@variables` gives one item per entry).
    pub(super) fn top_item(&mut self) -> Vec<TopItem> {
        let token = self.peek().clone();
        let item = |item: Option<Item>| item.map(TopItem::Item).into_iter().collect();
        match &token.kind {
            TokenKind::Directive(Directive::Include) => self.include().into_iter().collect(),
            TokenKind::Directive(Directive::Variables) => self.variables(),
            TokenKind::Directive(Directive::Var) => item(self.var_decl()),
            TokenKind::Directive(Directive::Keyframes) => item(self.keyframes()),
            TokenKind::Directive(Directive::Script) => item(self.script().map(Item::Script)),
            TokenKind::Directive(Directive::Function) => item(self.function().map(Item::Function)),
            TokenKind::Directive(Directive::For | Directive::If) => {
                let message = "`@for` and `@if` are only allowed inside an element";
                self.error("K0208", message, token.span);
                if token.kind == TokenKind::Directive(Directive::For) {
                    self.for_block();
                } else {
                    self.if_block();
                }
                Vec::new()
            }
            TokenKind::Directive(_) => {
                let message = "`@elif`, `@else` or `@end` without an open `@if` or `@for`";
                self.error("K0205", message, token.span);
                self.bump();
                Vec::new()
            }
            TokenKind::Ident(word) => {
                let second = self.peek_second().kind.clone();
                match (word.as_str(), &second) {
                    ("style", TokenKind::Str(_) | TokenKind::Ident(_)) => item(self.style()),
                    ("font", TokenKind::Str(_)) => item(self.font()),
                    ("Define", TokenKind::Ident(_)) => item(self.component()),
                    (_, TokenKind::Colon) => {
                        let message = "properties are not allowed at the top level";
                        self.error("K0208", message, token.span);
                        self.property();
                        Vec::new()
                    }
                    _ => item(self.element().map(Item::Element)),
                }
            }
            TokenKind::Error => {
                self.bump();
                Vec::new()
            }
            _ => {
                self.unexpected(&["an element", "`style`", "a directive"]);
                self.recover();
                Vec::new()
            }
        }
    }

    fn include(&mut self) -> Option<TopItem> {
        self.bump();
        let token = self.peek().clone();
        if !matches!(token.kind, TokenKind::Str(_)) {
            self.unexpected(&["a quoted path"]);
            self.recover();
            return None;
        }
        self.bump();
        Some(TopItem::Include {
            path: self.literal_text(&token),
            span: token.span,
        })
    }

    fn variables(&mut self) -> Vec<TopItem> {
        self.bump();
        let mut items = Vec::new();
        let Some(open) = self.expect(&TokenKind::LBrace) else {
            self.recover();
            return items;
        };
        loop {
            let before = self.pos;
            match self.kind().clone() {
                TokenKind::RBrace | TokenKind::Eof => break,
                TokenKind::Semi | TokenKind::Comma => {
                    self.bump();
                }
                TokenKind::Ident(_) if self.at_key() => {
                    let Some(name) = self.name("a variable name") else {
                        continue;
                    };
                    let colon = self.bump();
                    if let Some(value) = self.value_after(colon, true) {
                        items.push(TopItem::Item(Item::Variable(VarDecl { name, value })));
                    }
                }
                _ => {
                    self.unexpected(&["a variable name", "`}`"]);
                    self.recover();
                }
            }
            if self.pos == before && !self.at_eof() && !self.at(&TokenKind::RBrace) {
                self.bump();
            }
        }
        self.close_brace(open);
        items
    }

    fn var_decl(&mut self) -> Option<Item> {
        self.bump();
        let name = self.name("a variable name")?;
        let Some(assign) = self.expect(&TokenKind::Assign) else {
            self.recover();
            return None;
        };
        let value = self.value_after(assign, true)?;
        Some(Item::Variable(VarDecl { name, value }))
    }

    /// A name written as a string or an identifier.
    fn name_or_string(&mut self, what: &str) -> Option<Name> {
        let token = self.peek().clone();
        let text = match &token.kind {
            TokenKind::Str(_) => self.literal_text(&token),
            TokenKind::Ident(text) => text.clone(),
            _ => {
                self.unexpected(&[what]);
                self.recover();
                return None;
            }
        };
        self.bump();
        Some(Name {
            text,
            span: token.span,
        })
    }

    fn style(&mut self) -> Option<Item> {
        let start = self.bump();
        let name = self.name_or_string("a style name")?;
        let Some(open) = self.expect(&TokenKind::LBrace) else {
            self.recover();
            return None;
        };
        let (mut properties, pseudo_blocks) = self.prop_block(BlockKind::Style);
        self.close_brace(open);
        let mut extends = Vec::new();
        properties.retain(|property| {
            if property.key.text != "extends" {
                return true;
            }
            extends = self.style_names(&property.value);
            false
        });
        Some(Item::Style(StyleDef {
            name,
            extends,
            properties,
            pseudo_blocks,
            span: self.since(start),
        }))
    }

    /// The bases of `extends:`: a string, an identifier, or an array or list of them.
    fn style_names(&mut self, value: &Value) -> Vec<Name> {
        let single = |kind: &ExprKind| match kind {
            ExprKind::Ident(text) | ExprKind::Text(text) => Some(text.clone()),
            ExprKind::Str(parts) => match parts.as_slice() {
                [crate::ast::StrPart::Text(text)] => Some(text.clone()),
                _ => None,
            },
            _ => None,
        };
        let exprs: Vec<Option<&crate::ast::Expr>> = match &value.kind {
            ValueKind::Expr(expr) => vec![Some(expr)],
            ValueKind::List(exprs) => exprs.iter().map(Some).collect(),
            ValueKind::Array(values) => values
                .iter()
                .map(|v| match &v.kind {
                    ValueKind::Expr(expr) => Some(expr),
                    _ => None,
                })
                .collect(),
            _ => vec![None],
        };
        let mut names = Vec::new();
        let mut bad = false;
        for expr in exprs {
            match expr.and_then(|e| single(&e.kind).map(|text| Name { text, span: e.span })) {
                Some(name) => names.push(name),
                None => bad = true,
            }
        }
        if bad {
            self.report(
                Diagnostic::error("K0201", "`extends` takes a style name or an array of names")
                    .at(value.span),
            );
        }
        names
    }

    fn keyframes(&mut self) -> Option<Item> {
        let start = self.bump();
        let name = self.name_or_string("a keyframes name")?;
        let Some(open) = self.expect(&TokenKind::LBrace) else {
            self.recover();
            return None;
        };
        let mut frames = Vec::new();
        loop {
            let before = self.pos;
            match self.kind() {
                TokenKind::RBrace | TokenKind::Eof => break,
                TokenKind::Semi | TokenKind::Comma => {
                    self.bump();
                }
                _ => frames.extend(self.keyframe()),
            }
            if self.pos == before && !self.at_eof() && !self.at(&TokenKind::RBrace) {
                self.bump();
            }
        }
        self.close_brace(open);
        Some(Item::Keyframes(KeyframesDef {
            name,
            frames,
            span: self.since(start),
        }))
    }

    /// `offset {, offset} { properties }` with offsets `N%`, `from` or `to`.
    fn keyframe(&mut self) -> Option<Keyframe> {
        let start = self.peek().span;
        let mut offsets = Vec::new();
        loop {
            let token = self.peek().clone();
            let offset = match &token.kind {
                TokenKind::Number {
                    value,
                    unit: Some(crate::ast::Unit::Percent),
                } => *value / 100.0,
                TokenKind::Ident(word) if word == "from" => 0.0,
                TokenKind::Ident(word) if word == "to" => 1.0,
                _ => {
                    self.unexpected(&["an offset such as `50%`", "`from`", "`to`"]);
                    self.recover();
                    return None;
                }
            };
            self.bump();
            if !(0.0..=1.0).contains(&offset) {
                let message = "a keyframe offset must be between 0% and 100%";
                self.error("K0302", message, token.span);
            }
            offsets.push(offset.clamp(0.0, 1.0) as f32);
            if self.eat(&TokenKind::Comma).is_none() {
                break;
            }
        }
        let Some(open) = self.expect(&TokenKind::LBrace) else {
            self.recover();
            return None;
        };
        let (properties, _) = self.prop_block(BlockKind::Keyframe);
        self.close_brace(open);
        Some(Keyframe {
            offsets,
            properties,
            span: self.since(start),
        })
    }

    fn font(&mut self) -> Option<Item> {
        let start = self.bump();
        let family = self.name_or_string("a font family")?;
        let token = self.peek().clone();
        if !matches!(token.kind, TokenKind::Str(_)) {
            self.unexpected(&["a quoted font path"]);
            self.recover();
            return None;
        }
        self.bump();
        let written = self.literal_text(&token);
        let path = self.dir.join(&written);
        if let Err(error) = std::fs::File::open(&path)
            .and_then(|f| f.metadata())
            .and_then(|m| {
                if m.is_file() {
                    Ok(())
                } else {
                    Err(std::io::Error::other("not a file"))
                }
            })
        {
            self.report(
                Diagnostic::error("K0408", format!("font file \"{written}\" cannot be read"))
                    .at(token.span)
                    .with_label(error.to_string()),
            );
            return None;
        }
        let span = self.since(start);
        Some(Item::Font(FontDef {
            family,
            path,
            path_span: token.span,
            span,
        }))
    }

    fn component(&mut self) -> Option<Item> {
        let start = self.bump();
        let name = self.name("a component name")?;
        let Some(open) = self.expect(&TokenKind::LBrace) else {
            self.recover();
            return None;
        };
        let mut def = ComponentDef {
            name,
            props: Vec::new(),
            templates: Vec::new(),
            functions: Vec::new(),
            scripts: Vec::new(),
            span: start,
        };
        loop {
            let before = self.pos;
            let token = self.peek().clone();
            match &token.kind {
                TokenKind::RBrace | TokenKind::Eof => break,
                TokenKind::Semi | TokenKind::Comma => {
                    self.bump();
                }
                TokenKind::Directive(Directive::Function) => def.functions.extend(self.function()),
                TokenKind::Directive(Directive::Script) => def.scripts.extend(self.script()),
                TokenKind::Directive(_) => {
                    let message = "only `@function` and `@script` are allowed directly in `Define`";
                    self.error("K0208", message, token.span);
                    self.top_item();
                }
                TokenKind::Ident(word) => {
                    let second = self.peek_second().kind.clone();
                    match second {
                        TokenKind::LBrace if word == "Properties" => {
                            self.props_block(&mut def.props)
                        }
                        TokenKind::Assign => def.props.extend(self.prop_default()),
                        TokenKind::Colon => {
                            let message = "write component properties as `name = value` or in \
                                           `Properties { }`";
                            self.error("K0208", message, token.span);
                            self.property();
                        }
                        _ => def.templates.extend(self.element()),
                    }
                }
                _ => {
                    self.unexpected(&["a template element", "`Properties`", "`name = value`"]);
                    self.recover();
                }
            }
            if self.pos == before && !self.at_eof() && !self.at(&TokenKind::RBrace) {
                self.bump();
            }
        }
        self.close_brace(open);
        def.span = self.since(start);
        Some(Item::Component(def))
    }

    /// `name = value` in a `Define`.
    fn prop_default(&mut self) -> Option<PropDecl> {
        let name = self.name("a property name")?;
        let assign = self.bump();
        let default = self.value_after(assign, true)?;
        Some(PropDecl {
            span: name.span.to(default.span),
            name,
            ty: None,
            default: Some(default),
        })
    }

    /// `Properties { name [: TYPE] [= value] … }`.
    fn props_block(&mut self, props: &mut Vec<PropDecl>) {
        self.bump();
        let open = self.bump();
        loop {
            let before = self.pos;
            match self.kind() {
                TokenKind::RBrace | TokenKind::Eof => break,
                TokenKind::Semi | TokenKind::Comma => {
                    self.bump();
                }
                _ => props.extend(self.prop_decl()),
            }
            if self.pos == before && !self.at_eof() && !self.at(&TokenKind::RBrace) {
                self.bump();
            }
        }
        self.close_brace(open);
    }

    fn prop_decl(&mut self) -> Option<PropDecl> {
        let name = self.name("a property name")?;
        let mut ty = None;
        if self.eat(&TokenKind::Colon).is_some() {
            ty = Some(self.prop_type()?);
        }
        let mut default = None;
        if let Some(assign) = self.eat(&TokenKind::Assign) {
            default = Some(self.value_after(assign, true)?);
        }
        let span = self.since(name.span);
        Some(PropDecl {
            name,
            ty,
            default,
            span,
        })
    }

    fn prop_type(&mut self) -> Option<PropType> {
        const TYPES: &[&str] = &[
            "`String`",
            "`Int`",
            "`Float`",
            "`Number`",
            "`Bool`",
            "`Color`",
            "`StyleID`",
            "`Resource`",
            "`Array`",
            "`Object`",
            "`Handler`",
            "`Any`",
            "`Enum(…)`",
        ];
        let word = match self.kind() {
            TokenKind::Ident(word) => word.clone(),
            _ => String::new(),
        };
        let ty = match word.as_str() {
            "String" => PropType::String,
            "Int" => PropType::Int,
            "Float" => PropType::Float,
            "Number" => PropType::Number,
            "Bool" => PropType::Bool,
            "Color" => PropType::Color,
            "StyleID" => PropType::StyleId,
            "Resource" => PropType::Resource,
            "Array" => PropType::Array,
            "Object" => PropType::Object,
            "Handler" => PropType::Handler,
            "Any" => PropType::Any,
            "Enum" => {
                self.bump();
                return self.enum_type();
            }
            _ => {
                self.unexpected(TYPES);
                self.recover();
                return None;
            }
        };
        self.bump();
        Some(ty)
    }

    /// `( IDENT { , IDENT } )` after `Enum`.
    fn enum_type(&mut self) -> Option<PropType> {
        if self.expect(&TokenKind::LParen).is_none() {
            self.recover();
            return None;
        }
        let mut names = Vec::new();
        loop {
            names.push(self.name("an enum value")?.text);
            if self.eat(&TokenKind::Comma).is_none() {
                break;
            }
        }
        if self.expect(&TokenKind::RParen).is_none() {
            self.recover();
            return None;
        }
        Some(PropType::Enum(names))
    }
}
