//! `kryon-layout`: flexbox layout (taffy) and text shaping (cosmic-text) for the element tree.
//!
//! - [`fonts`]: the bundled fonts (Inter, JetBrains Mono) and family-name resolution; system fonts
//!   are never loaded.
//! - [`text`]: [`TextEngine`] shapes and measures text; [`ShapedText`] keeps the shaped buffer a
//!   renderer draws.
//! - [`style`]: Kryon's default [`Style`] and the plain-data geometry types.
//! - [`tree`]: [`LayoutTree`], an incremental layout tree with work counters.
//!
//! ```
//! use kryon_layout::{LayoutTree, NodeContent, TextStyle, default_style};
//! let mut tree = LayoutTree::new();
//! let text = tree.new_leaf(default_style(), NodeContent::Text("Hello".into(), TextStyle::default()));
//! let root = tree.new_container(default_style());
//! tree.set_children(root, &[text]).unwrap();
//! tree.compute(root, 800.0, 600.0).unwrap();
//! let b = tree.box_of(text).unwrap();
//! assert_eq!((b.x, b.y, b.width), (0.0, 0.0, 800.0));
//! assert!(b.height > 16.0 && b.height < 17.0);
//! ```

pub mod fonts;
pub mod style;
mod taffy_impl;
pub mod text;
pub mod tree;

pub use cosmic_text;
pub use fonts::{BUNDLED_MONO, BUNDLED_SANS, FontError, ResolvedFamily};
pub use style::{BoxGeometry, Edges, Rect, Style, default_row_style, default_style, normalize};
pub use taffy;
pub use text::{
    GlyphRun, PositionedGlyph, ShapedText, TextAlign, TextCounters, TextEngine, TextSize,
    TextStyle, TextWrap, WidthConstraint,
};
pub use tree::{LayoutError, LayoutStats, LayoutTree, NodeContent, NodeId};
