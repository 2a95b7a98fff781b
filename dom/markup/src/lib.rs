//! `kryon-markup`: the front end of the `.kry` language.
//!
//! It reads a main file and its `@include`s into one [`SourceMap`], lexes and parses them into a
//! [`Document`] (the syntax tree in [`ast`]), and reports every problem as a [`Diagnostic`] with
//! a file, line, column and caret (kry-language.md §16). It knows nothing about elements at run
//! time: name resolution, styles and bindings happen in `kryon-dom`.
//!
//! ```
//! use kryon_markup::{load_str, render};
//! use std::path::Path;
//!
//! let loaded = load_str(Path::new("app.kry"), "App { Text { text: \"Hi\" } }");
//! assert!(loaded.diagnostics.is_empty());
//! let broken = load_str(Path::new("app.kry"), "App { width: 10pt }");
//! let text = render::render(&broken.document.sources, &broken.diagnostics.as_slice()[0]);
//! assert!(text.starts_with("error[K0003]: malformed number `10pt`"));
//! ```
//!
//! Modules, in pipeline order: [`source`] (files, spans), [`lexer`], [`parser`], [`load`]
//! (includes and root rules), [`diagnostic`] and [`render`].

pub mod ast;
pub mod diagnostic;
pub mod lexer;
pub mod load;
pub mod parser;
pub mod render;
pub mod source;

pub use ast::Document;
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use load::{Loaded, load_file, load_str};
pub use source::{FileId, SourceFile, SourceMap, Span};
