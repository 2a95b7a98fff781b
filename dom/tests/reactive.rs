//! Reactive behaviour of the tree, checked through work counters (not timing).
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

mod common;

use common::{load, text_of};
use kryon_dom::{Dom, Value};

#[test]
fn one_variable_change_in_a_10k_tree_touches_one_binding_and_one_path() {
    let mut src = String::from("@variables { label: \"a\" }\nApp {\n");
    for row in 0..100 {
        src.push_str("  Container { flex_direction: row\n");
        for col in 0..99 {
            if row == 50 && col == 50 {
                src.push_str("    Text { id: \"target\" text: \"$label\" }\n");
            } else {
                src.push_str(&format!("    Text {{ text: \"{row}.{col}\" }}\n"));
            }
        }
        src.push_str("  }\n");
    }
    src.push_str("}\n");
    let mut dom = load(&src);
    assert!(dom.arena.elements.len() > 10_000);
    dom.reset_stats();
    dom.set_variable("label", Value::str("a much longer label"))
        .unwrap();
    dom.update((800.0, 600.0));
    assert_eq!(text_of(&dom, "target"), "a much longer label");
    assert_eq!(dom.stats.bindings_evaluated, 1);
    assert_eq!(dom.stats.styles_computed, 1);
    assert_eq!(dom.stats.layout_syncs, 1);
    let layout = dom.layout.tree.stats();
    assert_eq!(layout.text_shapings, 1, "{layout:?}");
    // The changed leaf, its row and the App (plus a few re-measures of siblings of the row at
    // most), never the 10k elements.
    assert!(layout.nodes_laid_out < 250, "{layout:?}");
}

#[test]
fn for_loops_are_item_first_with_one_based_index_and_keyed_reuse() {
    let mut dom = load(
        r#"@variables { fruits: ["Apple", "Pear"] }
App { Container { id: "list"
    @for fruit, i in $fruits
        Text { key: $fruit  text: "[$i] $fruit" }
    @end
} }"#,
    );
    let list = dom.element_by_id("list").unwrap();
    let texts = |dom: &Dom| -> Vec<String> {
        dom.arena.elements[list]
            .children
            .iter()
            .map(|c| dom.arena.elements[*c].computed.display_text())
            .collect()
    };
    assert_eq!(texts(&dom), ["[1] Apple", "[2] Pear"]);
    let pear = dom.arena.elements[list].children[1];
    dom.reset_stats();
    dom.set_variable(
        "fruits",
        Value::Array(vec![
            Value::str("Fig"),
            Value::str("Apple"),
            Value::str("Pear"),
        ]),
    )
    .unwrap();
    dom.update((800.0, 600.0));
    assert_eq!(texts(&dom), ["[1] Fig", "[2] Apple", "[3] Pear"]);
    assert_eq!(
        dom.arena.elements[list].children[2], pear,
        "surviving key keeps its element"
    );
    assert_eq!(dom.stats.elements_created, 1);
    assert_eq!(dom.stats.elements_removed, 0);
}

#[test]
fn if_blocks_switch_branches_only_when_the_choice_changes() {
    let mut dom = load(
        r#"@variables { n: 0 }
App { Container { id: "box"
    @if $n > 0
        Text { id: "pos" text: "positive $n" }
    @else
        Text { id: "zero" text: "nothing" }
    @end
} }"#,
    );
    assert!(dom.element_by_id("zero").is_some());
    dom.set_variable("n", Value::Int(2)).unwrap();
    dom.update((800.0, 600.0));
    assert!(dom.element_by_id("zero").is_none());
    assert_eq!(text_of(&dom, "pos"), "positive 2");
    dom.reset_stats();
    dom.set_variable("n", Value::Int(3)).unwrap();
    dom.update((800.0, 600.0));
    assert_eq!(dom.stats.elements_created, 0, "same branch is not rebuilt");
    assert_eq!(text_of(&dom, "pos"), "positive 3");
}

#[test]
fn components_have_scoped_ids_and_per_instance_properties() {
    let mut dom = load(
        r#"@variables { title: "First" }
Define Badge {
    Properties { label: String = "?"  count: Int = 0 }
    Container { Text { id: "label" text: "$label: $count" } }
}
App {
    Badge { id: "a" label: $title count: 2 }
    Badge { label: "Second" }
}"#,
    );
    assert_eq!(text_of(&dom, "a.label"), "First: 2");
    assert_eq!(text_of(&dom, "Badge_2.label"), "Second: 0");
    dom.set_variable("title", Value::str("Renamed")).unwrap();
    dom.update((800.0, 600.0));
    assert_eq!(text_of(&dom, "a.label"), "Renamed: 2");
    assert_eq!(text_of(&dom, "Badge_2.label"), "Second: 0");
}

#[test]
fn string_booleans_convert_and_drive_ternaries() {
    let mut dom = load(
        r#"@var isOpen = true
App { Text { id: "t" text: $isOpen ? "open" : "closed" } }"#,
    );
    assert_eq!(text_of(&dom, "t"), "open");
    dom.set_variable("isOpen", Value::str("false")).unwrap();
    dom.update((800.0, 600.0));
    assert!(matches!(dom.variable("isOpen"), Some(Value::Bool(false))));
    assert_eq!(text_of(&dom, "t"), "closed");
    assert!(dom.set_variable("isOpen", Value::str("maybe")).is_err());
}

#[test]
fn elements_created_by_a_re_expansion_get_style_and_layout() {
    let mut dom = load(
        r#"@variables { rows: ["a"] }
App { Container { id: "list"
    @for row in $rows
        Container { height: 20 Text { text: "static" } }
    @end
} }"#,
    );
    dom.set_variable("rows", Value::Array(vec![Value::str("a"), Value::str("b")]))
        .unwrap();
    dom.update((800.0, 600.0));
    let list = dom.element_by_id("list").unwrap();
    let second = dom.arena.elements[list].children[1];
    let b = dom.box_of(second).expect("new element has a layout box");
    assert_eq!((b.y, b.height), (20.0, 20.0));
    let text = dom.arena.elements[second].children[0];
    assert_eq!(dom.arena.elements[text].computed.display_text(), "static");
    assert!(dom.box_of(text).unwrap().height > 10.0);
    assert_eq!(dom.box_of(list).unwrap().height, 40.0);
}

#[test]
fn component_defaults_report_undefined_names_once() {
    let src = r#"Define Tag { Properties { label: String = $missing }  Text { text: "$label" } }
App { Tag { } Tag { } Tag { } }"#;
    let loaded = kryon_markup::load_str(std::path::Path::new("c.kry"), src);
    let (_, diags) = kryon_dom::build(loaded.document);
    let codes: Vec<_> = diags.as_slice().iter().map(|d| d.code).collect();
    assert_eq!(codes, ["K0101"]);
}

#[test]
fn self_use_through_an_else_branch_is_a_cycle() {
    let src = r#"Define Loop { Container { @if true
    Text { text: "a" }
@else
    Loop { }
@end } }
App { Loop { } }"#;
    let loaded = kryon_markup::load_str(std::path::Path::new("l.kry"), src);
    let (_, diags) = kryon_dom::build(loaded.document);
    assert!(
        diags.as_slice().iter().any(|d| d.code == "K0108"),
        "{diags:?}"
    );
}
