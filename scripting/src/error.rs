//! Script errors (script-api §7): a code, the language, the message, the `.kry`-mapped
//! location and a stack, rendered in the shape of markup diagnostics.

use std::fmt;

/// A script language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// Lua 5.4.
    Lua,
    /// JavaScript.
    JavaScript,
}

impl Language {
    /// The name used in messages and `kryon.language`.
    pub fn name(self) -> &'static str {
        match self {
            Language::Lua => "lua",
            Language::JavaScript => "javascript",
        }
    }

    /// Reads a markup language name (`lua`, `javascript`, `js`).
    pub fn from_name(name: &str) -> Option<Language> {
        match name {
            "lua" => Some(Language::Lua),
            "javascript" | "js" => Some(Language::JavaScript),
            _ => None,
        }
    }
}

/// A source position: a `.kry` file (lines mapped from embedded blocks) or a script file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// File as shown to the user (`app.kry`, `logic.lua`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, when the engine gives one.
    pub column: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(c) = self.column {
            write!(f, ":{c}")?;
        }
        Ok(())
    }
}

/// A script error. Codes are the S01xx codes of §7.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptError {
    /// `S0101`…
    pub code: &'static str,
    /// Language of the failing code, when known.
    pub language: Option<Language>,
    /// Message without location.
    pub message: String,
    /// Where it happened.
    pub location: Option<Location>,
    /// Stack, innermost frame first (`inc (app.kry:48)`).
    pub stack: Vec<String>,
    /// The source line, for the snippet.
    pub source_line: Option<String>,
}

impl ScriptError {
    /// An error with a code and message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            language: None,
            message: message.into(),
            location: None,
            stack: Vec::new(),
            source_line: None,
        }
    }

    /// Sets the language.
    pub fn in_language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// Sets the location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Adds an outer stack frame (the triggering handler).
    pub fn with_frame(mut self, frame: impl Into<String>) -> Self {
        self.stack.push(frame.into());
        self
    }

    /// Renders the error in the diagnostic shape of §7.
    pub fn render(&self) -> String {
        let mut out = format!("error[{}]: ", self.code);
        if let Some(lang) = self.language {
            out.push_str(lang.name());
            out.push_str(": ");
        }
        out.push_str(&self.message);
        if let Some(loc) = &self.location {
            out.push_str(&format!(" at {loc}"));
            if let Some(line) = &self.source_line {
                let n = loc.line.to_string();
                let pad = " ".repeat(n.len());
                out.push_str(&format!("\n{pad} |\n{n} | {line}\n{pad} |"));
                if let Some(col) = loc.column {
                    out.push_str(&format!(" {}^", " ".repeat(col.saturating_sub(1))));
                }
            }
        }
        if !self.stack.is_empty() {
            out.push_str(&format!("\n   = stack: {}", self.stack.join(" <- ")));
        }
        out
    }
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for ScriptError {}

/// The message of a wrong bridge argument (§7): `<function>: argument <n> (<name>): expected
/// <type>, got <type>`.
pub fn bad_argument(
    function: &str,
    n: usize,
    name: &str,
    expected: &str,
    got: &str,
) -> ScriptError {
    ScriptError::new(
        "S0103",
        format!("{function}: argument {n} ({name}): expected {expected}, got {got}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_a_markup_diagnostic_with_a_stack() {
        let mut e = ScriptError::new("S0101", "attempt to perform arithmetic on a nil value")
            .in_language(Language::Lua)
            .at(Location {
                file: "app.kry".into(),
                line: 48,
                column: None,
            })
            .with_frame("inc (app.kry:48)")
            .with_frame("onClick of Button#plus (app.kry:31:9)");
        e.source_line = Some("countr = countr + 1".into());
        let text = e.render();
        assert!(
            text.starts_with("error[S0101]: lua: attempt to perform"),
            "{text}"
        );
        assert!(
            text.contains("at app.kry:48\n   |\n48 | countr = countr + 1"),
            "{text}"
        );
        assert!(
            text.ends_with("= stack: inc (app.kry:48) <- onClick of Button#plus (app.kry:31:9)")
        );
        assert_eq!(
            bad_argument("setText", 1, "v", "string", "nil").message,
            "setText: argument 1 (v): expected string, got nil"
        );
    }
}
