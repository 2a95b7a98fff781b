//! Shared helpers for the integration tests in this folder: locating the compatibility corpus and
//! loading an app into a laid-out tree.

use kryon_dom::Dom;
use kryon_markup::Diagnostic;
use std::path::PathBuf;

/// The compat corpus folder (`../shared/compat/kryon-examples` beside the repo), if present.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/compat/kryon-examples");
    dir.is_dir().then_some(dir)
}

/// A loaded and laid-out app.
pub struct Loaded {
    /// The tree after the first layout.
    pub dom: Dom,
    /// Every load-time diagnostic.
    pub diagnostics: Vec<Diagnostic>,
}

/// A layout box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// Loads a corpus app (path relative to the corpus) and lays it out at its window size.
pub fn load_app(relative: &str) -> Loaded {
    let dir = corpus_dir().expect("corpus present");
    load_path(&dir.join(relative))
}

/// Loads any `.kry` file and lays it out at its window size.
pub fn load_path(path: &std::path::Path) -> Loaded {
    let loaded = kryon_markup::load_file(path);
    let mut diagnostics = loaded.diagnostics.into_vec();
    let (mut dom, build) = kryon_dom::build(loaded.document);
    diagnostics.extend(build);
    let window = dom.window_config();
    dom.update((window.width as f32, window.height as f32));
    Loaded { dom, diagnostics }
}

impl Loaded {
    /// `(type, text, box)` of every element of a type, in document order.
    pub fn of_type(&self, type_name: &str) -> Vec<(String, String, Rect)> {
        self.dom
            .arena
            .descendants(self.dom.root)
            .into_iter()
            .filter_map(|id| {
                let e = &self.dom.arena.elements[id];
                (e.kind.name() == type_name).then(|| {
                    let r = self.dom.box_of(id).unwrap_or_default();
                    (
                        type_name.to_owned(),
                        e.computed.display_text(),
                        Rect {
                            x: r.x,
                            y: r.y,
                            width: r.width,
                            height: r.height,
                        },
                    )
                })
            })
            .collect()
    }

    /// Texts of every element of a type, in document order.
    pub fn texts_of(&self, type_name: &str) -> Vec<String> {
        self.of_type(type_name)
            .into_iter()
            .map(|(_, t, _)| t)
            .collect()
    }

    /// The displayed text of the element with a scoped id.
    pub fn text(&self, id: &str) -> String {
        let e = self
            .dom
            .element_by_id(id)
            .unwrap_or_else(|| panic!("no #{id}"));
        self.dom.arena.elements[e].computed.display_text()
    }
}
