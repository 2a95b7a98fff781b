//! The parser's token access: a small cache of lazily lexed tokens, lookahead and consumption.
//!
//! Tokens are lexed on demand at the parser's position in its current [`Mode`]. The cache keeps
//! the next token, the one after it (`peek_second`) and the same text lexed in the other mode,
//! so lookahead and mode switches do not lex the text again. Tokens stay in fixed slots: a hit
//! costs a few compares and nothing is shifted or copied on a miss beyond the new token.

use super::Parser;
use crate::lexer::{Mode, Token, TokenKind, lex_into, punct_text};
use crate::source::{FileId, Span};

/// Slots in the cache.
const TOKEN_CACHE: usize = 4;

/// What an empty slot holds.
const EMPTY: Token = Token {
    kind: TokenKind::Eof,
    span: Span {
        file: FileId(0),
        start: 0,
        end: 0,
    },
    newline_before: true,
    glued: false,
    diagnostics: Vec::new(),
};

/// `modes` bits: the slot's token serves lookups in normal mode, in value mode.
const NORMAL: u8 = 1;
const VALUE: u8 = 2;

/// True for the token kinds that carry data (compared in full by [`Parser::at`]).
fn has_payload(kind: &TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Ident(_)
            | TokenKind::Var(_)
            | TokenKind::Str(_)
            | TokenKind::Number { .. }
            | TokenKind::Color(_)
            | TokenKind::Directive(_)
    )
}

fn mode_bit(mode: Mode) -> u8 {
    match mode {
        Mode::Normal => NORMAL,
        Mode::Value => VALUE,
    }
}

/// A few lexed tokens in fixed slots. When all are full the least recently used is replaced.
/// All tokens of one cache were lexed with the same limit ([`Parser::sub_path`] swaps in a
/// fresh cache while it narrows the limit).
pub(super) struct TokenCache {
    tokens: [Token; TOKEN_CACHE],
    /// Byte offset each slot's token was lexed from.
    pos: [usize; TOKEN_CACHE],
    /// Modes each slot serves (0: empty). A token is the same in both modes unless a `#` and a
    /// hex digit stood in the trivia before it (the mode only decides what such a `#` starts).
    modes: [u8; TOKEN_CACHE],
    /// Last use of each slot, for eviction.
    used: [u32; TOKEN_CACHE],
    clock: u32,
}

impl Default for TokenCache {
    fn default() -> Self {
        TokenCache {
            tokens: [EMPTY; TOKEN_CACHE],
            pos: [0; TOKEN_CACHE],
            modes: [0; TOKEN_CACHE],
            used: [0; TOKEN_CACHE],
            clock: 0,
        }
    }
}

impl TokenCache {
    /// The slot holding the token lexed at `pos` that serves `mode`.
    #[inline]
    fn find(&mut self, pos: usize, mode: Mode) -> Option<usize> {
        let bit = mode_bit(mode);
        let i = (0..TOKEN_CACHE).find(|&i| self.pos[i] == pos && self.modes[i] & bit != 0)?;
        self.clock = self.clock.wrapping_add(1);
        self.used[i] = self.clock;
        Some(i)
    }

    /// A free slot, or the least recently used one, claimed for the token at `pos` (the caller
    /// writes the token and its modes).
    fn claim(&mut self, pos: usize) -> usize {
        let i = match self.modes.iter().position(|&m| m == 0) {
            Some(free) => free,
            None => (0..TOKEN_CACHE)
                .max_by_key(|&i| self.clock.wrapping_sub(self.used[i]))
                .unwrap_or(0),
        };
        self.clock = self.clock.wrapping_add(1);
        self.used[i] = self.clock;
        self.pos[i] = pos;
        i
    }

    fn clear(&mut self) {
        *self = Self::default();
    }
}

/// A consumed token: its kind (moved out of the cache) and span.
pub(super) struct Taken {
    pub(super) kind: TokenKind,
    pub(super) span: Span,
}

impl Parser<'_> {
    /// The next token in the current mode.
    #[inline]
    pub(super) fn peek(&mut self) -> &Token {
        let i = self.cached(self.pos, self.mode);
        &self.cache.tokens[i]
    }

    /// Index in the cache of the token lexed at `pos` in `mode`, lexing it if needed.
    #[inline]
    fn cached(&mut self, pos: usize, mode: Mode) -> usize {
        if !self.aborted
            && let Some(i) = self.cache.find(pos, mode)
        {
            return i;
        }
        self.lex_into_cache(pos, mode)
    }

    /// The slow path of [`Self::cached`], kept out of line so the hit path stays small.
    #[inline(never)]
    fn lex_into_cache(&mut self, pos: usize, mode: Mode) -> usize {
        if self.aborted {
            self.cache.clear();
        }
        let i = self.cache.claim(pos);
        if self.aborted || pos >= self.limit {
            self.cache.tokens[i] = self.eof_token(pos);
            self.cache.modes[i] = NORMAL | VALUE;
            return i;
        }
        let slice = self.text.get(..self.limit).unwrap_or(self.text);
        let mode_free = lex_into(slice, self.file, pos, mode, &mut self.cache.tokens[i]);
        self.cache.modes[i] = if mode_free {
            NORMAL | VALUE
        } else {
            mode_bit(mode)
        };
        i
    }

    pub(super) fn eof_token(&self, pos: usize) -> Token {
        let at = pos.min(self.limit);
        Token {
            kind: TokenKind::Eof,
            span: Span::new(self.file, at, at),
            newline_before: true,
            glued: false,
            diagnostics: Vec::new(),
        }
    }

    #[inline]
    pub(super) fn kind(&mut self) -> &TokenKind {
        &self.peek().kind
    }

    #[inline]
    pub(super) fn at(&mut self, kind: &TokenKind) -> bool {
        let next = self.kind();
        // Most kinds asked about carry no data: comparing the variants is enough.
        std::mem::discriminant(next) == std::mem::discriminant(kind)
            && (!has_payload(kind) || next == kind)
    }

    #[inline]
    pub(super) fn at_eof(&mut self) -> bool {
        self.at(&TokenKind::Eof)
    }

    /// The token lexed at `pos` in `mode` (lookahead past the next token).
    #[inline]
    pub(super) fn peek_at(&mut self, pos: usize, mode: Mode) -> &Token {
        let i = self.cached(pos, mode);
        &self.cache.tokens[i]
    }

    /// The token after the next one (lexed in normal mode; its diagnostics are reported only
    /// when it is consumed).
    #[inline]
    pub(super) fn peek_second(&mut self) -> &Token {
        let end = self.peek().span.end as usize;
        let i = self.cached(end, Mode::Normal);
        &self.cache.tokens[i]
    }

    /// Consumes the next token, reporting its lexical diagnostics; returns its span. The token
    /// stays in its slot (marked free) until the slot is reused.
    #[inline]
    pub(super) fn bump(&mut self) -> Span {
        let i = self.cached(self.pos, self.mode);
        self.consume(i)
    }

    /// [`Self::bump`], also taking the token's kind (to move its text out without copying it).
    #[inline]
    pub(super) fn bump_token(&mut self) -> Taken {
        let i = self.cached(self.pos, self.mode);
        let span = self.consume(i);
        let kind = std::mem::replace(&mut self.cache.tokens[i].kind, TokenKind::Eof);
        Taken { kind, span }
    }

    /// Frees slot `i`, moves the parser past its token and reports its diagnostics.
    #[inline]
    fn consume(&mut self, i: usize) -> Span {
        self.cache.modes[i] = 0;
        let token = &mut self.cache.tokens[i];
        let span = token.span;
        if !matches!(token.kind, TokenKind::Eof) {
            self.pos = span.end as usize;
        }
        if !token.diagnostics.is_empty() {
            for diagnostic in std::mem::take(&mut token.diagnostics) {
                self.report(diagnostic);
            }
        }
        span
    }

    /// Consumes a `kind` token if it is next; its span.
    #[inline]
    pub(super) fn eat(&mut self, kind: &TokenKind) -> Option<Span> {
        if self.at(kind) {
            Some(self.bump())
        } else {
            None
        }
    }

    /// Consumes `kind` or reports K0201 listing `kind` as expected.
    pub(super) fn expect(&mut self, kind: &TokenKind) -> Option<Span> {
        if let Some(span) = self.eat(kind) {
            return Some(span);
        }
        let expected = format!("`{}`", punct_text(kind));
        self.unexpected(&[&expected]);
        None
    }

    /// The next token is an identifier followed by `:` (a property or an entry).
    #[inline]
    pub(super) fn at_key(&mut self) -> bool {
        matches!(self.kind(), TokenKind::Ident(_))
            && matches!(self.peek_second().kind, TokenKind::Colon)
    }
}
