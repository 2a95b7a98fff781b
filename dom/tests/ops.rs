//! Script-facing DOM operations (`kryon_dom::ops`) and hit testing, on small apps.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

mod common;

use common::{load, text_of};
use kryon_dom::{Dom, ElementId, Value};

const VIEW: (f32, f32) = (800.0, 600.0);

fn id(dom: &Dom, id: &str) -> ElementId {
    dom.element_by_id(id)
        .unwrap_or_else(|| panic!("no element #{id}"))
}

fn same(a: &Value, b: &Value) -> bool {
    a.same(b)
}

fn assert_value(actual: Value, expected: impl Into<Value>) {
    let expected = expected.into();
    assert!(same(&actual, &expected), "{actual:?} != {expected:?}");
}

#[test]
fn property_writes_reads_and_clears_with_colours_and_lengths() {
    let mut dom = load(
        r##"style "card" { background_color: #112233  width: 50% }
App { Container { id: "box" style: "card" }  Text { id: "t" text: "hi" } }"##,
    );
    let b = id(&dom, "box");
    // Own layer is empty; the computed value comes from the class.
    assert_value(
        dom.own_property(b, "background_color").unwrap(),
        Value::Null,
    );
    assert_value(dom.computed_property(b, "bg").unwrap(), "#112233FF");
    assert_value(dom.computed_property(b, "width").unwrap(), "50%");
    // A write by alias is an own value; a read sees it at once.
    dom.set_property_by_name(b, "bg", Value::str("#ff0000"))
        .unwrap();
    assert_value(
        dom.own_property(b, "background_color").unwrap(),
        "#FF0000FF",
    );
    assert_value(
        dom.computed_property(b, "background_color").unwrap(),
        "#FF0000FF",
    );
    dom.set_property_by_name(b, "width", Value::Int(120))
        .unwrap();
    assert_value(dom.computed_property(b, "width").unwrap(), 120i64);
    dom.set_property_by_name(b, "padding", Value::str("4"))
        .unwrap();
    assert_value(dom.own_property(b, "padding").unwrap(), 4i64);
    assert_value(dom.computed_property(b, "padding_left").unwrap(), 4i64);
    assert_value(
        dom.computed_property(b, "flex_direction").unwrap(),
        "column",
    );
    // Clearing falls back to the style; so does writing null.
    dom.clear_property(b, "background_color").unwrap();
    assert_value(
        dom.computed_property(b, "background_color").unwrap(),
        "#112233FF",
    );
    dom.set_property_by_name(b, "width", Value::Null).unwrap();
    assert_value(dom.computed_property(b, "width").unwrap(), "50%");
    // Text and visibility.
    let t = id(&dom, "t");
    dom.set_property_by_name(t, "text", Value::Int(42)).unwrap();
    assert_value(dom.computed_property(t, "text").unwrap(), "42");
    dom.update(VIEW);
    assert_eq!(text_of(&dom, "t"), "42");
    dom.set_property_by_name(t, "visible", Value::Bool(false))
        .unwrap();
    assert_value(dom.computed_property(t, "visible").unwrap(), false);
    assert!(!dom.effectively_visible(t));
}

#[test]
fn conversion_failures_are_s0109_and_name_the_property() {
    let mut dom = load(r#"App { Container { id: "box" } }"#);
    let b = id(&dom, "box");
    let err = dom
        .set_property_by_name(b, "width", Value::str("wide"))
        .unwrap_err();
    assert_eq!(err.code, "S0109");
    assert!(
        err.message.contains("width") && err.message.contains("length"),
        "{err:?}"
    );
    let err = dom
        .set_property_by_name(b, "opacity", Value::Float(f64::NAN))
        .unwrap_err();
    assert_eq!(err.code, "S0109");
    let err = dom
        .set_property_by_name(b, "height", Value::Float(f64::INFINITY))
        .unwrap_err();
    assert_eq!(err.code, "S0109");
    let err = dom
        .set_property_by_name(b, "background_color", Value::str("nope"))
        .unwrap_err();
    assert_eq!(err.code, "S0109");
    assert_value(dom.own_property(b, "width").unwrap(), Value::Null);
}

#[test]
fn unknown_names_are_custom_data() {
    let mut dom = load(r#"App { Container { id: "box" } }"#);
    let b = id(&dom, "box");
    dom.set_property_by_name(b, "row_index", Value::Int(3))
        .unwrap();
    assert_value(dom.own_property(b, "row_index").unwrap(), 3i64);
    assert_value(dom.computed_property(b, "row_index").unwrap(), 3i64);
    // `text` does not apply to a Container: custom data too.
    dom.set_property_by_name(b, "text", Value::str("x"))
        .unwrap();
    assert_value(dom.own_property(b, "text").unwrap(), "x");
    dom.clear_property(b, "row_index").unwrap();
    assert_value(dom.own_property(b, "row_index").unwrap(), Value::Null);
}

#[test]
fn a_property_write_marks_only_that_element() {
    let mut src = String::from("App {\n");
    for i in 0..200 {
        src.push_str(&format!(
            "  Container {{ id: \"c{i}\" Text {{ text: \"{i}\" }} }}\n"
        ));
    }
    src.push_str("}\n");
    let mut dom = load(&src);
    dom.reset_stats();
    let c = id(&dom, "c100");
    dom.set_property_by_name(c, "background_color", Value::str("#00ff00"))
        .unwrap();
    dom.update(VIEW);
    assert_eq!(dom.stats.styles_computed, 1);
    assert_eq!(dom.stats.bindings_evaluated, 0);
    assert_eq!(dom.stats.layout_syncs, 1);
    // Writing the same value again does nothing.
    dom.reset_stats();
    dom.set_property_by_name(c, "background_color", Value::str("#00ff00"))
        .unwrap();
    dom.update(VIEW);
    assert_eq!(dom.stats.styles_computed, 0);
}

#[test]
fn class_operations() {
    let mut dom = load(
        r##"style "a" { background_color: #111111 }
style "b" { background_color: #222222 }
App { Container { id: "box" style: "a" } }"##,
    );
    let b = id(&dom, "box");
    assert_eq!(dom.class_list(b).unwrap(), ["a"]);
    assert!(dom.add_class(b, "b").unwrap());
    assert!(dom.has_class(b, "b").unwrap());
    assert_value(
        dom.computed_property(b, "background_color").unwrap(),
        "#222222FF",
    );
    // addClass appends, so re-adding "a" makes it win.
    assert!(dom.add_class(b, "a").unwrap());
    assert_eq!(dom.class_list(b).unwrap(), ["b", "a"]);
    assert_value(
        dom.computed_property(b, "background_color").unwrap(),
        "#111111FF",
    );
    assert!(!dom.add_class(b, "missing").unwrap());
    assert!(dom.take_diagnostics().iter().any(|d| d.code == "K0102"));
    assert!(dom.remove_class(b, "a").unwrap());
    assert!(!dom.remove_class(b, "a").unwrap());
    assert!(dom.toggle_class(b, "a").unwrap());
    assert!(!dom.toggle_class(b, "a").unwrap());
    let unknown = dom
        .set_class_list(b, vec!["a".into(), "zz".into(), "b".into()])
        .unwrap();
    assert_eq!(unknown, ["zz"]);
    assert_eq!(dom.class_list(b).unwrap(), ["a", "b"]);
    assert_value(dom.own_property(b, "style").unwrap(), "a b");
    assert_eq!(dom.elements_by_class("b"), [b]);
}

const SELECTOR_APP: &str = r##"style "primary" { background_color: #0000FF }
Define Picker {
    Properties { label: String = "?" }
    Container { Container { id: "menu" Button { id: "item" text: "$label" } } }
}
App {
    Container { id: "bar"
        Button { id: "save" style: "primary" text: "Save" }
        Button { id: "quit" text: "Quit" }
        Container { Text { id: "deep" text: "d" } }
    }
    Picker { id: "picker" label: "P1" }
    Picker { id: "other" label: "P2" }
}"##;

#[test]
fn selectors_cover_every_form() {
    let dom = load(SELECTOR_APP);
    let q = |s: &str| dom.query_selector_all(None, s).unwrap();
    let save = id(&dom, "save");
    let quit = id(&dom, "quit");
    let deep = id(&dom, "deep");
    let bar = id(&dom, "bar");
    assert_eq!(q("#save"), [save]);
    assert_eq!(q(".primary"), [save]);
    assert_eq!(q("button.primary"), [save]);
    assert_eq!(q("Button#quit"), [quit]);
    assert_eq!(q("#bar > Button"), [save, quit]);
    assert_eq!(q("#bar Text"), [deep]);
    assert!(q("#bar > Text").is_empty());
    assert_eq!(q("#quit, #save"), [save, quit], "document order");
    assert_eq!(q("#picker #menu"), [id(&dom, "picker.menu")]);
    assert_eq!(q("#picker\\.menu"), [id(&dom, "picker.menu")]);
    assert_eq!(q("#menu").len(), 2);
    assert_eq!(q("Picker").len(), 2, "component names match instance roots");
    assert_eq!(q("*").len(), dom.arena.elements.len());
    // Scoped to an element's subtree.
    assert_eq!(dom.query_selector_all(Some(bar), "*").unwrap().len(), 4);
    assert_eq!(dom.query_selector(Some(bar), "Button").unwrap(), Some(save));
    for bad in ["", "#", "a >", "Button:hover", "[x]", "a,,b"] {
        assert_eq!(
            dom.query_selector_all(None, bad).unwrap_err().code,
            "S0103",
            "{bad}"
        );
    }
    assert_eq!(dom.elements_by_tag("button").len(), 4);
}

#[test]
fn plain_ids_resolve_inside_component_instances() {
    let mut dom = load(SELECTOR_APP);
    let picker_menu = id(&dom, "picker.menu");
    let other_menu = id(&dom, "other.menu");
    let picker = dom.instance_of(picker_menu).unwrap();
    let other = dom.instance_of(other_menu).unwrap();
    assert_eq!(dom.lookup_id("menu", Some(picker)), Some(picker_menu));
    assert_eq!(dom.lookup_id("menu", Some(other)), Some(other_menu));
    assert_eq!(dom.lookup_id("other.menu", None), Some(other_menu));
    // Top-level ids are found from inside an instance too.
    assert_eq!(dom.lookup_id("save", Some(picker)), Some(id(&dom, "save")));
    // Ambiguous without a context: first in document order, with S0201.
    dom.take_diagnostics();
    assert_eq!(dom.lookup_id("menu", None), Some(picker_menu));
    let diags = dom.take_diagnostics();
    assert!(
        diags
            .iter()
            .any(|d| d.code == "S0201" && d.message.contains("picker.menu")),
        "{diags:?}"
    );
    assert_eq!(dom.lookup_id("nothing", None), None);
    // Instance handles.
    assert_eq!(dom.component_name(picker), Some("Picker"));
    assert_eq!(dom.instance_root(picker), Some(id(&dom, "picker")));
    assert_eq!(
        dom.instance_element(picker, "item"),
        Some(id(&dom, "picker.item"))
    );
    assert_value(dom.instance_prop(picker, "label").unwrap(), "P1");
    dom.set_instance_prop(picker, "label", Value::str("Renamed"))
        .unwrap();
    dom.update(VIEW);
    assert_eq!(text_of(&dom, "picker.item"), "Renamed");
    assert_eq!(text_of(&dom, "other.item"), "P2");
    assert_eq!(
        dom.set_instance_prop(picker, "nope", Value::Int(1))
            .unwrap_err()
            .code,
        "S0103"
    );
    assert_eq!(dom.describe(id(&dom, "save")), "Button#save");
}

#[test]
fn create_insert_move_and_remove() {
    let mut dom = load(SELECTOR_APP);
    let bar = id(&dom, "bar");
    let save = id(&dom, "save");
    let b = dom
        .create_element(
            "Button",
            vec![
                ("id".into(), Value::str("new")),
                ("text".into(), Value::str("New")),
                ("style".into(), Value::str("primary")),
                ("onClick".into(), Value::str("doIt")),
            ],
            None,
        )
        .unwrap();
    assert_eq!(dom.element_by_id("new"), Some(b));
    assert!(dom.arena.elements[b].parent.is_none(), "detached");
    assert!(!dom.effectively_visible(b));
    assert_value(dom.own_property(b, "onClick").unwrap(), "doIt");
    assert!(dom.handler(b, "onClick").is_some());
    dom.insert_child(bar, b, Some(save)).unwrap();
    dom.update(VIEW);
    assert_eq!(dom.arena.elements[bar].children[0], b);
    assert_eq!(text_of(&dom, "new"), "New");
    assert!(dom.element_bounds(b).is_some_and(|(_, _, w, _)| w > 0.0));
    assert_value(
        dom.computed_property(b, "background_color").unwrap(),
        "#0000FFFF",
    );
    // Moving: append to the end of the same parent.
    dom.insert_child(bar, b, None).unwrap();
    assert_eq!(dom.arena.elements[bar].children.last(), Some(&b));
    // Invalid tree operations.
    let app = dom.root;
    assert_eq!(dom.insert_child(b, bar, None).unwrap_err().code, "S0106");
    assert_eq!(dom.insert_child(bar, bar, None).unwrap_err().code, "S0106");
    assert_eq!(dom.insert_child(bar, app, None).unwrap_err().code, "S0106");
    assert_eq!(dom.remove_element(app).unwrap_err().code, "S0106");
    let picker = id(&dom, "picker");
    assert_eq!(
        dom.insert_child(bar, b, Some(picker)).unwrap_err().code,
        "S0106"
    );
    // Unknown types and duplicate ids.
    assert_eq!(
        dom.create_element("Nope", vec![], None).unwrap_err().code,
        "S0105"
    );
    dom.take_diagnostics();
    let dup = dom
        .create_element("Text", vec![("id".into(), Value::str("save"))], None)
        .unwrap();
    assert!(dom.take_diagnostics().iter().any(|d| d.code == "S0202"));
    assert_eq!(dom.element_by_id("save"), Some(save));
    dom.remove_element(dup).unwrap();
    // A failed property removes the half-built element.
    let before = dom.arena.elements.len();
    let err = dom
        .create_element("Container", vec![("width".into(), Value::str("x"))], None)
        .unwrap_err();
    assert_eq!(err.code, "S0109");
    assert_eq!(dom.arena.elements.len(), before);
    // Removing kills the handle and its subtree.
    dom.remove_element(b).unwrap();
    assert!(!dom.is_alive(b));
    assert_eq!(dom.element_by_id("new"), None);
    assert_eq!(dom.own_property(b, "text").unwrap_err().code, "S0104");
    dom.update(VIEW);
    assert_eq!(dom.arena.elements[bar].children.len(), 3);
}

#[test]
fn create_a_component_instance_with_properties() {
    let mut dom = load(SELECTOR_APP);
    let root = dom
        .create_element(
            "Picker",
            vec![
                ("id".into(), Value::str("third")),
                ("label".into(), Value::str("P3")),
                ("width".into(), Value::Int(90)),
            ],
            None,
        )
        .unwrap();
    let inst = dom.instance_of(root).unwrap();
    assert_eq!(dom.component_name(inst), Some("Picker"));
    assert_eq!(dom.instance_root(inst), Some(root));
    assert_value(dom.instance_prop(inst, "label").unwrap(), "P3");
    assert_value(dom.own_property(root, "width").unwrap(), 90i64);
    let app = dom.root;
    dom.insert_child(app, root, None).unwrap();
    dom.update(VIEW);
    assert_eq!(text_of(&dom, "third.item"), "P3");
    assert_eq!(
        dom.lookup_id("menu", Some(inst)),
        dom.element_by_id("third.menu")
    );
}

#[test]
fn removing_elements_generated_by_for() {
    let mut dom = load(
        r#"@variables { items: ["a", "b", "c"] }
App { Container { id: "list"
    @for item in $items
        Text { id: "row_$item" text: "$item" }
    @end
} }"#,
    );
    let list = id(&dom, "list");
    let b = id(&dom, "row_b");
    dom.remove_element(b).unwrap();
    dom.update(VIEW);
    let texts = |dom: &Dom| -> Vec<String> {
        dom.arena.elements[list]
            .children
            .iter()
            .map(|c| dom.arena.elements[*c].computed.display_text())
            .collect()
    };
    assert_eq!(texts(&dom), ["a", "c"]);
    // A later re-expansion recreates what the markup says.
    dom.set_variable(
        "items",
        Value::Array(vec![
            Value::str("a"),
            Value::str("b"),
            Value::str("c"),
            Value::str("d"),
        ]),
    )
    .unwrap();
    dom.update(VIEW);
    assert_eq!(texts(&dom), ["a", "b", "c", "d"]);
    // Moving a generated element out of its block.
    let c = id(&dom, "row_c");
    let app = dom.root;
    dom.insert_child(app, c, None).unwrap();
    dom.update(VIEW);
    assert_eq!(texts(&dom), ["a", "b", "d"]);
    assert_eq!(dom.arena.elements[app].children.last(), Some(&c));
}

#[test]
fn radio_groups_and_two_way_bindings() {
    let mut dom = load(
        r#"@variables { agree: false  name: "x" }
App {
    Input { id: "r1" type: "radio" name: "size" checked: true }
    Input { id: "r2" type: "radio" name: "size" checked: $agree }
    Input { id: "r3" type: "radio" name: "other" checked: true }
    Input { id: "field" value: $name }
    Text { id: "echo" text: "$name" }
}"#,
    );
    let (r1, r2, r3) = (id(&dom, "r1"), id(&dom, "r2"), id(&dom, "r3"));
    dom.set_property_by_name(r2, "checked", Value::Bool(true))
        .unwrap();
    assert_value(dom.computed_property(r1, "checked").unwrap(), false);
    assert_value(dom.computed_property(r2, "checked").unwrap(), true);
    assert_value(dom.computed_property(r3, "checked").unwrap(), true);
    // r2 is two-way bound to $agree.
    assert_value(dom.variable("agree").unwrap().clone(), true);
    // Checking r1 unchecks r2, which stores false into $agree.
    dom.set_property_by_name(r1, "checked", Value::Bool(true))
        .unwrap();
    assert_value(dom.variable("agree").unwrap().clone(), false);
    assert_value(dom.computed_property(r2, "checked").unwrap(), false);
    // A script write to a two-way value feeds the variable and its readers.
    let field = id(&dom, "field");
    dom.set_property_by_name(field, "value", Value::str("typed"))
        .unwrap();
    assert_value(dom.variable("name").unwrap().clone(), "typed");
    dom.update(VIEW);
    assert_eq!(text_of(&dom, "echo"), "typed");
    assert_value(dom.computed_property(field, "value").unwrap(), "typed");
    assert_value(dom.computed_property(field, "text").unwrap(), "typed");
}

#[test]
fn a_script_write_cancels_a_pending_binding_recompute() {
    let mut dom = load(
        r#"@variables { label: "a" }
App { Text { id: "t" text: "$label" } }"#,
    );
    let t = id(&dom, "t");
    dom.set_variable("label", Value::str("from variable"))
        .unwrap();
    dom.set_property_by_name(t, "text", Value::str("from script"))
        .unwrap();
    dom.update(VIEW);
    assert_eq!(text_of(&dom, "t"), "from script");
    // The binding is still live: the next variable change writes again.
    dom.set_variable("label", Value::str("again")).unwrap();
    assert_value(dom.computed_property(t, "text").unwrap(), "again");
}

#[test]
fn input_values_are_typed() {
    let mut dom = load(
        r##"App {
    Input { id: "n" type: "number" value: "12" }
    Input { id: "empty" type: "number" value: "" }
    Input { id: "c" type: "color" value: "#ff0000" }
    Input { id: "cb" type: "checkbox" value: "yes" }
} "##,
    );
    let n = id(&dom, "n");
    assert_value(dom.computed_property(n, "value").unwrap(), 12i64);
    let empty = id(&dom, "empty");
    assert_value(dom.computed_property(empty, "value").unwrap(), Value::Null);
    let c = id(&dom, "c");
    assert_value(dom.computed_property(c, "value").unwrap(), "#FF0000FF");
    let cb = id(&dom, "cb");
    assert_value(dom.computed_property(cb, "value").unwrap(), "yes");
}

#[test]
fn handlers_resolve_aliases() {
    let mut dom = load(r#"App { Input { id: "i" onInput: "changed" } }"#);
    let i = id(&dom, "i");
    assert!(dom.handler(i, "onChange").is_some());
    assert!(dom.handler(i, "onInput").is_some());
    assert!(dom.handler(i, "onClick").is_none());
    dom.set_property_by_name(i, "onChange", Value::str("other"))
        .unwrap();
    assert_eq!(dom.arena.elements[i].handlers.len(), 1);
    assert_value(dom.own_property(i, "onInput").unwrap(), "other");
}

#[test]
fn hit_testing_follows_paint_order() {
    let mut dom = load(
        r#"App {
    Container { id: "low" pos_x: 0 pos_y: 0 width: 100 height: 100 z_index: 1 }
    Container { id: "high" pos_x: 50 pos_y: 50 width: 100 height: 100 z_index: 5 }
    Container { id: "flow_after" pos_x: 40 pos_y: 40 width: 20 height: 20 }
    Container { id: "clip" pos_x: 300 pos_y: 0 width: 50 height: 50 overflow: "hidden"
        Container { id: "big" width: 200 height: 200 }
    }
    Container { id: "hidden" pos_x: 500 pos_y: 0 width: 50 height: 50 visible: false
        Container { id: "hidden_child" width: 50 height: 50 }
    }
    Container { id: "under" pos_x: 600 pos_y: 0 width: 50 height: 50 }
    Container { id: "none" pos_x: 600 pos_y: 0 width: 50 height: 50 display: none }
    Button { id: "off" pos_x: 700 pos_y: 0 width: 50 height: 50 disabled: true text: "x" }
    Container { id: "moved" pos_x: 0 pos_y: 300 width: 50 height: 50
        transform: { translate_x: 100 } }
} "#,
    );
    let at = |dom: &Dom, x: f32, y: f32| dom.hit_test(x, y);
    // Overlap: z 5 above z 1; both above a flow sibling later in the document.
    assert_eq!(at(&dom, 75.0, 75.0), Some(id(&dom, "high")));
    assert_eq!(at(&dom, 45.0, 45.0), Some(id(&dom, "low")));
    assert_eq!(at(&dom, 10.0, 10.0), Some(id(&dom, "low")));
    // Clipped child: inside the clip it is hit, outside nothing of it is.
    assert_eq!(at(&dom, 310.0, 10.0), Some(id(&dom, "big")));
    assert_eq!(at(&dom, 310.0, 100.0), Some(dom.root));
    // Hidden subtrees and display: none are skipped.
    assert_eq!(at(&dom, 510.0, 10.0), Some(dom.root));
    assert_eq!(at(&dom, 610.0, 10.0), Some(id(&dom, "under")));
    // A disabled button is still the target.
    assert_eq!(at(&dom, 710.0, 10.0), Some(id(&dom, "off")));
    // Transforms move the hit area.
    assert_eq!(at(&dom, 10.0, 310.0), Some(dom.root));
    assert_eq!(at(&dom, 110.0, 310.0), Some(id(&dom, "moved")));
    // z order change takes effect after the next update.
    let low = id(&dom, "low");
    dom.set_property_by_name(low, "z_index", Value::Int(9))
        .unwrap();
    dom.update(VIEW);
    assert_eq!(at(&dom, 75.0, 75.0), Some(low));
    assert_eq!(at(&dom, 900.0, 10.0), None);
}
