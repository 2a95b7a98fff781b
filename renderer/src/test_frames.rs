//! Frame builders and pixel helpers shared by the CPU and GPU renderers' unit tests.

use kryon_display::{BorderSides, Color, CornerRadii, DisplayItem, Frame, Point, Rect, ShadowItem};

pub(crate) const RED: Color = Color::rgba(255, 0, 0, 255);
pub(crate) const GREEN: Color = Color::rgba(0, 255, 0, 255);
pub(crate) const BLUE: Color = Color::rgba(0, 0, 255, 255);
pub(crate) const YELLOW: Color = Color::rgba(255, 255, 0, 255);

/// An empty `w` × `h` frame at scale 1, cleared to white.
pub(crate) fn frame(w: f32, h: f32) -> Frame {
    Frame::new(w, h, 1.0, Color::WHITE)
}

/// A square-cornered filled rectangle.
pub(crate) fn rect(x: f32, y: f32, w: f32, h: f32, color: Color) -> DisplayItem {
    DisplayItem::Rect {
        rect: Rect::new(x, y, w, h),
        radii: CornerRadii::ZERO,
        color,
    }
}

/// A colour as the pixel an opaque draw of it produces.
pub(crate) fn rgba(c: Color) -> [u8; 4] {
    [c.r, c.g, c.b, c.a]
}

/// True when every channel differs by at most `tol`.
pub(crate) fn near(a: [u8; 4], b: [u8; 4], tol: u8) -> bool {
    a.iter().zip(&b).all(|(x, y)| x.abs_diff(*y) <= tol)
}

/// An element with a thick translucent border (widths 8, 4, 10, 6; radius 12) and an inset
/// shadow; without the shadow when `with_shadow` is false.
pub(crate) fn bordered_inset_shadow(with_shadow: bool) -> Frame {
    let mut f = frame(80.0, 80.0);
    let (r, radii, widths) = (
        Rect::new(10.0, 10.0, 60.0, 60.0),
        CornerRadii::all(12.0),
        [8.0, 4.0, 10.0, 6.0],
    );
    if with_shadow {
        f.items.push(DisplayItem::Shadow(ShadowItem {
            rect: r,
            radii,
            offset: Point::new(2.0, 2.0),
            blur: 8.0,
            spread: 1.0,
            color: Color::BLACK,
            inset: true,
            border_widths: widths,
        }));
    }
    f.items.push(DisplayItem::Border {
        rect: r,
        radii,
        sides: BorderSides {
            widths,
            colors: [Color::rgba(0, 0, 255, 90); 4],
        },
    });
    f
}
