//! Canvas 2D: drawing commands recorded by scripts, rasterized at paint time.

/// Recorded drawing of every Canvas element.
#[derive(Debug, Default)]
pub struct Canvases {}
