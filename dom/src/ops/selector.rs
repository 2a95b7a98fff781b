//! Selectors (script-api §4.1): `#id`, `.class`, `Type` (case-insensitive; a component name
//! matches its instance roots), `*`, compounds (`Button.primary`), descendant (space), child
//! (`>`) and comma lists. Scoped ids are written `#picker #menu` or `#picker\.menu` (an id with
//! a `.` matches the scoped id). Anything else is S0103.

use super::OpError;
use crate::dom::Dom;
use crate::tree::ElementId;

/// A parsed selector list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    alternatives: Vec<Complex>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Complex {
    /// Left to right.
    compounds: Vec<Compound>,
    /// `combinators[i]` joins `compounds[i]` and `compounds[i + 1]`.
    combinators: Vec<Combinator>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Combinator {
    Descendant,
    Child,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Compound {
    /// Lower-cased type name; `None` for `*` or no type.
    tag: Option<String>,
    ids: Vec<String>,
    classes: Vec<String>,
}

fn invalid(selector: &str, why: &str) -> OpError {
    OpError::bad_argument(format!("invalid selector \"{selector}\": {why}"))
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

impl Selector {
    /// Parses a selector list; S0103 when it is not valid.
    pub fn parse(text: &str) -> Result<Selector, OpError> {
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        let mut alternatives = Vec::new();
        let mut current = Complex {
            compounds: Vec::new(),
            combinators: Vec::new(),
        };
        let mut pending: Option<Combinator> = None;
        loop {
            // Whitespace and combinators between compounds.
            let mut saw_space = false;
            while i < chars.len() && chars[i].is_whitespace() {
                saw_space = true;
                i += 1;
            }
            if i >= chars.len() {
                break;
            }
            match chars[i] {
                ',' => {
                    if current.compounds.is_empty() || pending == Some(Combinator::Child) {
                        return Err(invalid(text, "empty selector in a list"));
                    }
                    alternatives.push(std::mem::replace(
                        &mut current,
                        Complex {
                            compounds: Vec::new(),
                            combinators: Vec::new(),
                        },
                    ));
                    pending = None;
                    i += 1;
                    continue;
                }
                '>' => {
                    if current.compounds.is_empty() || pending == Some(Combinator::Child) {
                        return Err(invalid(text, "`>` needs a selector on both sides"));
                    }
                    pending = Some(Combinator::Child);
                    i += 1;
                    continue;
                }
                _ => {}
            }
            if saw_space && !current.compounds.is_empty() && pending.is_none() {
                pending = Some(Combinator::Descendant);
            }
            let compound = parse_compound(text, &chars, &mut i)?;
            if !current.compounds.is_empty() {
                current
                    .combinators
                    .push(pending.take().unwrap_or(Combinator::Descendant));
            }
            pending = None;
            current.compounds.push(compound);
        }
        if current.compounds.is_empty() || pending == Some(Combinator::Child) {
            return Err(invalid(text, "incomplete selector"));
        }
        alternatives.push(current);
        Ok(Selector { alternatives })
    }

    /// True when the element matches any alternative.
    pub fn matches(&self, dom: &Dom, el: ElementId) -> bool {
        self.alternatives
            .iter()
            .any(|c| match_complex(dom, el, c, c.compounds.len() - 1))
    }
}

fn parse_compound(text: &str, chars: &[char], i: &mut usize) -> Result<Compound, OpError> {
    let mut compound = Compound::default();
    let mut any = false;
    if *i < chars.len() && chars[*i] == '*' {
        *i += 1;
        any = true;
    } else if *i < chars.len() && is_ident_char(chars[*i]) {
        compound.tag = Some(ident(text, chars, i)?.to_ascii_lowercase());
        any = true;
    }
    while *i < chars.len() {
        match chars[*i] {
            '#' => {
                *i += 1;
                compound.ids.push(ident(text, chars, i)?);
            }
            '.' => {
                *i += 1;
                compound.classes.push(ident(text, chars, i)?);
            }
            c if c.is_whitespace() || c == ',' || c == '>' => break,
            c => return Err(invalid(text, &format!("unexpected `{c}`"))),
        }
        any = true;
    }
    if !any {
        return Err(invalid(text, "expected a selector"));
    }
    Ok(compound)
}

/// An identifier; `\x` takes `x` literally (`#picker\.menu`).
fn ident(text: &str, chars: &[char], i: &mut usize) -> Result<String, OpError> {
    let mut out = String::new();
    while *i < chars.len() {
        let c = chars[*i];
        if c == '\\' {
            let Some(&next) = chars.get(*i + 1) else {
                return Err(invalid(text, "`\\` at the end"));
            };
            out.push(next);
            *i += 2;
        } else if is_ident_char(c) {
            out.push(c);
            *i += 1;
        } else {
            break;
        }
    }
    if out.is_empty() {
        return Err(invalid(text, "expected a name"));
    }
    Ok(out)
}

fn match_compound(dom: &Dom, el: ElementId, c: &Compound) -> bool {
    let Some(e) = dom.arena.elements.get(el) else {
        return false;
    };
    if let Some(tag) = &c.tag
        && !dom.tag_of(el).eq_ignore_ascii_case(tag)
        && !e.kind.name().eq_ignore_ascii_case(tag)
    {
        return false;
    }
    let id_ok = |id: &String| {
        if id.contains('.') {
            e.scoped_id.as_ref() == Some(id)
        } else {
            e.local_id.as_ref() == Some(id) || e.scoped_id.as_ref() == Some(id)
        }
    };
    c.ids.iter().all(id_ok) && c.classes.iter().all(|cl| e.classes.contains(cl))
}

fn match_complex(dom: &Dom, el: ElementId, c: &Complex, index: usize) -> bool {
    if !match_compound(dom, el, &c.compounds[index]) {
        return false;
    }
    if index == 0 {
        return true;
    }
    let parent = |id: ElementId| dom.arena.elements.get(id).and_then(|e| e.parent);
    match c.combinators[index - 1] {
        Combinator::Child => parent(el).is_some_and(|p| match_complex(dom, p, c, index - 1)),
        Combinator::Descendant => {
            let mut current = parent(el);
            while let Some(p) = current {
                if match_complex(dom, p, c, index - 1) {
                    return true;
                }
                current = parent(p);
            }
            false
        }
    }
}

impl Dom {
    /// `querySelectorAll`: matches in document order, within `scope`'s subtree (the scope
    /// itself excluded) or the whole document. S0103 for an invalid selector.
    pub fn query_selector_all(
        &self,
        scope: Option<ElementId>,
        selector: &str,
    ) -> Result<Vec<ElementId>, OpError> {
        let parsed = Selector::parse(selector)?;
        let candidates = match scope {
            Some(s) => {
                self.alive(s)?;
                let mut all = self.arena.descendants(s);
                all.remove(0);
                all
            }
            None => self.arena.descendants(self.root),
        };
        Ok(candidates
            .into_iter()
            .filter(|el| parsed.matches(self, *el))
            .collect())
    }

    /// `querySelector`: the first match in document order.
    pub fn query_selector(
        &self,
        scope: Option<ElementId>,
        selector: &str,
    ) -> Result<Option<ElementId>, OpError> {
        Ok(self.query_selector_all(scope, selector)?.into_iter().next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form_and_rejects_junk() {
        for ok in [
            "#a",
            ".b",
            "Button",
            "*",
            "Button.primary#x",
            "Container Text",
            "Container > Text",
            "Container>Text",
            "#a, .b",
            "#picker #menu",
            "#picker\\.menu",
            "  .x  ",
        ] {
            assert!(Selector::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "#", ".", "a >", "> a", "a,", ",a", "a[b]", "a:hover", "a >> b", "#a\\",
        ] {
            let err = Selector::parse(bad).unwrap_err();
            assert_eq!(err.code, "S0103", "{bad}");
        }
    }

    #[test]
    fn escaped_dot_is_part_of_the_id() {
        let s = Selector::parse("#picker\\.menu").unwrap();
        assert_eq!(s.alternatives[0].compounds[0].ids, ["picker.menu"]);
        let s = Selector::parse("Container > .a b").unwrap();
        assert_eq!(
            s.alternatives[0].combinators,
            [Combinator::Child, Combinator::Descendant]
        );
    }
}
