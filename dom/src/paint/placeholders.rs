//! Placeholders: what draws where the real content is not available.
//!
//! - **Reserved elements** (kry §13.3: `EmbedView`, `WasmView`, `NativeRendererView`, a 3D
//!   `Canvas`, and `List`/`Grid`/`Scrollable`/`Tabs`/`Video` when they have no children to
//!   show) draw a light grey box with diagonal hatching, a 1 px border and the caption
//!   "`<Name>` (not supported yet)" in the bundled sans, centred and clipped to the box.
//! - **Images that failed to load** (K0409) draw a grey box with a border and a diagonal cross,
//!   with the `alt` text centred over it when there is one.

use super::boxes::BoxInfo;
use super::text::aligned_origin;
use super::{Groups, Painter};
use crate::style::values::{TextDecoration, VerticalAlign};
use crate::tree::ElementId;
use kryon_display::{Affine, BorderSides, Color, CornerRadii, DisplayItem, Point, Rect};
use kryon_layout::{TextAlign, TextStyle, TextWrap};

const RESERVED_FILL: Color = Color::rgba(0xF3, 0xF4, 0xF6, 0xFF);
const RESERVED_HATCH: Color = Color::rgba(0xE0, 0xE3, 0xE8, 0xFF);
const PLACEHOLDER_EDGE: Color = Color::rgba(0x9E, 0x9E, 0x9E, 0xFF);
const CAPTION: Color = Color::rgba(0x55, 0x55, 0x55, 0xFF);
const BROKEN_FILL: Color = Color::rgba(0xE5, 0xE7, 0xEB, 0xFF);
const BROKEN_CROSS: Color = Color::rgba(0xB0, 0xB4, 0xBA, 0xFF);
/// Caption font size.
const CAPTION_PX: f32 = 12.0;
/// Distance between hatch stripes, and their width.
const HATCH_STEP: f32 = 10.0;
const HATCH_WIDTH: f32 = 3.0;
/// At most this many hatch stripes (very large boxes get wider spacing).
const MAX_STRIPES: f32 = 200.0;

fn caption_style(wrap: TextWrap) -> TextStyle {
    TextStyle {
        family: "default".into(),
        size_px: CAPTION_PX,
        line_height_px: CAPTION_PX * 1.2,
        wrap,
        // Wrapped lines are centred by the buffer; a single line is centred by `caption`.
        align: match wrap {
            TextWrap::Normal => TextAlign::Center,
            TextWrap::NoWrap => TextAlign::Start,
        },
        ..TextStyle::default()
    }
}

impl Painter<'_> {
    /// The labelled placeholder of a reserved element, inside its padding box.
    pub(super) fn reserved_placeholder(&mut self, id: ElementId, info: &BoxInfo, name: &str) {
        let area = info.padding_box();
        if area.is_empty() {
            return;
        }
        let mut groups = Groups::default();
        self.push(
            &mut groups,
            DisplayItem::PushClip {
                rect: area,
                radii: info.inner_radii(),
            },
        );
        self.items.push(DisplayItem::Rect {
            rect: area,
            radii: CornerRadii::ZERO,
            color: RESERVED_FILL,
        });
        self.hatch(area);
        self.items.push(DisplayItem::Border {
            rect: area,
            radii: info.inner_radii(),
            sides: BorderSides::uniform(self.snap_width(1.0), PLACEHOLDER_EDGE),
        });
        let caption = format!("{name} (not supported yet)");
        self.caption(id, &caption, area, TextWrap::NoWrap, None);
        self.close(groups);
    }

    /// Diagonal stripes across `area` (drawn as vertical stripes in a frame rotated 45°
    /// about the centre; the caller clips to `area`).
    fn hatch(&mut self, area: Rect) {
        let c = area.center();
        let diagonal = area.width.hypot(area.height);
        if !diagonal.is_finite() {
            return;
        }
        let step = HATCH_STEP.max(diagonal / MAX_STRIPES);
        let transform = Affine::translate(c.x, c.y)
            .after(&Affine::rotate_deg(45.0))
            .after(&Affine::translate(-c.x, -c.y));
        let mut groups = Groups::default();
        self.push(&mut groups, DisplayItem::PushTransform { transform });
        let half = diagonal / 2.0;
        let mut x = -half;
        while x < half {
            self.items.push(DisplayItem::Rect {
                rect: Rect::new(c.x + x, c.y - half, HATCH_WIDTH, diagonal),
                radii: CornerRadii::ZERO,
                color: RESERVED_HATCH,
            });
            x += step;
        }
        self.close(groups);
    }

    /// A failed image: grey box, border, diagonal cross, and the `alt` text.
    pub(super) fn broken_image(&mut self, id: ElementId, info: &BoxInfo, alt: &str) {
        let area = info.content_box();
        if area.is_empty() {
            return;
        }
        let mut groups = Groups::default();
        self.push(
            &mut groups,
            DisplayItem::PushClip {
                rect: area,
                radii: info.content_radii(),
            },
        );
        self.items.push(DisplayItem::Rect {
            rect: area,
            radii: CornerRadii::ZERO,
            color: BROKEN_FILL,
        });
        let corner = |x: f32, y: f32| Point::new(x, y);
        self.stroke(
            corner(area.x, area.y),
            corner(area.right(), area.bottom()),
            1.0,
            BROKEN_CROSS,
        );
        self.stroke(
            corner(area.right(), area.y),
            corner(area.x, area.bottom()),
            1.0,
            BROKEN_CROSS,
        );
        self.items.push(DisplayItem::Border {
            rect: area,
            radii: info.content_radii(),
            sides: BorderSides::uniform(self.snap_width(1.0), PLACEHOLDER_EDGE),
        });
        if !alt.trim().is_empty() {
            self.caption(
                id,
                alt,
                area.inflate(-4.0),
                TextWrap::Normal,
                Some(BROKEN_FILL),
            );
        }
        self.close(groups);
    }

    /// A caption centred in `area`, optionally on a plate that hides what is behind it.
    fn caption(
        &mut self,
        id: ElementId,
        text: &str,
        area: Rect,
        wrap: TextWrap,
        plate: Option<Color>,
    ) {
        let Some(lines) = self.shape_label(id, text, &caption_style(wrap), area.width) else {
            return;
        };
        let mut origin = aligned_origin(area, &lines, VerticalAlign::Center);
        if wrap == TextWrap::NoWrap {
            // A single line (shaped start-aligned) is centred here, so a caption wider than the
            // box stays centred and is clipped on both sides.
            origin.x = area.x + (area.width - lines.width) / 2.0;
        }
        if let Some(color) = plate {
            let width = lines.width.min(area.width) + 8.0;
            let plate = Rect::new(
                area.center().x - width / 2.0,
                origin.y - 2.0,
                width,
                lines.height + 4.0,
            );
            self.items.push(DisplayItem::Rect {
                rect: plate,
                radii: CornerRadii::all(3.0),
                color,
            });
        }
        self.draw_text(&lines, origin, CAPTION, TextDecoration::None);
    }
}
