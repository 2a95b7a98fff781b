//! Numbers (kry §1 "Numbers"): an optional sign, digits, a fraction and a glued unit.

use super::{Lexer, TokenKind, is_ident_char, is_ident_start};
use crate::ast::Unit;
use crate::diagnostic::Diagnostic;

impl Lexer<'_> {
    /// `-` glued to a digit (or `.digit`) is a sign unless it is glued to a preceding operand.
    pub(super) fn starts_signed_number(&self, start: usize) -> bool {
        let digit_next = match self.at(start + 1) {
            Some(c) if c.is_ascii_digit() => true,
            Some(b'.') => self.at(start + 2).is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        let glued_operand = start > 0
            && self.at(start - 1).is_some_and(|p| {
                p.is_ascii_alphanumeric() || matches!(p, b'_' | b')' | b']' | b'"' | b'%')
            });
        digit_next && !glued_operand
    }

    pub(super) fn number(&mut self, start: usize) -> (TokenKind, usize) {
        let mut i = start;
        if self.at(i) == Some(b'-') {
            i += 1;
        }
        while self.at(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        if self.at(i) == Some(b'.') && self.at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
            while self.at(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
        }
        let digits_end = i;
        let value = parse_decimal(&self.text[start..digits_end]);
        // A second fraction (`1.2.3`) is malformed.
        if self.at(i) == Some(b'.') && self.at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            let mut end = i + 1;
            while self
                .at(end)
                .is_some_and(|c| c.is_ascii_digit() || c == b'.')
            {
                end += 1;
            }
            let text = &self.text[start..end];
            self.error("K0003", format!("malformed number `{text}`"), start, end);
            return (TokenKind::Error, end);
        }
        if self.at(i) == Some(b'%') {
            return (
                TokenKind::Number {
                    value,
                    unit: Some(Unit::Percent),
                },
                i + 1,
            );
        }
        if self.at(i).is_some_and(is_ident_start) {
            let mut end = i;
            while self.at(end).is_some_and(is_ident_char) {
                end += 1;
            }
            let suffix = &self.text[i..end];
            return match Unit::from_suffix(suffix) {
                Some(unit) => (
                    TokenKind::Number {
                        value,
                        unit: Some(unit),
                    },
                    end,
                ),
                None => {
                    let text = &self.text[start..end];
                    let message = format!("malformed number `{text}`: unknown unit `{suffix}`");
                    let span = self.span(start, end);
                    self.diagnostics.push(
                        Diagnostic::error("K0003", message)
                            .at(span)
                            .with_label("unknown unit")
                            .with_help("units are px % em rem vw vh deg rad turn ms s"),
                    );
                    (TokenKind::Error, end)
                }
            };
        }
        (TokenKind::Number { value, unit: None }, digits_end)
    }
}

/// The value of `-?digits[.digits]` (either digit run may be empty), as `str::parse` gives it.
/// Short numbers take the exact fast path: a mantissa below 2^53 divided by an exactly
/// representable power of ten is correctly rounded, so it equals the parsed value.
pub(super) fn parse_decimal(text: &str) -> f64 {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut mantissa: u64 = 0;
    let mut count = 0usize;
    let mut fraction: Option<usize> = None;
    for &b in digits.as_bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                count += 1;
                if let Some(f) = fraction.as_mut() {
                    *f += 1;
                }
            }
            b'.' if fraction.is_none() => fraction = Some(0),
            _ => return text.parse().unwrap_or(0.0),
        }
        if count > 15 {
            return text.parse().unwrap_or(0.0);
        }
    }
    if count == 0 {
        return text.parse().unwrap_or(0.0);
    }
    let scale = POW10[fraction.unwrap_or(0)];
    let value = mantissa as f64 / scale;
    if negative { -value } else { value }
}
