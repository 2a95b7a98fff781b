//! Conversion of a [`ComputedStyle`] to a `taffy::Style` (kry-language.md §15).
//!
//! Relative units resolve here: `em` × the element's own font size, `rem` × the App's font size,
//! `vw`/`vh` against the window, via [`UnitContext`]; `%` stays a taffy percentage (of the
//! parent's content box, of its width for padding and margin). Rules applied:
//! - every element is a flex container (Container/App column + stretch by initial values, Button
//!   row + centred by its built-in defaults); `display: none` removes the box;
//! - `pos_x`/`pos_y` without an explicit `position` make the element absolute; otherwise every
//!   element is `relative` (a containing block for absolute children);
//! - `overflow: hidden | scroll | auto` maps to taffy's scroll-container overflow, so an item's
//!   automatic minimum size is 0 as in CSS; no scrollbar space is reserved;
//! - `visible: false` changes nothing here (the box keeps its space);
//! - the App's box always fills the client area (its class `width`/`height` are ignored, §13.1);
//! - `start`/`end` alignment maps to flex-start/flex-end, as the §4.3 synonyms suggest.

use super::computed::{ComputedStyle, UnitContext};
use super::values::{self as v, Length};
use crate::kind::ElementKind;
use taffy::{
    AlignContent, AlignItems, Dimension, JustifyContent, LengthPercentage, LengthPercentageAuto,
    Point, Rect, Size,
};

struct Resolver<'a> {
    units: &'a UnitContext,
    font_px: f32,
}

impl Resolver<'_> {
    /// `Some(px)` for absolute units, `None` for auto/none/percent.
    fn px(&self, l: Length) -> Option<f32> {
        self.units.px(l, self.font_px)
    }

    fn dimension(&self, l: Length) -> Dimension {
        match l {
            Length::Percent(p) => Dimension::percent(p / 100.0),
            Length::Auto | Length::None => Dimension::auto(),
            other => self
                .px(other)
                .map_or_else(Dimension::auto, Dimension::length),
        }
    }

    fn lpa(&self, l: Length) -> LengthPercentageAuto {
        match l {
            Length::Percent(p) => LengthPercentageAuto::percent(p / 100.0),
            Length::Auto | Length::None => LengthPercentageAuto::auto(),
            other => self
                .px(other)
                .map_or_else(LengthPercentageAuto::auto, LengthPercentageAuto::length),
        }
    }

    fn lp_non_negative(&self, l: Length) -> LengthPercentage {
        match l {
            Length::Percent(p) => LengthPercentage::percent(p.max(0.0) / 100.0),
            other => LengthPercentage::length(self.px(other).unwrap_or(0.0).max(0.0)),
        }
    }
}

fn align_items(a: v::Align) -> AlignItems {
    match a {
        v::Align::Start => AlignItems::FLEX_START,
        v::Align::Center => AlignItems::CENTER,
        v::Align::End => AlignItems::FLEX_END,
        v::Align::Stretch => AlignItems::STRETCH,
        v::Align::Baseline => AlignItems::BASELINE,
    }
}

fn align_self(a: v::AlignSelf) -> Option<AlignItems> {
    Some(match a {
        v::AlignSelf::Auto => return None,
        v::AlignSelf::Start => AlignItems::FLEX_START,
        v::AlignSelf::Center => AlignItems::CENTER,
        v::AlignSelf::End => AlignItems::FLEX_END,
        v::AlignSelf::Stretch => AlignItems::STRETCH,
        v::AlignSelf::Baseline => AlignItems::BASELINE,
    })
}

fn align_content(a: v::AlignContent) -> AlignContent {
    match a {
        v::AlignContent::Start => AlignContent::FLEX_START,
        v::AlignContent::Center => AlignContent::CENTER,
        v::AlignContent::End => AlignContent::FLEX_END,
        v::AlignContent::Stretch => AlignContent::STRETCH,
        v::AlignContent::SpaceBetween => AlignContent::SPACE_BETWEEN,
        v::AlignContent::SpaceAround => AlignContent::SPACE_AROUND,
        v::AlignContent::SpaceEvenly => AlignContent::SPACE_EVENLY,
    }
}

fn justify(j: v::Justify) -> JustifyContent {
    match j {
        v::Justify::Start => JustifyContent::FLEX_START,
        v::Justify::Center => JustifyContent::CENTER,
        v::Justify::End => JustifyContent::FLEX_END,
        v::Justify::SpaceBetween => JustifyContent::SPACE_BETWEEN,
        v::Justify::SpaceAround => JustifyContent::SPACE_AROUND,
        v::Justify::SpaceEvenly => JustifyContent::SPACE_EVENLY,
    }
}

fn overflow(o: v::Overflow) -> taffy::Overflow {
    match o {
        v::Overflow::Visible => taffy::Overflow::Visible,
        v::Overflow::Hidden | v::Overflow::Auto => taffy::Overflow::Hidden,
        v::Overflow::Scroll => taffy::Overflow::Scroll,
    }
}

/// The taffy style of an element.
pub fn taffy_style(style: &ComputedStyle, kind: ElementKind, units: &UnitContext) -> taffy::Style {
    let r = Resolver {
        units,
        font_px: style.font_px,
    };
    let sides_lp = |s: &super::computed::Sides<Length>| Rect {
        left: r.lp_non_negative(s.left),
        right: r.lp_non_negative(s.right),
        top: r.lp_non_negative(s.top),
        bottom: r.lp_non_negative(s.bottom),
    };
    let is_app = kind == ElementKind::App;
    let size = if is_app {
        Size {
            width: Dimension::length(units.viewport_w),
            height: Dimension::length(units.viewport_h),
        }
    } else {
        Size {
            width: r.dimension(style.width),
            height: r.dimension(style.height),
        }
    };
    let absolute = !is_app && style.is_absolute();
    taffy::Style {
        display: if style.is_displayed() {
            taffy::Display::Flex
        } else {
            taffy::Display::None
        },
        box_sizing: match style.box_sizing {
            v::BoxSizing::BorderBox => taffy::BoxSizing::BorderBox,
            v::BoxSizing::ContentBox => taffy::BoxSizing::ContentBox,
        },
        overflow: Point {
            x: overflow(style.overflow_x),
            y: overflow(style.overflow_y),
        },
        scrollbar_width: 0.0,
        position: if absolute {
            taffy::Position::Absolute
        } else {
            taffy::Position::Relative
        },
        inset: if is_app {
            Rect::auto()
        } else {
            Rect {
                left: r.lpa(style.inset.left),
                right: r.lpa(style.inset.right),
                top: r.lpa(style.inset.top),
                bottom: r.lpa(style.inset.bottom),
            }
        },
        size,
        min_size: if is_app {
            Size::auto()
        } else {
            Size {
                width: r.lpa(style.min_width),
                height: r.lpa(style.min_height),
            }
        },
        max_size: if is_app {
            Size::auto()
        } else {
            Size {
                width: r.lpa(style.max_width),
                height: r.lpa(style.max_height),
            }
        },
        aspect_ratio: style.aspect_ratio.filter(|a| a.is_finite() && *a > 0.0),
        margin: Rect {
            left: r.lpa(style.margin.left),
            right: r.lpa(style.margin.right),
            top: r.lpa(style.margin.top),
            bottom: r.lpa(style.margin.bottom),
        },
        padding: sides_lp(&style.padding),
        border: sides_lp(&style.border_width),
        gap: Size {
            width: r.lp_non_negative(style.column_gap),
            height: r.lp_non_negative(style.row_gap),
        },
        align_items: align_items(style.align_items),
        align_self: align_self(style.align_self),
        align_content: align_content(style.align_content),
        justify_content: justify(style.justify_content),
        flex_direction: match style.flex_direction {
            v::FlexDirection::Row => taffy::FlexDirection::Row,
            v::FlexDirection::Column => taffy::FlexDirection::Column,
            v::FlexDirection::RowReverse => taffy::FlexDirection::RowReverse,
            v::FlexDirection::ColumnReverse => taffy::FlexDirection::ColumnReverse,
        },
        flex_wrap: match style.flex_wrap {
            v::FlexWrap::NoWrap => taffy::FlexWrap::NoWrap,
            v::FlexWrap::Wrap => taffy::FlexWrap::Wrap,
            v::FlexWrap::WrapReverse => taffy::FlexWrap::WrapReverse,
        },
        flex_basis: r.dimension(style.flex_basis),
        flex_grow: style.flex_grow.max(0.0),
        flex_shrink: style.flex_shrink.max(0.0),
        ..taffy::Style::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::cascade::{CascadeInput, compute_style};
    use crate::style::catalogue::PropId;
    use crate::style::state::StateSet;
    use crate::style::values::{Overflow, PropValue};

    fn computed(
        kind: ElementKind,
        own: &[(PropId, PropValue)],
        parent: Option<&ComputedStyle>,
    ) -> ComputedStyle {
        compute_style(&CascadeInput {
            kind,
            own,
            own_pseudo: &[],
            classes: &[],
            states: StateSet::EMPTY,
            parent,
            animated: &[],
        })
    }

    fn len(l: Length) -> PropValue {
        PropValue::Length(l)
    }

    #[test]
    fn relative_units_resolve_to_px() {
        let units = UnitContext {
            viewport_w: 1000.0,
            viewport_h: 500.0,
            rem: 16.0,
        };
        let own = [
            (PropId::FontSize, len(Length::Px(20.0))),
            (PropId::Width, len(Length::Em(2.0))),
            (PropId::Height, len(Length::Rem(2.0))),
            (PropId::MinWidth, len(Length::Vw(10.0))),
            (PropId::MaxHeight, len(Length::Vh(50.0))),
            (PropId::PaddingLeft, len(Length::Percent(5.0))),
            (PropId::MarginTop, len(Length::Auto)),
        ];
        let s = taffy_style(
            &computed(ElementKind::Container, &own, None),
            ElementKind::Container,
            &units,
        );
        assert_eq!(s.size.width, Dimension::length(40.0));
        assert_eq!(s.size.height, Dimension::length(32.0));
        assert_eq!(s.min_size.width, LengthPercentageAuto::length(100.0));
        assert_eq!(s.max_size.height, LengthPercentageAuto::length(250.0));
        assert_eq!(s.max_size.width, LengthPercentageAuto::auto());
        assert_eq!(s.padding.left, LengthPercentage::percent(0.05));
        assert_eq!(s.margin.top, LengthPercentageAuto::auto());
    }

    #[test]
    fn flex_defaults_and_button() {
        let units = UnitContext::default();
        let c = taffy_style(
            &computed(ElementKind::Container, &[], None),
            ElementKind::Container,
            &units,
        );
        assert_eq!(c.flex_direction, taffy::FlexDirection::Column);
        assert_eq!(c.align_items, AlignItems::STRETCH);
        assert_eq!(c.position, taffy::Position::Relative);
        assert_eq!(c.box_sizing, taffy::BoxSizing::BorderBox);
        assert_eq!(c.flex_shrink, 1.0);
        let b = taffy_style(
            &computed(ElementKind::Button, &[], None),
            ElementKind::Button,
            &units,
        );
        assert_eq!(b.flex_direction, taffy::FlexDirection::Row);
        assert_eq!(b.align_items, AlignItems::CENTER);
        assert_eq!(b.justify_content, JustifyContent::CENTER);
        assert_eq!(b.padding.left, LengthPercentage::length(12.0));
        assert_eq!(b.border.top, LengthPercentage::length(1.0));
    }

    #[test]
    fn positioning_display_overflow_and_app() {
        let units = UnitContext {
            viewport_w: 640.0,
            viewport_h: 480.0,
            rem: 14.0,
        };
        let own = [
            (PropId::PosX, len(Length::Px(5.0))),
            (PropId::Overflow, PropValue::Overflow(Overflow::Auto)),
        ];
        let s = taffy_style(
            &computed(ElementKind::Container, &own, None),
            ElementKind::Container,
            &units,
        );
        assert_eq!(s.position, taffy::Position::Absolute);
        assert_eq!(s.inset.left, LengthPercentageAuto::length(5.0));
        assert_eq!(s.overflow.x, taffy::Overflow::Hidden);
        let own = [
            (PropId::Display, PropValue::Display(v::Display::None)),
            (PropId::Visible, PropValue::Bool(false)),
        ];
        let s = taffy_style(
            &computed(ElementKind::Container, &own, None),
            ElementKind::Container,
            &units,
        );
        assert_eq!(s.display, taffy::Display::None);
        let own = [
            (PropId::Visible, PropValue::Bool(false)),
            (PropId::Width, len(Length::Px(10.0))),
        ];
        let s = taffy_style(
            &computed(ElementKind::Container, &own, None),
            ElementKind::Container,
            &units,
        );
        assert_eq!(s.display, taffy::Display::Flex);
        assert_eq!(s.size.width, Dimension::length(10.0));
        let own = [(PropId::Width, len(Length::Px(10.0)))];
        let app = computed(ElementKind::App, &own, None);
        let s = taffy_style(&app, ElementKind::App, &units);
        assert_eq!(s.size.width, Dimension::length(640.0));
        assert_eq!(s.overflow.y, taffy::Overflow::Hidden);
        assert_eq!(s.flex_direction, taffy::FlexDirection::Column);
        // em on a child uses its own (inherited) font size.
        let child = computed(
            ElementKind::Container,
            &[(PropId::Width, len(Length::Em(10.0)))],
            Some(&app),
        );
        let s = taffy_style(&child, ElementKind::Container, &units);
        assert_eq!(s.size.width, Dimension::length(140.0));
    }
}
