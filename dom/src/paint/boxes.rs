//! Element boxes: geometry snapped to physical pixels, corner radii, the decoration items
//! (shadows, background, border), `overflow` clips with scrolling, and `transform` affines.
//!
//! - Border boxes come from the layout (absolute window coordinates) with their edges snapped to
//!   physical pixels (kry §15.9); border widths snap to whole physical pixels, at least one.
//! - Radii resolve like lengths (`%` of the smaller box side) and are clamped as CSS does.
//! - Shadows are listed front to back in CSS, so they are emitted in reverse; outer shadows come
//!   before the background, inset ones after it.
//! - A transform is `translate(origin) · translate(tx, ty) · rotate · scale · translate(−origin)`
//!   (kry §14.2: scale → rotate → translate about `transform_origin`, default the centre).

use super::{Groups, Painter, controls, dc};
use crate::kind::ElementKind;
use crate::style::ComputedStyle;
use crate::style::values::{BorderStyle, FocusOutline, Length, Overflow};
use crate::tree::{Element, ElementId};
use kryon_display::{
    Affine, BorderSides, Color, CornerRadii, DisplayItem, Point, Rect, ShadowItem,
};

/// An element's box as painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BoxInfo {
    /// Border box, edges snapped.
    pub border_box: Rect,
    /// Border widths: top, right, bottom, left (snapped).
    pub border: [f32; 4],
    /// Padding widths: top, right, bottom, left.
    pub padding: [f32; 4],
    /// Outer corner radii, clamped to the border box.
    pub radii: CornerRadii,
}

impl BoxInfo {
    /// Inside the border: the `overflow` clip.
    pub fn padding_box(&self) -> Rect {
        inset(self.border_box, self.border)
    }

    /// Inside the padding: where text and images go.
    pub fn content_box(&self) -> Rect {
        let [t, r, b, l] = self.border;
        let [pt, pr, pb, pl] = self.padding;
        inset(self.border_box, [t + pt, r + pr, b + pb, l + pl])
    }

    /// Radii of the padding box (outer radii minus the border widths).
    pub fn inner_radii(&self) -> CornerRadii {
        let [t, r, b, l] = self.border;
        self.radii.shrunk(t, r, b, l)
    }

    /// Radii of the content box.
    pub fn content_radii(&self) -> CornerRadii {
        let [t, r, b, l] = self.border;
        let [pt, pr, pb, pl] = self.padding;
        self.radii.shrunk(t + pt, r + pr, b + pb, l + pl)
    }
}

/// `r` shrunk by side widths (top, right, bottom, left), never below zero size.
pub(crate) fn inset(r: Rect, [t, right, b, l]: [f32; 4]) -> Rect {
    Rect::new(
        r.x + l,
        r.y + t,
        (r.width - l - right).max(0.0),
        (r.height - t - b).max(0.0),
    )
}

/// What an element's `transform` does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ElementTransform {
    /// Nothing.
    Identity,
    /// Local → parent affine.
    Affine(Affine),
    /// The transform collapses the element to nothing (a zero scale): nothing is visible.
    Collapsed,
}

impl Painter<'_> {
    /// The element's painted box, or `None` when it has no (finite) layout.
    pub(super) fn box_info(&self, id: ElementId, e: &Element) -> Option<BoxInfo> {
        let node = *self.layout.nodes.get(id)?;
        let g = self.layout.tree.geometry(node).ok()?;
        let b = g.border_box;
        if ![b.x, b.y, b.width, b.height].iter().all(|v| v.is_finite()) {
            return None;
        }
        let (x0, y0) = (self.snap(b.x), self.snap(b.y));
        let x1 = self.snap(b.x + b.width.max(0.0));
        let y1 = self.snap(b.y + b.height.max(0.0));
        let border_box = Rect::new(x0, y0, (x1 - x0).max(0.0), (y1 - y0).max(0.0));
        let border = [g.border.top, g.border.right, g.border.bottom, g.border.left]
            .map(|w| self.snap_width(w));
        let padding = [
            g.padding.top,
            g.padding.right,
            g.padding.bottom,
            g.padding.left,
        ]
        .map(|p| if p.is_finite() { p.max(0.0) } else { 0.0 });
        let radii = self.radii_of(&e.computed, border_box);
        Some(BoxInfo {
            border_box,
            border,
            padding,
            radii,
        })
    }

    /// A border width snapped to whole physical pixels (at least one when positive).
    pub(super) fn snap_width(&self, w: f32) -> f32 {
        if w.is_finite() && w > 0.0 {
            (w * self.scale).round().max(1.0) / self.scale
        } else {
            0.0
        }
    }

    /// The element's corner radii in px, clamped to `rect`.
    pub(super) fn radii_of(&self, c: &ComputedStyle, rect: Rect) -> CornerRadii {
        let side = rect.width.min(rect.height);
        let px = |l: Length| {
            let v = match l {
                Length::Percent(p) => side * p / 100.0,
                other => self.units.px(other, c.font_px).unwrap_or(0.0),
            };
            if v.is_finite() { v.max(0.0) } else { 0.0 }
        };
        let r = c.border_radius;
        CornerRadii {
            top_left: px(r.top_left),
            top_right: px(r.top_right),
            bottom_right: px(r.bottom_right),
            bottom_left: px(r.bottom_left),
        }
        .clamped_to(rect.width, rect.height)
    }

    /// Shadows, background and border of an element (everything before its content).
    pub(super) fn decorations(&mut self, e: &Element, info: &BoxInfo) {
        let c = &e.computed;
        if !self.is_visible(info.border_box.inflate(shadow_extent(c))) {
            return;
        }
        // Checkbox and radio: background and border style the 16 px mark (see `controls`).
        let plain_box = !controls::is_toggle(e);
        self.shadows(c, info, false);
        // The App's background is the frame's clear colour.
        if plain_box && e.kind != ElementKind::App {
            let color = dc(c.background_color);
            if !color.is_transparent() && !info.border_box.is_empty() {
                self.items.push(DisplayItem::Rect {
                    rect: info.border_box,
                    radii: info.radii,
                    color,
                });
            }
        }
        self.shadows(c, info, true);
        if plain_box && c.border_style != BorderStyle::None {
            let b = c.border_color;
            let sides = BorderSides {
                widths: info.border,
                colors: [b.top, b.right, b.bottom, b.left].map(dc),
            };
            if !sides.is_invisible() && !info.border_box.is_empty() {
                self.items.push(DisplayItem::Border {
                    rect: info.border_box,
                    radii: info.radii,
                    sides,
                });
            }
        }
    }

    /// Outer (`inset == false`) or inset shadows, back to front.
    fn shadows(&mut self, c: &ComputedStyle, info: &BoxInfo, inset: bool) {
        for s in c.box_shadow.iter().rev().filter(|s| s.inset == inset) {
            let finite = [s.x, s.y, s.blur, s.spread].iter().all(|v| v.is_finite());
            if !finite || s.color.a == 0 {
                continue;
            }
            self.items.push(DisplayItem::Shadow(ShadowItem {
                rect: info.border_box,
                radii: info.radii,
                offset: Point::new(s.x, s.y),
                blur: s.blur.max(0.0),
                spread: s.spread,
                color: dc(s.color),
                inset,
                // The snapped widths the Border item uses: inset shadows stay in the padding
                // box.
                border_widths: info.border,
            }));
        }
    }

    /// For `overflow` other than `visible` (either axis): clips to the padding box with the
    /// inner radii and shifts the contents by the scroll offset of the clipped axes.
    pub(super) fn open_overflow(&mut self, c: &ComputedStyle, info: &BoxInfo, groups: &mut Groups) {
        let (clip_x, clip_y) = (
            c.overflow_x != Overflow::Visible,
            c.overflow_y != Overflow::Visible,
        );
        if !clip_x && !clip_y {
            return;
        }
        self.push(
            groups,
            DisplayItem::PushClip {
                rect: info.padding_box(),
                radii: info.inner_radii(),
            },
        );
        let offset = |on: bool, v: f32| {
            if on && v.is_finite() && v > 0.0 {
                self.snap(v)
            } else {
                0.0
            }
        };
        let (sx, sy) = (offset(clip_x, c.scroll_x), offset(clip_y, c.scroll_y));
        if sx != 0.0 || sy != 0.0 {
            self.push(
                groups,
                DisplayItem::PushTransform {
                    transform: Affine::translate(-sx, -sy),
                },
            );
        }
    }

    /// The element's `transform` about its `transform_origin` within `border_box`.
    pub(super) fn transform_of(&self, c: &ComputedStyle, border_box: Rect) -> ElementTransform {
        let t = c.transform;
        if t.is_identity() {
            return ElementTransform::Identity;
        }
        let origin = |l: Length, size: f32| match l {
            Length::Percent(p) => size * p / 100.0,
            other => self.units.px(other, c.font_px).unwrap_or(size / 2.0),
        };
        let ox = border_box.x + origin(c.transform_origin.x, border_box.width);
        let oy = border_box.y + origin(c.transform_origin.y, border_box.height);
        element_affine(
            [t.scale_x, t.scale_y],
            t.rotate_deg,
            [t.translate_x, t.translate_y],
            Point::new(ox, oy),
        )
    }
}

/// How far outer shadows reach beyond the border box.
fn shadow_extent(c: &ComputedStyle) -> f32 {
    c.box_shadow
        .iter()
        .filter(|s| !s.inset)
        .map(|s| s.x.abs().max(s.y.abs()) + s.blur.max(0.0) * 1.5 + s.spread.max(0.0))
        .filter(|v| v.is_finite())
        .fold(0.0, f32::max)
}

/// Colour of the keyboard focus outline (kry §13.4).
const FOCUS_OUTLINE: Color = Color::rgba(0x3B, 0x82, 0xF6, 0xFF);
/// Its width, and its gap to the border box.
const FOCUS_OUTLINE_WIDTH: f32 = 2.0;
const FOCUS_OUTLINE_GAP: f32 = 1.0;

impl Painter<'_> {
    /// The keyboard focus outline (kry §13.4): 2 px, 1 px outside the border box, following its
    /// radii, after the element's subtree and outside its own clip.
    pub(super) fn focus_outline(&mut self, id: ElementId, e: &Element, info: &BoxInfo) {
        if self.state.focus_outline != Some(id) || e.computed.focus_outline == FocusOutline::None {
            return;
        }
        let grow = FOCUS_OUTLINE_WIDTH + FOCUS_OUTLINE_GAP;
        let rect = info.border_box.inflate(grow);
        let out = |r: f32| if r > 0.0 { r + grow } else { 0.0 };
        let r = info.radii;
        let radii = CornerRadii {
            top_left: out(r.top_left),
            top_right: out(r.top_right),
            bottom_right: out(r.bottom_right),
            bottom_left: out(r.bottom_left),
        }
        .clamped_to(rect.width, rect.height);
        self.items.push(DisplayItem::Border {
            rect,
            radii,
            sides: BorderSides::uniform(self.snap_width(FOCUS_OUTLINE_WIDTH), FOCUS_OUTLINE),
        });
    }
}

/// `translate(origin + t) · rotate · scale · translate(−origin)`, or what it degenerates to.
pub(crate) fn element_affine(
    [sx, sy]: [f32; 2],
    rotate_deg: f32,
    [tx, ty]: [f32; 2],
    origin: Point,
) -> ElementTransform {
    let values = [sx, sy, rotate_deg, tx, ty, origin.x, origin.y];
    if !values.iter().all(|v| v.is_finite()) {
        // A transform that cannot be computed is ignored rather than hiding the element.
        return ElementTransform::Identity;
    }
    let affine = Affine::translate(origin.x + tx, origin.y + ty)
        .after(&Affine::rotate_deg(rotate_deg))
        .after(&Affine::scale(sx, sy))
        .after(&Affine::translate(-origin.x, -origin.y));
    if affine.invert().is_none() {
        ElementTransform::Collapsed
    } else if affine.is_identity() {
        ElementTransform::Identity
    } else {
        ElementTransform::Affine(affine)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Point, b: Point) -> bool {
        (a.x - b.x).abs() < 1e-3 && (a.y - b.y).abs() < 1e-3
    }

    fn affine(t: ElementTransform) -> Affine {
        match t {
            ElementTransform::Affine(a) => a,
            other => panic!("expected an affine, got {other:?}"),
        }
    }

    #[test]
    fn rotate_and_scale_keep_the_origin_and_translate_moves_it() {
        let o = Point::new(50.0, 20.0);
        let r = affine(element_affine([2.0, 0.5], 30.0, [0.0, 0.0], o));
        assert!(close(r.apply(o), o));
        let t = affine(element_affine([1.0, 1.0], 0.0, [5.0, -3.0], o));
        assert!(close(t.apply(o), Point::new(55.0, 17.0)));
    }

    #[test]
    fn scale_applies_before_rotate_before_translate() {
        // A point 10 px right of the origin: scaled ×2 → 20 px right, rotated 90° → 20 px
        // below, then translated by (100, 0).
        let o = Point::new(0.0, 0.0);
        let a = affine(element_affine([2.0, 2.0], 90.0, [100.0, 0.0], o));
        assert!(close(
            a.apply(Point::new(10.0, 0.0)),
            Point::new(100.0, 20.0)
        ));
    }

    #[test]
    fn degenerate_transforms() {
        let o = Point::new(1.0, 1.0);
        assert_eq!(
            element_affine([0.0, 1.0], 0.0, [0.0, 0.0], o),
            ElementTransform::Collapsed
        );
        assert_eq!(
            element_affine([f32::NAN, 1.0], 0.0, [0.0, 0.0], o),
            ElementTransform::Identity
        );
        assert_eq!(
            element_affine([1.0, 1.0], 0.0, [0.0, 0.0], o),
            ElementTransform::Identity
        );
    }

    #[test]
    fn boxes_inset_by_border_and_padding() {
        let info = BoxInfo {
            border_box: Rect::new(10.0, 10.0, 100.0, 50.0),
            border: [1.0, 2.0, 3.0, 4.0],
            padding: [5.0, 5.0, 5.0, 5.0],
            radii: CornerRadii::all(10.0),
        };
        assert_eq!(info.padding_box(), Rect::new(14.0, 11.0, 94.0, 46.0));
        assert_eq!(info.content_box(), Rect::new(19.0, 16.0, 84.0, 36.0));
        assert_eq!(info.inner_radii().top_left, 6.0);
        assert_eq!(inset(Rect::new(0.0, 0.0, 2.0, 2.0), [5.0; 4]).width, 0.0);
    }

    #[test]
    fn shadows_carry_the_snapped_border_widths() {
        let src = r##"App {
            Container {
                width: 100 height: 60
                border_width: "2.4 2 0 6" border_color: #00ff00
                box_shadow: "0 2 4 #0000ff, 0 0 3 #000000 inset"
            }
        }"##;
        let loaded = kryon_markup::load_str(std::path::Path::new("test.kry"), src);
        assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
        let (mut dom, diags) = crate::build(loaded.document);
        assert!(!diags.has_errors(), "{diags:?}");
        dom.update((800.0, 600.0));
        let frame = dom.paint(1.5);
        let border = frame
            .items
            .iter()
            .find_map(|i| match i {
                DisplayItem::Border { sides, .. } => Some(sides.widths),
                _ => None,
            })
            .expect("a border");
        // 2.4 px snaps to 4 physical px at scale 1.5.
        assert_eq!(border, [4.0 / 1.5, 2.0, 0.0, 6.0]);
        let shadows: Vec<_> = frame
            .items
            .iter()
            .filter_map(|i| match i {
                DisplayItem::Shadow(s) => Some(s),
                _ => None,
            })
            .collect();
        assert_eq!(shadows.len(), 2);
        for s in shadows {
            assert_eq!(s.border_widths, border, "{s:?}");
        }
    }
}
