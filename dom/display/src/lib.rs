//! The display list: what `kryon-dom` hands to a renderer each frame, as plain data.
//!
//! This crate is the whole contract between the element tree and the renderers. It has no
//! dependencies: no wgpu, no winit, no font or image library. A [`Frame`] is
//!
//! - a list of [`DisplayItem`]s in paint order (tree order with `z_index` layers already
//!   resolved), drawn back to front, with push/pop pairs for clips, opacity groups and
//!   transforms that always balance;
//! - a list of [`ResourceChange`]s (glyph bitmaps and decoded images to upload or free) that a
//!   renderer applies *before* drawing, so it can keep GPU textures across frames. Resources
//!   stay valid until freed; a renderer never sees a key it was not given.
//!
//! Geometry is in **logical pixels** (the `.kry` unit). The renderer multiplies by
//! [`Frame::scale_factor`] to reach physical pixels. Glyph bitmaps are already rasterized at
//! physical size (see [`GlyphImage`]).
//!
//! Colours are straight (not premultiplied) 8-bit sRGB; blending happens in sRGB space as a
//! browser does (50 % red over blue is `#800080`).

mod geometry;
mod item;
mod resource;

pub use geometry::{Affine, Color, CornerRadii, Point, Rect};
pub use item::{BorderSides, DisplayItem, GlyphInstance, ImageItem, ShadowItem};
pub use resource::{GlyphFormat, GlyphImage, GlyphKey, ImageData, ImageId, ResourceChange};

/// One frame's worth of drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// Viewport width in logical px.
    pub width: f32,
    /// Viewport height in logical px.
    pub height: f32,
    /// Physical pixels per logical pixel (window DPI × the app's `scale_factor`).
    pub scale_factor: f32,
    /// The colour the target is cleared to before drawing.
    pub clear_color: Color,
    /// Resource uploads and frees, applied before [`Frame::items`] are drawn.
    pub resources: Vec<ResourceChange>,
    /// Drawing commands, back to front.
    pub items: Vec<DisplayItem>,
}

impl Frame {
    /// An empty frame of the given logical size.
    pub fn new(width: f32, height: f32, scale_factor: f32, clear_color: Color) -> Self {
        Self {
            width,
            height,
            scale_factor,
            clear_color,
            resources: Vec::new(),
            items: Vec::new(),
        }
    }

    /// The target size in physical pixels (rounded, at least 1×1).
    pub fn physical_size(&self) -> (u32, u32) {
        let to_px = |v: f32| (v * self.scale_factor).round().max(1.0) as u32;
        (to_px(self.width), to_px(self.height))
    }

    /// True when every push has a matching pop, in order. Renderers may rely on it; producers
    /// test it.
    pub fn is_balanced(&self) -> bool {
        let mut stack = Vec::new();
        for item in &self.items {
            match item {
                DisplayItem::PushClip { .. } => stack.push(0u8),
                DisplayItem::PushOpacity { .. } => stack.push(1),
                DisplayItem::PushTransform { .. } => stack.push(2),
                DisplayItem::PopClip if stack.pop() != Some(0) => return false,
                DisplayItem::PopOpacity if stack.pop() != Some(1) => return false,
                DisplayItem::PopTransform if stack.pop() != Some(2) => return false,
                _ => {}
            }
        }
        stack.is_empty()
    }

    /// Counts of each kind of item (for `--verbose` output and tests).
    pub fn item_counts(&self) -> ItemCounts {
        let mut counts = ItemCounts::default();
        for item in &self.items {
            match item {
                DisplayItem::Rect { .. } => counts.rects += 1,
                DisplayItem::Border { .. } => counts.borders += 1,
                DisplayItem::Shadow(_) => counts.shadows += 1,
                DisplayItem::Glyphs { glyphs, .. } => counts.glyphs += glyphs.len(),
                DisplayItem::Image(_) => counts.images += 1,
                DisplayItem::PushClip { .. }
                | DisplayItem::PushOpacity { .. }
                | DisplayItem::PushTransform { .. } => counts.groups += 1,
                DisplayItem::PopClip | DisplayItem::PopOpacity | DisplayItem::PopTransform => {}
            }
        }
        counts
    }
}

/// How many items of each kind a frame holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ItemCounts {
    /// Filled rectangles.
    pub rects: usize,
    /// Borders.
    pub borders: usize,
    /// Box shadows.
    pub shadows: usize,
    /// Glyph instances (over all runs).
    pub glyphs: usize,
    /// Images.
    pub images: usize,
    /// Clip, opacity and transform groups.
    pub groups: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balance_detects_mismatched_pops() {
        let mut frame = Frame::new(10.0, 10.0, 1.0, Color::WHITE);
        frame.items.push(DisplayItem::PushOpacity { opacity: 0.5 });
        frame.items.push(DisplayItem::PopClip);
        assert!(!frame.is_balanced());
        frame.items[1] = DisplayItem::PopOpacity;
        assert!(frame.is_balanced());
        frame.items.push(DisplayItem::PopTransform);
        assert!(!frame.is_balanced());
    }

    #[test]
    fn physical_size_rounds_and_scales() {
        let frame = Frame::new(100.5, 20.0, 2.0, Color::WHITE);
        assert_eq!(frame.physical_size(), (201, 40));
        let empty = Frame::new(0.0, 0.0, 1.0, Color::WHITE);
        assert_eq!(empty.physical_size(), (1, 1));
    }

    #[test]
    fn shadow_padding_box_insets_by_the_border_widths() {
        let mut s = ShadowItem {
            rect: Rect::new(10.0, 20.0, 100.0, 50.0),
            radii: CornerRadii::all(12.0),
            offset: Point::new(0.0, 0.0),
            blur: 0.0,
            spread: 0.0,
            color: Color::BLACK,
            inset: true,
            border_widths: [1.0, 2.0, 3.0, 4.0],
        };
        let (r, radii) = s.padding_box();
        assert_eq!(r, Rect::new(14.0, 21.0, 94.0, 46.0));
        assert_eq!(radii, CornerRadii::all(12.0).shrunk(1.0, 2.0, 3.0, 4.0));
        // Odd widths count as zero; widths wider than the box leave it empty.
        s.border_widths = [f32::NAN, -5.0, f32::INFINITY, 0.0];
        assert_eq!(s.padding_box().0, s.rect);
        s.border_widths = [30.0, 60.0, 30.0, 60.0];
        assert!(s.padding_box().0.is_empty());
    }
}
