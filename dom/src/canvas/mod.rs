//! Canvas 2D (script-api §5): drawing commands recorded by scripts, rasterized at paint time.
//!
//! - A canvas's `draw_script` records [`CanvasCommand`]s between [`Dom::canvas_begin`] and
//!   [`Dom::canvas_end`]. Each pass replaces the previous list; a pass that records the same list
//!   as the last one changes nothing and does not make the tree need a paint.
//! - Coordinates are canvas-local logical px (origin top left, y down). A command with a NaN
//!   coordinate is dropped when pushed ([`CanvasCommand::has_nan`]).
//! - Paint (`paint/canvas.rs`) rasterizes the list with tiny-skia ([`raster`]) into an RGBA
//!   image of the content box at the frame's physical scale, starting transparent so the
//!   canvas's `background_color` shows through, antialiased and clipped to the content box. The
//!   image is uploaded once and re-rasterized only when the list, the size or the scale changes;
//!   it is freed when the canvas goes away.
//! - `drawImage` sources resolve relative to the folder of the app's `.kry` file; each file is
//!   decoded once, when a pass that uses it ends (K0409 when it cannot be read).
//! - `drawText` shapes with the dom's own text engine (bundled fonts and `font` declarations,
//!   like Text elements); `\n` breaks lines, the line height is 1.2 × the size.
//! - A `mode: 3d` canvas is a placeholder and records nothing here.

pub(crate) mod raster;

use crate::dom::Dom;
use crate::kind::ElementKind;
use crate::style::values::Redraw;
use crate::tree::ElementId;
use crate::value::Color;
use kryon_display::{ImageData, ImageId};
use kryon_layout::{TextStyle, TextWrap, WidthConstraint};
use kryon_markup::Diagnostic;
use slotmap::SecondaryMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Line height of canvas text, as a multiple of its size.
pub const CANVAS_LINE_HEIGHT: f32 = 1.2;

/// One drawing command of a canvas pass (script-api §5). Coordinates and sizes are canvas-local
/// logical px; colours of `None` draw nothing (for `Clear`: clear to transparent).
#[derive(Debug, Clone, PartialEq)]
pub enum CanvasCommand {
    /// Fills the whole canvas, ignoring the transform; `None` clears to transparent.
    Clear {
        /// Fill colour.
        color: Option<Color>,
    },
    /// A straight line.
    Line {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Stroke colour.
        color: Option<Color>,
        /// Stroke width.
        width: f32,
    },
    /// An axis-aligned rectangle (in the current transform).
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Option<Color>,
        /// Stroke colour.
        stroke: Option<Color>,
        /// Stroke width.
        stroke_width: f32,
    },
    /// A rectangle with circular corners.
    RoundedRect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Corner radius (clamped to half the smaller side).
        radius: f32,
        /// Fill colour.
        fill: Option<Color>,
        /// Stroke colour.
        stroke: Option<Color>,
        /// Stroke width.
        stroke_width: f32,
    },
    /// A circle.
    Circle {
        /// Centre x.
        cx: f32,
        /// Centre y.
        cy: f32,
        /// Radius.
        r: f32,
        /// Fill colour.
        fill: Option<Color>,
        /// Stroke colour.
        stroke: Option<Color>,
        /// Stroke width.
        stroke_width: f32,
    },
    /// An axis-aligned ellipse (in the current transform).
    Ellipse {
        /// Centre x.
        cx: f32,
        /// Centre y.
        cy: f32,
        /// Horizontal radius.
        rx: f32,
        /// Vertical radius.
        ry: f32,
        /// Fill colour.
        fill: Option<Color>,
        /// Stroke colour.
        stroke: Option<Color>,
        /// Stroke width.
        stroke_width: f32,
    },
    /// A closed polygon (at least 3 points, non-zero fill rule).
    Polygon {
        /// Vertices.
        points: Vec<(f32, f32)>,
        /// Fill colour.
        fill: Option<Color>,
        /// Stroke colour.
        stroke: Option<Color>,
        /// Stroke width.
        stroke_width: f32,
    },
    /// An open polyline (at least 2 points).
    Polyline {
        /// Vertices.
        points: Vec<(f32, f32)>,
        /// Stroke colour.
        color: Option<Color>,
        /// Stroke width.
        width: f32,
    },
    /// Text whose first line's top-left corner is at (x, y); `\n` breaks lines.
    Text {
        /// The text.
        text: String,
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Font size, logical px.
        size: f32,
        /// Colour.
        color: Color,
        /// Family name (bundled or declared with `font`); `None` for the default.
        font: Option<String>,
    },
    /// An image file drawn into a rectangle; a missing side follows the image's aspect ratio
    /// (its pixel size when both are missing).
    Image {
        /// Path relative to the folder of the app's `.kry` file (or absolute).
        src: String,
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: Option<f32>,
        /// Height.
        h: Option<f32>,
    },
    /// Pushes the current transform.
    Save,
    /// Pops the transform pushed by the matching `Save` (nothing when none is open).
    Restore,
    /// Translates the coordinate system.
    Translate {
        /// Along x.
        x: f32,
        /// Along y.
        y: f32,
    },
    /// Rotates the coordinate system clockwise (y points down) by an angle in radians.
    Rotate {
        /// Angle.
        radians: f32,
    },
    /// Scales the coordinate system.
    Scale {
        /// Along x.
        sx: f32,
        /// Along y.
        sy: f32,
    },
}

impl CanvasCommand {
    /// Whether any coordinate or size is NaN (such a command is skipped, script-api §5).
    pub fn has_nan(&self) -> bool {
        use CanvasCommand as C;
        let nan = |values: &[f32]| values.iter().any(|v| v.is_nan());
        let points_nan =
            |points: &[(f32, f32)]| points.iter().any(|(x, y)| x.is_nan() || y.is_nan());
        match self {
            C::Clear { .. } | C::Save | C::Restore => false,
            C::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                ..
            } => nan(&[*x1, *y1, *x2, *y2, *width]),
            C::Rect {
                x,
                y,
                w,
                h,
                stroke_width,
                ..
            } => nan(&[*x, *y, *w, *h, *stroke_width]),
            C::RoundedRect {
                x,
                y,
                w,
                h,
                radius,
                stroke_width,
                ..
            } => nan(&[*x, *y, *w, *h, *radius, *stroke_width]),
            C::Circle {
                cx,
                cy,
                r,
                stroke_width,
                ..
            } => nan(&[*cx, *cy, *r, *stroke_width]),
            C::Ellipse {
                cx,
                cy,
                rx,
                ry,
                stroke_width,
                ..
            } => nan(&[*cx, *cy, *rx, *ry, *stroke_width]),
            C::Polygon {
                points,
                stroke_width,
                ..
            } => points_nan(points) || stroke_width.is_nan(),
            C::Polyline { points, width, .. } => points_nan(points) || width.is_nan(),
            C::Text { x, y, size, .. } => nan(&[*x, *y, *size]),
            C::Image { x, y, w, h, .. } => {
                nan(&[*x, *y]) || w.is_some_and(f32::is_nan) || h.is_some_and(f32::is_nan)
            }
            C::Translate { x, y } => nan(&[*x, *y]),
            C::Rotate { radians } => radians.is_nan(),
            C::Scale { sx, sy } => nan(&[*sx, *sy]),
        }
    }
}

/// The rasterized image of a canvas and where it is in the renderer.
#[derive(Debug, Clone)]
pub(crate) struct RasterCache {
    /// What the image was rasterized from: command version, physical size, scale bits.
    pub key: (u64, u32, u32, u32),
    /// The pixels (kept so an upload lost with the renderer can be repeated without
    /// rasterizing again).
    pub data: ImageData,
    /// The renderer id, once uploaded.
    pub uploaded: Option<ImageId>,
}

/// The recorded drawing of one canvas.
#[derive(Debug, Default)]
pub(crate) struct CanvasEntry {
    /// The commands of the last completed pass.
    pub commands: Vec<CanvasCommand>,
    /// The pass being recorded, between begin and end.
    pending: Option<Vec<CanvasCommand>>,
    /// Bumped whenever `commands` changes.
    pub version: u64,
    /// The last rasterization.
    pub raster: Option<RasterCache>,
}

/// A decoded `drawImage` source, premultiplied for tiny-skia.
#[derive(Debug, Clone)]
pub(crate) enum CanvasImage {
    /// Decoded pixels.
    Loaded(Arc<tiny_skia::Pixmap>),
    /// The file could not be read or decoded.
    Failed,
}

/// Recorded drawing of every Canvas element, and what paint keeps for it.
pub struct Canvases {
    /// Per canvas.
    pub(crate) entries: SecondaryMap<ElementId, CanvasEntry>,
    /// `drawImage` sources by `src` as written.
    pub(crate) images: HashMap<String, CanvasImage>,
    /// Glyph rasterizer for `drawText`.
    pub(crate) swash: cosmic_text::SwashCache,
}

impl Default for Canvases {
    fn default() -> Self {
        Self {
            entries: SecondaryMap::new(),
            images: HashMap::new(),
            swash: cosmic_text::SwashCache::new(),
        }
    }
}

impl std::fmt::Debug for Canvases {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Canvases")
            .field("entries", &self.entries)
            .field("images", &self.images.len())
            .finish_non_exhaustive()
    }
}

impl Canvases {
    /// The commands of a canvas's last completed pass.
    pub fn commands(&self, canvas: ElementId) -> &[CanvasCommand] {
        self.entries
            .get(canvas)
            .map_or(&[], |e| e.commands.as_slice())
    }
}

/// Decodes an image file into a premultiplied pixmap.
fn decode_image(path: &Path) -> Result<tiny_skia::Pixmap, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    let image = image::load_from_memory(&bytes).map_err(|e| format!("cannot decode it: {e}"))?;
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    let mut data = rgba.into_raw();
    for px in data.chunks_exact_mut(4) {
        let a = u16::from(px[3]);
        for c in &mut px[..3] {
            *c = ((u16::from(*c) * a + 127) / 255) as u8;
        }
    }
    let size = tiny_skia::IntSize::from_wh(width, height).ok_or("it has no pixels")?;
    tiny_skia::Pixmap::from_vec(data, size).ok_or_else(|| "it is too large".to_string())
}

impl Dom {
    /// Starts a new pass for a canvas: the commands recorded until [`Dom::canvas_end`] replace
    /// the previous pass's (the transform stack starts from identity in every pass).
    pub fn canvas_begin(&mut self, canvas: ElementId) {
        if !self.arena.elements.contains_key(canvas) {
            return;
        }
        if let Some(entry) = self.canvases.entries.entry(canvas) {
            entry.or_default().pending = Some(Vec::new());
        }
    }

    /// Records a command in the pass being recorded (a push without [`Dom::canvas_begin`]
    /// starts one). A command with a NaN coordinate is skipped.
    pub fn canvas_push(&mut self, canvas: ElementId, command: CanvasCommand) {
        if command.has_nan() || !self.arena.elements.contains_key(canvas) {
            return;
        }
        if let Some(entry) = self.canvases.entries.entry(canvas) {
            entry
                .or_default()
                .pending
                .get_or_insert_with(Vec::new)
                .push(command);
        }
    }

    /// Ends the pass: its commands become the canvas's drawing. The tree needs a paint only
    /// when they differ from the last pass's. Loads `drawImage` files not seen before.
    pub fn canvas_end(&mut self, canvas: ElementId) {
        let Some(entry) = self.canvases.entries.get_mut(canvas) else {
            return;
        };
        let Some(pending) = entry.pending.take() else {
            return;
        };
        if pending == entry.commands {
            return;
        }
        entry.commands = pending;
        entry.version = entry.version.wrapping_add(1);
        self.paint.invalidate();
        let sources: Vec<String> = entry
            .commands
            .iter()
            .filter_map(|c| match c {
                CanvasCommand::Image { src, .. } => Some(src.clone()),
                _ => None,
            })
            .filter(|src| !self.canvases.images.contains_key(src))
            .collect();
        for src in sources {
            self.load_canvas_image(canvas, src);
        }
    }

    /// Decodes a `drawImage` source once; K0409 at the canvas when it fails.
    fn load_canvas_image(&mut self, canvas: ElementId, src: String) {
        if self.canvases.images.contains_key(&src) {
            return;
        }
        let path = self.app_relative(&src);
        let image = match decode_image(&path) {
            Ok(pixmap) => CanvasImage::Loaded(Arc::new(pixmap)),
            Err(error) => {
                let span = self.arena.elements.get(canvas).map(|e| e.span);
                let mut d = Diagnostic::warning(
                    "K0409",
                    format!("canvas image \"{src}\" is missing or unreadable: {error}"),
                )
                .with_note(format!("looked for {}", path.display()));
                if let Some(span) = span {
                    d = d.at(span);
                }
                self.report(d);
                CanvasImage::Failed
            }
        };
        self.canvases.images.insert(src, image);
    }

    /// `src` relative to the folder of the app's `.kry` file (absolute paths as is).
    fn app_relative(&self, src: &str) -> PathBuf {
        let path = Path::new(src);
        if path.is_absolute() {
            return kryon_markup::load::normalise_path(path);
        }
        let dir = self
            .arena
            .elements
            .get(self.root)
            .and_then(|app| self.document.sources.get(app.span.file))
            .and_then(|f| f.path.parent())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        kryon_markup::load::normalise_path(&dir.join(path))
    }

    /// A canvas's content box size from the last layout, in logical px.
    pub fn canvas_size(&self, canvas: ElementId) -> Option<(f32, f32)> {
        let node = self.layout.nodes.get(canvas)?;
        let g = self.layout.tree.geometry(*node).ok()?;
        let b = g.border_box;
        let w = b.width - g.border.left - g.border.right - g.padding.left - g.padding.right;
        let h = b.height - g.border.top - g.border.bottom - g.padding.top - g.padding.bottom;
        (w.is_finite() && h.is_finite()).then_some((w.max(0.0), h.max(0.0)))
    }

    /// The width and height of `text` drawn by `drawText` at `size` in `font` (the default
    /// family when `None`), in logical px: the widest line × the line count × 1.2 × size.
    pub fn measure_canvas_text(&mut self, text: &str, size: f32, font: Option<&str>) -> (f32, f32) {
        let Some(style) = canvas_text_style(size, font) else {
            return (0.0, 0.0);
        };
        let m = self.layout.tree.text_engine_mut().measure_str(
            text,
            &style,
            WidthConstraint::MaxContent,
        );
        (m.width, m.height)
    }

    /// Every 2D canvas (not `mode: 3d`), in document order.
    pub fn canvases_in_document_order(&self) -> Vec<ElementId> {
        let mut out = Vec::new();
        let mut stack = vec![self.root];
        while let Some(id) = stack.pop() {
            let Some(e) = self.arena.elements.get(id) else {
                continue;
            };
            if e.kind == ElementKind::Canvas && !crate::paint::is_3d_canvas(&e.computed) {
                out.push(id);
            }
            stack.extend(e.children.iter().rev());
        }
        out
    }

    /// Whether a canvas uses `redraw: on_demand` (its `draw_script` runs only after
    /// `invalidate()` or a resize).
    pub fn canvas_redraw_on_demand(&self, canvas: ElementId) -> bool {
        self.arena
            .elements
            .get(canvas)
            .is_some_and(|e| e.computed.canvas.redraw == Redraw::OnDemand)
    }
}

/// The text style `drawText` shapes with; `None` for a size that cannot be drawn.
pub(crate) fn canvas_text_style(size: f32, font: Option<&str>) -> Option<TextStyle> {
    (size.is_finite() && size > 0.0).then(|| TextStyle {
        family: font.unwrap_or("default").to_string(),
        size_px: size,
        line_height_px: size * CANVAS_LINE_HEIGHT,
        wrap: TextWrap::NoWrap,
        ..TextStyle::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn red() -> Option<Color> {
        Some(Color {
            r: 255,
            g: 0,
            b: 0,
            a: 255,
        })
    }

    #[test]
    fn nan_coordinates_are_detected() {
        let rect = |x: f32| CanvasCommand::Rect {
            x,
            y: 0.0,
            w: 1.0,
            h: 1.0,
            fill: red(),
            stroke: None,
            stroke_width: 1.0,
        };
        assert!(!rect(0.0).has_nan());
        assert!(rect(f32::NAN).has_nan());
        assert!(!rect(f32::INFINITY).has_nan(), "only NaN skips");
        let poly = CanvasCommand::Polygon {
            points: vec![(0.0, 0.0), (1.0, f32::NAN), (2.0, 0.0)],
            fill: red(),
            stroke: None,
            stroke_width: 1.0,
        };
        assert!(poly.has_nan());
        let image = CanvasCommand::Image {
            src: "a.png".into(),
            x: 0.0,
            y: 0.0,
            w: Some(f32::NAN),
            h: None,
        };
        assert!(image.has_nan());
        assert!(!CanvasCommand::Clear { color: None }.has_nan());
        assert!(CanvasCommand::Rotate { radians: f32::NAN }.has_nan());
    }

    #[test]
    fn text_style_rejects_bad_sizes() {
        assert!(canvas_text_style(0.0, None).is_none());
        assert!(canvas_text_style(f32::INFINITY, None).is_none());
        let style = canvas_text_style(20.0, Some("mono")).expect("style");
        assert_eq!(style.family, "mono");
        assert_eq!(style.line_height_px, 24.0);
    }
}
