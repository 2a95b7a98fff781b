//! `kryon-dom`: the retained element tree of a Kryon app.
//!
//! It builds elements from a parsed `.kry` document, resolves styles, keeps reactive variable
//! bindings up to date, lays the tree out and produces plain data for renderers. It never depends
//! on a GPU or window crate.

pub mod kind;
pub mod value;
