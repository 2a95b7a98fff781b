//! Built-in looks of Input (kry §13.2, §14.5, §15.3). The field frame (background, border,
//! radius, padding) comes from the cascade's built-in defaults; paint adds what is inside.
//!
//! - **Text-like fields and pickers** draw their value (masked for `password`) or, when empty,
//!   their `placeholder` in a dimmed text colour, clipped to the padding box. A single-line
//!   field does not wrap and uses `text_vertical_alignment` (centre by default); a multiline one
//!   wraps in its content width from the top. The caret comes with text editing.
//! - **Button-like types** (`submit reset button image`) look like Buttons (cascade) and draw
//!   their `text` the same way.
//! - **checkbox / radio**: a 16 px mark box, vertically centred at the start of the content box,
//!   then the `text` label 6 px after it (the intrinsic size is box + gap + label,
//!   [`Dom::toggle_content`]). The element's own `background_color`, `border_*` and
//!   `border_radius` style the mark box, not the whole element, like a native control; unset,
//!   the box is white with a 1 px `#9E9E9E` border. Checked: a checkbox fills with the accent
//!   `#3B82F6` and shows a white tick (an accent tick when the author set the background); a
//!   radio gets an accent ring and dot.
//! - **range**: a 4 px track with the part up to the value in the accent colour and a 16 px
//!   thumb.
//! - **hidden** draws nothing.

use super::boxes::BoxInfo;
use super::text::aligned_origin;
use super::{Groups, Painter, dc};
use crate::dom::Dom;
use crate::kind::ElementKind;
use crate::layout::text_style;
use crate::style::values::{InputType, Length, VerticalAlign};
use crate::style::{ComputedStyle, PropId, UnitContext};
use crate::tree::{Element, ElementId};
use kryon_display::{Affine, BorderSides, Color, CornerRadii, DisplayItem, Point, Rect};
use kryon_layout::{NodeContent, TextAlign, TextWrap, WidthConstraint};

/// Side of the checkbox / radio mark box.
pub(crate) const TOGGLE_BOX: f32 = 16.0;
/// Gap between the mark box and its label.
pub(crate) const TOGGLE_GAP: f32 = 6.0;
/// Accent of checked controls and the range fill.
const ACCENT: Color = Color::rgba(0x3B, 0x82, 0xF6, 0xFF);
/// Border of unset control boxes (the field border of kry §13.2).
const CONTROL_BORDER: Color = Color::rgba(0x9E, 0x9E, 0x9E, 0xFF);
/// The unfilled range track.
const TRACK: Color = Color::rgba(0xC8, 0xC8, 0xC8, 0xFF);
/// Placeholder text alpha relative to the text colour.
const PLACEHOLDER_ALPHA: f32 = 0.45;

/// Checkbox or radio.
pub(crate) fn is_toggle(e: &Element) -> bool {
    e.kind == ElementKind::Input
        && matches!(
            e.computed.input_type,
            InputType::Checkbox | InputType::Radio
        )
}

/// Whether a text Input is multiline (kry §14.5, with the compat rule for unset `multiline`).
fn is_multiline(c: &ComputedStyle) -> bool {
    match c.input_type {
        InputType::Textarea => true,
        InputType::Text => c
            .input
            .multiline
            .unwrap_or(matches!(c.height, Length::Px(h) if h >= 3.0 * c.font_px)),
        _ => false,
    }
}

impl Dom {
    /// The intrinsic content size of a checkbox or radio: the mark box, the gap and the label
    /// on one line (kry §15.3). `None` for other elements.
    pub(crate) fn toggle_content(
        &mut self,
        id: ElementId,
        units: &UnitContext,
    ) -> Option<NodeContent> {
        let e = self.arena.elements.get(id).filter(|e| is_toggle(e))?;
        let mut style = text_style(&e.computed, units);
        style.wrap = TextWrap::NoWrap;
        style.align = TextAlign::Start;
        let label = e.computed.display_text();
        if label.is_empty() {
            return Some(NodeContent::Intrinsic {
                width: TOGGLE_BOX,
                height: style.line_height_px.max(TOGGLE_BOX),
                keep_aspect: false,
            });
        }
        let size = self.layout.tree.text_engine_mut().measure_str(
            &label,
            &style,
            WidthConstraint::MaxContent,
        );
        Some(NodeContent::Intrinsic {
            width: TOGGLE_BOX + TOGGLE_GAP + size.width,
            height: size.height.max(TOGGLE_BOX),
            keep_aspect: false,
        })
    }
}

impl Painter<'_> {
    /// An Input's content.
    pub(super) fn input(&mut self, id: ElementId, e: &Element, info: &BoxInfo) {
        match e.computed.input_type {
            InputType::Hidden => {}
            InputType::Checkbox | InputType::Radio => self.toggle(id, e, info),
            InputType::Range => self.range(&e.computed, info),
            _ => self.field_text(id, &e.computed, info),
        }
    }

    /// The value, or the placeholder when the value is empty, clipped to the padding box.
    fn field_text(&mut self, id: ElementId, c: &ComputedStyle, info: &BoxInfo) {
        let value = c.display_text();
        let (text, color) = if value.is_empty() {
            let dim = dc(c.text_color).with_alpha_factor(PLACEHOLDER_ALPHA);
            (c.input.placeholder.clone(), dim)
        } else {
            (value, dc(c.text_color))
        };
        if text.is_empty() {
            return;
        }
        let multiline = is_multiline(c);
        let mut style = text_style(c, &self.units);
        if !multiline {
            style.wrap = TextWrap::NoWrap;
        }
        let content = info.content_box();
        let Some(lines) = self.shape_label(id, &text, &style, content.width) else {
            return;
        };
        let align = if multiline {
            VerticalAlign::Top
        } else {
            c.text_vertical_alignment
        };
        let origin = aligned_origin(content, &lines, align);
        let mut groups = Groups::default();
        self.push(
            &mut groups,
            DisplayItem::PushClip {
                rect: info.padding_box(),
                radii: info.inner_radii(),
            },
        );
        self.draw_text(&lines, origin, color, c.text_decoration);
        self.close(groups);
    }

    /// Checkbox or radio: the mark box, its checked mark, and the label.
    fn toggle(&mut self, id: ElementId, e: &Element, info: &BoxInfo) {
        let c = &e.computed;
        let content = info.content_box();
        let radio = c.input_type == InputType::Radio;
        let y = self.snap(content.y + (content.height - TOGGLE_BOX) / 2.0);
        let mark = Rect::new(self.snap(content.x), y, TOGGLE_BOX, TOGGLE_BOX);
        let author_fill = c.explicit.contains(PropId::BackgroundColor);
        let fill = if author_fill {
            dc(c.background_color)
        } else if c.checked && !radio {
            ACCENT
        } else {
            Color::WHITE
        };
        let border_color = if c.border_color_set[0] {
            dc(c.border_color.top)
        } else if c.checked {
            ACCENT
        } else {
            CONTROL_BORDER
        };
        let border = if c.explicit.contains(PropId::BorderTopWidth) {
            info.border[0]
        } else {
            self.snap_width(1.0)
        };
        let radii = if radio {
            CornerRadii::all(TOGGLE_BOX / 2.0)
        } else if c.explicit.contains(PropId::BorderTopLeftRadius) {
            self.radii_of(c, mark)
        } else {
            CornerRadii::all(3.0)
        };
        if !fill.is_transparent() {
            self.items.push(DisplayItem::Rect {
                rect: mark,
                radii,
                color: fill,
            });
        }
        let sides = BorderSides::uniform(border, border_color);
        if !sides.is_invisible() {
            self.items.push(DisplayItem::Border {
                rect: mark,
                radii,
                sides,
            });
        }
        if c.checked {
            let tint = if fill == ACCENT { Color::WHITE } else { ACCENT };
            if radio {
                let dot = mark.inflate(-4.0);
                self.items.push(DisplayItem::Rect {
                    rect: dot,
                    radii: CornerRadii::all(dot.width / 2.0),
                    color: ACCENT,
                });
            } else {
                let at = |x: f32, y: f32| Point::new(mark.x + x, mark.y + y);
                self.stroke(at(4.0, 8.5), at(7.0, 11.5), 2.0, tint);
                self.stroke(at(7.0, 11.5), at(12.5, 5.0), 2.0, tint);
            }
        }
        let label = c.display_text();
        if label.is_empty() {
            return;
        }
        let mut style = text_style(c, &self.units);
        style.wrap = TextWrap::NoWrap;
        style.align = TextAlign::Start;
        let label_box = Rect::new(
            mark.right() + TOGGLE_GAP,
            content.y,
            (content.right() - mark.right() - TOGGLE_GAP).max(0.0),
            content.height,
        );
        let Some(lines) = self.shape_label(id, &label, &style, label_box.width) else {
            return;
        };
        let origin = aligned_origin(label_box, &lines, VerticalAlign::Center);
        self.draw_text(&lines, origin, dc(c.text_color), c.text_decoration);
    }

    /// A range slider: track, filled part and thumb.
    fn range(&mut self, c: &ComputedStyle, info: &BoxInfo) {
        let content = info.content_box();
        let number = |v: &crate::style::values::AnyValue, default: f64| {
            v.0.to_number().filter(|n| n.is_finite()).unwrap_or(default)
        };
        let min = number(&c.input.min, 0.0);
        let max = number(&c.input.max, 100.0);
        let value = number(&c.input.value, (min + max) / 2.0);
        let fraction = if max > min {
            ((value - min) / (max - min)).clamp(0.0, 1.0) as f32
        } else {
            0.0
        };
        let thumb = TOGGLE_BOX;
        let cy = content.y + content.height / 2.0;
        let x0 = content.x + thumb / 2.0;
        let width = (content.width - thumb).max(0.0);
        let track = Rect::new(x0, self.snap(cy - 2.0), width, 4.0);
        self.items.push(DisplayItem::Rect {
            rect: track,
            radii: CornerRadii::all(2.0),
            color: TRACK,
        });
        if fraction > 0.0 {
            self.items.push(DisplayItem::Rect {
                rect: Rect::new(x0, track.y, width * fraction, 4.0),
                radii: CornerRadii::all(2.0),
                color: ACCENT,
            });
        }
        let knob = Rect::new(
            self.snap(x0 + width * fraction - thumb / 2.0),
            self.snap(cy - thumb / 2.0),
            thumb,
            thumb,
        );
        let round = CornerRadii::all(thumb / 2.0);
        self.items.push(DisplayItem::Rect {
            rect: knob,
            radii: round,
            color: Color::WHITE,
        });
        self.items.push(DisplayItem::Border {
            rect: knob,
            radii: round,
            sides: BorderSides::uniform(self.snap_width(1.0), CONTROL_BORDER),
        });
    }

    /// A straight stroke with round caps from `a` to `b` (a rotated rounded rectangle).
    pub(super) fn stroke(&mut self, a: Point, b: Point, width: f32, color: Color) {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let length = dx.hypot(dy);
        if !(length > 0.0 && length.is_finite() && width > 0.0) {
            return;
        }
        let transform =
            Affine::translate(a.x, a.y).after(&Affine::rotate_deg(dy.atan2(dx).to_degrees()));
        let mut groups = Groups::default();
        self.push(&mut groups, DisplayItem::PushTransform { transform });
        self.items.push(DisplayItem::Rect {
            rect: Rect::new(-width / 2.0, -width / 2.0, length + width, width),
            radii: CornerRadii::all(width / 2.0),
            color,
        });
        self.close(groups);
    }
}
