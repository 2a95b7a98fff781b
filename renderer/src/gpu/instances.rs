//! Per-instance data the shaders read, and its vertex-buffer layouts.
//!
//! Every instance carries its whole state (transform, clip, colours) so that a change of
//! transform or clip never breaks a batch: a draw call ends only where the pipeline or the
//! bound texture changes. Rectangles are stored as edges `[x0, y0, x1, y1]`, transforms as
//! `[sx, ky, kx, sy]` + `[tx, ty, ..]` (the [`kryon_display::Affine`] layout).
//!
//! The layouts stay within 16 vertex attributes and the shaders within 12 inter-stage vectors,
//! which GLES 3.0-class adapters guarantee.

use bytemuck::{Pod, Zeroable};
use kryon_display::{Affine, Color};

/// What the quad shader draws for an instance (`xform_t[3]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub(crate) enum QuadKind {
    /// Filled rounded rectangle.
    Fill = 0,
    /// Border ring with per-side colours.
    Border = 1,
    /// Outer box shadow, clipped outside the element's box.
    OuterShadow = 2,
    /// Inset box shadow, clipped inside the element's padding box.
    InsetShadow = 3,
}

/// What the sprite shader samples for an instance (`xform_t[3]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub(crate) enum SpriteMode {
    /// Coverage from the R8 atlas, tinted.
    AlphaGlyph = 0,
    /// Premultiplied colour from the RGBA atlas, times the tint's alpha.
    ColorGlyph = 1,
    /// An image with anti-aliased edges.
    Image = 2,
    /// A layer composited 1:1 (no edge anti-aliasing).
    Composite = 3,
}

/// The clip every instance carries: an axis-aligned device-space rectangle (the intersection
/// of all rectangular clips) and at most one general clip (rounded, or under a rotation),
/// evaluated in its own coordinates through `inv`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, Pod, Zeroable, PartialEq)]
pub(crate) struct ClipData {
    /// Device-space rectangle, edges.
    pub dev: [f32; 4],
    /// General clip rectangle in its local coordinates, edges.
    pub rect: [f32; 4],
    /// General clip radii: top-left, top-right, bottom-right, bottom-left.
    pub radii: [f32; 4],
    /// Device → clip-local linear part.
    pub inv: [f32; 4],
    /// Device → clip-local translation, device px per clip unit, 1 when the general clip is on.
    pub inv_t: [f32; 4],
}

/// Quad tag bits (times 16, added to the kind) for edges the vertex shader must not grow by
/// the anti-aliasing margin.
pub(crate) const KEEP_LEFT: u32 = 1;
pub(crate) const KEEP_TOP: u32 = 2;
pub(crate) const KEEP_RIGHT: u32 = 4;
pub(crate) const KEEP_BOTTOM: u32 = 8;

/// One rectangle, border or shadow.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, Pod, Zeroable)]
pub(crate) struct QuadInstance {
    /// Local → device linear part.
    pub xform: [f32; 4],
    /// Translation, device px per local unit, [`QuadKind`] + 16 × `KEEP_*` edges.
    pub xform_t: [f32; 4],
    /// The local-space area the quad covers (before the anti-aliasing margin), edges.
    pub bounds: [f32; 4],
    /// The main shape: fill/border outer edge, shadow shape. Edges.
    pub rect: [f32; 4],
    /// Its radii.
    pub radii: [f32; 4],
    /// Border: inner edge. Shadows: the element's border box (outer) or padding box (inset).
    pub aux_rect: [f32; 4],
    /// Its radii.
    pub aux_radii: [f32; 4],
    /// Border: widths top, right, bottom, left. Shadows: σ.
    pub params: [f32; 4],
    /// Straight RGBA8 colours (fill and shadows use the first; borders top, right, bottom, left).
    pub colors: [u32; 4],
    /// Clip.
    pub clip: ClipData,
}

/// One glyph, image or layer composite.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, Pod, Zeroable)]
pub(crate) struct SpriteInstance {
    /// Local → device linear part.
    pub xform: [f32; 4],
    /// Translation, device px per local unit, [`SpriteMode`].
    pub xform_t: [f32; 4],
    /// Destination in local space, edges.
    pub rect: [f32; 4],
    /// Source in normalized texture coordinates, edges.
    pub uv: [f32; 4],
    /// Straight-alpha tint, 0–1.
    pub tint: [f32; 4],
    /// Clip.
    pub clip: ClipData,
}

/// Packs a colour for a `Uint32x4` attribute that the shader unpacks with `unpack4x8unorm`
/// (first byte = red).
pub(crate) fn pack(color: Color) -> u32 {
    u32::from_le_bytes([color.r, color.g, color.b, color.a])
}

/// The linear part and translation of a transform, with its scale and a tag in the spare slots.
pub(crate) fn xform_parts(t: &Affine, tag: u32) -> ([f32; 4], [f32; 4]) {
    (
        [t.sx, t.ky, t.kx, t.sy],
        [t.tx, t.ty, pixel_scale(t), tag as f32],
    )
}

/// Device px per local unit: the square root of the area scale (exact for similarity transforms,
/// the geometric mean of the axis scales otherwise). Used to turn distances into coverage.
pub(crate) fn pixel_scale(t: &Affine) -> f32 {
    (t.sx * t.sy - t.kx * t.ky).abs().sqrt().max(1e-6)
}

const CLIP_ATTRS: [wgpu::VertexFormat; 5] = [wgpu::VertexFormat::Float32x4; 5];

fn attributes<const N: usize>(formats: [wgpu::VertexFormat; N]) -> [wgpu::VertexAttribute; N] {
    let mut offset = 0;
    let mut location = 0;
    formats.map(|format| {
        let attr = wgpu::VertexAttribute {
            format,
            offset,
            shader_location: location,
        };
        offset += format.size();
        location += 1;
        attr
    })
}

/// Attributes of [`QuadInstance`], locations 0–13.
pub(crate) fn quad_attributes() -> [wgpu::VertexAttribute; 14] {
    use wgpu::VertexFormat::{Float32x4 as F, Uint32x4 as U};
    let [c0, c1, c2, c3, c4] = CLIP_ATTRS;
    attributes([F, F, F, F, F, F, F, F, U, c0, c1, c2, c3, c4])
}

/// Attributes of [`SpriteInstance`], locations 0–9.
pub(crate) fn sprite_attributes() -> [wgpu::VertexAttribute; 10] {
    use wgpu::VertexFormat::Float32x4 as F;
    let [c0, c1, c2, c3, c4] = CLIP_ATTRS;
    attributes([F, F, F, F, F, c0, c1, c2, c3, c4])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_match_the_structs() {
        let quad = quad_attributes();
        let last = quad[quad.len() - 1];
        assert_eq!(
            last.offset + last.format.size(),
            size_of::<QuadInstance>() as u64
        );
        let sprite = sprite_attributes();
        let last = sprite[sprite.len() - 1];
        assert_eq!(
            last.offset + last.format.size(),
            size_of::<SpriteInstance>() as u64
        );
        assert_eq!(pack(Color::rgba(1, 2, 3, 4)).to_le_bytes(), [1, 2, 3, 4]);
    }
}
