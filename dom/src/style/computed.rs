//! [`ComputedStyle`]: the cascade result of one element — a typed field for every non-handler
//! catalogue property (kry-language.md §14), initialised to the §14 initial values. The rarely
//! set ones (Link/Image, motion, Input, App, Canvas) live in copy-on-write groups
//! ([`super::groups`]) so the common style stays small.
//!
//! `id`, `key` and `style` are not style values (they are identity, kept by the tree) and handlers
//! live with the element, so they have no field. Shorthands are written through
//! [`ComputedStyle::apply`], which sets every longhand they cover. Per-side border colours that no
//! layer sets follow the element's own `text_color` (§14.2). The cascade itself is in
//! [`super::cascade`].

use super::catalogue::PropId;
use super::groups::*;
use super::values::*;
use crate::value::{Color, Value};
use std::rc::Rc;

/// Viewport and root font size for resolving relative lengths to px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitContext {
    /// Window client width in logical px (`vw`).
    pub viewport_w: f32,
    /// Window client height in logical px (`vh`).
    pub viewport_h: f32,
    /// The App's `font_size` in px (`rem`).
    pub rem: f32,
}

impl Default for UnitContext {
    fn default() -> Self {
        UnitContext {
            viewport_w: 800.0,
            viewport_h: 600.0,
            rem: 14.0,
        }
    }
}

impl UnitContext {
    /// Resolves a length to px for a given own font size; `None` for `auto`, `none` and `%`.
    pub fn px(&self, length: Length, font_px: f32) -> Option<f32> {
        match length {
            Length::Px(v) => Some(v),
            Length::Em(v) => Some(v * font_px),
            Length::Rem(v) => Some(v * self.rem),
            Length::Vw(v) => Some(v * self.viewport_w / 100.0),
            Length::Vh(v) => Some(v * self.viewport_h / 100.0),
            Length::Auto | Length::None | Length::Percent(_) => None,
        }
    }
}

/// Four sides (top, right, bottom, left).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sides<T> {
    /// Top.
    pub top: T,
    /// Right.
    pub right: T,
    /// Bottom.
    pub bottom: T,
    /// Left.
    pub left: T,
}

impl<T: Copy> Sides<T> {
    /// All four sides equal.
    pub fn all(v: T) -> Self {
        Sides {
            top: v,
            right: v,
            bottom: v,
            left: v,
        }
    }
}

/// Four corners.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Corners<T> {
    /// Top-left.
    pub top_left: T,
    /// Top-right.
    pub top_right: T,
    /// Bottom-right.
    pub bottom_right: T,
    /// Bottom-left.
    pub bottom_left: T,
}

impl<T: Copy> Corners<T> {
    /// All four corners equal.
    pub fn all(v: T) -> Self {
        Corners {
            top_left: v,
            top_right: v,
            bottom_right: v,
            bottom_left: v,
        }
    }
}

/// A set of [`PropId`]s: which properties some cascade layer set explicitly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PropMask([u64; 4]);

const _: () = assert!(PropId::ALL.len() <= 256);

impl PropMask {
    /// Adds a property.
    pub fn insert(&mut self, prop: PropId) {
        let i = prop as usize;
        self.0[i / 64] |= 1 << (i % 64);
    }

    /// True if the property is in the set.
    pub fn contains(&self, prop: PropId) -> bool {
        let i = prop as usize;
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// The computed style of one element.
#[derive(Debug, Clone)]
pub struct ComputedStyle {
    // §14.1 Layout and box
    /// `display`.
    pub display: Display,
    /// `flex_direction`.
    pub flex_direction: FlexDirection,
    /// `flex_wrap`.
    pub flex_wrap: FlexWrap,
    /// `align_items`.
    pub align_items: Align,
    /// `align_self`.
    pub align_self: AlignSelf,
    /// `align_content`.
    pub align_content: AlignContent,
    /// `justify_content`.
    pub justify_content: Justify,
    /// `flex_grow`.
    pub flex_grow: f32,
    /// `flex_shrink`.
    pub flex_shrink: f32,
    /// `flex_basis`.
    pub flex_basis: Length,
    /// `row_gap`.
    pub row_gap: Length,
    /// `column_gap`.
    pub column_gap: Length,
    /// `order`.
    pub order: i64,
    /// `width`.
    pub width: Length,
    /// `height`.
    pub height: Length,
    /// `min_width`.
    pub min_width: Length,
    /// `min_height`.
    pub min_height: Length,
    /// `max_width` (`Length::None` = none).
    pub max_width: Length,
    /// `max_height` (`Length::None` = none).
    pub max_height: Length,
    /// `aspect_ratio` (width ÷ height).
    pub aspect_ratio: Option<f32>,
    /// `padding_*`.
    pub padding: Sides<Length>,
    /// `margin_*`.
    pub margin: Sides<Length>,
    /// `box_sizing`.
    pub box_sizing: BoxSizing,
    /// `position`.
    pub position: Position,
    /// `top`, `right`, `bottom`, `left` (`pos_x`/`pos_y` write `left`/`top`).
    pub inset: Sides<Length>,
    /// `z_index`.
    pub z_index: ZIndex,
    /// `overflow_x`.
    pub overflow_x: Overflow,
    /// `overflow_y`.
    pub overflow_y: Overflow,
    /// `scroll_x`.
    pub scroll_x: f32,
    /// `scroll_y`.
    pub scroll_y: f32,
    // §14.2 Visual
    /// `background_color`.
    pub background_color: Color,
    /// `opacity`.
    pub opacity: f32,
    /// `visible`.
    pub visible: bool,
    /// `border_*_width`.
    pub border_width: Sides<Length>,
    /// `border_*_color` (unset sides are the element's `text_color`).
    pub border_color: Sides<Color>,
    /// `border_style`.
    pub border_style: BorderStyle,
    /// `border_*_radius`.
    pub border_radius: Corners<Length>,
    /// `box_shadow` (empty = none).
    pub box_shadow: Vec<Shadow>,
    /// `transform`.
    pub transform: Transform,
    /// `transform_origin`.
    pub transform_origin: TransformOrigin,
    /// `cursor`.
    pub cursor: Cursor,
    // §14.3 Text
    /// `text`.
    pub text: String,
    /// `text_color`.
    pub text_color: Color,
    /// `font_size` as written (see [`ComputedStyle::font_size_px`] for the resolved size).
    pub font_size: Length,
    /// `font_weight`.
    pub font_weight: FontWeight,
    /// `font_family`.
    pub font_family: String,
    /// `font_style`.
    pub font_style: FontStyle,
    /// `text_alignment`.
    pub text_alignment: TextAlign,
    /// `text_vertical_alignment`.
    pub text_vertical_alignment: VerticalAlign,
    /// `line_height`.
    pub line_height: LineHeight,
    /// `letter_spacing`.
    pub letter_spacing: Length,
    /// `text_decoration`.
    pub text_decoration: TextDecoration,
    /// `text_transform`.
    pub text_transform: TextTransform,
    /// `white_space`.
    pub white_space: WhiteSpace,
    /// `word_wrap`.
    pub word_wrap: WordWrap,
    /// `text_overflow`.
    pub text_overflow: TextOverflow,
    // §14.4
    /// Own `disabled` (the effective value also looks at ancestors; the caller passes it as a
    /// state).
    pub disabled: bool,
    /// `checked`.
    pub checked: bool,
    /// `focusable` (default true for Button, Input and Link).
    pub focusable: bool,
    /// `focus_outline`.
    pub focus_outline: FocusOutline,
    // §14.5 Input
    /// `type`.
    pub input_type: InputType,
    // Rarely set groups, shared with the initial values until written
    /// Link `href` and Image `src`, `alt`, `fit`.
    pub media: Shared<MediaStyle>,
    /// `transition` and `animation` (kry §12).
    pub motion: Shared<MotionStyle>,
    /// Input properties but `type` (kry §14.5).
    pub input: Shared<InputStyle>,
    /// App window and script settings (kry §14.6).
    pub app: Shared<AppStyle>,
    /// Canvas `mode`, `data`, `config`, `redraw` (kry §14.6).
    pub canvas: Shared<CanvasStyle>,
    // Bookkeeping
    /// Properties some layer (3–8) set; see [`ComputedStyle::is_set`].
    pub explicit: PropMask,
    /// The resolved font size in px (em/%/rem resolved against the parent and the App).
    pub font_px: f32,
    /// The App's font size in px (for `rem`), carried down the tree.
    pub rem_px: f32,
    /// `left` came from `pos_x` (implies absolute without an explicit `position`).
    pub(crate) left_from_pos: bool,
    /// `top` came from `pos_y`.
    pub(crate) top_from_pos: bool,
    /// Which border sides had a colour set.
    pub(crate) border_color_set: [bool; 4],
}

impl PartialEq for ComputedStyle {
    /// Every field equal. `explicit` and `text` go first: two styles that differ nearly always
    /// differ in which properties some layer set, or in their text. Destructured so that a new
    /// field cannot be left out.
    fn eq(&self, other: &Self) -> bool {
        let ComputedStyle {
            display,
            flex_direction,
            flex_wrap,
            align_items,
            align_self,
            align_content,
            justify_content,
            flex_grow,
            flex_shrink,
            flex_basis,
            row_gap,
            column_gap,
            order,
            width,
            height,
            min_width,
            min_height,
            max_width,
            max_height,
            aspect_ratio,
            padding,
            margin,
            box_sizing,
            position,
            inset,
            z_index,
            overflow_x,
            overflow_y,
            scroll_x,
            scroll_y,
            background_color,
            opacity,
            visible,
            border_width,
            border_color,
            border_style,
            border_radius,
            box_shadow,
            transform,
            transform_origin,
            cursor,
            text,
            text_color,
            font_size,
            font_weight,
            font_family,
            font_style,
            text_alignment,
            text_vertical_alignment,
            line_height,
            letter_spacing,
            text_decoration,
            text_transform,
            white_space,
            word_wrap,
            text_overflow,
            disabled,
            checked,
            focusable,
            focus_outline,
            input_type,
            media,
            motion,
            input,
            app,
            canvas,
            explicit,
            font_px,
            rem_px,
            left_from_pos,
            top_from_pos,
            border_color_set,
        } = self;
        *explicit == other.explicit
            && *text == other.text
            && *display == other.display
            && *flex_direction == other.flex_direction
            && *flex_wrap == other.flex_wrap
            && *align_items == other.align_items
            && *align_self == other.align_self
            && *align_content == other.align_content
            && *justify_content == other.justify_content
            && *flex_grow == other.flex_grow
            && *flex_shrink == other.flex_shrink
            && *flex_basis == other.flex_basis
            && *row_gap == other.row_gap
            && *column_gap == other.column_gap
            && *order == other.order
            && *width == other.width
            && *height == other.height
            && *min_width == other.min_width
            && *min_height == other.min_height
            && *max_width == other.max_width
            && *max_height == other.max_height
            && *aspect_ratio == other.aspect_ratio
            && *padding == other.padding
            && *margin == other.margin
            && *box_sizing == other.box_sizing
            && *position == other.position
            && *inset == other.inset
            && *z_index == other.z_index
            && *overflow_x == other.overflow_x
            && *overflow_y == other.overflow_y
            && *scroll_x == other.scroll_x
            && *scroll_y == other.scroll_y
            && *background_color == other.background_color
            && *opacity == other.opacity
            && *visible == other.visible
            && *border_width == other.border_width
            && *border_color == other.border_color
            && *border_style == other.border_style
            && *border_radius == other.border_radius
            && *box_shadow == other.box_shadow
            && *transform == other.transform
            && *transform_origin == other.transform_origin
            && *cursor == other.cursor
            && *text_color == other.text_color
            && *font_size == other.font_size
            && *font_weight == other.font_weight
            && *font_family == other.font_family
            && *font_style == other.font_style
            && *text_alignment == other.text_alignment
            && *text_vertical_alignment == other.text_vertical_alignment
            && *line_height == other.line_height
            && *letter_spacing == other.letter_spacing
            && *text_decoration == other.text_decoration
            && *text_transform == other.text_transform
            && *white_space == other.white_space
            && *word_wrap == other.word_wrap
            && *text_overflow == other.text_overflow
            && *disabled == other.disabled
            && *checked == other.checked
            && *focusable == other.focusable
            && *focus_outline == other.focus_outline
            && *input_type == other.input_type
            && *media == other.media
            && *motion == other.motion
            && *input == other.input
            && *app == other.app
            && *canvas == other.canvas
            && *font_px == other.font_px
            && *rem_px == other.rem_px
            && *left_from_pos == other.left_from_pos
            && *top_from_pos == other.top_from_pos
            && *border_color_set == other.border_color_set
    }
}

/// The default font size (App, §13.2).
pub const DEFAULT_FONT_PX: f32 = 14.0;

/// True for the longhands that only change pixels — opacity, background and border colours,
/// box shadow, transform — so a change of one never moves a box. None is inherited, and
/// [`ComputedStyle::finish`] derives nothing from them once set, so writing one with
/// [`ComputedStyle::apply`] over a finished style gives what a full cascade would (the
/// animation layer relies on this to patch running values in place).
pub fn is_paint_only(prop: PropId) -> bool {
    matches!(
        prop,
        PropId::Opacity
            | PropId::BackgroundColor
            | PropId::BorderTopColor
            | PropId::BorderRightColor
            | PropId::BorderBottomColor
            | PropId::BorderLeftColor
            | PropId::BoxShadow
            | PropId::Transform
    )
}

thread_local! {
    /// The initial style, built once per thread: [`ComputedStyle::default`] copies it, so the
    /// rarely set groups are shared rather than allocated per element, and new elements share
    /// it until their first cascade.
    static INITIAL: Rc<ComputedStyle> = Rc::new(ComputedStyle::initial());
}

impl Default for ComputedStyle {
    /// The §14 initial values.
    fn default() -> Self {
        INITIAL.with(|initial| ComputedStyle::clone(initial))
    }
}

impl ComputedStyle {
    /// The initial style of this thread, shared (what an element holds before its first
    /// cascade).
    pub fn shared_initial() -> Rc<ComputedStyle> {
        INITIAL.with(Rc::clone)
    }

    /// True when `style` is [`ComputedStyle::shared_initial`] itself.
    pub fn is_shared_initial(style: &Rc<ComputedStyle>) -> bool {
        INITIAL.with(|initial| Rc::ptr_eq(initial, style))
    }

    /// The §14 initial values, built field by field.
    fn initial() -> Self {
        ComputedStyle {
            display: Display::Flex,
            flex_direction: FlexDirection::Column,
            flex_wrap: FlexWrap::NoWrap,
            align_items: Align::Stretch,
            align_self: AlignSelf::Auto,
            align_content: AlignContent::Stretch,
            justify_content: Justify::Start,
            flex_grow: 0.0,
            flex_shrink: 1.0,
            flex_basis: Length::Auto,
            row_gap: Length::ZERO,
            column_gap: Length::ZERO,
            order: 0,
            width: Length::Auto,
            height: Length::Auto,
            min_width: Length::Auto,
            min_height: Length::Auto,
            max_width: Length::None,
            max_height: Length::None,
            aspect_ratio: None,
            padding: Sides::all(Length::ZERO),
            margin: Sides::all(Length::ZERO),
            box_sizing: BoxSizing::BorderBox,
            position: Position::Relative,
            inset: Sides::all(Length::Auto),
            z_index: ZIndex::Auto,
            overflow_x: Overflow::Visible,
            overflow_y: Overflow::Visible,
            scroll_x: 0.0,
            scroll_y: 0.0,
            background_color: Color::TRANSPARENT,
            opacity: 1.0,
            visible: true,
            border_width: Sides::all(Length::ZERO),
            border_color: Sides::all(Color::BLACK),
            border_style: BorderStyle::Solid,
            border_radius: Corners::all(Length::ZERO),
            box_shadow: Vec::new(),
            transform: Transform::IDENTITY,
            transform_origin: TransformOrigin::default(),
            cursor: Cursor::Default,
            text: String::new(),
            text_color: Color::BLACK,
            font_size: Length::Px(DEFAULT_FONT_PX),
            font_weight: FontWeight(400),
            font_family: "default".to_owned(),
            font_style: FontStyle::Normal,
            text_alignment: TextAlign::Start,
            text_vertical_alignment: VerticalAlign::Top,
            line_height: LineHeight::Factor(1.2),
            letter_spacing: Length::ZERO,
            text_decoration: TextDecoration::None,
            text_transform: TextTransform::None,
            white_space: WhiteSpace::Normal,
            word_wrap: WordWrap::Normal,
            text_overflow: TextOverflow::Clip,
            disabled: false,
            checked: false,
            focusable: false,
            focus_outline: FocusOutline::Auto,
            input_type: InputType::Text,
            media: Shared::new(MediaStyle::default()),
            motion: Shared::new(MotionStyle::default()),
            input: Shared::new(InputStyle::default()),
            app: Shared::new(AppStyle::default()),
            canvas: Shared::new(CanvasStyle::default()),
            explicit: PropMask::default(),
            font_px: DEFAULT_FONT_PX,
            rem_px: DEFAULT_FONT_PX,
            left_from_pos: false,
            top_from_pos: false,
            border_color_set: [false; 4],
        }
    }
}

fn opt_int(v: &PropValue) -> Option<Option<i64>> {
    match v {
        PropValue::Int(i) => Some(Some(*i)),
        PropValue::None => Some(None),
        _ => None,
    }
}

impl ComputedStyle {
    /// True if some cascade layer set `prop` (aliases and shorthands count for their longhands;
    /// `pos_x`/`pos_y` count as themselves).
    pub fn is_set(&self, prop: PropId) -> bool {
        self.explicit.contains(prop)
    }

    /// Copies the inherited properties (§14 Inh) from the parent's computed style.
    pub fn inherit_from(&mut self, parent: &ComputedStyle) {
        self.text_color = parent.text_color;
        self.font_size = Length::Px(parent.font_px);
        self.font_px = parent.font_px;
        self.rem_px = parent.rem_px;
        self.font_weight = parent.font_weight;
        self.font_family.clone_from(&parent.font_family);
        self.font_style = parent.font_style;
        self.text_alignment = parent.text_alignment;
        self.line_height = parent.line_height;
        self.letter_spacing = parent.letter_spacing;
        self.text_transform = parent.text_transform;
        self.white_space = parent.white_space;
        self.word_wrap = parent.word_wrap;
        self.cursor = parent.cursor;
    }

    /// True when every inherited property (and the font size used by children) is equal: when
    /// false, children must recompute.
    pub fn inherited_eq(&self, other: &ComputedStyle) -> bool {
        self.text_color == other.text_color
            && self.font_px == other.font_px
            && self.rem_px == other.rem_px
            && self.font_weight == other.font_weight
            && self.font_family == other.font_family
            && self.font_style == other.font_style
            && self.text_alignment == other.text_alignment
            && self.line_height == other.line_height
            && self.letter_spacing == other.letter_spacing
            && self.text_transform == other.text_transform
            && self.white_space == other.white_space
            && self.word_wrap == other.word_wrap
            && self.cursor == other.cursor
    }

    /// Writes one value (a layer entry). Shorthands set every longhand they cover; a value of
    /// the wrong type for `prop` is ignored (coercion guarantees the type).
    pub fn apply(&mut self, prop: PropId, value: &PropValue) {
        use PropId as P;
        use PropValue as V;
        let longhands = prop.longhands();
        if !longhands.is_empty() && prop != P::Border {
            for &lh in longhands {
                self.apply(lh, value);
            }
            self.explicit.insert(prop);
            return;
        }
        let mut applied = true;
        match (prop, value) {
            (P::Display, V::Display(v)) => self.display = *v,
            (P::FlexDirection, V::FlexDirection(v)) => self.flex_direction = *v,
            (P::FlexWrap, V::FlexWrap(v)) => self.flex_wrap = *v,
            (P::AlignItems, V::Align(v)) => self.align_items = *v,
            (P::AlignSelf, V::AlignSelf(v)) => self.align_self = *v,
            (P::AlignContent, V::AlignContent(v)) => self.align_content = *v,
            (P::JustifyContent, V::Justify(v)) => self.justify_content = *v,
            (P::FlexGrow, V::Number(v)) => self.flex_grow = *v,
            (P::FlexShrink, V::Number(v)) => self.flex_shrink = *v,
            (P::FlexBasis, V::Length(v)) => self.flex_basis = *v,
            (P::RowGap, V::Length(v)) => self.row_gap = *v,
            (P::ColumnGap, V::Length(v)) => self.column_gap = *v,
            (P::Order, V::Int(v)) => self.order = *v,
            (P::Width, V::Length(v)) => self.width = *v,
            (P::Height, V::Length(v)) => self.height = *v,
            (P::MinWidth, V::Length(v)) => self.min_width = *v,
            (P::MinHeight, V::Length(v)) => self.min_height = *v,
            (P::MaxWidth, V::Length(v)) => self.max_width = *v,
            (P::MaxHeight, V::Length(v)) => self.max_height = *v,
            (P::AspectRatio, V::Number(v)) => self.aspect_ratio = Some(*v),
            (P::AspectRatio, V::None) => self.aspect_ratio = None,
            (P::PaddingTop, V::Length(v)) => self.padding.top = *v,
            (P::PaddingRight, V::Length(v)) => self.padding.right = *v,
            (P::PaddingBottom, V::Length(v)) => self.padding.bottom = *v,
            (P::PaddingLeft, V::Length(v)) => self.padding.left = *v,
            (P::MarginTop, V::Length(v)) => self.margin.top = *v,
            (P::MarginRight, V::Length(v)) => self.margin.right = *v,
            (P::MarginBottom, V::Length(v)) => self.margin.bottom = *v,
            (P::MarginLeft, V::Length(v)) => self.margin.left = *v,
            (P::BoxSizing, V::BoxSizing(v)) => self.box_sizing = *v,
            (P::Position, V::Position(v)) => self.position = *v,
            (P::Top, V::Length(v)) => {
                self.inset.top = *v;
                self.top_from_pos = false;
            }
            (P::Right, V::Length(v)) => self.inset.right = *v,
            (P::Bottom, V::Length(v)) => self.inset.bottom = *v,
            (P::Left, V::Length(v)) => {
                self.inset.left = *v;
                self.left_from_pos = false;
            }
            (P::PosX, V::Length(v)) => {
                self.inset.left = *v;
                self.left_from_pos = true;
            }
            (P::PosY, V::Length(v)) => {
                self.inset.top = *v;
                self.top_from_pos = true;
            }
            (P::ZIndex, V::ZIndex(v)) => self.z_index = *v,
            (P::OverflowX, V::Overflow(v)) => self.overflow_x = *v,
            (P::OverflowY, V::Overflow(v)) => self.overflow_y = *v,
            (P::ScrollX, V::Number(v)) => self.scroll_x = *v,
            (P::ScrollY, V::Number(v)) => self.scroll_y = *v,
            (P::BackgroundColor, V::Color(v)) => self.background_color = *v,
            (P::Opacity, V::Number(v)) => self.opacity = v.clamp(0.0, 1.0),
            (P::Visible, V::Bool(v)) => self.visible = *v,
            (P::Border, _) => {
                // A one-value border from `coerce`: route by type.
                match value {
                    V::Length(_) => self.apply(P::BorderWidth, value),
                    V::Color(_) => self.apply(P::BorderColor, value),
                    V::BorderStyle(_) => self.apply(P::BorderStyle, value),
                    _ => {}
                }
                applied = false;
            }
            (P::BorderTopWidth, V::Length(v)) => self.border_width.top = *v,
            (P::BorderRightWidth, V::Length(v)) => self.border_width.right = *v,
            (P::BorderBottomWidth, V::Length(v)) => self.border_width.bottom = *v,
            (P::BorderLeftWidth, V::Length(v)) => self.border_width.left = *v,
            (P::BorderTopColor, V::Color(v)) => {
                self.border_color.top = *v;
                self.border_color_set[0] = true;
            }
            (P::BorderRightColor, V::Color(v)) => {
                self.border_color.right = *v;
                self.border_color_set[1] = true;
            }
            (P::BorderBottomColor, V::Color(v)) => {
                self.border_color.bottom = *v;
                self.border_color_set[2] = true;
            }
            (P::BorderLeftColor, V::Color(v)) => {
                self.border_color.left = *v;
                self.border_color_set[3] = true;
            }
            (P::BorderStyle, V::BorderStyle(v)) => self.border_style = *v,
            (P::BorderTopLeftRadius, V::Length(v)) => self.border_radius.top_left = *v,
            (P::BorderTopRightRadius, V::Length(v)) => self.border_radius.top_right = *v,
            (P::BorderBottomRightRadius, V::Length(v)) => self.border_radius.bottom_right = *v,
            (P::BorderBottomLeftRadius, V::Length(v)) => self.border_radius.bottom_left = *v,
            (P::BoxShadow, V::BoxShadow(v)) => self.box_shadow.clone_from(v),
            (P::Transform, V::Transform(v)) => self.transform = *v,
            (P::TransformOrigin, V::TransformOrigin(v)) => self.transform_origin = *v,
            (P::Cursor, V::Cursor(v)) => self.cursor = *v,
            (P::Text, V::Str(v)) => self.text.clone_from(v),
            (P::TextColor, V::Color(v)) => self.text_color = *v,
            (P::FontSize, V::Length(v)) => self.font_size = *v,
            (P::FontWeight, V::FontWeight(v)) => self.font_weight = *v,
            (P::FontFamily, V::Str(v)) => self.font_family.clone_from(v),
            (P::FontStyle, V::FontStyle(v)) => self.font_style = *v,
            (P::TextAlignment, V::TextAlign(v)) => self.text_alignment = *v,
            (P::TextVerticalAlignment, V::VerticalAlign(v)) => self.text_vertical_alignment = *v,
            (P::LineHeight, V::LineHeight(v)) => self.line_height = *v,
            (P::LetterSpacing, V::Length(v)) => self.letter_spacing = *v,
            (P::TextDecoration, V::TextDecoration(v)) => self.text_decoration = *v,
            (P::TextTransform, V::TextTransform(v)) => self.text_transform = *v,
            (P::WhiteSpace, V::WhiteSpace(v)) => self.white_space = *v,
            (P::WordWrap, V::WordWrap(v)) => self.word_wrap = *v,
            (P::TextOverflow, V::TextOverflow(v)) => self.text_overflow = *v,
            (P::Href, V::Str(v)) => self.media.make_mut().href.clone_from(v),
            (P::Src, V::Str(v)) => self.media.make_mut().src.clone_from(v),
            (P::Alt, V::Str(v)) => self.media.make_mut().alt.clone_from(v),
            (P::Fit, V::ImageFit(v)) => self.media.make_mut().fit = *v,
            (P::Disabled, V::Bool(v)) => self.disabled = *v,
            (P::Checked, V::Bool(v)) => self.checked = *v,
            (P::Focusable, V::Bool(v)) => self.focusable = *v,
            (P::FocusOutline, V::FocusOutline(v)) => self.focus_outline = *v,
            (P::Transition, V::Transition(v)) => self.motion.make_mut().transition.clone_from(v),
            (P::Animation, V::Animation(v)) => self.motion.make_mut().animation.clone_from(v),
            (P::Type, V::InputType(v)) => self.input_type = *v,
            (P::Value, V::Any(v)) => self.input.make_mut().value.clone_from(v),
            (P::Placeholder, V::Str(v)) => self.input.make_mut().placeholder.clone_from(v),
            (P::Pattern, V::Str(v)) => self.input.make_mut().pattern.clone_from(v),
            (P::MaxLength, V::Int(v)) => self.input.make_mut().max_length = Some(*v),
            (P::MinLength, V::Int(v)) => self.input.make_mut().min_length = Some(*v),
            (P::Readonly, V::Bool(v)) => self.input.make_mut().readonly = *v,
            (P::Required, V::Bool(v)) => self.input.make_mut().required = *v,
            (P::Multiline, V::Bool(v)) => self.input.make_mut().multiline = Some(*v),
            (P::Min, V::Any(v)) => self.input.make_mut().min.clone_from(v),
            (P::Max, V::Any(v)) => self.input.make_mut().max.clone_from(v),
            (P::Step, V::Any(v)) => self.input.make_mut().step.clone_from(v),
            (P::Name, V::Str(v)) => self.input.make_mut().name.clone_from(v),
            (P::Accept, V::Str(v)) => self.input.make_mut().accept.clone_from(v),
            (P::Multiple, V::Bool(v)) => self.input.make_mut().multiple = *v,
            (P::WindowWidth, V::Int(v)) => self.app.make_mut().window_width = *v,
            (P::WindowHeight, V::Int(v)) => self.app.make_mut().window_height = *v,
            (P::WindowTitle, V::Str(v)) => self.app.make_mut().window_title.clone_from(v),
            (P::Resizable, V::Bool(v)) => self.app.make_mut().resizable = *v,
            (P::KeepAspectRatio, V::Bool(v)) => self.app.make_mut().keep_aspect_ratio = *v,
            (P::WindowMinWidth, v) if opt_int(v).is_some() => {
                self.app.make_mut().window_min_width = opt_int(v).flatten();
            }
            (P::WindowMinHeight, v) if opt_int(v).is_some() => {
                self.app.make_mut().window_min_height = opt_int(v).flatten();
            }
            (P::WindowMaxWidth, v) if opt_int(v).is_some() => {
                self.app.make_mut().window_max_width = opt_int(v).flatten();
            }
            (P::WindowMaxHeight, v) if opt_int(v).is_some() => {
                self.app.make_mut().window_max_height = opt_int(v).flatten();
            }
            (P::ScaleFactor, V::Number(v)) => self.app.make_mut().scale_factor = *v,
            (P::Icon, V::Str(v)) => self.app.make_mut().icon.clone_from(v),
            (P::Version, V::Str(v)) => self.app.make_mut().version.clone_from(v),
            (P::Author, V::Str(v)) => self.app.make_mut().author.clone_from(v),
            (P::DefaultScriptLanguage, V::Str(v)) => {
                self.app.make_mut().default_script_language.clone_from(v)
            }
            (P::ScriptPermissions, V::Any(v)) => {
                self.app.make_mut().script_permissions.clone_from(v)
            }
            (P::ScriptMemoryLimit, V::Any(v)) => {
                self.app.make_mut().script_memory_limit.clone_from(v)
            }
            (P::ScriptTimeLimit, V::Any(v)) => self.app.make_mut().script_time_limit.clone_from(v),
            (P::ScriptInstructionLimit, V::Any(v)) => {
                self.app.make_mut().script_instruction_limit.clone_from(v)
            }
            (P::ScriptStackDepth, V::Any(v)) => {
                self.app.make_mut().script_stack_depth.clone_from(v)
            }
            (P::RandomSeed, V::Any(v)) => self.app.make_mut().random_seed.clone_from(v),
            (P::ErrorOverlay, V::Any(v)) => self.app.make_mut().error_overlay.clone_from(v),
            (P::Mode, V::CanvasMode(v)) => self.canvas.make_mut().canvas_mode = *v,
            (P::Data, V::Any(v)) => self.canvas.make_mut().data.clone_from(v),
            (P::Config, V::Any(v)) => self.canvas.make_mut().config.clone_from(v),
            (P::Redraw, V::Redraw(v)) => self.canvas.make_mut().redraw = *v,
            _ => applied = false,
        }
        if applied {
            self.explicit.insert(prop);
        }
    }

    /// Final fix-ups after every layer: the resolved font size, `rem`, border colours that no
    /// layer set (own `text_color`), and kind-dependent defaults.
    pub(crate) fn finish(&mut self, parent_font_px: f32, is_app: bool, default_focusable: bool) {
        let units = UnitContext {
            rem: self.rem_px,
            ..UnitContext::default()
        };
        self.font_px = match self.font_size {
            Length::Percent(p) => parent_font_px * p / 100.0,
            Length::Em(v) => parent_font_px * v,
            Length::Auto | Length::None => parent_font_px,
            other => units.px(other, parent_font_px).unwrap_or(parent_font_px),
        }
        .max(0.0);
        if is_app {
            self.rem_px = self.font_px;
        }
        let sides = [
            &mut self.border_color.top,
            &mut self.border_color.right,
            &mut self.border_color.bottom,
            &mut self.border_color.left,
        ];
        for (side, set) in sides.into_iter().zip(self.border_color_set) {
            if !set {
                *side = self.text_color;
            }
        }
        if !self.explicit.contains(PropId::Focusable) {
            self.focusable = default_focusable;
        }
    }

    /// `pos_x`/`pos_y` without an explicit `position` make the element absolute (§15.6).
    pub fn is_absolute(&self) -> bool {
        self.position == Position::Absolute
            || (!self.explicit.contains(PropId::Position)
                && (self.left_from_pos || self.top_from_pos))
    }

    /// `display` is not `none`.
    pub fn is_displayed(&self) -> bool {
        self.display != Display::None
    }

    /// `visible` is true.
    pub fn is_visible(&self) -> bool {
        self.visible
    }

    /// The resolved font size in px.
    pub fn font_size_px(&self) -> f32 {
        self.font_px
    }

    /// `font_style: italic`.
    pub fn is_italic(&self) -> bool {
        self.font_style == FontStyle::Italic
    }

    /// Text wraps (`white_space: normal`).
    pub fn wraps(&self) -> bool {
        self.white_space == WhiteSpace::Normal
    }

    /// `word_wrap: break_word`.
    pub fn breaks_words(&self) -> bool {
        self.word_wrap == WordWrap::BreakWord
    }

    /// `text_alignment` as 0 start, 1 center, 2 end, 3 justify.
    pub fn text_align_kind(&self) -> u8 {
        match self.text_alignment {
            TextAlign::Start => 0,
            TextAlign::Center => 1,
            TextAlign::End => 2,
            TextAlign::Justify => 3,
        }
    }

    /// Line height in px.
    pub fn line_height_px(&self, units: &UnitContext) -> f32 {
        match self.line_height {
            LineHeight::Factor(f) => f * self.font_px,
            LineHeight::Length(l) => units.px(l, self.font_px).unwrap_or(1.2 * self.font_px),
        }
    }

    /// Letter spacing in px.
    pub fn letter_spacing_px(&self, units: &UnitContext) -> f32 {
        units.px(self.letter_spacing, self.font_px).unwrap_or(0.0)
    }

    /// The text to draw: an Input's `value` for text-like types when set (masked for
    /// `password`), else `text`; `text_transform` applied.
    pub fn display_text(&self) -> String {
        let raw = if self.input_type.is_text_like() && !matches!(self.input.value.0, Value::Null) {
            let v = self.input.value.0.to_string();
            if self.input_type == InputType::Password {
                "•".repeat(v.chars().count())
            } else {
                v
            }
        } else {
            self.text.clone()
        };
        match self.text_transform {
            TextTransform::None => raw,
            TextTransform::Uppercase => raw.to_uppercase(),
            TextTransform::Lowercase => raw.to_lowercase(),
            TextTransform::Capitalize => {
                let mut out = String::with_capacity(raw.len());
                let mut at_start = true;
                for c in raw.chars() {
                    if at_start && c.is_alphabetic() {
                        out.extend(c.to_uppercase());
                    } else {
                        out.push(c);
                    }
                    at_start = c.is_whitespace();
                }
                out
            }
        }
    }

    /// Intrinsic width of an Input (§15.3): 200 for text fields, pickers and `range`, the 16 px
    /// box for checkbox/radio (the label is measured separately), 0 for `hidden`.
    pub fn input_intrinsic_width(&self) -> f32 {
        match self.input_type {
            InputType::Checkbox | InputType::Radio => 16.0,
            InputType::Hidden => 0.0,
            _ => 200.0,
        }
    }

    /// Visual values that differ from the initial ones, as `(name, text)` (for `kryon dump`).
    pub fn summary(&self) -> Vec<(&'static str, String)> {
        let d = ComputedStyle::default();
        let mut out = Vec::new();
        if self.background_color != d.background_color {
            out.push(("background_color", self.background_color.to_hex()));
        }
        if self.text_color != d.text_color {
            out.push(("text_color", self.text_color.to_hex()));
        }
        if self.font_px != d.font_px {
            out.push((
                "font_size",
                crate::value::format_number(f64::from(self.font_px)),
            ));
        }
        if self.font_weight != d.font_weight {
            out.push(("font_weight", self.font_weight.0.to_string()));
        }
        if self.opacity != d.opacity {
            out.push((
                "opacity",
                crate::value::format_number(f64::from(self.opacity)),
            ));
        }
        if self.border_width != d.border_width {
            out.push(("border_width", format!("{:?}", self.border_width.top)));
            out.push(("border_color", self.border_color.top.to_hex()));
        }
        if self.border_radius != d.border_radius {
            out.push((
                "border_radius",
                format!("{:?}", self.border_radius.top_left),
            ));
        }
        if self.z_index != d.z_index {
            out.push(("z_index", format!("{:?}", self.z_index)));
        }
        if self.is_absolute() {
            out.push(("position", "absolute".to_owned()));
        }
        if (self.overflow_x, self.overflow_y) != (d.overflow_x, d.overflow_y) {
            out.push((
                "overflow",
                format!(
                    "{} {}",
                    self.overflow_x.keyword(),
                    self.overflow_y.keyword()
                ),
            ));
        }
        if !self.transform.is_identity() {
            out.push(("transform", format!("{:?}", self.transform)));
        }
        out
    }
}
