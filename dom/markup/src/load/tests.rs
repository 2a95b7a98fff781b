use super::*;
use crate::ast::{Item, ScriptSource};
use std::fs;

/// A fresh temporary folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kryon-markup-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

fn codes(loaded: &Loaded) -> Vec<&'static str> {
    loaded
        .diagnostics
        .as_slice()
        .iter()
        .map(|d| d.code)
        .collect()
}

fn item_names(loaded: &Loaded) -> Vec<String> {
    loaded
        .document
        .items
        .iter()
        .map(|item| match item {
            Item::Style(s) => format!("style {}", s.name.text),
            Item::Element(e) => format!("element {}", e.name.text),
            Item::Variable(v) => format!("var {}", v.name.text),
            other => format!("{other:?}").chars().take(12).collect(),
        })
        .collect()
}

#[test]
fn includes_splice_at_first_site_once() {
    let dir = temp_dir("splice");
    write(
        &dir,
        "widgets/a.kry",
        "style a {}\n@include \"../shared/b.kry\"\n",
    );
    write(&dir, "shared/b.kry", "style b {}\n");
    let main = write(
        &dir,
        "app/main.kry",
        "@var x = 1\n@include \"../widgets/a.kry\"\nstyle m {}\n@include \"../shared/b.kry\"\nApp {}",
    );
    let loaded = load_file(&main);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(
        item_names(&loaded),
        ["var x", "style a", "style b", "style m", "element App"]
    );
    let displays: Vec<&str> = loaded
        .document
        .sources
        .iter()
        .map(|(_, f)| f.display.as_str())
        .collect();
    assert_eq!(
        displays,
        ["main.kry", "../widgets/a.kry", "../shared/b.kry"]
    );
}

#[test]
fn missing_include_and_cycle() {
    let dir = temp_dir("cycle");
    write(&dir, "a.kry", "@include \"b.kry\"\n");
    write(&dir, "b.kry", "@include \"main.kry\"\n");
    let main = write(
        &dir,
        "main.kry",
        "@include \"a.kry\"\n@include \"nope.kry\"\nApp {}",
    );
    let loaded = load_file(&main);
    assert_eq!(codes(&loaded), ["K0402", "K0401"]);
    let cycle = &loaded.diagnostics.as_slice()[0];
    assert_eq!(
        cycle.message,
        "include cycle: main.kry -> a.kry -> b.kry -> main.kry"
    );
    let b = loaded
        .document
        .sources
        .get(cycle.span.unwrap().file)
        .unwrap();
    assert_eq!(b.display, "b.kry");
}

#[test]
fn include_depth_is_limited() {
    let dir = temp_dir("depth");
    for i in 0..20 {
        write(
            &dir,
            &format!("f{i}.kry"),
            &format!("@include \"f{}.kry\"\n", i + 1),
        );
    }
    write(&dir, "f20.kry", "");
    let loaded = load_str(&dir.join("main.kry"), "@include \"f0.kry\"\nApp {}");
    assert_eq!(codes(&loaded), ["K0403"]);
    // The 16th nested include is allowed; the 17th is not.
    assert_eq!(loaded.document.sources.iter().count(), 17);
}

#[test]
fn included_files_may_not_hold_roots() {
    let dir = temp_dir("root");
    write(&dir, "lib.kry", "style s {}\nContainer {}\n");
    let loaded = load_str(&dir.join("main.kry"), "@include \"lib.kry\"\nApp {}");
    assert_eq!(codes(&loaded), ["K0407"]);
    assert_eq!(item_names(&loaded), ["style s", "element App"]);
}

#[test]
fn missing_main_file_has_no_span() {
    let loaded = load_file(Path::new("/nonexistent-kryon/missing.kry"));
    let d = &loaded.diagnostics.as_slice()[0];
    assert!(d.is_error());
    assert!(d.span.is_none());
    assert!(d.message.starts_with("cannot read missing.kry"));
}

#[test]
fn from_scripts_and_fonts_resolve_next_to_the_declaring_file() {
    let dir = temp_dir("from");
    write(&dir, "lib/code.lua", "print(1)\n");
    write(&dir, "lib/face.ttf", "not really a font");
    write(
        &dir,
        "lib/lib.kry",
        "@script \"lua\" from \"code.lua\"\nfont \"face\" \"face.ttf\"\n",
    );
    let loaded = load_str(&dir.join("main.kry"), "@include \"lib/lib.kry\"\nApp {}");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let Item::Script(script) = &loaded.document.items[0] else {
        panic!()
    };
    let ScriptSource::File { file, path, .. } = &script.source else {
        panic!()
    };
    assert_eq!(path, &dir.join("lib/code.lua"));
    let source = loaded.document.sources.get(*file).unwrap();
    assert_eq!(
        (source.display.as_str(), source.text.as_str()),
        ("lib/code.lua", "print(1)\n")
    );
    let Item::Font(font) = &loaded.document.items[1] else {
        panic!()
    };
    assert_eq!(font.path, dir.join("lib/face.ttf"));
}

#[test]
fn display_paths_use_slashes_and_dots() {
    assert_eq!(
        display_path(Path::new("/a/b"), Path::new("/a/b/c/d.kry")),
        "c/d.kry"
    );
    assert_eq!(
        display_path(Path::new("/a/b"), Path::new("/a/x.kry")),
        "../x.kry"
    );
    assert_eq!(
        normalise_path(Path::new("/a/b/../c/./d.kry")),
        PathBuf::from("/a/c/d.kry")
    );
}
