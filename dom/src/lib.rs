//! `kryon-dom`: the retained element tree of a Kryon app.
//!
//! It builds elements from a parsed `.kry` document ([`build()`]), resolves styles
//! ([`style`]), keeps reactive variable bindings up to date ([`bind`], [`scope`]), lays the tree
//! out ([`layout`], over `kryon-layout`) and paints it into a [`display::Frame`] ([`paint`]), plain
//! data for renderers. It never depends on a GPU or window crate.
//!
//! ```
//! let loaded = kryon_markup::load_str(
//!     std::path::Path::new("app.kry"),
//!     "@variables { n: 1 }\nApp { Text { id: \"t\" text: \"n = $n\" } }",
//! );
//! let (mut dom, diagnostics) = kryon_dom::build(loaded.document);
//! assert!(!diagnostics.has_errors());
//! dom.update((800.0, 600.0));
//! dom.set_variable("n", 2.into()).unwrap();
//! dom.update((800.0, 600.0));
//! let t = dom.element_by_id("t").unwrap();
//! assert_eq!(dom.arena.elements[t].computed.display_text(), "n = 2");
//! // Pass 4: the display list for a renderer (glyphs uploaded once, kept across frames).
//! assert!(dom.needs_paint());
//! let frame = dom.paint(1.0);
//! assert!(frame.is_balanced() && frame.item_counts().glyphs == 3); // spaces draw nothing
//! assert!(!dom.needs_paint());
//! ```

pub mod animate;
pub mod bind;
pub mod build;
pub mod canvas;
pub mod dom;
pub mod dump;
pub mod expr;
pub mod hit;
pub mod kind;
pub mod layout;
pub mod ops;
pub mod paint;
mod passes;
pub mod scope;
pub mod style;
pub mod tree;
pub mod value;

pub use build::build;
pub use dom::{Dom, Stats, WindowConfig};
pub use kind::ElementKind;
pub use kryon_display as display;
pub use paint::PaintState;
pub use tree::ElementId;
pub use value::{Color, Value};
