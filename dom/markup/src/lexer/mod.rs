//! The `.kry` lexer (kry-language.md §1).
//!
//! Lexing is lazy and driven by the parser: [`token_at`] reads one token at a byte offset in a
//! given [`Mode`]. The mode matters only for `#`, which starts a colour in *value position* and a
//! comment everywhere else; the parser knows which position it is in and asks accordingly. A token
//! remembers whether a newline preceded it (newlines end shorthand lists and `@for`/`@if`
//! headers) and whether it is glued to the previous token. Lexical errors travel with the token
//! and are reported when the parser consumes it, so re-lexing a token in another mode never
//! duplicates a diagnostic.
//!
//! Strings are split into [`StrPiece`]s here (escapes processed, `$name`, `${path}` and legacy
//! `{{name}}` located); the parser turns `${…}` ranges into paths. Numbers and their units are
//! read by `number`. Raw script bodies are scanned by [`raw`].

mod number;
pub mod raw;
mod string;

use crate::ast::Unit;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

pub use string::{StrPiece, StrPieces};

/// Whether `#` followed by a hex digit is a colour (value position) or a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `#` starts a comment.
    Normal,
    /// `#` followed by an ASCII hex digit starts a colour.
    Value,
}

/// A directive keyword (`@include`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    /// `@include`
    Include,
    /// `@variables`
    Variables,
    /// `@var`
    Var,
    /// `@script`
    Script,
    /// `@function`, `@method` or `@func`
    Function,
    /// `@for`
    For,
    /// `@if`
    If,
    /// `@elif`
    Elif,
    /// `@else`
    Else,
    /// `@end`
    End,
    /// `@keyframes`
    Keyframes,
}

impl Directive {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "include" => Self::Include,
            "variables" => Self::Variables,
            "var" => Self::Var,
            "script" => Self::Script,
            "function" | "method" | "func" => Self::Function,
            "for" => Self::For,
            "if" => Self::If,
            "elif" => Self::Elif,
            "else" => Self::Else,
            "end" => Self::End,
            "keyframes" => Self::Keyframes,
            _ => return None,
        })
    }
}

/// Token kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// An identifier (`-` joins: `space-between`).
    Ident(String),
    /// `$name`, glued.
    Var(String),
    /// `${`
    DollarBrace,
    /// A quoted string.
    Str(StrPieces),
    /// A number with an optional glued unit (the sign is included).
    Number {
        /// Value.
        value: f64,
        /// Unit.
        unit: Option<Unit>,
    },
    /// `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa` as RGBA bytes.
    Color([u8; 4]),
    /// `@word`.
    Directive(Directive),
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `:`
    Colon,
    /// `;`
    Semi,
    /// `,`
    Comma,
    /// `=`
    Assign,
    /// `.`
    Dot,
    /// `?`
    Question,
    /// `!`
    Bang,
    /// `==`
    EqEq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `&&`
    AndAnd,
    /// `||`
    OrOr,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `%`
    Percent,
    /// `&:`
    AmpColon,
    /// A malformed token; its diagnostic is attached.
    Error,
    /// End of input.
    Eof,
}

impl TokenKind {
    /// A short description for "unexpected token" messages.
    pub fn describe(&self) -> String {
        match self {
            Self::Ident(name) => format!("`{name}`"),
            Self::Var(name) => format!("`${name}`"),
            Self::Str(_) => "a string".into(),
            Self::Number { .. } => "a number".into(),
            Self::Color(_) => "a colour".into(),
            Self::Directive(d) => format!("`@{}`", directive_name(*d)),
            Self::Error => "a malformed token".into(),
            Self::Eof => "end of file".into(),
            other => format!("`{}`", punct_text(other)),
        }
    }
}

fn directive_name(d: Directive) -> &'static str {
    match d {
        Directive::Include => "include",
        Directive::Variables => "variables",
        Directive::Var => "var",
        Directive::Script => "script",
        Directive::Function => "function",
        Directive::For => "for",
        Directive::If => "if",
        Directive::Elif => "elif",
        Directive::Else => "else",
        Directive::End => "end",
        Directive::Keyframes => "keyframes",
    }
}

/// The source text of a punctuation token kind.
pub fn punct_text(kind: &TokenKind) -> &'static str {
    match kind {
        TokenKind::DollarBrace => "${",
        TokenKind::LBrace => "{",
        TokenKind::RBrace => "}",
        TokenKind::LBracket => "[",
        TokenKind::RBracket => "]",
        TokenKind::LParen => "(",
        TokenKind::RParen => ")",
        TokenKind::Colon => ":",
        TokenKind::Semi => ";",
        TokenKind::Comma => ",",
        TokenKind::Assign => "=",
        TokenKind::Dot => ".",
        TokenKind::Question => "?",
        TokenKind::Bang => "!",
        TokenKind::EqEq => "==",
        TokenKind::NotEq => "!=",
        TokenKind::Lt => "<",
        TokenKind::Le => "<=",
        TokenKind::Gt => ">",
        TokenKind::Ge => ">=",
        TokenKind::AndAnd => "&&",
        TokenKind::OrOr => "||",
        TokenKind::Plus => "+",
        TokenKind::Minus => "-",
        TokenKind::Star => "*",
        TokenKind::Slash => "/",
        TokenKind::Percent => "%",
        TokenKind::AmpColon => "&:",
        _ => "?",
    }
}

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Kind and payload.
    pub kind: TokenKind,
    /// Where it was written.
    pub span: Span,
    /// A newline occurred between the previous token and this one.
    pub newline_before: bool,
    /// No whitespace or comment separates it from the previous token.
    pub glued: bool,
    /// Lexical diagnostics (reported when the token is consumed).
    pub diagnostics: Vec<Diagnostic>,
}

impl TokenKind {
    /// True for the kinds that own heap memory (matched exhaustively, so a new kind must be
    /// classified here).
    fn owns_memory(&self) -> bool {
        match self {
            Self::Ident(_) | Self::Var(_) | Self::Str(_) => true,
            Self::DollarBrace
            | Self::Number { .. }
            | Self::Color(_)
            | Self::Directive(_)
            | Self::LBrace
            | Self::RBrace
            | Self::LBracket
            | Self::RBracket
            | Self::LParen
            | Self::RParen
            | Self::Colon
            | Self::Semi
            | Self::Comma
            | Self::Assign
            | Self::Dot
            | Self::Question
            | Self::Bang
            | Self::EqEq
            | Self::NotEq
            | Self::Lt
            | Self::Le
            | Self::Gt
            | Self::Ge
            | Self::AndAnd
            | Self::OrOr
            | Self::Plus
            | Self::Minus
            | Self::Star
            | Self::Slash
            | Self::Percent
            | Self::AmpColon
            | Self::Error
            | Self::Eof => false,
        }
    }
}

/// Reads the token starting at or after byte `pos` of `text` (trivia skipped first).
pub fn token_at(text: &str, file: FileId, pos: usize, mode: Mode) -> Token {
    let mut token = Token {
        kind: TokenKind::Eof,
        span: Span::default(),
        newline_before: false,
        glued: false,
        diagnostics: Vec::new(),
    };
    lex_into(text, file, pos, mode, &mut token);
    token
}

/// [`token_at`] written over `out` (the parser's cache slot, so the token is not moved), and
/// whether the token is the same in both modes: true unless a `#` followed by a hex digit
/// stood where trivia was skipped (the only place the mode matters).
pub(crate) fn lex_into(text: &str, file: FileId, pos: usize, mode: Mode, out: &mut Token) -> bool {
    let mut lexer = Lexer {
        text,
        bytes: text.as_bytes(),
        file,
        diagnostics: Vec::new(),
    };
    let (start, newline_before, mode_free) = lexer.skip_trivia(pos, mode);
    let (kind, end) = lexer.token(start);
    let old = std::mem::replace(&mut out.kind, kind);
    // Skipping the drop call for kinds without memory is measurable (one per token).
    if old.owns_memory() {
        drop(old);
    } else {
        std::mem::forget(old);
    }
    out.span = Span::new(file, start, end);
    out.newline_before = newline_before;
    out.glued = start == pos;
    out.diagnostics = lexer.diagnostics;
    mode_free
}

/// Lexes a whole text in one mode (for tests and tools; the parser lexes lazily).
pub fn tokenize(text: &str, file: FileId, mode: Mode) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut pos = 0;
    loop {
        let token = token_at(text, file, pos, mode);
        pos = token.span.end as usize;
        let eof = token.kind == TokenKind::Eof;
        tokens.push(token);
        if eof {
            return tokens;
        }
    }
}

/// True for characters that may start an identifier.
pub fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_char(c: u8) -> bool {
    IDENT_CHAR[usize::from(c)]
}

/// `IDENT_CHAR[c]`: `c` is an ASCII letter, digit or `_` (a table: identifiers are most of the
/// text the lexer walks).
static IDENT_CHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    table
};

/// End of the identifier starting at `start` (which must be an identifier start).
pub fn ident_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    loop {
        let rest = bytes.get(i..).unwrap_or_default();
        i += rest
            .iter()
            .position(|&c| !is_ident_char(c))
            .unwrap_or(rest.len());
        // A `-` joins two runs (`space-between`), never at the start or end.
        match bytes.get(i) {
            Some(b'-') if i > start && bytes.get(i + 1).is_some_and(|&c| is_ident_char(c)) => {
                i += 1;
            }
            _ => return i,
        }
    }
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    file: FileId,
    diagnostics: Vec<Diagnostic>,
}

impl Lexer<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn error(&mut self, code: &'static str, message: impl Into<String>, start: usize, end: usize) {
        let span = self.span(start, end);
        self.diagnostics
            .push(Diagnostic::error(code, message).at(span));
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    fn line_end(&self, from: usize) -> usize {
        self.text
            .get(from..)
            .and_then(|rest| rest.find('\n'))
            .map_or(self.text.len(), |i| from + i)
    }

    /// Skips whitespace and comments; returns the token start, whether a newline was crossed and
    /// whether the result is independent of `mode` (no `#` + hex digit was met).
    fn skip_trivia(&mut self, mut i: usize, mode: Mode) -> (usize, bool, bool) {
        let mut newline = false;
        let mut mode_free = true;
        loop {
            match self.at(i) {
                Some(b'\n') => {
                    newline = true;
                    i += 1;
                }
                Some(b' ' | b'\t' | b'\r' | b'\x0c') => i += 1,
                Some(b'/') if self.at(i + 1) == Some(b'/') => i = self.line_end(i),
                Some(b'/') if self.at(i + 1) == Some(b'*') => {
                    match self.text.get(i + 2..).and_then(|rest| rest.find("*/")) {
                        Some(off) => {
                            let end = i + 2 + off + 2;
                            newline |= self.text.get(i..end).is_some_and(|s| s.contains('\n'));
                            i = end;
                        }
                        None => {
                            self.error("K0006", "unterminated `/*` comment", i, i + 2);
                            return (self.text.len(), newline, mode_free);
                        }
                    }
                }
                Some(b'#') => {
                    let hex_next = self.at(i + 1).is_some_and(|c| c.is_ascii_hexdigit());
                    if hex_next {
                        mode_free = false;
                        if mode == Mode::Value {
                            return (i, newline, mode_free);
                        }
                    }
                    i = self.line_end(i);
                }
                _ => return (i, newline, mode_free),
            }
        }
    }

    fn token(&mut self, start: usize) -> (TokenKind, usize) {
        let Some(c) = self.at(start) else {
            return (TokenKind::Eof, start);
        };
        let next = self.at(start + 1);
        let single = |kind| (kind, start + 1);
        let double = |kind| (kind, start + 2);
        match c {
            c if is_ident_start(c) => {
                let end = ident_end(self.bytes, start);
                (TokenKind::Ident(self.text[start..end].to_owned()), end)
            }
            b'0'..=b'9' => self.number(start),
            b'.' if next.is_some_and(|n| n.is_ascii_digit()) => self.number(start),
            b'-' if self.starts_signed_number(start) => self.number(start),
            b'"' => self.string(start),
            b'#' => self.colour(start),
            b'@' => self.directive(start),
            b'$' => match next {
                Some(n) if is_ident_start(n) => {
                    let end = ident_end(self.bytes, start + 1);
                    (TokenKind::Var(self.text[start + 1..end].to_owned()), end)
                }
                Some(b'{') => double(TokenKind::DollarBrace),
                _ => {
                    let message = "`$` must be followed by a name or `{`";
                    self.error("K0002", message, start, start + 1);
                    single(TokenKind::Error)
                }
            },
            b'&' if next == Some(b'&') => double(TokenKind::AndAnd),
            b'&' if next == Some(b':') => double(TokenKind::AmpColon),
            b'|' if next == Some(b'|') => double(TokenKind::OrOr),
            b'=' if next == Some(b'=') => double(TokenKind::EqEq),
            b'!' if next == Some(b'=') => double(TokenKind::NotEq),
            b'<' if next == Some(b'=') => double(TokenKind::Le),
            b'>' if next == Some(b'=') => double(TokenKind::Ge),
            b'=' => single(TokenKind::Assign),
            b'!' => single(TokenKind::Bang),
            b'<' => single(TokenKind::Lt),
            b'>' => single(TokenKind::Gt),
            b'{' => single(TokenKind::LBrace),
            b'}' => single(TokenKind::RBrace),
            b'[' => single(TokenKind::LBracket),
            b']' => single(TokenKind::RBracket),
            b'(' => single(TokenKind::LParen),
            b')' => single(TokenKind::RParen),
            b':' => single(TokenKind::Colon),
            b';' => single(TokenKind::Semi),
            b',' => single(TokenKind::Comma),
            b'.' => single(TokenKind::Dot),
            b'?' => single(TokenKind::Question),
            b'+' => single(TokenKind::Plus),
            b'-' => single(TokenKind::Minus),
            b'*' => single(TokenKind::Star),
            b'/' => single(TokenKind::Slash),
            b'%' => single(TokenKind::Percent),
            _ => {
                let ch = self
                    .text
                    .get(start..)
                    .and_then(|s| s.chars().next())
                    .unwrap_or('?');
                let end = start + ch.len_utf8();
                self.error("K0002", format!("unexpected character `{ch}`"), start, end);
                (TokenKind::Error, end)
            }
        }
    }

    fn colour(&mut self, start: usize) -> (TokenKind, usize) {
        let mut end = start + 1;
        while self.at(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
            end += 1;
        }
        let digits = &self.text[start + 1..end];
        match parse_hex_colour(digits) {
            Some(rgba) => (TokenKind::Color(rgba), end),
            None => {
                let span = self.span(start, end);
                self.diagnostics.push(
                    Diagnostic::error("K0004", format!("malformed colour literal `#{digits}`"))
                        .at(span)
                        .with_label("expected 3, 4, 6 or 8 hex digits"),
                );
                (TokenKind::Error, end)
            }
        }
    }

    fn directive(&mut self, start: usize) -> (TokenKind, usize) {
        if !self.at(start + 1).is_some_and(is_ident_start) {
            self.error("K0002", "unexpected character `@`", start, start + 1);
            return (TokenKind::Error, start + 1);
        }
        let mut end = start + 1;
        while self.at(end).is_some_and(is_ident_char) {
            end += 1;
        }
        let name = &self.text[start + 1..end];
        match Directive::from_name(name) {
            Some(d) => (TokenKind::Directive(d), end),
            None => {
                let span = self.span(start, end);
                self.diagnostics.push(
                    Diagnostic::error("K0005", format!("unknown directive `@{name}`"))
                        .at(span)
                        .with_help(
                            "directives are @include @variables @var @script @function @method \
                             @func @for @if @elif @else @end @keyframes",
                        ),
                );
                (TokenKind::Error, end)
            }
        }
    }
}

/// Parses the digits of a `#` colour (without `#`): 3, 4, 6 or 8 hex digits.
pub fn parse_hex_colour(digits: &str) -> Option<[u8; 4]> {
    if !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let nibble = |i: usize| -> u8 {
        digits
            .as_bytes()
            .get(i)
            .and_then(|&c| (c as char).to_digit(16))
            .unwrap_or(0) as u8
    };
    let byte = |i: usize| nibble(i) * 16 + nibble(i + 1);
    match digits.len() {
        3 => Some([nibble(0) * 17, nibble(1) * 17, nibble(2) * 17, 255]),
        4 => Some([
            nibble(0) * 17,
            nibble(1) * 17,
            nibble(2) * 17,
            nibble(3) * 17,
        ]),
        6 => Some([byte(0), byte(2), byte(4), 255]),
        8 => Some([byte(0), byte(2), byte(4), byte(6)]),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
