//! CPU renderer (tiny-skia): being written.
