//! Plays a canvas's commands into a tiny-skia pixmap.
//!
//! The pixmap is the canvas's content box at `scale` physical px per logical px; the device
//! transform is `scale(scale) · ctm`, where `ctm` is the canvas transform built by
//! `translate`/`rotate`/`scale` and saved/restored by `save`/`restore`. Everything is
//! antialiased; the pixmap's edges clip. Glyphs are rasterized by swash at the transform's
//! effective scale and composited; with a transform that only translates and scales uniformly
//! they land on the pixel grid unresampled.

use super::{CanvasCommand, CanvasImage, canvas_text_style};
use crate::value::Color;
use cosmic_text::{SwashCache, SwashContent};
use kryon_layout::{ShapedText, TextEngine};
use std::collections::HashMap;
use tiny_skia::{
    FillRule, IntSize, Paint, Path, PathBuilder, Pixmap, PixmapPaint, Stroke, Transform,
};

/// Nested `save`s kept at most (deeper ones are ignored, with their `restore`s).
const MAX_SAVE_DEPTH: usize = 1024;
/// Glyphs above this physical size are not drawn.
const MAX_GLYPH_PX: f32 = 2048.0;
/// Bézier control distance for a quarter circle, as a fraction of the radius.
const KAPPA: f32 = 0.552_284_8;

/// What text and image commands need besides the pixmap.
pub(crate) struct RasterContext<'a> {
    /// The dom's text engine (fonts, shaping).
    pub text: &'a mut TextEngine,
    /// Glyph rasterizer.
    pub swash: &'a mut SwashCache,
    /// Decoded `drawImage` sources.
    pub images: &'a HashMap<String, CanvasImage>,
}

/// The transform stack of a pass.
#[derive(Debug, Clone)]
pub(crate) struct TransformStack {
    /// Current transform (canvas-local → canvas logical px).
    pub current: Transform,
    saved: Vec<Transform>,
    /// `save`s beyond [`MAX_SAVE_DEPTH`] not yet restored.
    overflow: usize,
}

impl Default for TransformStack {
    fn default() -> Self {
        Self {
            current: Transform::identity(),
            saved: Vec::new(),
            overflow: 0,
        }
    }
}

impl TransformStack {
    /// Applies a transform command; returns false for any other command.
    pub fn apply(&mut self, command: &CanvasCommand) -> bool {
        match *command {
            CanvasCommand::Save => {
                if self.saved.len() < MAX_SAVE_DEPTH {
                    self.saved.push(self.current);
                } else {
                    self.overflow += 1;
                }
            }
            CanvasCommand::Restore => {
                if self.overflow > 0 {
                    self.overflow -= 1;
                } else if let Some(t) = self.saved.pop() {
                    self.current = t;
                }
            }
            CanvasCommand::Translate { x, y } => self.then(Transform::from_translate(x, y)),
            CanvasCommand::Rotate { radians } => {
                let (sin, cos) = radians.sin_cos();
                self.then(Transform::from_row(cos, sin, -sin, cos, 0.0, 0.0));
            }
            CanvasCommand::Scale { sx, sy } => self.then(Transform::from_scale(sx, sy)),
            _ => return false,
        }
        true
    }

    /// Appends a local transform (applied to coordinates before the current one).
    fn then(&mut self, local: Transform) {
        let next = self.current.pre_concat(local);
        if next.is_finite() {
            self.current = next;
        }
    }
}

/// The path of a closed polygon; `None` with fewer than 3 points or non-finite ones.
pub(crate) fn polygon_path(points: &[(f32, f32)], close: bool) -> Option<Path> {
    let min = if close { 3 } else { 2 };
    if points.len() < min {
        return None;
    }
    let mut pb = PathBuilder::with_capacity(points.len() + 1, points.len());
    let (first, rest) = points.split_first()?;
    pb.move_to(first.0, first.1);
    for &(x, y) in rest {
        pb.line_to(x, y);
    }
    if close {
        pb.close();
    }
    pb.finish()
}

/// A rectangle path (any sign of width and height).
fn rect_path(x: f32, y: f32, w: f32, h: f32) -> Option<Path> {
    polygon_path(&[(x, y), (x + w, y), (x + w, y + h), (x, y + h)], true)
}

/// A rounded rectangle path; the radius is clamped to half the smaller side.
fn rounded_rect_path(x: f32, y: f32, w: f32, h: f32, radius: f32) -> Option<Path> {
    let (x0, x1) = (x.min(x + w), x.max(x + w));
    let (y0, y1) = (y.min(y + h), y.max(y + h));
    let r = radius.max(0.0).min((x1 - x0) / 2.0).min((y1 - y0) / 2.0);
    if r <= 0.0 {
        return rect_path(x0, y0, x1 - x0, y1 - y0);
    }
    let k = r * KAPPA;
    let mut pb = PathBuilder::new();
    pb.move_to(x0 + r, y0);
    pb.line_to(x1 - r, y0);
    pb.cubic_to(x1 - r + k, y0, x1, y0 + r - k, x1, y0 + r);
    pb.line_to(x1, y1 - r);
    pb.cubic_to(x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1);
    pb.line_to(x0 + r, y1);
    pb.cubic_to(x0 + r - k, y1, x0, y1 - r + k, x0, y1 - r);
    pb.line_to(x0, y0 + r);
    pb.cubic_to(x0, y0 + r - k, x0 + r - k, y0, x0 + r, y0);
    pb.close();
    pb.finish()
}

/// An ellipse path; `None` when a radius is not positive.
fn ellipse_path(cx: f32, cy: f32, rx: f32, ry: f32) -> Option<Path> {
    if !(rx > 0.0 && ry > 0.0) {
        return None;
    }
    let rect = tiny_skia::Rect::from_xywh(cx - rx, cy - ry, rx * 2.0, ry * 2.0)?;
    PathBuilder::from_oval(rect)
}

fn paint_of(c: Color) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(c.r, c.g, c.b, c.a);
    paint.anti_alias = true;
    paint
}

/// Plays commands into pixmaps.
pub(crate) struct Rasterizer<'a, 'c> {
    /// The output.
    pub pixmap: Pixmap,
    /// Physical px per logical px.
    scale: f32,
    /// The transform stack.
    pub stack: TransformStack,
    ctx: &'a mut RasterContext<'c>,
}

impl<'a, 'c> Rasterizer<'a, 'c> {
    /// A transparent `width × height` physical px canvas; `None` when a side is zero.
    pub fn new(
        width: u32,
        height: u32,
        scale: f32,
        ctx: &'a mut RasterContext<'c>,
    ) -> Option<Self> {
        Some(Self {
            pixmap: Pixmap::new(width, height)?,
            scale,
            stack: TransformStack::default(),
            ctx,
        })
    }

    /// Canvas-local → pixmap px.
    fn device(&self) -> Transform {
        self.stack.current.post_scale(self.scale, self.scale)
    }

    /// Plays a whole pass.
    pub fn run(&mut self, commands: &[CanvasCommand]) {
        for command in commands {
            self.command(command);
        }
    }

    fn fill_and_stroke(
        &mut self,
        path: Option<Path>,
        fill: Option<Color>,
        stroke: Option<Color>,
        width: f32,
    ) {
        let Some(path) = path else {
            return;
        };
        let t = self.device();
        if let Some(fill) = fill.filter(|c| c.a > 0) {
            self.pixmap
                .fill_path(&path, &paint_of(fill), FillRule::Winding, t, None);
        }
        if let Some(stroke) = stroke.filter(|c| c.a > 0)
            && width.is_finite()
            && width > 0.0
        {
            let s = Stroke {
                width,
                ..Stroke::default()
            };
            self.pixmap
                .stroke_path(&path, &paint_of(stroke), &s, t, None);
        }
    }

    /// Plays one command.
    pub fn command(&mut self, command: &CanvasCommand) {
        use CanvasCommand as C;
        if command.has_nan() || self.stack.apply(command) {
            return;
        }
        match command {
            C::Clear { color } => {
                let c = color.unwrap_or_default();
                self.pixmap
                    .fill(tiny_skia::Color::from_rgba8(c.r, c.g, c.b, c.a));
            }
            &C::Line {
                x1,
                y1,
                x2,
                y2,
                color,
                width,
            } => {
                let path = polygon_path(&[(x1, y1), (x2, y2)], false);
                self.fill_and_stroke(path, None, color, width);
            }
            &C::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
                stroke_width,
            } => self.fill_and_stroke(rect_path(x, y, w, h), fill, stroke, stroke_width),
            &C::RoundedRect {
                x,
                y,
                w,
                h,
                radius,
                fill,
                stroke,
                stroke_width,
            } => {
                let path = rounded_rect_path(x, y, w, h, radius);
                self.fill_and_stroke(path, fill, stroke, stroke_width);
            }
            &C::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
                stroke_width,
            } => self.fill_and_stroke(ellipse_path(cx, cy, r, r), fill, stroke, stroke_width),
            &C::Ellipse {
                cx,
                cy,
                rx,
                ry,
                fill,
                stroke,
                stroke_width,
            } => self.fill_and_stroke(ellipse_path(cx, cy, rx, ry), fill, stroke, stroke_width),
            C::Polygon {
                points,
                fill,
                stroke,
                stroke_width,
            } => {
                let path = polygon_path(points, true);
                self.fill_and_stroke(path, *fill, *stroke, *stroke_width);
            }
            C::Polyline {
                points,
                color,
                width,
            } => {
                let path = polygon_path(points, false);
                self.fill_and_stroke(path, None, *color, *width);
            }
            C::Text {
                text,
                x,
                y,
                size,
                color,
                font,
            } => self.text(text, *x, *y, *size, *color, font.as_deref()),
            C::Image { src, x, y, w, h } => self.image(src, *x, *y, *w, *h),
            C::Save | C::Restore | C::Translate { .. } | C::Rotate { .. } | C::Scale { .. } => {}
        }
    }

    /// `drawImage`: the decoded file scaled into (x, y, w, h).
    fn image(&mut self, src: &str, x: f32, y: f32, w: Option<f32>, h: Option<f32>) {
        let Some(CanvasImage::Loaded(image)) = self.ctx.images.get(src) else {
            return;
        };
        let (iw, ih) = (image.width() as f32, image.height() as f32);
        let (w, h) = match (w, h) {
            (Some(w), Some(h)) => (w, h),
            (Some(w), None) => (w, w * ih / iw),
            (None, Some(h)) => (h * iw / ih, h),
            (None, None) => (iw, ih),
        };
        if !(w.is_finite() && h.is_finite()) || w == 0.0 || h == 0.0 {
            return;
        }
        let t = self.device().pre_translate(x, y).pre_scale(w / iw, h / ih);
        let paint = PixmapPaint {
            quality: if t.is_translate() {
                tiny_skia::FilterQuality::Nearest
            } else {
                tiny_skia::FilterQuality::Bilinear
            },
            ..PixmapPaint::default()
        };
        self.pixmap
            .draw_pixmap(0, 0, Pixmap::as_ref(image), &paint, t, None);
    }

    /// `drawText`: shaped by the dom's text engine, glyphs rasterized by swash.
    fn text(&mut self, text: &str, x: f32, y: f32, size: f32, color: Color, font: Option<&str>) {
        if color.a == 0 || text.is_empty() || !x.is_finite() || !y.is_finite() {
            return;
        }
        let Some(style) = canvas_text_style(size, font) else {
            return;
        };
        let mut shaped = ShapedText::new(text, style);
        self.ctx.text.layout_for_width(&mut shaped, 1e7);
        let Some(buffer) = shaped.buffer() else {
            return;
        };
        // Glyph space: the text origin, at `glyph_scale` px per canvas-local px.
        let device = self.device();
        let det = (device.sx * device.sy - device.kx * device.ky).abs();
        let glyph_scale = det.sqrt();
        if !(glyph_scale.is_finite() && glyph_scale > 1e-3) {
            return;
        }
        let g = device
            .pre_translate(x, y)
            .pre_scale(1.0 / glyph_scale, 1.0 / glyph_scale);
        // Translate-only: draw on the pixmap's grid directly, the pen offset included.
        let on_grid = (g.sx - 1.0).abs() < 1e-4
            && (g.sy - 1.0).abs() < 1e-4
            && g.kx.abs() < 1e-4
            && g.ky.abs() < 1e-4;
        let (offset, transform) = if on_grid {
            ((g.tx, g.ty), Transform::identity())
        } else {
            ((0.0, 0.0), g)
        };
        let paint = PixmapPaint {
            quality: if on_grid {
                tiny_skia::FilterQuality::Nearest
            } else {
                tiny_skia::FilterQuality::Bilinear
            },
            ..PixmapPaint::default()
        };
        let font_system = self.ctx.text.font_system_mut();
        for run in buffer.layout_runs() {
            for glyph in run.glyphs {
                let px = glyph.font_size * glyph_scale;
                if px.is_nan() || px > MAX_GLYPH_PX {
                    continue;
                }
                let physical =
                    glyph.physical((offset.0, offset.1 + run.line_y * glyph_scale), glyph_scale);
                let Some(image) = self
                    .ctx
                    .swash
                    .get_image_uncached(font_system, physical.cache_key)
                else {
                    continue;
                };
                let Some(bitmap) = glyph_pixmap(
                    image.content,
                    &image.data,
                    image.placement.width,
                    image.placement.height,
                    color,
                ) else {
                    continue;
                };
                self.pixmap.draw_pixmap(
                    physical.x + image.placement.left,
                    physical.y - image.placement.top,
                    bitmap.as_ref(),
                    &paint,
                    transform,
                    None,
                );
            }
        }
    }
}

/// A swash glyph bitmap as a premultiplied pixmap in `color` (colour glyphs keep their colours
/// and take the colour's alpha).
fn glyph_pixmap(
    content: SwashContent,
    data: &[u8],
    width: u32,
    height: u32,
    color: Color,
) -> Option<Pixmap> {
    let size = IntSize::from_wh(width, height)?;
    let pixels = usize::try_from(u64::from(width) * u64::from(height)).ok()?;
    let mul = |a: u32, b: u32| ((a * b + 127) / 255) as u8;
    let ca = u32::from(color.a);
    let tint = |coverage: u8| {
        let a = u32::from(mul(u32::from(coverage), ca));
        [
            mul(u32::from(color.r), a),
            mul(u32::from(color.g), a),
            mul(u32::from(color.b), a),
            a as u8,
        ]
    };
    let mut out = Vec::with_capacity(pixels * 4);
    match content {
        SwashContent::Mask => {
            for &coverage in data.get(..pixels)? {
                out.extend_from_slice(&tint(coverage));
            }
        }
        SwashContent::SubpixelMask => {
            for p in data.get(..pixels * 4)?.chunks_exact(4) {
                let coverage = (u16::from(p[0]) + u16::from(p[1]) + u16::from(p[2]) + 1) / 3;
                out.extend_from_slice(&tint(coverage as u8));
            }
        }
        SwashContent::Color => {
            for p in data.get(..pixels * 4)?.chunks_exact(4) {
                let a = u32::from(mul(u32::from(p[3]), ca));
                out.extend_from_slice(&[
                    mul(u32::from(p[0]), a),
                    mul(u32::from(p[1]), a),
                    mul(u32::from(p[2]), a),
                    a as u8,
                ]);
            }
        }
    }
    Pixmap::from_vec(out, size)
}

/// Rasterizes a pass into straight-alpha RGBA rows (`None` when a side is zero).
pub(crate) fn rasterize(
    commands: &[CanvasCommand],
    width: u32,
    height: u32,
    scale: f32,
    ctx: &mut RasterContext<'_>,
) -> Option<Vec<u8>> {
    let mut r = Rasterizer::new(width, height, scale, ctx)?;
    r.run(commands);
    Some(r.pixmap.take_demultiplied())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RED: Color = Color {
        r: 255,
        g: 0,
        b: 0,
        a: 255,
    };
    const BLUE: Color = Color {
        r: 0,
        g: 0,
        b: 255,
        a: 255,
    };

    /// Runs commands on a `w × h` canvas at `scale`; returns the straight RGBA pixel getter.
    fn run(commands: &[CanvasCommand], w: u32, h: u32, scale: f32) -> Pixmap {
        let mut text = TextEngine::new();
        let mut swash = SwashCache::new();
        let images = HashMap::new();
        let mut ctx = RasterContext {
            text: &mut text,
            swash: &mut swash,
            images: &images,
        };
        let mut r = Rasterizer::new(w, h, scale, &mut ctx).expect("pixmap");
        r.run(commands);
        r.pixmap
    }

    fn px(p: &Pixmap, x: u32, y: u32) -> [u8; 4] {
        let c = p.pixel(x, y).expect("in bounds").demultiply();
        [c.red(), c.green(), c.blue(), c.alpha()]
    }

    fn rect(x: f32, y: f32, w: f32, h: f32, fill: Color) -> CanvasCommand {
        CanvasCommand::Rect {
            x,
            y,
            w,
            h,
            fill: Some(fill),
            stroke: None,
            stroke_width: 1.0,
        }
    }

    #[test]
    fn transform_stack_saves_and_restores() {
        let mut s = TransformStack::default();
        assert!(s.apply(&CanvasCommand::Translate { x: 10.0, y: 5.0 }));
        assert!(s.apply(&CanvasCommand::Save));
        assert!(s.apply(&CanvasCommand::Scale { sx: 2.0, sy: 3.0 }));
        let mut p = tiny_skia::Point::from_xy(1.0, 1.0);
        s.current.map_point(&mut p);
        assert_eq!(
            (p.x, p.y),
            (12.0, 8.0),
            "scale applies before the translate"
        );
        assert!(s.apply(&CanvasCommand::Restore));
        let mut p = tiny_skia::Point::from_xy(1.0, 1.0);
        s.current.map_point(&mut p);
        assert_eq!((p.x, p.y), (11.0, 6.0));
        // An unmatched restore keeps the transform.
        assert!(s.apply(&CanvasCommand::Restore));
        assert_eq!(s.current, Transform::from_translate(10.0, 5.0));
        // Rotation is clockwise on screen (y down).
        let mut r = TransformStack::default();
        r.apply(&CanvasCommand::Rotate {
            radians: std::f32::consts::FRAC_PI_2,
        });
        let mut p = tiny_skia::Point::from_xy(1.0, 0.0);
        r.current.map_point(&mut p);
        assert!(p.x.abs() < 1e-6 && (p.y - 1.0).abs() < 1e-6);
        assert!(!r.apply(&CanvasCommand::Clear { color: None }));
    }

    #[test]
    fn polygons_need_enough_points() {
        assert!(polygon_path(&[(0.0, 0.0), (1.0, 1.0)], true).is_none());
        assert!(polygon_path(&[(0.0, 0.0), (1.0, 1.0)], false).is_some());
        let triangle = polygon_path(&[(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)], true).expect("path");
        let b = triangle.bounds();
        assert_eq!(
            (b.left(), b.top(), b.right(), b.bottom()),
            (0.0, 0.0, 10.0, 10.0)
        );
        // Filled: inside the triangle, not beyond its hypotenuse.
        let p = run(
            &[CanvasCommand::Polygon {
                points: vec![(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)],
                fill: Some(RED),
                stroke: None,
                stroke_width: 1.0,
            }],
            10,
            10,
            1.0,
        );
        assert_eq!(px(&p, 2, 2), [255, 0, 0, 255]);
        assert_eq!(px(&p, 8, 8)[3], 0);
    }

    #[test]
    fn clear_replaces_everything_and_ignores_the_transform() {
        let p = run(
            &[
                rect(0.0, 0.0, 4.0, 4.0, BLUE),
                CanvasCommand::Translate { x: 3.0, y: 3.0 },
                CanvasCommand::Clear { color: Some(RED) },
            ],
            4,
            4,
            1.0,
        );
        assert_eq!(px(&p, 0, 0), [255, 0, 0, 255]);
        assert_eq!(px(&p, 3, 3), [255, 0, 0, 255]);
        let p = run(
            &[
                rect(0.0, 0.0, 4.0, 4.0, BLUE),
                CanvasCommand::Clear { color: None },
            ],
            4,
            4,
            1.0,
        );
        assert_eq!(px(&p, 1, 1)[3], 0, "nil clears to transparent");
    }

    #[test]
    fn nan_shapes_are_skipped_when_played() {
        let p = run(&[rect(f32::NAN, 0.0, 4.0, 4.0, RED)], 4, 4, 1.0);
        assert!(p.pixels().iter().all(|c| c.alpha() == 0));
    }

    #[test]
    fn scale_and_transforms_place_shapes() {
        // At scale 2 a 2×2 logical rect covers 4×4 physical px.
        let p = run(&[rect(1.0, 1.0, 2.0, 2.0, RED)], 8, 8, 2.0);
        assert_eq!(px(&p, 2, 2), [255, 0, 0, 255]);
        assert_eq!(px(&p, 5, 5), [255, 0, 0, 255]);
        assert_eq!(px(&p, 6, 6)[3], 0);
        assert_eq!(px(&p, 1, 1)[3], 0);
        let p = run(
            &[
                CanvasCommand::Save,
                CanvasCommand::Translate { x: 5.0, y: 0.0 },
                rect(0.0, 0.0, 2.0, 2.0, RED),
                CanvasCommand::Restore,
                rect(0.0, 0.0, 2.0, 2.0, BLUE),
            ],
            8,
            8,
            1.0,
        );
        assert_eq!(px(&p, 6, 1), [255, 0, 0, 255]);
        assert_eq!(px(&p, 1, 1), [0, 0, 255, 255]);
    }

    #[test]
    fn strokes_circles_and_rounded_rects() {
        let p = run(
            &[CanvasCommand::Circle {
                cx: 10.0,
                cy: 10.0,
                r: 8.0,
                fill: Some(RED),
                stroke: Some(BLUE),
                stroke_width: 2.0,
            }],
            20,
            20,
            1.0,
        );
        assert_eq!(px(&p, 10, 10), [255, 0, 0, 255]);
        assert_eq!(px(&p, 10, 1)[2], 255, "the stroke is on the edge");
        assert_eq!(px(&p, 0, 0)[3], 0);
        let p = run(
            &[CanvasCommand::RoundedRect {
                x: 0.0,
                y: 0.0,
                w: 20.0,
                h: 20.0,
                radius: 8.0,
                fill: Some(RED),
                stroke: None,
                stroke_width: 1.0,
            }],
            20,
            20,
            1.0,
        );
        assert_eq!(px(&p, 0, 0)[3], 0, "the corner is cut");
        assert_eq!(px(&p, 10, 0), [255, 0, 0, 255]);
        let p = run(
            &[CanvasCommand::Line {
                x1: 0.0,
                y1: 5.0,
                x2: 10.0,
                y2: 5.0,
                color: Some(BLUE),
                width: 2.0,
            }],
            10,
            10,
            1.0,
        );
        assert_eq!(px(&p, 5, 4), [0, 0, 255, 255]);
        assert_eq!(px(&p, 5, 8)[3], 0);
    }

    #[test]
    fn text_draws_glyphs_inside_its_box() {
        let text = |x: f32| CanvasCommand::Text {
            text: "Hg".into(),
            x,
            y: 0.0,
            size: 20.0,
            color: RED,
            font: None,
        };
        let p = run(&[text(0.0)], 60, 30, 1.0);
        let inked: Vec<(u32, u32)> = (0..30)
            .flat_map(|y| (0..60).map(move |x| (x, y)))
            .filter(|&(x, y)| px(&p, x, y)[3] > 0)
            .collect();
        assert!(inked.len() > 20, "glyphs drew pixels");
        assert!(inked.iter().all(|&(x, _)| x < 40));
        // Rotated text still draws (resampled).
        let p = run(
            &[
                CanvasCommand::Translate { x: 30.0, y: 5.0 },
                CanvasCommand::Rotate { radians: 0.5 },
                text(0.0),
            ],
            60,
            60,
            1.0,
        );
        assert!(p.pixels().iter().any(|c| c.alpha() > 0));
    }

    #[test]
    fn glyph_pixmaps_are_tinted_and_premultiplied() {
        let half = Color {
            r: 255,
            g: 0,
            b: 0,
            a: 128,
        };
        let p = glyph_pixmap(SwashContent::Mask, &[255, 0], 2, 1, half).expect("pixmap");
        assert_eq!(p.data(), &[128, 0, 0, 128, 0, 0, 0, 0]);
        assert!(glyph_pixmap(SwashContent::Mask, &[255], 2, 1, half).is_none());
        assert!(glyph_pixmap(SwashContent::Mask, &[], 0, 1, half).is_none());
    }
}
