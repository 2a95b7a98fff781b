//! Loading a document: the main file, its `@include`s and the root rules (kry §2, §10).
//!
//! [`load_file`] reads the main file from disk; [`load_str`] takes its text (includes still
//! resolve from disk relative to the given path's folder). Each include is parsed once and its
//! items are spliced into [`Document::items`] at its first include site, so `items` is in
//! document order. Include problems are K0401 (not found), K0402 (cycle, reported at the include
//! that closes it) and K0403 (deeper than 16). Then the root rules: K0407 for a root element in
//! an included file, K0203 for an element beside an `App`, K0204 when the main file has none.

use crate::ast::{Document, Item};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::parser::{ParseContext, TopItem, parse_file};
use crate::source::{FileId, SourceFile, SourceMap, Span};
use std::path::{Component, Path, PathBuf};

/// Deepest include nesting allowed (kry §10).
pub const MAX_INCLUDE_DEPTH: usize = 16;

/// A loaded document with every diagnostic found while reading it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The document (possibly partial when there are errors).
    pub document: Document,
    /// Errors and warnings, per file in reading order.
    pub diagnostics: Diagnostics,
}

/// Loads the main file at `path` and everything it includes.
pub fn load_file(path: &Path) -> Loaded {
    match std::fs::read_to_string(path) {
        Ok(text) => load_str(path, &text),
        Err(error) => {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let mut diagnostics = Diagnostics::default();
            diagnostics.push(Diagnostic::error(
                "K0401",
                format!("cannot read {name}: {error}"),
            ));
            Loaded {
                document: Document::default(),
                diagnostics,
            }
        }
    }
}

/// Loads a main file given as text; `path` names it and anchors relative includes.
pub fn load_str(path: &Path, text: &str) -> Loaded {
    let main_path = normalise_path(path);
    let main_dir = main_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let display = display_path(&main_dir, &main_path);
    let mut loader = Loader {
        sources: SourceMap::default(),
        main_dir,
        diagnostics: Diagnostics::default(),
        items: Vec::new(),
        stack: Vec::new(),
    };
    let main_file = loader
        .sources
        .add(SourceFile::new(main_path, display, text));
    loader.file(main_file, 0);
    loader.root_rules(main_file);
    let document = Document {
        items: loader.items,
        sources: loader.sources,
        main_file,
    };
    Loaded {
        document,
        diagnostics: loader.diagnostics,
    }
}

struct Loader {
    sources: SourceMap,
    main_dir: PathBuf,
    diagnostics: Diagnostics,
    items: Vec<Item>,
    /// Files being read, outermost first (for cycle detection).
    stack: Vec<FileId>,
}

impl Loader {
    /// Parses `file` and splices its items (and its includes' items) into `self.items`.
    fn file(&mut self, file: FileId, depth: usize) {
        let ctx = ParseContext {
            sources: &mut self.sources,
            main_dir: &self.main_dir,
        };
        let (items, diagnostics) = parse_file(ctx, file);
        self.diagnostics.extend(diagnostics);
        self.stack.push(file);
        for item in items {
            match item {
                TopItem::Item(Item::Element(element)) if depth > 0 => {
                    self.diagnostics.push(
                        Diagnostic::error(
                            "K0407",
                            format!(
                                "included file contains a root element `{}`",
                                element.name.text
                            ),
                        )
                        .at(element.name.span)
                        .with_help("only the main file may contain root elements"),
                    );
                }
                TopItem::Item(item) => self.items.push(item),
                TopItem::Include { path, span } => self.include(file, &path, span, depth),
            }
        }
        self.stack.pop();
    }

    fn include(&mut self, from: FileId, written: &str, span: Span, depth: usize) {
        let dir = self
            .sources
            .get(from)
            .and_then(|f| f.path.parent())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let path = normalise_path(&dir.join(written));
        if let Some(existing) = self.sources.find(&path) {
            if let Some(at) = self.stack.iter().position(|&id| id == existing) {
                let chain: Vec<&str> = self.stack[at..]
                    .iter()
                    .chain(std::iter::once(&existing))
                    .filter_map(|&id| self.sources.get(id).map(|f| f.display.as_str()))
                    .collect();
                self.diagnostics.push(
                    Diagnostic::error("K0402", format!("include cycle: {}", chain.join(" -> ")))
                        .at(span)
                        .with_label("this include closes the cycle"),
                );
            }
            // Each file is included at most once: later includes add nothing.
            return;
        }
        if depth + 1 > MAX_INCLUDE_DEPTH {
            self.diagnostics.push(
                Diagnostic::error(
                    "K0403",
                    format!("includes nest deeper than {MAX_INCLUDE_DEPTH} levels"),
                )
                .at(span),
            );
            return;
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let display = display_path(&self.main_dir, &path);
                let file = self.sources.add(SourceFile::new(path, display, &text));
                self.file(file, depth + 1);
            }
            Err(error) => self.diagnostics.push(
                Diagnostic::error("K0401", format!("include \"{written}\" not found"))
                    .at(span)
                    .with_label(error.to_string()),
            ),
        }
    }

    /// K0203 (an element beside the `App`) and K0204 (no root element).
    fn root_rules(&mut self, main: FileId) {
        let roots: Vec<_> = self
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Element(element) if element.span.file == main => Some(element),
                _ => None,
            })
            .collect();
        if roots.is_empty() {
            self.diagnostics.push(
                Diagnostic::error("K0204", "the main file has no root element")
                    .at(Span::new(main, 0, 0))
                    .with_help("add an `App { … }` element"),
            );
            return;
        }
        let Some(app) = roots.iter().position(|e| e.name.text == "App") else {
            return;
        };
        let beside: Vec<Diagnostic> = roots
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != app)
            .map(|(_, element)| {
                Diagnostic::error(
                    "K0203",
                    format!("element `{}` beside the `App` root", element.name.text),
                )
                .at(element.name.span)
                .with_help("move it inside the `App`")
            })
            .collect();
        self.diagnostics.extend(beside);
    }
}

/// An absolute path with `.` and `..` removed lexically (the file need not exist).
pub fn normalise_path(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `main_dir`, with `/` separators (`..` when it lies outside).
pub fn display_path(main_dir: &Path, path: &Path) -> String {
    let base: Vec<Component> = main_dir.components().collect();
    let target: Vec<Component> = path.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); base.len().saturating_sub(common)];
    parts.extend(
        target
            .iter()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests;
