//! GPU renderer (wgpu): being written.
