use super::*;
use crate::source::{FileId, SourceFile};

fn map(text: &str) -> SourceMap {
    let mut map = SourceMap::default();
    map.add(SourceFile::new("/x/app.kry".into(), "app.kry".into(), text));
    map
}

fn span_of(map: &SourceMap, needle: &str) -> Span {
    let text = &map.get(FileId(0)).unwrap().text;
    let start = text.find(needle).unwrap();
    Span::new(FileId(0), start, start + needle.len())
}

#[test]
fn spec_example_shape() {
    let mut text = String::new();
    for _ in 0..11 {
        text.push_str("// filler\n");
    }
    text.push_str("    style: \"cardd\"\n");
    let map = map(&text);
    let diagnostic = Diagnostic::error("K0102", "unknown style \"cardd\"")
        .at(span_of(&map, "\"cardd\""))
        .with_label("no style with this name")
        .with_help("did you mean \"card\"?");
    let expected = "error[K0102]: unknown style \"cardd\" at app.kry:12:12
   |
12 |     style: \"cardd\"
   |            ^^^^^^^ no style with this name
   = help: did you mean \"card\"?

";
    assert_eq!(render(&map, &diagnostic), expected);
}

#[test]
fn tabs_show_as_four_spaces_with_aligned_carets() {
    let map = map("App {\n\twidth: 10pt\n}\n");
    let diagnostic = Diagnostic::error("K0003", "malformed number `10pt`: unknown unit `pt`")
        .at(span_of(&map, "10pt"))
        .with_label("unknown unit");
    let expected = "error[K0003]: malformed number `10pt`: unknown unit `pt` at app.kry:2:9
  |
2 |     width: 10pt
  |            ^^^^ unknown unit

";
    assert_eq!(render(&map, &diagnostic), expected);
}

#[test]
fn multibyte_characters_before_the_caret() {
    let map = map("Text { text: \"héllo ✓\" size: 1q }\n");
    let diagnostic = Diagnostic::warning("K0104", "unknown property `size`")
        .at(span_of(&map, "size"))
        .with_note("kept as custom data");
    let expected = "warning[K0104]: unknown property `size` at app.kry:1:24
  |
1 | Text { text: \"héllo ✓\" size: 1q }
  |                        ^^^^
  = note: kept as custom data

";
    assert_eq!(render(&map, &diagnostic), expected);
}

#[test]
fn stack_note_and_help_trailers_in_order() {
    let map = map("App { onClick: go }\n");
    let mut diagnostic = Diagnostic::error("S0110", "no function `go`")
        .at(span_of(&map, "go"))
        .with_note("handlers are looked up after scripts load")
        .with_help("define `go` in a script");
    diagnostic.stack = vec!["inner".into(), "outer".into()];
    let expected = "error[S0110]: no function `go` at app.kry:1:16
  |
1 | App { onClick: go }
  |                ^^
  = stack: inner <- outer
  = note: handlers are looked up after scripts load
  = help: define `go` in a script

";
    assert_eq!(render(&map, &diagnostic), expected);
}

#[test]
fn without_a_span_only_the_title() {
    let diagnostic = Diagnostic::error("K0401", "cannot read app.kry: not found");
    assert_eq!(
        render(&SourceMap::default(), &diagnostic),
        "error[K0401]: cannot read app.kry: not found\n\n"
    );
}

#[test]
fn json_lines_carry_every_field() {
    let map = map("App {\n  width: 10pt\n}\n");
    let diagnostic = Diagnostic::error("K0003", "bad \"unit\"")
        .at(span_of(&map, "10pt"))
        .with_help("use px");
    let json = render_json(&map, &diagnostic);
    assert!(!json.contains('\n'));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "severity": "error", "code": "K0003", "message": "bad \"unit\"", "file": "app.kry",
            "line": 2, "column": 10, "end_line": 2, "end_column": 14, "notes": ["help: use px"],
        })
    );
    let bare = render_json(&map, &Diagnostic::warning("K0111", "font"));
    let value: serde_json::Value = serde_json::from_str(&bare).unwrap();
    assert_eq!(value["column"], serde_json::Value::Null);
    assert_eq!(value["file"], serde_json::Value::Null);
}

#[test]
fn summary_pluralises() {
    assert_eq!(
        summary(2, 1, "app.kry"),
        "kryon: 2 errors, 1 warning (app.kry)"
    );
    assert_eq!(
        summary(1, 0, "a/b.kry"),
        "kryon: 1 error, 0 warnings (a/b.kry)"
    );
}
