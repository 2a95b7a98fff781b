//! The `.kry` parser (kry-language.md §2–§12): one file's text into top-level items.
//!
//! The parser is recursive descent over tokens that it lexes lazily through a small cache
//! ([`tokens`]), telling the lexer whether it stands in value position (where `#abc` is a colour,
//! not a comment). It never stops at the first error: after a problem it reports a diagnostic, skips to
//! the end of the property (newline, `;` or `,`) or to the enclosing block's `}`, and goes on
//! (kry §16.2). After 200 diagnostics in one file it reports "too many errors" and stops.
//!
//! The concerns are split by file: [`items`] (top level, styles, variables, keyframes, fonts,
//! components), [`element`] (element bodies, pseudo blocks, `@for`/`@if`), [`value`] (property
//! values), [`expr`] (expressions, variable paths, string interpolation) and [`script`]
//! (`@script` and `@function` with raw body capture). Binary operators are parsed by precedence
//! climbing, and a value that is one literal skips the expression machinery. `@include`s are
//! returned as [`TopItem::Include`] for [`crate::load`] to splice.

mod element;
mod expr;
mod items;
mod script;
mod tokens;
mod value;

use crate::ast::Item;
use crate::diagnostic::Diagnostic;
use crate::lexer::{Mode, TokenKind};
use crate::source::{FileId, SourceMap, Span};
use std::path::{Path, PathBuf};

/// Diagnostics per file after which parsing stops.
pub const MAX_DIAGNOSTICS: usize = 200;

/// Deepest nesting of elements, values and expressions the parser follows.
const MAX_DEPTH: usize = 100;

/// A parsed top-level item, or an include to resolve.
#[derive(Debug, Clone)]
pub enum TopItem {
    /// A finished item.
    Item(Item),
    /// `@include "path"`: the path as written and the span of the string.
    Include {
        /// The path as written.
        path: String,
        /// The string's span.
        span: Span,
    },
}

/// Everything the parser needs besides the file's text.
pub struct ParseContext<'a> {
    /// All files; `from` script files are added here.
    pub sources: &'a mut SourceMap,
    /// The main file's folder (display paths are relative to it).
    pub main_dir: &'a Path,
}

/// Parses one file of `ctx.sources` into top-level items and diagnostics.
pub fn parse_file(ctx: ParseContext<'_>, file: FileId) -> (Vec<TopItem>, Vec<Diagnostic>) {
    let ParseContext { sources, main_dir } = ctx;
    let Some(source) = sources.get(file) else {
        return (Vec::new(), Vec::new());
    };
    let dir = source
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    // The text is lent to the parser (which adds `from` files to the same map) rather than
    // copied, and put back afterwards.
    let text = sources.take_text(file);
    let ctx = ParseContext {
        sources: &mut *sources,
        main_dir,
    };
    let mut parser = Parser::new(ctx, file, &text, dir);
    let items = parser.file();
    let diagnostics = parser.diagnostics;
    sources.restore_text(file, text);
    (items, diagnostics)
}

pub(crate) struct Parser<'a> {
    ctx: ParseContext<'a>,
    file: FileId,
    text: &'a str,
    /// The declaring file's folder (fonts and `from` files resolve against it).
    dir: PathBuf,
    /// End of the last consumed token.
    pos: usize,
    /// Lexing limit (narrowed while parsing a `${…}` inside a string).
    limit: usize,
    mode: Mode,
    /// Stop binary operators and list atoms at a newline (`@for`/`@if` headers).
    header: bool,
    cache: tokens::TokenCache,
    diagnostics: Vec<Diagnostic>,
    aborted: bool,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn new(ctx: ParseContext<'a>, file: FileId, text: &'a str, dir: PathBuf) -> Self {
        Parser {
            ctx,
            file,
            text,
            dir,
            pos: 0,
            limit: text.len(),
            mode: Mode::Normal,
            header: false,
            cache: tokens::TokenCache::default(),
            diagnostics: Vec::new(),
            aborted: false,
            depth: 0,
        }
    }

    #[inline]
    fn with_mode<T>(&mut self, mode: Mode, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = std::mem::replace(&mut self.mode, mode);
        let result = f(self);
        self.mode = saved;
        result
    }

    #[inline]
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    /// Span from `start` to the end of the last consumed token.
    #[inline]
    fn since(&self, start: Span) -> Span {
        Span {
            file: self.file,
            start: start.start,
            end: (self.pos as u32).max(start.end),
        }
    }

    // ----- diagnostics and recovery -----

    fn report(&mut self, diagnostic: Diagnostic) {
        if self.aborted {
            return;
        }
        self.diagnostics.push(diagnostic);
        if self.diagnostics.len() >= MAX_DIAGNOSTICS {
            let display = self
                .ctx
                .sources
                .get(self.file)
                .map_or("", |f| f.display.as_str());
            let message = format!("too many errors in {display}; stopped after {MAX_DIAGNOSTICS}");
            self.diagnostics.push(Diagnostic::error("K0200", message));
            self.aborted = true;
        }
    }

    fn error(&mut self, code: &'static str, message: impl Into<String>, span: Span) {
        self.report(Diagnostic::error(code, message).at(span));
    }

    /// K0201 at the next token, listing what was expected.
    fn unexpected(&mut self, expected: &[&str]) {
        let token = self.peek();
        let span = token.span;
        let found = token.kind.describe();
        if token.kind == TokenKind::Error {
            // The lexer already reported this token.
            return;
        }
        let list = match expected {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
        };
        let message = format!("unexpected token: expected {list}, found {found}");
        let label = format!("expected {list}");
        self.report(
            Diagnostic::error("K0201", message)
                .at(span)
                .with_label(label),
        );
    }

    /// Skips to the end of the current item: past a `;` or `,`, before a token on a new line, or
    /// before the `}` closing the current block. Nested brackets are skipped whole.
    fn recover(&mut self) {
        let mut depth = 0usize;
        let mut first = true;
        loop {
            let token = self.peek();
            let newline = token.newline_before;
            match &token.kind {
                TokenKind::Eof => return,
                TokenKind::RBrace | TokenKind::RBracket | TokenKind::RParen if depth == 0 => {
                    if first && !matches!(token.kind, TokenKind::RBrace) {
                        self.bump();
                    }
                    return;
                }
                TokenKind::Semi | TokenKind::Comma if depth == 0 => {
                    self.bump();
                    return;
                }
                _ if depth == 0 && newline && !first => return,
                TokenKind::LBrace | TokenKind::LBracket | TokenKind::LParen => depth += 1,
                TokenKind::DollarBrace => depth += 1,
                TokenKind::RBrace | TokenKind::RBracket | TokenKind::RParen => depth -= 1,
                _ => {}
            }
            self.bump();
            first = false;
        }
    }

    /// Enters one nesting level; false (after reporting) when the input nests too deeply.
    #[inline]
    fn enter(&mut self) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let span = self.peek().span;
            self.error(
                "K0201",
                format!("nesting deeper than {MAX_DEPTH} levels"),
                span,
            );
            self.aborted = true;
            return false;
        }
        true
    }

    #[inline]
    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// 1-based line of a byte offset in this file.
    fn line_of(&self, offset: usize) -> usize {
        self.text
            .get(..offset)
            .map_or(1, |s| s.bytes().filter(|&c| c == b'\n').count() + 1)
    }
}

/// Normalises a property key: `-` becomes `_` (kry §4).
pub fn normalise_key(key: &str) -> String {
    key.replace('-', "_")
}

/// [`normalise_key`] of an owned key, which is kept (not copied) when it has no `-`.
fn normalise_owned_key(key: String) -> String {
    // A byte loop: keys are short, where `contains` (memchr) costs more than it saves.
    if key.bytes().any(|b| b == b'-') {
        normalise_key(&key)
    } else {
        key
    }
}

#[cfg(test)]
mod tests;
