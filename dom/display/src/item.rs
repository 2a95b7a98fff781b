//! Drawing commands.

use crate::{Affine, Color, CornerRadii, GlyphKey, ImageId, Point, Rect};

/// One drawing command. Push items open a group that the matching pop closes; groups nest.
#[derive(Clone, Debug, PartialEq)]
pub enum DisplayItem {
    /// A filled (rounded) rectangle: an element's background.
    Rect {
        /// The area (border box for backgrounds).
        rect: Rect,
        /// Corner radii (already clamped to the rect).
        radii: CornerRadii,
        /// Fill colour.
        color: Color,
    },
    /// A border: the ring between `rect` and `rect` inset by the side widths, with CSS-style
    /// inner radii (outer radius minus the adjacent widths). Each side has its own colour; the
    /// corners split diagonally between the sides as in a browser.
    Border {
        /// The outer edge (border box).
        rect: Rect,
        /// Outer corner radii (already clamped).
        radii: CornerRadii,
        /// Widths and colours per side.
        sides: BorderSides,
    },
    /// A box shadow (drawn before the element's background, or after it when inset).
    Shadow(ShadowItem),
    /// Glyphs of one colour. Alpha-mask glyphs are tinted with `color`; colour glyphs (emoji)
    /// keep their own colours and take only its alpha.
    Glyphs {
        /// Text colour.
        color: Color,
        /// The glyphs.
        glyphs: Vec<GlyphInstance>,
    },
    /// A decoded image scaled into a rectangle.
    Image(ImageItem),
    /// Clips everything until the matching [`DisplayItem::PopClip`] to a (rounded) rectangle,
    /// in the current transform's coordinates. Clips intersect with enclosing clips.
    PushClip {
        /// The clip area.
        rect: Rect,
        /// Its corner radii (zero for a plain rectangle).
        radii: CornerRadii,
    },
    /// Ends the innermost clip.
    PopClip,
    /// Draws everything until the matching [`DisplayItem::PopOpacity`] as one group, then
    /// composites the group with this opacity (CSS `opacity`: overlapping children do not show
    /// through each other).
    PushOpacity {
        /// Group opacity, 0–1.
        opacity: f32,
    },
    /// Ends the innermost opacity group.
    PopOpacity,
    /// Transforms everything until the matching [`DisplayItem::PopTransform`]: coordinates of
    /// the enclosed items go through `transform` first, then through the enclosing transforms.
    PushTransform {
        /// Local → parent transform.
        transform: Affine,
    },
    /// Ends the innermost transform.
    PopTransform,
}

/// Per-side border widths (logical px) and colours, CSS order: top, right, bottom, left.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BorderSides {
    /// Widths: top, right, bottom, left.
    pub widths: [f32; 4],
    /// Colours: top, right, bottom, left.
    pub colors: [Color; 4],
}

impl BorderSides {
    /// The same width and colour on every side.
    pub fn uniform(width: f32, color: Color) -> Self {
        Self {
            widths: [width; 4],
            colors: [color; 4],
        }
    }

    /// True when nothing would be drawn.
    pub fn is_invisible(&self) -> bool {
        self.widths
            .iter()
            .zip(&self.colors)
            .all(|(w, c)| *w <= 0.0 || c.is_transparent())
    }
}

/// A CSS `box-shadow`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShadowItem {
    /// The element's border box the shadow belongs to.
    pub rect: Rect,
    /// The border box's corner radii.
    pub radii: CornerRadii,
    /// Offset of the shadow.
    pub offset: Point,
    /// Blur radius (CSS: the shadow edge is a Gaussian with σ = blur / 2).
    pub blur: f32,
    /// Spread: grows (or, negative, shrinks) the shadow shape.
    pub spread: f32,
    /// Shadow colour.
    pub color: Color,
    /// Inner shadow: drawn inside the padding box instead of outside the border box.
    pub inset: bool,
    /// The element's border widths (logical px), CSS order: top, right, bottom, left — the same
    /// values as its [`DisplayItem::Border`] item's [`BorderSides::widths`]. An inset shadow is
    /// cast by, and clipped to, the padding box: `rect` inset by these widths, with the inner
    /// radii [`CornerRadii::shrunk`] by them (CSS: everything outside the padding edge acts as
    /// opaque). Outer shadows ignore them (zero is fine); producers fill them always.
    pub border_widths: [f32; 4],
}

impl ShadowItem {
    /// The padding box an inset shadow is drawn in: `rect` inset by
    /// [`ShadowItem::border_widths`] (non-finite or negative widths count as zero; never below
    /// zero size), with `radii` [`CornerRadii::shrunk`] by the same widths (not yet clamped).
    pub fn padding_box(&self) -> (Rect, CornerRadii) {
        let [t, r, b, l] = self
            .border_widths
            .map(|w| if w.is_finite() { w.max(0.0) } else { 0.0 });
        let rect = Rect::new(
            self.rect.x + l,
            self.rect.y + t,
            (self.rect.width - l - r).max(0.0),
            (self.rect.height - t - b).max(0.0),
        );
        (rect, self.radii.shrunk(t, r, b, l))
    }
}

/// One glyph bitmap placed on the frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GlyphInstance {
    /// The uploaded bitmap.
    pub key: GlyphKey,
    /// Left edge of the bitmap, logical px. The bitmap is `width × height` *physical* px, so
    /// it covers `width / scale_factor` logical px.
    pub x: f32,
    /// Top edge of the bitmap, logical px.
    pub y: f32,
}

/// An image drawn into a rectangle (the producer resolves `fit` into `rect` and a clip).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageItem {
    /// The uploaded image.
    pub image: ImageId,
    /// Where the whole image lands (may extend past the element; the producer clips).
    pub rect: Rect,
}
