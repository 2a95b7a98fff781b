//! Styles: the property catalogue, typed values and coercion, style sheets with `extends`, the
//! cascade that produces a [`ComputedStyle`] per element, and its conversion to a taffy style.
//!
//! Data flow: the builder looks keys up in [`catalogue`], coerces literal values with
//! [`coerce::coerce_property`], compiles `style` definitions into a [`sheet::StyleSheet`], evaluates
//! bound entries with its own expression evaluator, and calls [`cascade::compute_style`] with the
//! element's own properties, its classes and its pseudo-state set.

pub mod cascade;
pub mod catalogue;
pub mod coerce;
pub mod computed;
pub mod groups;
pub(crate) mod share;
pub mod sheet;
pub mod state;
pub mod taffy_style;
pub mod values;

pub use cascade::{CascadeInput, compute_style, compute_style_and_target};
pub use catalogue::{PropDef, PropId, PropKind, lookup};
pub use coerce::{CoerceError, coerce, coerce_owned, coerce_property, expand_shorthand};
pub use computed::{ComputedStyle, UnitContext};
pub use groups::{AppStyle, CanvasStyle, InputStyle, MediaStyle, MotionStyle, Shared};
pub use sheet::{
    EvaluatedStyle, ResolvedClass, ResolvedStyle, StyleEntry, StyleSheet, literal_of_value,
    literal_value, suggest, value_mentions_var,
};
pub use state::StateSet;
pub use taffy_style::taffy_style;
pub use values::PropValue;
