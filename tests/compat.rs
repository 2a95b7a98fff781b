//! The compatibility corpus (`../shared/compat/kryon-examples`): tier A loads with no errors and
//! builds the tree its author wrote; tier B loads with warnings only.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use kryon_tests::{Loaded, corpus_dir, load_app};

const TIER_B: &[&str] = &[
    "09_Canvas_and_Custom_Drawing/canvas_3d_basic.kry",
    "09_Canvas_and_Custom_Drawing/canvas_3d_advanced.kry",
    "10_Embedding_Views/advanced_embed_view.kry",
    "10_Embedding_Views/basic_embed_view.kry",
    "10_Embedding_Views/bundle_optimization_demo.kry",
    "10_Embedding_Views/full_bundle_demo.kry",
    "10_Embedding_Views/native_raylib_demo.kry",
    "10_Embedding_Views/simple_native_demo.kry",
    "10_Embedding_Views/unified_native_renderer.kry",
];

fn all_apps() -> Vec<String> {
    let Some(dir) = corpus_dir() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("widgets") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "kry") {
                out.push(
                    path.strip_prefix(&dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out.sort();
    out
}

#[test]
fn tier_a_loads_without_errors_and_tier_b_with_warnings_only() {
    let apps = all_apps();
    if apps.is_empty() {
        eprintln!("compat corpus not found; skipped");
        return;
    }
    assert_eq!(
        apps.len(),
        52,
        "52 apps (+2 widget libraries) in the corpus"
    );
    let mut tier_a = 0;
    for app in &apps {
        let Loaded {
            dom, diagnostics, ..
        } = load_app(app);
        let errors: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(errors.is_empty(), "{app}: {errors:?}");
        if TIER_B.contains(&app.as_str()) {
            assert!(
                diagnostics
                    .iter()
                    .any(|d| d.code == "K0601" || d.code == "K0602"),
                "{app}: a reserved feature must warn"
            );
        } else {
            tier_a += 1;
            let allowed = ["K0104", "K0114", "K0601", "K0603", "K0109"];
            let unexpected: Vec<_> = diagnostics
                .iter()
                .filter(|d| !allowed.contains(&d.code))
                .map(|d| d.code)
                .collect();
            assert!(
                unexpected.is_empty(),
                "{app}: unexpected warnings {unexpected:?}"
            );
        }
        assert!(dom.arena.elements.len() > 1, "{app}: empty tree");
    }
    assert_eq!(tier_a, 43);
}

#[test]
fn for_loop_demo_expands_item_first_with_one_based_index() {
    let Some(_) = corpus_dir() else { return };
    let loaded = load_app("07_Conditional_Rendering_and_Loops/for_loop_demo.kry");
    let texts = loaded.texts_of("Button");
    assert_eq!(
        texts,
        [
            "[1] Apple",
            "[2] Banana",
            "[3] Cherry",
            "[4] Date",
            "[5] Elderberry"
        ]
    );
}

#[test]
fn dropdown_components_get_scoped_ids_and_their_options() {
    let Some(_) = corpus_dir() else { return };
    let loaded = load_app("04_User_Input_Controls/dropdown_demo.kry");
    let menu = loaded
        .dom
        .element_by_id("Dropdown_1.menu")
        .expect("scoped id of the instance's menu");
    let menu = &loaded.dom.arena.elements[menu];
    assert_eq!(menu.children.len(), 15, "one option per country");
    assert!(
        !menu.computed.is_visible(),
        "menu starts closed ($_isOpen is false)"
    );
    let button = loaded.dom.element_by_id("Dropdown_1.button").unwrap();
    assert_eq!(
        loaded.dom.arena.elements[button].computed.display_text(),
        "Select an option"
    );
}

#[test]
fn ternaries_are_evaluated_and_live() {
    let Some(_) = corpus_dir() else { return };
    let mut loaded = load_app("06_Managing_State/ternary_test.kry");
    assert_eq!(loaded.text("toggle_btn"), "Hide Container");
    assert_eq!(loaded.text("status_text"), "Container is VISIBLE");
    loaded
        .dom
        .set_variable("isOpen", kryon_dom::Value::str("false"))
        .unwrap();
    loaded.dom.update((600.0, 400.0));
    assert_eq!(loaded.text("toggle_btn"), "Show Container");
    let status = loaded.dom.element_by_id("status_text").unwrap();
    assert_eq!(
        loaded.dom.arena.elements[status]
            .computed
            .text_color
            .to_hex(),
        "#FF0000FF"
    );
    let container = loaded.dom.element_by_id("test_container").unwrap();
    assert!(
        !loaded.dom.arena.elements[container].computed.is_displayed(),
        "hidden_container has display: none"
    );
}

#[test]
fn calculator_instantiates_its_button_grid() {
    let Some(_) = corpus_dir() else { return };
    let loaded = load_app("99_Showcase_Apps/Calculator/calculator.kry");
    let buttons = loaded.of_type("Button");
    assert_eq!(buttons.len(), 19);
    let seven = buttons.iter().find(|(_, text, _)| text == "7").unwrap();
    let eight = buttons.iter().find(|(_, text, _)| text == "8").unwrap();
    assert_eq!(seven.2.y, eight.2.y, "7 and 8 share a row");
    assert!(eight.2.x > seven.2.x);
}

#[test]
fn hello_world_places_the_absolute_container_and_centres_its_text() {
    let Some(_) = corpus_dir() else { return };
    let loaded = load_app("01_Getting_Started/hello_world.kry");
    let containers = loaded.of_type("Container");
    let (_, _, rect) = &containers[0];
    assert_eq!(
        (rect.x, rect.y, rect.width, rect.height),
        (200.0, 100.0, 200.0, 100.0)
    );
    let (_, text, t) = &loaded.of_type("Text")[0];
    assert_eq!(text, "Hello World");
    let centre_x = t.x + t.width / 2.0;
    let centre_y = t.y + t.height / 2.0;
    assert!(
        (centre_x - 300.0).abs() < 0.5 && (centre_y - 150.0).abs() < 0.5,
        "{t:?}"
    );
}

#[test]
fn declared_fonts_are_used_for_text_measurement() {
    let Some(_) = corpus_dir() else { return };
    let loaded = load_app("08_Multimedia/font.kry");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let id = loaded.dom.element_by_id("body1").unwrap();
    let with_calistoga = loaded.dom.box_of(id).unwrap().width;
    // The same text in the bundled sans at the same size.
    let src = "App { Container { align_items: start Text { id: \"t\" text: \"This text uses Calistoga font\" font_size: 18 } } }";
    let plain = kryon_markup::load_str(std::path::Path::new("plain.kry"), src);
    let (mut dom, _) = kryon_dom::build(plain.document);
    dom.update((400.0, 300.0));
    let default_width = dom.box_of(dom.element_by_id("t").unwrap()).unwrap().width;
    assert!(
        (with_calistoga - default_width).abs() > 5.0,
        "{with_calistoga} vs {default_width}"
    );
}
