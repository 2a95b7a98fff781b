//! Styles: the property catalogue, typed values and coercion, style sheets with `extends`, the
//! cascade that produces a [`ComputedStyle`] per element, and its conversion to a taffy style.
//!
//! Data flow: the builder looks keys up in [`catalogue`], coerces literal values with
//! [`coerce::coerce_property`], compiles `style` definitions into a [`sheet::StyleSheet`], evaluates
//! bound entries with its own expression evaluator, and calls [`cascade::compute_style`] with the
//! element's own properties, its classes and its pseudo-state set.

pub mod catalogue;
pub mod coerce;
pub mod values;

pub use catalogue::{PropDef, PropId, PropKind, lookup};
pub use coerce::{CoerceError, coerce, coerce_property, expand_shorthand};
pub use values::PropValue;
