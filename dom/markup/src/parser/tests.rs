use crate::ast::*;
use crate::{Loaded, load_str};
use std::path::Path;

fn load(text: &str) -> Loaded {
    load_str(Path::new("/nonexistent-kryon-test/app.kry"), text)
}

fn codes(loaded: &Loaded) -> Vec<&'static str> {
    loaded
        .diagnostics
        .as_slice()
        .iter()
        .map(|d| d.code)
        .collect()
}

fn clean(text: &str) -> Document {
    let loaded = load(text);
    assert!(
        loaded.diagnostics.is_empty(),
        "unexpected diagnostics: {:?}",
        loaded.diagnostics
    );
    loaded.document
}

/// A compact rendering of expressions for precedence tests.
fn show(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Null => "null".into(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Number { value, unit } => format!("{value}{}", unit.map_or("", |u| u.suffix())),
        ExprKind::Text(text) => format!("\"{text}\""),
        ExprKind::Str(parts) => {
            let inner: Vec<String> = parts
                .iter()
                .map(|p| match p {
                    StrPart::Text(t) => t.clone(),
                    StrPart::Var(v) => format!("{{{}}}", show_path(v)),
                })
                .collect();
            format!("\"{}\"", inner.concat())
        }
        ExprKind::Color(c) => format!("#{:02x}{:02x}{:02x}{:02x}", c[0], c[1], c[2], c[3]),
        ExprKind::Ident(name) => name.clone(),
        ExprKind::Var(path) => format!("${}", show_path(path)),
        ExprKind::Unary(op, x) => format!("({op:?} {})", show(x)),
        ExprKind::Binary(op, a, b) => format!("({op:?} {} {})", show(a), show(b)),
        ExprKind::Ternary(c, a, b) => format!("(? {} {} {})", show(c), show(a), show(b)),
        ExprKind::Array(items) => {
            format!("[{}]", items.iter().map(show).collect::<Vec<_>>().join(" "))
        }
    }
}

fn show_path(path: &VarPath) -> String {
    let mut out = path.root.text.clone();
    for segment in &path.segments {
        match segment {
            PathSegment::Field(name) => out.push_str(&format!(".{}", name.text)),
            PathSegment::Index(index) => out.push_str(&format!("[{}]", show(index))),
        }
    }
    out
}

fn show_value(v: &Value) -> String {
    match &v.kind {
        ValueKind::Expr(e) => show(e),
        ValueKind::List(items) => format!(
            "list({})",
            items.iter().map(show).collect::<Vec<_>>().join(" ")
        ),
        ValueKind::Array(items) => format!(
            "[{}]",
            items.iter().map(show_value).collect::<Vec<_>>().join(", ")
        ),
        ValueKind::Object(entries) => {
            let inner: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}={}", k.text, show_value(v)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        ValueKind::Call(call) => {
            format!(
                "{}({})",
                call.name.text,
                call.args.iter().map(show).collect::<Vec<_>>().join(", ")
            )
        }
    }
}

fn root(doc: &Document) -> &Element {
    doc.items
        .iter()
        .find_map(|i| {
            if let Item::Element(e) = i {
                Some(e)
            } else {
                None
            }
        })
        .expect("a root element")
}

/// `key=value` for each property of an element body.
fn props(element: &Element) -> Vec<String> {
    element
        .body
        .iter()
        .filter_map(|b| match b {
            BodyItem::Property(p) => Some(format!("{}={}", p.key.text, show_value(&p.value))),
            _ => None,
        })
        .collect()
}

fn value_of(text: &str) -> String {
    let doc = clean(&format!("App {{ v: {text}\n}}"));
    props(root(&doc)).remove(0).split_off(2)
}

#[test]
fn properties_and_children_interleave() {
    let doc = clean(
        "App { window-width: 800, Text { text: \"A\" style: \"item\" }; Container\n height: 5 }",
    );
    let app = root(&doc);
    assert_eq!(app.name.text, "App");
    assert_eq!(props(app), vec!["window_width=800", "height=5"]);
    let children: Vec<&str> = app
        .body
        .iter()
        .filter_map(|b| {
            if let BodyItem::Element(e) = b {
                Some(e.name.text.as_str())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(children, vec!["Text", "Container"]);
    let BodyItem::Element(text) = &app.body[1] else {
        panic!()
    };
    assert_eq!(props(text), vec!["text=\"A\"", "style=\"item\""]);
}

#[test]
fn bare_strings_and_string_arrays_are_text() {
    let doc = clean("Text { \"Hi\" }\nText { [\"a\", \"b\" \"c\"] }");
    let texts: Vec<usize> = doc
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Element(e) => match &e.body[0] {
                BodyItem::Text(lines, _) => Some(lines.len()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(texts, vec![1, 3]);
}

#[test]
fn expression_precedence() {
    assert_eq!(value_of("!$a == $b"), "(Eq (Not $a) $b)");
    assert_eq!(value_of("$a + $b * 2 - 1"), "(Sub (Add $a (Mul $b 2)) 1)");
    assert_eq!(
        value_of("$c == \"red\" ? \"r\" : $c == \"blue\" ? \"b\" : \"x\""),
        "(? (Eq $c \"red\") \"r\" (? (Eq $c \"blue\") \"b\" \"x\"))"
    );
    assert_eq!(
        value_of("$a || $b && !($c < 3)"),
        "(Or $a (And $b (Not (Lt $c 3))))"
    );
    assert_eq!(value_of("-$n % 2"), "(Rem (Neg $n) 2)");
    assert_eq!(value_of("$n > 7 ? 20 : 14"), "(? (Gt $n 7) 20 14)");
}

#[test]
fn variable_paths_and_interpolation() {
    assert_eq!(value_of("$a.b[1].length"), "$a.b[1].length");
    assert_eq!(value_of("${user.name}"), "$user.name");
    assert_eq!(
        value_of("\"[$i] ${item.label} $9.99 \\$x\""),
        "\"[{i}] {item.label} $9.99 $x\""
    );
    assert_eq!(value_of("transparent"), "#00000000");
    assert_eq!(value_of("null"), "null");
}

#[test]
fn shorthand_lists_end_at_line_and_next_key() {
    assert_eq!(value_of("20 0"), "list(20 0)");
    assert_eq!(value_of("2px solid #000"), "list(2px solid #000000ff)");
    assert_eq!(value_of("$gap * 2 0"), "list((Mul $gap 2) 0)");
    assert_eq!(value_of("20 -10"), "list(20 -10)");
    let doc = clean("App { margin: 1 2\n padding: 3 bg: #fff # note\n}");
    assert_eq!(
        props(root(&doc)),
        vec!["margin=list(1 2)", "padding=3", "bg=#ffffffff"]
    );
}

#[test]
fn arrays_objects_and_calls() {
    assert_eq!(value_of("[\"a\", \"b\" \"c\",]"), "[\"a\", \"b\", \"c\"]");
    assert_eq!(
        value_of("{ scale: 1.5  rotate: 30deg }"),
        "{scale=1.5, rotate=30deg}"
    );
    assert_eq!(
        value_of("{ \"mode\": \"3d\", \"msaa\": 4; }"),
        "{mode=\"3d\", msaa=4}"
    );
    assert_eq!(value_of("pick($index, $item)"), "pick($index, $item)");
    assert_eq!(value_of("go()"), "go()");
    assert_eq!(value_of("[[1 2] {a: #123}]"), "[[1, 2], {a=#112233ff}]");
}

#[test]
fn styles_extends_and_pseudo_blocks() {
    let doc = clean(
        "style \"card\" { extends: [\"a\" \"b\"] padding: 4 &:hover { bg: #fff } &:checked:hover { bg: #000 } }
         style plain { extends: base }
         App { }",
    );
    let styles: Vec<&StyleDef> = doc
        .items
        .iter()
        .filter_map(|i| {
            if let Item::Style(s) = i {
                Some(s)
            } else {
                None
            }
        })
        .collect();
    let card = styles[0];
    assert_eq!(card.name.text, "card");
    assert_eq!(
        card.extends
            .iter()
            .map(|n| n.text.as_str())
            .collect::<Vec<_>>(),
        vec!["a", "b"]
    );
    assert_eq!(card.properties.len(), 1);
    assert_eq!(card.pseudo_blocks[0].states, vec![PseudoState::Hover]);
    assert_eq!(
        card.pseudo_blocks[1].states,
        vec![PseudoState::Checked, PseudoState::Hover]
    );
    assert_eq!(styles[1].name.text, "plain");
    assert_eq!(styles[1].extends[0].text, "base");
}

#[test]
fn style_restrictions_and_unknown_states() {
    let loaded = load(
        "style s { id: \"x\" onClick: go  Text { } &:hovered { a: 1 } &:hover { onHover: x } }\nApp {}",
    );
    assert_eq!(
        codes(&loaded),
        vec!["K0208", "K0208", "K0208", "K0207", "K0208"]
    );
}

#[test]
fn variables_and_var() {
    let doc = clean("@variables { a: 1, b: \"x\" c: [1 2] }\n@var d = $a + 1\nApp {}");
    let vars: Vec<String> = doc
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Variable(v) => Some(format!("{}={}", v.name.text, show_value(&v.value))),
            _ => None,
        })
        .collect();
    assert_eq!(vars, vec!["a=1", "b=\"x\"", "c=[1, 2]", "d=(Add $a 1)"]);
}

#[test]
fn for_and_if_blocks() {
    let doc = clean(
        "App {
    @for fruit, i in $fruits
        Button { text: \"[$i] $fruit\" }
    @end
    @if $picked > 0
        Text { }
    @elif show_menu && ready
        Text { }
    @else
        Container { } Text { }
    @end
    @for x in [\"a\", \"b\"]
    @end
}",
    );
    let app = root(&doc);
    let BodyItem::For(for_block) = &app.body[0] else {
        panic!("not a for")
    };
    assert_eq!(for_block.item.text, "fruit");
    assert_eq!(for_block.index.as_ref().map(|n| n.text.as_str()), Some("i"));
    assert_eq!(show(&for_block.collection), "$fruits");
    assert_eq!(for_block.body.len(), 1);
    let BodyItem::If(if_block) = &app.body[1] else {
        panic!("not an if")
    };
    assert_eq!(if_block.branches.len(), 2);
    assert_eq!(show(&if_block.branches[1].0), "(And show_menu ready)");
    assert_eq!(if_block.else_body.as_ref().map(Vec::len), Some(2));
    let BodyItem::For(literal) = &app.body[2] else {
        panic!("not a for")
    };
    assert_eq!(show(&literal.collection), "[\"a\" \"b\"]");
}

#[test]
fn block_directive_errors() {
    let loaded = load("App {\n @end\n @if $a\n Text {}\n}\n@for x in $y\n@end");
    assert_eq!(codes(&loaded), vec!["K0205", "K0206", "K0208"]);
}

#[test]
fn components() {
    let doc = clean(
        "Define Toggle {
    Properties { value: Int = 0  onChange: Handler = null  kind: Enum(a, b) label: String }
    options = [\"a\"]
    _open = false
    Container { id: \"root\" }
    @function \"lua\" toggle_${id}_x(self, v) { return v }
}
App { Toggle { } }",
    );
    let Item::Component(def) = &doc.items[0] else {
        panic!()
    };
    assert_eq!(def.name.text, "Toggle");
    let props: Vec<(&str, Option<&PropType>, bool)> = def
        .props
        .iter()
        .map(|p| (p.name.text.as_str(), p.ty.as_ref(), p.default.is_some()))
        .collect();
    let kind = PropType::Enum(vec!["a".into(), "b".into()]);
    assert_eq!(
        props,
        vec![
            ("value", Some(&PropType::Int), true),
            ("onChange", Some(&PropType::Handler), true),
            ("kind", Some(&kind), false),
            ("label", Some(&PropType::String), false),
            ("options", None, true),
            ("_open", None, true),
        ]
    );
    assert_eq!(def.templates.len(), 1);
    let function = &def.functions[0];
    assert!(
        matches!(&function.name[..], [NamePart::Text(a), NamePart::Var(v), NamePart::Text(b)]
        if a == "toggle_" && v.root.text == "id" && b == "_x")
    );
    assert_eq!(
        function
            .params
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>(),
        ["self", "v"]
    );
    assert_eq!(function.body, " return v ");
    assert_eq!(function.body_line, 6);
}

#[test]
fn templates_are_collected_for_the_builder_to_count() {
    // K0209 (exactly one template root) is the element tree builder's check.
    let doc = clean("Define A { x = 1 }\nDefine B { Text {} Text {} }\nApp {}");
    let counts: Vec<usize> = doc
        .items
        .iter()
        .filter_map(|i| {
            if let Item::Component(c) = i {
                Some(c.templates.len())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(counts, [0, 2]);
}

#[test]
fn scripts_capture_raw_bodies() {
    let doc = clean(
        "@script \"lua\" name=\"main\" mode \"x\" {
    local s = \"}\" -- }
    t = { [[ } ]] }
}
@function \"js\" f(a, b) { return `${a}}` + '}' }
App {}",
    );
    let Item::Script(script) = &doc.items[0] else {
        panic!()
    };
    assert_eq!(script.language.name, "lua");
    assert_eq!(
        script
            .attributes
            .iter()
            .map(|(n, v)| (n.text.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
        [("name", "main"), ("mode", "x")]
    );
    let ScriptSource::Inline { code, line, .. } = &script.source else {
        panic!()
    };
    assert_eq!(code, "    local s = \"}\" -- }\n    t = { [[ } ]] }\n");
    assert_eq!(*line, 2);
    let Item::Function(function) = &doc.items[1] else {
        panic!()
    };
    assert_eq!(function.language.name, "javascript");
    assert_eq!(function.body, " return `${a}}` + '}' ");
    assert_eq!(function.body_line, 5);
}

#[test]
fn script_errors() {
    let loaded = load(
        "@script \"cobol\" { x }\n@script \"lua\" from \"missing.lua\"\nApp {}\n@function \"lua\" f() { if x then",
    );
    assert_eq!(codes(&loaded), vec!["K0501", "K0503", "K0006"]);
}

#[test]
fn keyframes_and_fonts() {
    let loaded = load(
        "@keyframes \"pulse\" { from { opacity: 1 } 50%, 75% { opacity: 0.4 } to { opacity: 1 } }
font \"x\" \"missing.ttf\"
App {}",
    );
    assert_eq!(codes(&loaded), vec!["K0408"]);
    let Item::Keyframes(kf) = &loaded.document.items[0] else {
        panic!()
    };
    let offsets: Vec<Vec<f32>> = kf.frames.iter().map(|f| f.offsets.clone()).collect();
    assert_eq!(offsets, vec![vec![0.0], vec![0.5, 0.75], vec![1.0]]);
}

#[test]
fn every_error_is_reported_and_parsing_recovers() {
    let loaded = load(
        "App {
    width: 10pt
    height: #12345
    text:
    left: )
    top 5
    Text { text: \"ok\" }
}",
    );
    assert_eq!(
        codes(&loaded),
        vec!["K0003", "K0004", "K0202", "K0202", "K0201"]
    );
    let app = root(&loaded.document);
    assert!(
        app.body
            .iter()
            .any(|b| matches!(b, BodyItem::Element(e) if e.name.text == "Text"))
    );
}

#[test]
fn unexpected_token_lists_expected() {
    let loaded = load("App { ] }");
    let d = &loaded.diagnostics.as_slice()[0];
    assert_eq!(d.code, "K0201");
    assert_eq!(
        d.message,
        "unexpected token: expected a property, an element or `}`, found `]`"
    );
}

#[test]
fn too_many_errors_stops_at_200() {
    let text = format!("App {{\n{}}}", "width: 1q\n".repeat(400));
    let loaded = load(&text);
    assert_eq!(loaded.diagnostics.len(), 201);
    assert_eq!(loaded.diagnostics.as_slice()[200].code, "K0200");
}

#[test]
fn deep_nesting_does_not_overflow() {
    for text in [
        "App { ".repeat(50_000),
        format!("App {{ v: {} }}", "(".repeat(50_000)),
        format!("App {{ v: {} }}", "[".repeat(50_000)),
        format!("App {{ v: {} }}", "!-".repeat(50_000)),
        format!("App {{ v: {} }}", "{a:".repeat(50_000)),
    ] {
        let loaded = load(&text);
        assert!(loaded.diagnostics.has_errors());
    }
}

#[test]
fn property_at_top_level_and_elements_beside_app() {
    let loaded = load("width: 5\nApp {}\nText {}");
    assert_eq!(codes(&loaded), vec!["K0208", "K0203"]);
    let loaded = load("style s {}");
    assert_eq!(codes(&loaded), vec!["K0204"]);
    assert!(load("Text {} Container {}").diagnostics.is_empty());
}
