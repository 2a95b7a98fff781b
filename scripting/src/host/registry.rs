//! The one function registry shared by all languages (kry §11.3): markup handlers and
//! `kryon.call` resolve names here, whichever language defined them.

use crate::error::Language;
use crate::value::FunctionRef;
use std::collections::HashMap;

/// One definition of a name.
#[derive(Debug, Clone)]
pub(crate) struct Definition {
    pub language: Language,
    pub function: FunctionRef,
    /// Declared parameter names, when known (`@function`): a first parameter named `self`
    /// receives the component instance (§2.2).
    pub params: Option<Vec<String>>,
}

#[derive(Debug, Default)]
pub(crate) struct Registry {
    names: HashMap<String, Vec<Definition>>,
    /// Declarations whose names interpolate instance properties, kept to define the names of
    /// instances created after load.
    pub templates: Vec<super::load::FunctionTemplate>,
}

impl Registry {
    /// Registers a definition. The same language replaces its earlier one (K0109); another
    /// language is kept second, so the name still resolves to the first (K0110 is reported
    /// after load).
    pub fn register(&mut self, name: &str, definition: Definition) {
        let entries = self.names.entry(name.to_owned()).or_default();
        match entries
            .iter_mut()
            .find(|d| d.language == definition.language)
        {
            Some(existing) => {
                // Keep declared params when a unit re-registers the same function.
                let params = definition.params.or_else(|| existing.params.take());
                *existing = Definition {
                    params,
                    ..definition
                };
            }
            None => entries.push(definition),
        }
    }

    /// The definition a name resolves to.
    pub fn resolve(&self, name: &str) -> Option<&Definition> {
        self.names.get(name).and_then(|d| d.first())
    }

    /// Names defined in more than one language, sorted.
    pub fn conflicts(&self) -> Vec<(String, Vec<Language>)> {
        let mut out: Vec<_> = self
            .names
            .iter()
            .filter(|(_, d)| d.len() > 1)
            .map(|(n, d)| (n.clone(), d.iter().map(|d| d.language).collect()))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::EngineId;

    fn def(language: Language, key: u64) -> Definition {
        Definition {
            language,
            function: FunctionRef {
                engine: EngineId(0),
                key,
            },
            params: None,
        }
    }

    #[test]
    fn later_definition_in_the_same_language_wins_and_first_language_resolves() {
        let mut r = Registry::default();
        r.register("inc", def(Language::Lua, 1));
        r.register("inc", def(Language::Lua, 2));
        assert_eq!(r.resolve("inc").map(|d| d.function.key), Some(2));
        r.register("inc", def(Language::JavaScript, 3));
        assert_eq!(r.resolve("inc").map(|d| d.function.key), Some(2));
        assert_eq!(r.conflicts().len(), 1);
        assert!(r.resolve("dec").is_none());
    }
}
