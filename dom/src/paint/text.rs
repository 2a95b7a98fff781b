//! Text: glyphs rasterized at physical size, uploaded once, placed on the pixel grid.
//!
//! - Text elements (Text, Button, Link) draw the shaped buffer the layout measured
//!   ([`kryon_layout::LayoutTree::shaped_text`], laid out at the content width so alignment
//!   matches), placed in the content box by `text_vertical_alignment`.
//! - Texts the layout does not shape (input values and placeholders, checkbox labels,
//!   placeholder captions) are shaped here through the same [`kryon_layout::TextEngine`] and
//!   kept per element in [`super::PaintState`] so an unchanged text is not shaped again.
//! - Each glyph goes through cosmic-text's [`LayoutGlyph::physical`] at the frame's scale: its
//!   pen position lands on whole physical pixels plus a subpixel bin (x) or truncated (y), and
//!   its [`CacheKey`] names the bitmap. [`GlyphCache`] maps cache keys to renderer
//!   [`GlyphKey`]s: a bitmap is rasterized (swash) and uploaded the first time its key is used,
//!   and freed after [`GLYPH_TTL_FRAMES`] paints without use. Alpha masks upload as
//!   [`GlyphFormat::Alpha`], colour bitmaps (emoji) as [`GlyphFormat::Rgba`], subpixel masks are
//!   averaged to alpha.
//! - `text_decoration` draws a thin rectangle per line at the font's underline or strikeout
//!   position.

use super::Painter;
use crate::style::values::{TextDecoration, VerticalAlign};
use crate::tree::ElementId;
use cosmic_text::{Buffer, CacheKey, FontSystem, LayoutGlyph, SwashCache, SwashContent};
use kryon_display::{
    Color, CornerRadii, DisplayItem, GlyphFormat, GlyphImage, GlyphInstance, GlyphKey, Point, Rect,
    ResourceChange,
};
use kryon_layout::{ShapedText, TextStyle};
use std::collections::HashMap;

/// Paints a glyph bitmap may stay unused before it is freed.
pub const GLYPH_TTL_FRAMES: u64 = 600;
/// Glyph bitmaps kept at most; beyond, the least recently used (not used this frame) go.
const GLYPH_CAPACITY: usize = 8192;
/// Glyphs above this physical size are not drawn (a bitmap would be unreasonably large).
const MAX_GLYPH_PX: f32 = 2048.0;

/// The lines of a laid-out buffer, copied out so the font system can be borrowed afterwards.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextLines {
    lines: Vec<Line>,
    /// Width of the widest line.
    pub width: f32,
    /// Height of all lines.
    pub height: f32,
    /// The width lines were aligned within (the buffer width), when set.
    pub align_width: f32,
    /// The largest font size (glyphs may overhang their line box by about that much).
    pub overhang: f32,
}

impl TextLines {
    /// Where the glyphs may draw when the text starts at `origin`.
    pub fn ink(&self, origin: Point) -> Rect {
        Rect::new(
            origin.x,
            origin.y,
            self.width.max(self.align_width),
            self.height,
        )
        .inflate(self.overhang)
    }
}

#[derive(Debug, Clone)]
struct Line {
    /// Baseline, from the top of the text.
    baseline: f32,
    glyphs: Vec<LayoutGlyph>,
}

/// The extent of a laid-out buffer, without its glyphs.
fn extent_of(buffer: &Buffer) -> TextLines {
    let mut out = TextLines {
        align_width: buffer.size().0.filter(|w| w.is_finite()).unwrap_or(0.0),
        ..TextLines::default()
    };
    for run in buffer.layout_runs() {
        out.width = out.width.max(run.line_w);
        out.height = out.height.max(run.line_top + run.line_height);
        let size = run.glyphs.iter().map(|g| g.font_size).fold(0.0, f32::max);
        out.overhang = out.overhang.max(size);
    }
    out
}

/// Copies the laid-out lines of a buffer.
pub(crate) fn lines_of(buffer: &Buffer) -> TextLines {
    let mut out = extent_of(buffer);
    out.lines = buffer
        .layout_runs()
        .map(|run| Line {
            baseline: run.line_y,
            glyphs: run.glyphs.to_vec(),
        })
        .collect();
    out
}

/// Where text of `lines` starts in `content` for a vertical alignment (lines are already
/// aligned horizontally within the content width).
pub(crate) fn aligned_origin(content: Rect, lines: &TextLines, align: VerticalAlign) -> Point {
    let free = content.height - lines.height;
    let dy = match align {
        VerticalAlign::Top => 0.0,
        VerticalAlign::Center => free / 2.0,
        VerticalAlign::Bottom => free,
    };
    Point::new(content.x, content.y + dy)
}

/// A glyph bitmap in the renderer and where it sits relative to the glyph's pen position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PlacedGlyph {
    /// Renderer key.
    pub key: GlyphKey,
    /// Left edge relative to the pen position, physical px.
    pub left: i32,
    /// Top edge above the pen position, physical px.
    pub top: i32,
}

#[derive(Debug)]
struct GlyphEntry {
    /// `None` for glyphs without pixels (spaces), remembered so they are not rasterized again.
    placed: Option<PlacedGlyph>,
    last_used: u64,
}

/// cosmic-text cache keys → uploaded glyph bitmaps.
#[derive(Debug)]
pub(crate) struct GlyphCache {
    /// The rasterizer (its own image cache is not used: a bitmap is needed once, to upload).
    swash: SwashCache,
    entries: HashMap<CacheKey, GlyphEntry>,
    next_key: u32,
    free_keys: Vec<GlyphKey>,
}

impl Default for GlyphCache {
    fn default() -> Self {
        Self {
            swash: SwashCache::new(),
            entries: HashMap::new(),
            next_key: 0,
            free_keys: Vec::new(),
        }
    }
}

impl GlyphCache {
    /// The bitmap for `key`, rasterizing and uploading it on first use.
    pub fn get(
        &mut self,
        key: CacheKey,
        font_system: &mut FontSystem,
        frame: u64,
        out: &mut Vec<ResourceChange>,
    ) -> Option<PlacedGlyph> {
        if let Some(entry) = self.entries.get_mut(&key) {
            entry.last_used = frame;
            return entry.placed;
        }
        let placed = match self.swash.get_image_uncached(font_system, key) {
            Some(image) => match to_glyph_image(image.content, &image.data, image.placement) {
                Some(bitmap) => {
                    let glyph_key = self.allocate();
                    out.push(ResourceChange::UploadGlyph {
                        key: glyph_key,
                        image: bitmap,
                    });
                    Some(PlacedGlyph {
                        key: glyph_key,
                        left: image.placement.left,
                        top: image.placement.top,
                    })
                }
                None => None,
            },
            None => None,
        };
        self.entries.insert(
            key,
            GlyphEntry {
                placed,
                last_used: frame,
            },
        );
        placed
    }

    fn allocate(&mut self) -> GlyphKey {
        self.free_keys.pop().unwrap_or_else(|| {
            let key = GlyphKey(self.next_key);
            self.next_key = self.next_key.wrapping_add(1);
            key
        })
    }

    /// Frees glyphs unused for [`GLYPH_TTL_FRAMES`] paints, and the least recently used ones
    /// beyond [`GLYPH_CAPACITY`] (never one used in `frame`).
    pub fn sweep(&mut self, frame: u64, out: &mut Vec<ResourceChange>) {
        let mut freed = Vec::new();
        self.entries.retain(|_, e| {
            let keep = frame.saturating_sub(e.last_used) <= GLYPH_TTL_FRAMES;
            if !keep && let Some(p) = e.placed {
                freed.push(p.key);
            }
            keep
        });
        if self.entries.len() > GLYPH_CAPACITY {
            let mut ages: Vec<(u64, CacheKey)> = self
                .entries
                .iter()
                .filter(|(_, e)| e.last_used < frame)
                .map(|(k, e)| (e.last_used, *k))
                .collect();
            ages.sort_unstable();
            let excess = self.entries.len() - GLYPH_CAPACITY;
            for (_, key) in ages.into_iter().take(excess) {
                if let Some(p) = self.entries.remove(&key).and_then(|e| e.placed) {
                    freed.push(p.key);
                }
            }
        }
        for key in freed {
            out.push(ResourceChange::FreeGlyph(key));
            self.free_keys.push(key);
        }
    }

    /// Frees every uploaded glyph and forgets all of them.
    pub fn release(&mut self) -> Vec<ResourceChange> {
        let out = self
            .entries
            .drain()
            .filter_map(|(_, e)| e.placed)
            .map(|p| ResourceChange::FreeGlyph(p.key))
            .collect();
        self.free_keys.clear();
        self.next_key = 0;
        out
    }

    /// Number of glyphs currently known (uploaded or empty).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

/// A swash bitmap as a display-list glyph image; `None` when it has no pixels or its data does
/// not match its size.
fn to_glyph_image(
    content: SwashContent,
    data: &[u8],
    placement: cosmic_text::Placement,
) -> Option<GlyphImage> {
    let (width, height) = (placement.width, placement.height);
    let pixels = usize::try_from(u64::from(width) * u64::from(height)).ok()?;
    if pixels == 0 {
        return None;
    }
    let (format, data) = match content {
        SwashContent::Mask => (GlyphFormat::Alpha, data.get(..pixels)?.to_vec()),
        SwashContent::Color => (GlyphFormat::Rgba, data.get(..pixels * 4)?.to_vec()),
        SwashContent::SubpixelMask => {
            let rgba = data.get(..pixels * 4)?;
            let alpha = rgba
                .chunks_exact(4)
                .map(|p| ((u16::from(p[0]) + u16::from(p[1]) + u16::from(p[2]) + 1) / 3) as u8)
                .collect();
            (GlyphFormat::Alpha, alpha)
        }
    };
    Some(GlyphImage {
        width,
        height,
        format,
        data,
    })
}

impl Painter<'_> {
    /// Draws the text the layout shaped for a Text, Button or Link.
    pub(super) fn layout_text(&mut self, id: ElementId, e: &crate::tree::Element, content: Rect) {
        let Some(&node) = self.layout.nodes.get(id) else {
            return;
        };
        let c = &e.computed;
        let visible = self.visible;
        let lines = match self.layout.tree.shaped_text(node) {
            Ok(Some(shaped)) => shaped.buffer().and_then(|buffer| {
                // Cull before copying the glyphs out.
                let extent = extent_of(buffer);
                let origin = aligned_origin(content, &extent, c.text_vertical_alignment);
                super::overlaps(extent.ink(origin), visible).then(|| lines_of(buffer))
            }),
            _ => None,
        };
        let Some(lines) = lines else {
            return;
        };
        let origin = aligned_origin(content, &lines, c.text_vertical_alignment);
        self.draw_text(&lines, origin, super::dc(c.text_color), c.text_decoration);
    }

    /// Shapes a text the layout does not shape, laid out `width` px wide; kept per element.
    pub(super) fn shape_label(
        &mut self,
        id: ElementId,
        text: &str,
        style: &TextStyle,
        width: f32,
    ) -> Option<TextLines> {
        let shaped = match self.state.labels.entry(id)? {
            slotmap::secondary::Entry::Occupied(o) => o.into_mut(),
            slotmap::secondary::Entry::Vacant(v) => v.insert(ShapedText::new(text, style.clone())),
        };
        shaped.set(text, style);
        self.layout
            .tree
            .text_engine_mut()
            .layout_for_width(shaped, width);
        shaped.buffer().map(lines_of)
    }

    /// Draws laid-out lines with their top-left at `origin` (logical px).
    pub(super) fn draw_text(
        &mut self,
        lines: &TextLines,
        origin: Point,
        color: Color,
        decoration: TextDecoration,
    ) {
        if color.is_transparent() || !origin.x.is_finite() || !origin.y.is_finite() {
            return;
        }
        if !self.is_visible(lines.ink(origin)) {
            return;
        }
        let s = self.scale;
        let frame = self.state.frame;
        let font_system = self.layout.tree.text_engine_mut().font_system_mut();
        let mut glyphs = Vec::new();
        for line in &lines.lines {
            for g in &line.glyphs {
                let size = g.font_size * s;
                if size.is_nan() || size > MAX_GLYPH_PX {
                    continue;
                }
                let physical = g.physical((origin.x * s, (origin.y + line.baseline) * s), s);
                let placed = self.state.glyphs.get(
                    physical.cache_key,
                    font_system,
                    frame,
                    &mut self.resources,
                );
                if let Some(p) = placed {
                    glyphs.push(GlyphInstance {
                        key: p.key,
                        x: (physical.x as f32 + p.left as f32) / s,
                        y: (physical.y as f32 - p.top as f32) / s,
                    });
                }
            }
        }
        if !glyphs.is_empty() {
            self.items.push(DisplayItem::Glyphs { color, glyphs });
        }
        if decoration != TextDecoration::None {
            self.decoration_lines(lines, origin, color, decoration);
        }
    }

    /// Underline or line-through: one rectangle per line, across its glyphs.
    fn decoration_lines(
        &mut self,
        lines: &TextLines,
        origin: Point,
        color: Color,
        decoration: TextDecoration,
    ) {
        for line in &lines.lines {
            let Some(first) = line.glyphs.first() else {
                continue;
            };
            let (x0, x1) = line.glyphs.iter().fold((f32::MAX, f32::MIN), |(a, b), g| {
                (a.min(g.x), b.max(g.x + g.w))
            });
            if x1 <= x0 || x1.is_nan() || x0.is_nan() {
                continue;
            }
            let font_system = self.layout.tree.text_engine_mut().font_system_mut();
            let m = DecorationMetrics::of(font_system, first);
            let offset = match decoration {
                TextDecoration::Underline => m.underline,
                TextDecoration::LineThrough => m.strikeout,
                TextDecoration::None => continue,
            };
            let thickness = self.snap_width(m.thickness);
            let y = self.snap(origin.y + line.baseline + offset);
            let left = self.snap(origin.x + x0);
            let right = self.snap(origin.x + x1);
            self.items.push(DisplayItem::Rect {
                rect: Rect::new(left, y, (right - left).max(0.0), thickness),
                radii: CornerRadii::ZERO,
                color,
            });
        }
    }
}

/// Where decoration strokes go, relative to the baseline (positive = below), in px.
#[derive(Debug, Clone, Copy, PartialEq)]
struct DecorationMetrics {
    underline: f32,
    strikeout: f32,
    thickness: f32,
}

impl DecorationMetrics {
    /// From the font's metrics, with typographic defaults where the font gives none.
    fn of(font_system: &mut FontSystem, glyph: &LayoutGlyph) -> Self {
        let size = glyph.font_size;
        let mut m = DecorationMetrics {
            underline: size * 0.1,
            strikeout: -size * 0.28,
            thickness: (size / 14.0).max(1.0),
        };
        if let Some(font) = font_system.get_font(glyph.font_id, glyph.font_weight) {
            let metrics = font.as_swash().metrics(&[]).scale(size);
            // OpenType: offsets are distances above the baseline to the top of the stroke.
            if metrics.underline_offset < 0.0 && -metrics.underline_offset < size * 0.5 {
                m.underline = -metrics.underline_offset;
            }
            if metrics.strikeout_offset > 0.0 && metrics.strikeout_offset < size {
                m.strikeout = -metrics.strikeout_offset;
            }
            if metrics.stroke_size > 0.0 && metrics.stroke_size < size * 0.25 {
                m.thickness = metrics.stroke_size;
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placement(width: u32, height: u32) -> cosmic_text::Placement {
        cosmic_text::Placement {
            left: 1,
            top: 2,
            width,
            height,
        }
    }

    #[test]
    fn glyph_images_convert_by_content() {
        let mask = to_glyph_image(SwashContent::Mask, &[1, 2, 3, 4], placement(2, 2));
        assert_eq!(
            mask.map(|m| (m.format, m.data)),
            Some((GlyphFormat::Alpha, vec![1, 2, 3, 4]))
        );
        let sub = to_glyph_image(
            SwashContent::SubpixelMask,
            &[30, 60, 90, 255],
            placement(1, 1),
        );
        assert_eq!(sub.map(|m| m.data), Some(vec![60]));
        let color = to_glyph_image(SwashContent::Color, &[9; 8], placement(2, 1));
        assert_eq!(color.map(|m| m.format), Some(GlyphFormat::Rgba));
        assert_eq!(
            to_glyph_image(SwashContent::Mask, &[], placement(0, 3)),
            None
        );
        assert_eq!(
            to_glyph_image(SwashContent::Mask, &[1], placement(2, 2)),
            None,
            "short data"
        );
    }

    #[test]
    fn glyphs_upload_once_and_age_out() {
        let mut engine = kryon_layout::TextEngine::new();
        let mut text = ShapedText::new("abc", TextStyle::default());
        engine.layout_for_width(&mut text, 200.0);
        let lines = lines_of(text.buffer().expect("shaped"));
        let mut cache = GlyphCache::default();
        let mut out = Vec::new();
        for frame in [1, 2] {
            for line in &lines.lines {
                for g in &line.glyphs {
                    let p = g.physical((0.0, line.baseline), 1.0);
                    cache.get(p.cache_key, engine.font_system_mut(), frame, &mut out);
                }
            }
        }
        let uploads = out
            .iter()
            .filter(|r| matches!(r, ResourceChange::UploadGlyph { .. }))
            .count();
        assert_eq!(uploads, 3, "a, b, c once each over two frames");
        out.clear();
        cache.sweep(2 + GLYPH_TTL_FRAMES, &mut out);
        assert!(out.is_empty());
        cache.sweep(3 + GLYPH_TTL_FRAMES, &mut out);
        assert_eq!(out.len(), 3);
        assert_eq!(cache.len(), 0);
        assert!(cache.release().is_empty());
    }

    #[test]
    fn vertical_alignment_places_the_block() {
        let lines = TextLines {
            lines: Vec::new(),
            width: 10.0,
            height: 20.0,
            align_width: 0.0,
            overhang: 0.0,
        };
        let content = Rect::new(0.0, 100.0, 50.0, 60.0);
        assert_eq!(aligned_origin(content, &lines, VerticalAlign::Top).y, 100.0);
        assert_eq!(
            aligned_origin(content, &lines, VerticalAlign::Center).y,
            120.0
        );
        assert_eq!(
            aligned_origin(content, &lines, VerticalAlign::Bottom).y,
            140.0
        );
    }
}
