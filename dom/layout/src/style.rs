//! Layout styles: Kryon's defaults over taffy's [`Style`], and plain-data geometry results.
//!
//! Callers describe boxes with `taffy::Style` (re-exported as [`Style`]); [`default_style`] gives
//! Kryon's defaults (§15 of the language spec): a flex column with `align_items: stretch`,
//! `position: relative` (every element is a containing block for absolute children) and
//! `box_sizing: border_box`. [`normalize`] maps display values Kryon reads as flex.

pub use taffy::Style;
use taffy::{BoxSizing, Display, FlexDirection, Position};

/// Kryon's default style for `Container`, `App` and leaves: flex column, stretch, relative,
/// border-box, `flex_shrink: 1`.
pub fn default_style() -> Style {
    Style {
        display: Display::Flex,
        flex_direction: FlexDirection::Column,
        position: Position::Relative,
        box_sizing: BoxSizing::BorderBox,
        flex_shrink: 1.0,
        ..Style::default()
    }
}

/// Kryon's default style for a flex row (e.g. `Button` before its centring properties).
pub fn default_row_style() -> Style {
    Style {
        flex_direction: FlexDirection::Row,
        ..default_style()
    }
}

/// Reads `block` and `grid` as flex (spec §14.1: `display` is `flex` or `none`).
pub fn normalize(mut style: Style) -> Style {
    if !matches!(style.display, Display::Flex | Display::None) {
        style.display = Display::Flex;
    }
    style
}

/// An axis-aligned rectangle in logical px.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Rect {
    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    /// Whether the point lies inside (left/top inclusive, right/bottom exclusive).
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x && y >= self.y && x < self.right() && y < self.bottom()
    }

    /// The rectangle shrunk by `edges`.
    pub fn inset(&self, edges: Edges) -> Rect {
        Rect {
            x: self.x + edges.left,
            y: self.y + edges.top,
            width: (self.width - edges.left - edges.right).max(0.0),
            height: (self.height - edges.top - edges.bottom).max(0.0),
        }
    }
}

/// Widths of the four sides of a box edge (border, padding...).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Edges {
    /// Top side.
    pub top: f32,
    /// Right side.
    pub right: f32,
    /// Bottom side.
    pub bottom: f32,
    /// Left side.
    pub left: f32,
}

impl Edges {
    pub(crate) fn from_taffy(r: taffy::Rect<f32>) -> Self {
        Self {
            top: r.top,
            right: r.right,
            bottom: r.bottom,
            left: r.left,
        }
    }

    fn plus(self, o: Edges) -> Edges {
        Edges {
            top: self.top + o.top,
            right: self.right + o.right,
            bottom: self.bottom + o.bottom,
            left: self.left + o.left,
        }
    }
}

/// The computed box of a node, in absolute window coordinates (logical px, unrounded).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BoxGeometry {
    /// The border box.
    pub border_box: Rect,
    /// Border widths.
    pub border: Edges,
    /// Padding widths.
    pub padding: Edges,
    /// The scrollable overflow rectangle (the box's content including overflowing
    /// descendants), in absolute window coordinates: scroll extents come from it.
    pub scrollable_overflow: Rect,
}

impl BoxGeometry {
    /// The padding box (inside the border): the clip rectangle of `overflow` and the containing
    /// block of absolute children.
    pub fn padding_box(&self) -> Rect {
        self.border_box.inset(self.border)
    }

    /// The content box (inside padding): where text is drawn.
    pub fn content_box(&self) -> Rect {
        self.border_box.inset(self.border.plus(self.padding))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_spec() {
        let s = default_style();
        assert_eq!(s.flex_direction, FlexDirection::Column);
        assert_eq!(s.position, Position::Relative);
        assert_eq!(
            normalize(Style {
                display: Display::Block,
                ..s.clone()
            })
            .display,
            Display::Flex
        );
        assert_eq!(default_row_style().flex_direction, FlexDirection::Row);
    }

    #[test]
    fn boxes_inset() {
        let g = BoxGeometry {
            border_box: Rect {
                x: 10.0,
                y: 10.0,
                width: 100.0,
                height: 50.0,
            },
            border: Edges {
                top: 1.0,
                right: 1.0,
                bottom: 1.0,
                left: 1.0,
            },
            padding: Edges {
                top: 4.0,
                right: 6.0,
                bottom: 4.0,
                left: 6.0,
            },
            scrollable_overflow: Rect::default(),
        };
        assert_eq!(
            g.padding_box(),
            Rect {
                x: 11.0,
                y: 11.0,
                width: 98.0,
                height: 48.0
            }
        );
        assert_eq!(
            g.content_box(),
            Rect {
                x: 17.0,
                y: 15.0,
                width: 86.0,
                height: 40.0
            }
        );
        assert!(g.border_box.contains(10.0, 10.0) && !g.border_box.contains(110.0, 20.0));
    }
}
