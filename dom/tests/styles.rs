//! Style behaviour through the tree: `$var` in style blocks, pseudo-states, inheritance.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

mod common;

use common::load;
use kryon_dom::{Dom, Value};

fn bg(dom: &Dom, id: &str) -> String {
    let e = dom.element_by_id(id).unwrap();
    dom.arena.elements[e].computed.background_color.to_hex()
}

#[test]
fn variables_in_style_blocks_restyle_every_user_of_the_style() {
    let mut dom = load(
        r##"@variables { dark: false }
style "panel" { background_color: $dark ? "#000000" : "#FFFFFF" }
App {
    Container { id: "a" style: "panel" }
    Container { id: "b" style: "panel" }
    Container { id: "c" background_color: #FF0000 }
}"##,
    );
    assert_eq!(bg(&dom, "a"), "#FFFFFFFF");
    dom.reset_stats();
    dom.set_variable("dark", Value::Bool(true)).unwrap();
    dom.update((800.0, 600.0));
    assert_eq!(bg(&dom, "a"), "#000000FF");
    assert_eq!(bg(&dom, "b"), "#000000FF");
    assert_eq!(bg(&dom, "c"), "#FF0000FF");
    assert_eq!(
        dom.stats.styles_computed, 2,
        "only the two users of the style"
    );
}

#[test]
fn bound_class_lists_switch_styles() {
    let mut dom = load(
        r##"@variables { on: false }
style "off_look" { background_color: #111111 }
style "on_look" { background_color: #222222 }
App { Container { id: "x" style: $on ? "on_look" : "off_look" } }"##,
    );
    assert_eq!(bg(&dom, "x"), "#111111FF");
    dom.set_variable("on", Value::Bool(true)).unwrap();
    dom.update((800.0, 600.0));
    assert_eq!(bg(&dom, "x"), "#222222FF");
}

#[test]
fn inherited_text_colour_flows_down_and_updates() {
    let mut dom = load(
        r##"@variables { ink: #112233 }
App { text_color: $ink  Container { Text { id: "t" text: "hi" } } }"##,
    );
    let t = dom.element_by_id("t").unwrap();
    assert_eq!(
        dom.arena.elements[t].computed.text_color.to_hex(),
        "#112233FF"
    );
    dom.set_variable("ink", Value::str("#445566")).unwrap();
    dom.update((800.0, 600.0));
    assert_eq!(
        dom.arena.elements[t].computed.text_color.to_hex(),
        "#445566FF"
    );
}

#[test]
fn checked_buttons_show_the_checked_block_even_when_hovered() {
    let mut dom = load(
        r##"style "tab" { background_color: #EEEEEE  &:hover { background_color: #DDDDDD }  &:checked { background_color: #0000FF } }
App { Button { id: "tab" style: "tab" checked: true text: "Tab" } }"##,
    );
    assert_eq!(bg(&dom, "tab"), "#0000FFFF");
    let tab = dom.element_by_id("tab").unwrap();
    dom.set_states(tab, kryon_markup::ast::PseudoState::Hover, true);
    dom.update((800.0, 600.0));
    assert_eq!(bg(&dom, "tab"), "#0000FFFF", "checked beats hover");
}

#[test]
fn visible_and_disabled_bindings() {
    let mut dom = load(
        r##"@variables { count: 0 }
App {
    Button { id: "dec" text: "-" disabled: $count <= 0 }
    Text { id: "note" text: "zero" visible: $count == 0 }
}"##,
    );
    let dec = dom.element_by_id("dec").unwrap();
    let note = dom.element_by_id("note").unwrap();
    assert!(dom.effectively_disabled(dec));
    assert!(dom.arena.elements[note].computed.is_visible());
    dom.set_variable("count", Value::Int(1)).unwrap();
    dom.update((800.0, 600.0));
    assert!(!dom.effectively_disabled(dec));
    assert!(!dom.arena.elements[note].computed.is_visible());
    // Hidden keeps its layout space.
    assert!(dom.box_of(note).unwrap().height > 0.0);
}

#[test]
fn unknown_font_families_warn_once_and_bundled_names_resolve() {
    let src = r#"App {
    Text { text: "a" font_family: "Nope" }
    Text { text: "b" font_family: "Nope" }
    Text { text: "c" font_family: monospace }
    Text { text: "d" font_family: sans_serif }
}"#;
    let loaded = kryon_markup::load_str(std::path::Path::new("f.kry"), src);
    let (_, diags) = kryon_dom::build(loaded.document);
    let codes: Vec<_> = diags.as_slice().iter().map(|d| d.code).collect();
    assert_eq!(codes, ["K0111"]);
}
