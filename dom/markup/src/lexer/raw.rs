//! Raw script bodies (kry §11.1 "Raw capture").
//!
//! A body runs from just after its `{` to the `}` that balances it. While counting braces the
//! scanner skips the block language's strings and comments, so a `}` inside `"…"` or `-- }` does
//! not end the body:
//! - Lua: `"…"`, `'…'`, long strings `[[…]]` / `[==[…]==]`, `--` comments and `--[[…]]`;
//! - JavaScript: `'…'`, `"…"`, template literals with nested `${…}`, `//` and `/*…*/`;
//! - Python: `'…'`, `"…"`, triple-quoted strings and `#` comments;
//! - Wren: `"…"`, `//` and `/*…*/`; Lisp: `"…"` and `;` comments.

/// Script language families, for skipping strings and comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Lua.
    Lua,
    /// JavaScript.
    Js,
    /// Python.
    Python,
    /// Wren.
    Wren,
    /// Lisp.
    Lisp,
    /// Unknown language: plain quotes only.
    Plain,
}

impl Flavor {
    /// The flavour of a canonical language name.
    pub fn of(language: &str) -> Self {
        match language {
            "lua" => Self::Lua,
            "javascript" => Self::Js,
            "python" => Self::Python,
            "wren" => Self::Wren,
            "lisp" => Self::Lisp,
            _ => Self::Plain,
        }
    }
}

/// Deepest nesting of JS template literals followed before giving up.
const MAX_TEMPLATE_DEPTH: usize = 64;

/// Finds the `}` balancing a `{` that ends just before `start`. Returns its byte index, or `None`
/// when the body is unterminated.
pub fn capture(text: &str, start: usize, flavor: Flavor) -> Option<usize> {
    Scanner {
        b: text.as_bytes(),
        flavor,
    }
    .block(start, 0)
}

struct Scanner<'a> {
    b: &'a [u8],
    flavor: Flavor,
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    fn starts(&self, i: usize, s: &str) -> bool {
        self.b
            .get(i..)
            .is_some_and(|rest| rest.starts_with(s.as_bytes()))
    }

    fn line_end(&self, i: usize) -> usize {
        self.b
            .get(i..)
            .and_then(|r| r.iter().position(|&c| c == b'\n'))
            .map_or(self.b.len(), |p| i + p)
    }

    fn find(&self, i: usize, pat: &[u8]) -> Option<usize> {
        let rest = self.b.get(i..)?;
        rest.windows(pat.len())
            .position(|w| w == pat)
            .map(|p| i + p)
    }

    /// Scans to the balancing `}`; `depth` counts nested template literals.
    fn block(&self, mut i: usize, depth: usize) -> Option<usize> {
        let mut braces = 1usize;
        while let Some(c) = self.at(i) {
            match c {
                b'{' => braces += 1,
                b'}' => {
                    braces -= 1;
                    if braces == 0 {
                        return Some(i);
                    }
                }
                _ => {
                    if let Some(next) = self.skip(i, depth)? {
                        i = next;
                        continue;
                    }
                }
            }
            i += 1;
        }
        None
    }

    /// If a string or comment starts at `i`, the index after it: `Some(Some(end))`. `Some(None)`
    /// when nothing starts here; `None` when it is unterminated.
    fn skip(&self, i: usize, depth: usize) -> Option<Option<usize>> {
        let c = self.at(i)?;
        let flavor = self.flavor;
        let end = match (flavor, c) {
            (Flavor::Lua, b'-') if self.starts(i, "--") => match self.long_bracket(i + 2) {
                Some(level) => self.long_close(i + 2, level)?,
                None => self.line_end(i),
            },
            (Flavor::Lua, b'[') => match self.long_bracket(i) {
                Some(level) => self.long_close(i, level)?,
                None => return Some(None),
            },
            (Flavor::Lua | Flavor::Js | Flavor::Python, b'\'') | (_, b'"') => {
                if flavor == Flavor::Python && (self.starts(i, "\"\"\"") || self.starts(i, "'''")) {
                    let quote = &self.b[i..i + 3];
                    self.find(i + 3, quote)? + 3
                } else {
                    self.quoted(i, c)?
                }
            }
            (Flavor::Js, b'`') => self.template(i + 1, depth)?,
            (Flavor::Js | Flavor::Wren, b'/') if self.starts(i, "//") => self.line_end(i),
            (Flavor::Js | Flavor::Wren, b'/') if self.starts(i, "/*") => {
                self.find(i + 2, b"*/")? + 2
            }
            (Flavor::Python, b'#') | (Flavor::Lisp, b';') => self.line_end(i),
            _ => return Some(None),
        };
        Some(Some(end))
    }

    /// A quoted string starting at `i`; escapes skip the next byte; it ends at its quote.
    fn quoted(&self, i: usize, quote: u8) -> Option<usize> {
        let mut j = i + 1;
        loop {
            match self.at(j)? {
                b'\\' => j += 2,
                c if c == quote => return Some(j + 1),
                b'\n' if self.flavor != Flavor::Lisp => return Some(j),
                _ => j += 1,
            }
        }
    }

    /// A JS template literal body starting after its backquote.
    fn template(&self, mut j: usize, depth: usize) -> Option<usize> {
        if depth >= MAX_TEMPLATE_DEPTH {
            return None;
        }
        loop {
            match self.at(j)? {
                b'\\' => j += 2,
                b'`' => return Some(j + 1),
                b'$' if self.at(j + 1) == Some(b'{') => j = self.block(j + 2, depth + 1)? + 1,
                _ => j += 1,
            }
        }
    }

    /// `[[` or `[==[` at `i`: the number of `=` signs.
    fn long_bracket(&self, i: usize) -> Option<usize> {
        if self.at(i) != Some(b'[') {
            return None;
        }
        let mut j = i + 1;
        while self.at(j) == Some(b'=') {
            j += 1;
        }
        (self.at(j) == Some(b'[')).then_some(j - i - 1)
    }

    /// The index after the `]=…=]` closing a long bracket opened at `i`.
    fn long_close(&self, i: usize, level: usize) -> Option<usize> {
        let close = format!("]{}]", "=".repeat(level));
        self.find(i + level + 2, close.as_bytes())
            .map(|p| p + close.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str, flavor: Flavor) -> Option<&str> {
        let open = text.find('{')?;
        capture(text, open + 1, flavor).map(|close| &text[open + 1..close])
    }

    #[test]
    fn lua_strings_and_comments_hide_braces() {
        let src = r#"{ local s = "}" .. '}' -- }
 local t = [[ } ]] --[==[ } ]==] x = {a = 1} }"#;
        assert_eq!(body(src, Flavor::Lua), Some(&src[1..src.len() - 1]));
    }

    #[test]
    fn js_template_literals_nest() {
        let src = "{ let a = `x ${ {b: `}`}.b } }`; // }\n /* } */ }";
        assert_eq!(body(src, Flavor::Js), Some(&src[1..src.len() - 1]));
    }

    #[test]
    fn unterminated_bodies_are_none() {
        assert_eq!(body("{ if x then ", Flavor::Lua), None);
        assert_eq!(body("{ s = [[ } ", Flavor::Lua), None);
        assert_eq!(body("{ `${ `${ ", Flavor::Js), None);
        assert_eq!(body("{ \"\"\" } ", Flavor::Python), None);
    }

    #[test]
    fn deep_template_nesting_gives_up_without_overflow() {
        let src = format!("{{ {} }}", "`${".repeat(10_000));
        assert_eq!(body(&src, Flavor::Js), None);
    }
}
