//! `@script` blocks and `@function`/`@method`/`@func` declarations (kry §11).
//!
//! Bodies are captured raw up to the balancing `}` ([`crate::lexer::raw`]); the recorded line is
//! the `.kry` line of the code's first line. `from "file"` reads the file (relative to the
//! declaring `.kry`) into the source map.

use super::Parser;
use crate::ast::{FunctionDecl, Language, Name, NamePart, ScriptBlock, ScriptSource};
use crate::diagnostic::Diagnostic;
use crate::lexer::TokenKind;
use crate::lexer::raw::{self, Flavor};
use crate::source::{SourceFile, Span};

/// Script attributes that are accepted (only `name` is used).
const ATTRIBUTES: &[&str] = &["name", "mode", "path", "minify", "threshold"];

/// Canonical name of a language as written, if it is one of the known languages.
pub fn canonical_language(written: &str) -> Option<&'static str> {
    Some(match written.to_ascii_lowercase().as_str() {
        "lua" => "lua",
        "javascript" | "js" => "javascript",
        "python" | "py" => "python",
        "wren" => "wren",
        "lisp" => "lisp",
        _ => return None,
    })
}

/// A captured raw body: code, its first `.kry` line, its span.
struct RawBody {
    code: String,
    line: usize,
    span: Span,
}

impl Parser<'_> {
    /// `"lang"`; the language and whether it is known (K0501 otherwise).
    fn language(&mut self) -> Option<(Language, bool)> {
        let token = self.peek().clone();
        if !matches!(token.kind, TokenKind::Str(_)) {
            self.unexpected(&["a quoted language such as \"lua\""]);
            self.recover();
            return None;
        }
        self.bump();
        let written = self.literal_text(&token);
        match canonical_language(&written) {
            Some(name) => Some((
                Language {
                    name: name.to_owned(),
                    span: token.span,
                },
                true,
            )),
            None => {
                self.report(
                    Diagnostic::error("K0501", format!("unknown script language \"{written}\""))
                        .at(token.span)
                        .with_help(
                            "languages are lua, javascript (js), python (py), wren and lisp",
                        ),
                );
                Some((
                    Language {
                        name: written,
                        span: token.span,
                    },
                    false,
                ))
            }
        }
    }

    /// `@script "lang" { attr [=] "value" } ( "{" RAW "}" | "from" "file" )`.
    pub(super) fn script(&mut self) -> Option<ScriptBlock> {
        let start = self.bump();
        let (language, known) = self.language()?;
        let mut attributes = Vec::new();
        let source = loop {
            let token = self.peek().clone();
            match &token.kind {
                TokenKind::Ident(word) if ATTRIBUTES.contains(&word.as_str()) => {
                    self.bump();
                    self.eat(&TokenKind::Assign);
                    let value = self.peek().clone();
                    if !matches!(value.kind, TokenKind::Str(_)) {
                        self.unexpected(&["a quoted attribute value"]);
                        self.recover();
                        return None;
                    }
                    self.bump();
                    let name = Name {
                        text: word.clone(),
                        span: token.span,
                    };
                    attributes.push((name, self.literal_text(&value)));
                }
                TokenKind::Ident(word) if word == "from" => {
                    self.bump();
                    break self.script_file()?;
                }
                TokenKind::LBrace => {
                    let open = self.bump();
                    let body = self.raw_body(open, Flavor::of(&language.name))?;
                    break ScriptSource::Inline {
                        code: body.code,
                        line: body.line,
                        span: body.span,
                    };
                }
                _ => {
                    self.unexpected(&["`{`", "`from`", "an attribute such as `name`"]);
                    self.recover();
                    return None;
                }
            }
        };
        let span = self.since(start);
        known.then_some(ScriptBlock {
            language,
            attributes,
            source,
            span,
        })
    }

    /// `"file"` after `from`: read into the source map (K0503 when missing).
    fn script_file(&mut self) -> Option<ScriptSource> {
        let token = self.peek().clone();
        if !matches!(token.kind, TokenKind::Str(_)) {
            self.unexpected(&["a quoted script path"]);
            self.recover();
            return None;
        }
        self.bump();
        let written = self.literal_text(&token);
        let path = crate::load::normalise_path(&self.dir.join(&written));
        if let Some(file) = self.ctx.sources.find(&path) {
            return Some(ScriptSource::File {
                path,
                file,
                span: token.span,
            });
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let display = crate::load::display_path(self.ctx.main_dir, &path);
                let file = self
                    .ctx
                    .sources
                    .add(SourceFile::new(path.clone(), display, &text));
                Some(ScriptSource::File {
                    path,
                    file,
                    span: token.span,
                })
            }
            Err(error) => {
                self.report(
                    Diagnostic::error("K0503", format!("script file \"{written}\" not found"))
                        .at(token.span)
                        .with_label(error.to_string()),
                );
                None
            }
        }
    }

    /// `@function "lang" name(params) { RAW }` (also `@method`, `@func`).
    pub(super) fn function(&mut self) -> Option<FunctionDecl> {
        let start = self.bump();
        let (language, known) = self.language()?;
        let name_start = self.peek().span;
        let mut name: Vec<NamePart> = Vec::new();
        loop {
            let token = self.peek().clone();
            if !name.is_empty() && !token.glued {
                break;
            }
            match token.kind {
                TokenKind::Ident(text) => {
                    self.bump();
                    match name.last_mut() {
                        Some(NamePart::Text(last)) => last.push_str(&text),
                        _ => name.push(NamePart::Text(text)),
                    }
                }
                TokenKind::DollarBrace => name.push(NamePart::Var(self.var_ref()?)),
                _ => break,
            }
        }
        if name.is_empty() {
            self.unexpected(&["a function name"]);
            self.recover();
            return None;
        }
        let name_span = self.since(name_start);
        if self.expect(&TokenKind::LParen).is_none() {
            self.recover();
            return None;
        }
        let mut params = Vec::new();
        if self.eat(&TokenKind::RParen).is_none() {
            loop {
                params.push(self.name("a parameter name")?);
                if self.eat(&TokenKind::Comma).is_some() {
                    continue;
                }
                if self.expect(&TokenKind::RParen).is_none() {
                    self.recover();
                    return None;
                }
                break;
            }
        }
        let Some(open) = self.expect(&TokenKind::LBrace) else {
            self.recover();
            return None;
        };
        let body = self.raw_body(open, Flavor::of(&language.name))?;
        let span = self.since(start);
        known.then_some(FunctionDecl {
            language,
            name,
            name_span,
            params,
            body: body.code,
            body_line: body.line,
            span,
        })
    }

    /// Captures the raw body after the `{` at `open` (K0006 when it never closes).
    fn raw_body(&mut self, open: Span, flavor: Flavor) -> Option<RawBody> {
        let start = open.end as usize;
        let text = self.text.get(..self.limit).unwrap_or(self.text);
        let Some(close) = raw::capture(text, start, flavor) else {
            self.report(
                Diagnostic::error("K0006", "unterminated script body")
                    .at(open)
                    .with_label("this `{` is never closed"),
            );
            self.pos = self.limit;
            return None;
        };
        self.pos = close + 1;
        let inner = text.get(start..close).unwrap_or("");
        // Code that starts on the line after the `{` begins after that line break.
        let (code_start, line) = match inner.find('\n') {
            Some(nl) if inner[..nl].trim().is_empty() => (start + nl + 1, self.line_of(start) + 1),
            _ => (start, self.line_of(start)),
        };
        let code = text.get(code_start..close).unwrap_or("");
        // Drop the indentation before the closing `}`.
        let code_end = match code.rfind('\n') {
            Some(nl) if code[nl + 1..].trim().is_empty() => code_start + nl + 1,
            _ => close,
        };
        Some(RawBody {
            code: text.get(code_start..code_end).unwrap_or("").to_owned(),
            line,
            span: self.span(code_start, code_end),
        })
    }
}
