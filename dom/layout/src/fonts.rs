//! Bundled fonts and font-family resolution.
//!
//! Kryon measures text only with fonts it controls: the faces in `assets/fonts/` (embedded with
//! `include_bytes!`, so every machine measures identically) plus font files added explicitly
//! (`font "family" "path.ttf"` declarations). System fonts are never loaded: the cosmic-text
//! [`FontSystem`] is built over an empty `fontdb::Database`.
//!
//! Family names are resolved case-insensitively, in this order: aliases declared by the document,
//! families of added font files, then the bundled names (`default`, `sans_serif`, `sans-serif`,
//! `sans` → Inter; `monospace`, `mono` → JetBrains Mono). An unknown family resolves to the bundled
//! sans and is reported as unknown so the caller can emit K0111.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use cosmic_text::{FontSystem, fontdb};

/// Family name of the bundled sans-serif face.
pub const BUNDLED_SANS: &str = "Inter";
/// Family name of the bundled monospace face.
pub const BUNDLED_MONO: &str = "JetBrains Mono";

/// The bundled font files: `(file name, bytes)`.
pub const BUNDLED_FONTS: &[(&str, &[u8])] = &[
    (
        "Inter-Regular.otf",
        include_bytes!("../../../assets/fonts/Inter-Regular.otf"),
    ),
    (
        "Inter-Italic.otf",
        include_bytes!("../../../assets/fonts/Inter-Italic.otf"),
    ),
    (
        "Inter-Medium.otf",
        include_bytes!("../../../assets/fonts/Inter-Medium.otf"),
    ),
    (
        "Inter-SemiBold.otf",
        include_bytes!("../../../assets/fonts/Inter-SemiBold.otf"),
    ),
    (
        "Inter-Bold.otf",
        include_bytes!("../../../assets/fonts/Inter-Bold.otf"),
    ),
    (
        "JetBrainsMono-Regular.ttf",
        include_bytes!("../../../assets/fonts/JetBrainsMono-Regular.ttf"),
    ),
    (
        "JetBrainsMono-Bold.ttf",
        include_bytes!("../../../assets/fonts/JetBrainsMono-Bold.ttf"),
    ),
    // Never chosen by name: cosmic-text's last fallback pass tries every loaded face, so
    // symbols and emoji Inter lacks (✅ ❌ 🔍) draw as outlines instead of boxes.
    (
        "Symbola-Emoji.ttf",
        include_bytes!("../../../assets/fonts/Symbola-Emoji.ttf"),
    ),
];

/// Why a font file could not be added.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// The file could not be read.
    #[error("cannot read font file {path}: {source}")]
    Io {
        /// The path given.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The data holds no face that could be parsed as TTF, OTF or TTC.
    #[error("no usable font face in {0}")]
    NoFaces(String),
}

/// The result of looking up a family name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedFamily {
    /// The family name as registered in the font database.
    pub name: String,
    /// `false` when the requested name was unknown and the bundled sans was substituted (K0111).
    pub known: bool,
}

/// Builds a font system holding the bundled faces only (never system fonts).
pub(crate) fn bundled_font_system() -> FontSystem {
    let mut db = fontdb::Database::new();
    for (_, bytes) in BUNDLED_FONTS {
        let data: &'static [u8] = bytes;
        db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
    }
    db.set_sans_serif_family(BUNDLED_SANS);
    db.set_serif_family(BUNDLED_SANS);
    db.set_monospace_family(BUNDLED_MONO);
    db.set_cursive_family(BUNDLED_SANS);
    db.set_fantasy_family(BUNDLED_SANS);
    FontSystem::new_with_locale_and_db("en-US".to_string(), db)
}

/// Maps the family names a document may use to families present in the font database.
#[derive(Debug, Default)]
pub(crate) struct FamilyRegistry {
    /// Lower-cased name or alias → database family name.
    names: HashMap<String, String>,
}

impl FamilyRegistry {
    pub(crate) fn new() -> Self {
        let mut names = HashMap::new();
        for alias in [
            "default",
            "sans_serif",
            "sans-serif",
            "sans",
            "system-ui",
            "inter",
        ] {
            names.insert(alias.to_string(), BUNDLED_SANS.to_string());
        }
        for alias in ["monospace", "mono", "jetbrains mono"] {
            names.insert(alias.to_string(), BUNDLED_MONO.to_string());
        }
        Self { names }
    }

    /// Registers `alias` (case-insensitive) as another name for database family `family`.
    pub(crate) fn add_alias(&mut self, alias: &str, family: &str) {
        self.names
            .insert(alias.trim().to_lowercase(), family.to_string());
    }

    pub(crate) fn resolve(&self, requested: &str) -> ResolvedFamily {
        match self.names.get(&requested.trim().to_lowercase()) {
            Some(name) => ResolvedFamily {
                name: name.clone(),
                known: true,
            },
            None => ResolvedFamily {
                name: BUNDLED_SANS.to_string(),
                known: false,
            },
        }
    }
}

/// Loads font bytes into the database and returns the family names of the new faces.
pub(crate) fn load_bytes(
    font_system: &mut FontSystem,
    registry: &mut FamilyRegistry,
    bytes: Vec<u8>,
    label: &str,
) -> Result<Vec<String>, FontError> {
    let db = font_system.db_mut();
    let ids = db.load_font_source(fontdb::Source::Binary(Arc::new(bytes)));
    let mut families: Vec<String> = Vec::new();
    for id in ids {
        if let Some(face) = db.face(id) {
            for (family, _) in &face.families {
                if !families.contains(family) {
                    families.push(family.clone());
                }
            }
        }
    }
    if families.is_empty() {
        return Err(FontError::NoFaces(label.to_string()));
    }
    for family in &families {
        registry.add_alias(family, family);
    }
    Ok(families)
}

/// Reads a font file and loads it (see [`load_bytes`]).
pub(crate) fn load_file(
    font_system: &mut FontSystem,
    registry: &mut FamilyRegistry,
    path: &Path,
) -> Result<Vec<String>, FontError> {
    let label = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| FontError::Io {
        path: label.clone(),
        source,
    })?;
    load_bytes(font_system, registry, bytes, &label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_database_has_only_bundled_families() {
        let fs = bundled_font_system();
        let mut families: Vec<String> = fs
            .db()
            .faces()
            .flat_map(|f| f.families.iter().map(|(n, _)| n.clone()))
            .collect();
        families.sort();
        families.dedup();
        assert_eq!(
            families,
            vec![
                "Inter".to_string(),
                "JetBrains Mono".to_string(),
                "Symbola".to_string()
            ]
        );
        assert_eq!(fs.db().len(), BUNDLED_FONTS.len());
    }

    #[test]
    fn family_resolution() {
        let reg = FamilyRegistry::new();
        assert_eq!(reg.resolve("default").name, BUNDLED_SANS);
        assert_eq!(reg.resolve("Sans_Serif").name, BUNDLED_SANS);
        assert_eq!(reg.resolve("monospace").name, BUNDLED_MONO);
        let unknown = reg.resolve("Comic Sans MS");
        assert!(!unknown.known);
        assert_eq!(unknown.name, BUNDLED_SANS);
    }

    #[test]
    fn bad_bytes_are_an_error() {
        let mut fs = bundled_font_system();
        let mut reg = FamilyRegistry::new();
        let err = load_bytes(&mut fs, &mut reg, vec![1, 2, 3], "junk");
        assert!(matches!(err, Err(FontError::NoFaces(_))));
        let missing = load_file(&mut fs, &mut reg, Path::new("/nonexistent/font.ttf"));
        assert!(matches!(missing, Err(FontError::Io { .. })));
    }
}
