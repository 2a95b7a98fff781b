//! Animations: tweens on animatable properties (script `animate`, markup `transition` and
//! `@keyframes`/`animation`), advanced by the runtime's clock; their values are cascade layer 8.

/// Every running animation of a document.
#[derive(Debug, Default)]
pub struct Animations {}
