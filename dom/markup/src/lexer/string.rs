//! Quoted strings (kry §1 "Strings", §6.5 interpolation).
//!
//! A string is single-line. Escapes `\n \t \r \\ \" \' \$ \u{…}` are processed; any other `\x`
//! keeps both characters. `$` starts a reference only before a letter, `_` or `{`; `$name` takes
//! one identifier and `${path}` a whole path, whose byte range is handed to the parser. Legacy
//! `{{name}}` is located the same way and warned about (K0007).

use super::{Lexer, TokenKind, ident_end, is_ident_start};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// A piece of a quoted string.
#[derive(Debug, Clone, PartialEq)]
pub enum StrPiece {
    /// Literal text, escapes processed.
    Text(String),
    /// `$name`: the name and the span of the whole reference.
    Var(String, Span),
    /// `${path}` or legacy `{{path}}`: the byte range of the path inside the braces, and the
    /// span of the whole reference.
    Braced {
        /// First byte of the path.
        start: usize,
        /// One past the last byte of the path.
        end: usize,
        /// The whole `${…}` / `{{…}}`.
        span: Span,
    },
}

/// The contents of a quoted string token.
#[derive(Debug, Clone, PartialEq)]
pub enum StrPieces {
    /// Only literal text, not empty: the common case, held without a vector of pieces.
    Plain(String),
    /// Anything else: no pieces for `""`, or text and references in order.
    Pieces(Vec<StrPiece>),
}

impl StrPieces {
    /// The pieces as a vector (a plain string is one [`StrPiece::Text`]).
    pub fn into_pieces(self) -> Vec<StrPiece> {
        match self {
            Self::Plain(text) => vec![StrPiece::Text(text)],
            Self::Pieces(pieces) => pieces,
        }
    }

    /// Builds the contents from the pieces so far and the pending text.
    fn finish(mut pieces: Vec<StrPiece>, mut text: String) -> Self {
        if pieces.is_empty() && !text.is_empty() {
            return Self::Plain(text);
        }
        flush(&mut pieces, &mut text);
        Self::Pieces(pieces)
    }
}

impl Lexer<'_> {
    pub(super) fn string(&mut self, start: usize) -> (TokenKind, usize) {
        let mut pieces: Vec<StrPiece> = Vec::new();
        let mut text = String::new();
        let mut i = start + 1;
        loop {
            // Copy a run of ordinary characters at once. The run stops only at ASCII bytes, so it
            // ends on a character boundary.
            let run = self.bytes.get(i..).map_or(0, |rest| {
                rest.iter()
                    .position(|&b| matches!(b, b'"' | b'\n' | b'\\' | b'$' | b'{'))
                    .unwrap_or(rest.len())
            });
            if run > 0 {
                text.push_str(&self.text[i..i + run]);
                i += run;
            }
            let Some(c) = self.text.get(i..).and_then(|s| s.chars().next()) else {
                return self.unterminated(start, i, pieces, text);
            };
            match c {
                '"' => return (TokenKind::Str(StrPieces::finish(pieces, text)), i + 1),
                '\n' => return self.unterminated(start, i, pieces, text),
                '\\' => i = self.escape(i, &mut text),
                '$' => match self.at(i + 1) {
                    Some(n) if is_ident_start(n) => {
                        let end = ident_end(self.bytes, i + 1);
                        flush(&mut pieces, &mut text);
                        let name = self.text[i + 1..end].to_owned();
                        pieces.push(StrPiece::Var(name, self.span(i, end)));
                        i = end;
                    }
                    Some(b'{') => match self.closing(i + 2, "}") {
                        Some(close) => {
                            flush(&mut pieces, &mut text);
                            let span = self.span(i, close + 1);
                            pieces.push(StrPiece::Braced {
                                start: i + 2,
                                end: close,
                                span,
                            });
                            i = close + 1;
                        }
                        None => {
                            text.push('$');
                            i += 1;
                        }
                    },
                    _ => {
                        text.push('$');
                        i += 1;
                    }
                },
                '{' if self.at(i + 1) == Some(b'{') => match self.legacy(i) {
                    Some((piece, end)) => {
                        flush(&mut pieces, &mut text);
                        pieces.push(piece);
                        i = end;
                    }
                    None => {
                        text.push_str("{{");
                        i += 2;
                    }
                },
                c => {
                    text.push(c);
                    i += c.len_utf8();
                }
            }
        }
    }

    fn unterminated(
        &mut self,
        start: usize,
        end: usize,
        pieces: Vec<StrPiece>,
        text: String,
    ) -> (TokenKind, usize) {
        let span = self.span(start, end);
        self.diagnostics.push(
            Diagnostic::error("K0001", "unterminated string")
                .at(span)
                .with_label("the closing `\"` is missing on this line"),
        );
        (TokenKind::Str(StrPieces::finish(pieces, text)), end)
    }

    /// Processes the escape at `i` (a backslash); returns the index after it.
    fn escape(&mut self, i: usize, text: &mut String) -> usize {
        let Some(next) = self.text.get(i + 1..).and_then(|s| s.chars().next()) else {
            text.push('\\');
            return i + 1;
        };
        let simple = match next {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            '\\' => Some('\\'),
            '"' => Some('"'),
            '\'' => Some('\''),
            '$' => Some('$'),
            _ => None,
        };
        if let Some(ch) = simple {
            text.push(ch);
            return i + 2;
        }
        if next == 'u'
            && self.at(i + 2) == Some(b'{')
            && let Some(close) = self.closing(i + 3, "}")
            && let Ok(code) = u32::from_str_radix(&self.text[i + 3..close], 16)
            && let Some(ch) = char::from_u32(code)
        {
            text.push(ch);
            return close + 1;
        }
        if next == '\n' {
            // A backslash before a raw newline: the string is unterminated there.
            text.push('\\');
            return i + 1;
        }
        text.push('\\');
        text.push(next);
        i + 1 + next.len_utf8()
    }

    /// Index of `close` at or after `from` on this line and before the string's end quote.
    fn closing(&self, from: usize, close: &str) -> Option<usize> {
        let rest = self.text.get(from..)?;
        let stop = rest.find(['"', '\n']).unwrap_or(rest.len());
        rest.get(..stop)?.find(close).map(|off| from + off)
    }

    /// `{{name}}` at `i`: a braced piece (with a K0007 warning) and the index after it.
    fn legacy(&mut self, i: usize) -> Option<(StrPiece, usize)> {
        let close = self.closing(i + 2, "}}")?;
        let inner = &self.text[i + 2..close];
        let trimmed = inner.trim();
        let path_like = trimmed.bytes().next().is_some_and(is_ident_start)
            && trimmed
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'));
        if !path_like {
            return None;
        }
        let lead = inner.len() - inner.trim_start().len();
        let start = i + 2 + lead;
        let span = self.span(i, close + 2);
        self.diagnostics.push(
            Diagnostic::warning("K0007", format!("legacy `{{{{{trimmed}}}}}` interpolation"))
                .at(span)
                .with_help(format!("write `${{{trimmed}}}`")),
        );
        Some((
            StrPiece::Braced {
                start,
                end: start + trimmed.len(),
                span,
            },
            close + 2,
        ))
    }
}

fn flush(pieces: &mut Vec<StrPiece>, text: &mut String) {
    if !text.is_empty() {
        pieces.push(StrPiece::Text(std::mem::take(text)));
    }
}
