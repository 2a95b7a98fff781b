//! `kryon-markup`: the front end of the `.kry` language.
//!
//! It reads a main file and its `@include`s into one [`SourceMap`], lexes and parses them into a
//! [`Document`] (the syntax tree in [`ast`]), and reports every problem as a [`Diagnostic`] with
//! a file, line, column and caret (kry-language.md §16). It knows nothing about elements at run
//! time: name resolution, styles and bindings happen in `kryon-dom`.

pub mod ast;
pub mod diagnostic;
pub mod source;

pub use ast::Document;
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use source::{FileId, SourceFile, SourceMap, Span};
