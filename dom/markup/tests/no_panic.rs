//! `load_str` never panics: arbitrary text, and mutations of a snippet that exercises every
//! construct (the mutations cut, duplicate and splice in the language's significant characters).

use kryon_markup::{load_str, render};
use proptest::prelude::*;
use std::path::Path;

const SNIPPET: &str = r##"@variables { count: 0, items: ["a" "b"], theme: { accent: #3b82f6 } }
@var open = true
style "card" { extends: ["base"] padding: 10 4  border: 1px solid #000
    &:hover { background_color: #eee } &:checked:hover { opacity: 0.5 } }
@keyframes pulse { from { opacity: 1 } 50% { opacity: .4 } to { opacity: 1 } }
Define Toggle { Properties { value: Int = 0  kind: Enum(a, b) } label = "x"
    Button { text: "$label ${value}" onClick: toggle_${id}(self) }
    @function "lua" toggle_${id}(self) { local s = "}" -- } [[ } ]]
    } }
App { window_width: 800 style: $open ? "card" : "plain"
    margin: $count * 2 -1  transform: { scale: 1.5 rotate: 30deg }
    @for item, i in $items
        Text { text: "[$i] $item \$9.99 {{legacy}}" key: $item }
    @else
    @end
    @if $count > 1 && !$open || $items.length == 2
        Text { "Hi" } Text { ["a", "b"] }
    @else
        Input { type: checkbox checked: $open onChange: pick($i, "x") }
    @end
}
@script "js" name="main" { const t = `${ {a: '}'}.a }`; /* } */ }
"##;

fn check(text: &str) {
    let loaded = load_str(Path::new("/nonexistent-kryon-fuzz/app.kry"), text);
    for diagnostic in loaded.diagnostics.as_slice() {
        let _ = render::render(&loaded.document.sources, diagnostic);
        let _ = render::render_json(&loaded.document.sources, diagnostic);
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize, usize),
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for m in mutations {
        let len = chars.len().max(1);
        match m {
            Mutation::Delete(at, n) => {
                let start = at % len;
                let end = (start + n).min(chars.len());
                chars.drain(start.min(chars.len())..end);
            }
            Mutation::Insert(at, s) => {
                let at = (at % len).min(chars.len());
                chars.splice(at..at, s.chars());
            }
            Mutation::Duplicate(at, n, to) => {
                let start = (at % len).min(chars.len());
                let end = (start + n).min(chars.len());
                let piece: Vec<char> = chars[start..end].to_vec();
                let to = (to % len).min(chars.len());
                chars.splice(to..to, piece);
            }
        }
    }
    chars.into_iter().collect()
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let significant = proptest::string::string_regex(
        r#"[{}\[\]()"'#$@:;,.\-%&|!=<>?*/\\\n\tA-Za-z0-9_ é✓`]{1,6}"#,
    )
    .expect("valid regex");
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), significant).prop_map(|(a, s)| Mutation::Insert(a, s)),
        (any::<usize>(), 0usize..80, any::<usize>())
            .prop_map(|(a, n, t)| Mutation::Duplicate(a, n, t)),
    ]
}

#[test]
fn the_snippet_itself_is_clean() {
    let loaded = load_str(Path::new("/nonexistent-kryon-fuzz/app.kry"), SNIPPET);
    let codes: Vec<_> = loaded
        .diagnostics
        .as_slice()
        .iter()
        .map(|d| d.code)
        .collect();
    // `@else` in a `@for` body is the snippet's one deliberate error; `{{legacy}}` warns.
    assert_eq!(codes, ["K0007", "K0205"]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn mutated_snippets_never_panic(mutations in proptest::collection::vec(mutation(), 1..8)) {
        check(&apply(SNIPPET, &mutations));
    }
}
