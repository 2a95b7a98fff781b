//! Runtime warnings raised by scripts in a running session land with the other runtime
//! diagnostics of the tree (script-api §6, §7: S0201–S0204).
#![cfg(feature = "lua")]

use kryon_scripting::{Session, SessionOptions};

fn session(app: &str) -> Session {
    let loaded = kryon_markup::load_str(std::path::Path::new("app.kry"), app);
    let (dom, _) = kryon_dom::build(loaded.document);
    Session::start(
        dom,
        SessionOptions {
            app_dir: std::env::temp_dir(),
            headless: true,
            viewport: (800.0, 600.0),
            echo_logs: false,
        },
    )
}

#[test]
fn invalid_utf8_from_lua_is_replaced_and_reported_as_s0204() {
    let s = session(
        r#"App {
    Text { id: "save" text: "start" }
    Text { id: "ok" text: "start" }
}
@script "lua" {
    getElementById("save").text = "caf\xe9"
    getElementById("ok").text = "café"
}
"#,
    );
    assert!(s.errors().is_empty(), "{:?}", s.errors());
    let mut dom = s.dom();
    let text = |dom: &kryon_dom::Dom, id: &str| {
        let el = dom.element_by_id(id).expect(id);
        match dom.own_property(el, "text").expect("text") {
            kryon_dom::Value::Str(s) => s,
            other => panic!("text is {other:?}"),
        }
    };
    assert_eq!(text(&dom, "save"), "caf\u{FFFD}");
    assert_eq!(text(&dom, "ok"), "café");
    let warnings: Vec<_> = dom
        .take_diagnostics()
        .into_iter()
        .filter(|d| d.code == "S0204")
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].message.ends_with("at app.kry:6"),
        "{}",
        warnings[0].message
    );
}
