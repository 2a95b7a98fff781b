//! `kryon-renderer`: turns the display list built by `kryon-dom` into pixels (wgpu and a CPU reference). Not yet implemented: see issue 3.
