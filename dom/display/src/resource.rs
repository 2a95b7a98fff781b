//! Resources a renderer caches across frames: glyph bitmaps and decoded images.

use std::sync::Arc;

/// Identifies an uploaded glyph bitmap until it is freed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GlyphKey(pub u32);

/// Identifies an uploaded image until it is freed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageId(pub u32);

/// Pixel format of a glyph bitmap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GlyphFormat {
    /// One byte of coverage per pixel; tinted by the text colour.
    Alpha,
    /// Four bytes per pixel, straight-alpha sRGB RGBA (colour emoji).
    Rgba,
}

/// A rasterized glyph, at physical pixel size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlyphImage {
    /// Width in physical px.
    pub width: u32,
    /// Height in physical px.
    pub height: u32,
    /// Pixel format.
    pub format: GlyphFormat,
    /// Rows top to bottom, no padding: `width × height × (1 or 4)` bytes.
    pub data: Vec<u8>,
}

/// A decoded image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageData {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Straight-alpha sRGB RGBA rows, top to bottom, no padding.
    pub rgba: Arc<[u8]>,
}

/// A change to the renderer's resource cache, applied before the frame's items are drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum ResourceChange {
    /// A new glyph bitmap (the key is not in use).
    UploadGlyph {
        /// Key the frame's glyph instances use.
        key: GlyphKey,
        /// The bitmap.
        image: GlyphImage,
    },
    /// The glyph will not be used again; its key may be reused later.
    FreeGlyph(GlyphKey),
    /// A new image (the id is not in use).
    UploadImage {
        /// Id the frame's image items use.
        id: ImageId,
        /// The pixels.
        data: ImageData,
    },
    /// The image will not be used again; its id may be reused later.
    FreeImage(ImageId),
}
