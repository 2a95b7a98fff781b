//! Typed property values (kry-language.md §4.2, §12, §14).
//!
//! Every catalogue property coerces to one [`PropValue`]. This module defines the value types
//! themselves — lengths, keyword enums, font weight, transforms, box shadows, and the parsed forms
//! of `transition` and `animation` strings with their easing functions — and the string parsers
//! that are shared by [`super::coerce`]. Keyword enums match ASCII case-insensitively with `-` ≡
//! `_` (use [`normalize_keyword`] before [`KeywordEnum::from_keyword`]).

use crate::value::{Color, Value};
use kryon_markup::ast;

/// Lowercases ASCII, trims and maps `-` to `_` (kry §4.3 enum matching).
pub fn normalize_keyword(text: &str) -> String {
    text.trim().to_ascii_lowercase().replace('-', "_")
}

/// A length (kry §4.2). Relative units are resolved at layout time (`taffy_style`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Length {
    /// `auto`.
    #[default]
    Auto,
    /// `none` (only `max_width` / `max_height`).
    None,
    /// Logical pixels (a bare number or `Npx`).
    Px(f32),
    /// `N%` of the parent's content box (width for padding and margin).
    Percent(f32),
    /// `Nem`: × the element's own `font_size`.
    Em(f32),
    /// `Nrem`: × the App's `font_size`.
    Rem(f32),
    /// `Nvw`: % of the window width.
    Vw(f32),
    /// `Nvh`: % of the window height.
    Vh(f32),
}

impl Length {
    /// Zero pixels.
    pub const ZERO: Length = Length::Px(0.0);

    /// Parses `auto`, `none` (when `allow_none`), a bare number (px) or `N` + `px % em rem vw vh`.
    pub fn parse(text: &str, allow_none: bool) -> Option<Length> {
        let t = text.trim();
        let lower = t.to_ascii_lowercase();
        if lower == "auto" {
            return Some(Length::Auto);
        }
        if allow_none && lower == "none" {
            return Some(Length::None);
        }
        let (num, unit) = split_number_unit(&lower)?;
        let n = num as f32;
        Some(match unit {
            "" | "px" => Length::Px(n),
            "%" => Length::Percent(n),
            "em" => Length::Em(n),
            "rem" => Length::Rem(n),
            "vw" => Length::Vw(n),
            "vh" => Length::Vh(n),
            _ => return None,
        })
    }

    /// The pixel value when this is `Px`.
    pub fn as_px(self) -> Option<f32> {
        match self {
            Length::Px(v) => Some(v),
            _ => None,
        }
    }
}

/// Splits `"12.5px"` into `(12.5, "px")`; the unit may be empty. `None` when there is no number.
pub fn split_number_unit(text: &str) -> Option<(f64, &str)> {
    let t = text.trim();
    let end = t
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || c == '.'
                || ((c == '-' || c == '+') && i == 0)
                || ((c == 'e' || c == 'E')
                    && t[i + 1..]
                        .starts_with(|d: char| d.is_ascii_digit() || d == '-' || d == '+')
                    && i > 0))
        })
        .map_or(t.len(), |(i, _)| i);
    let (num, unit) = t.split_at(end);
    if num.is_empty() || !num.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: f64 = num.parse().ok()?;
    value.is_finite().then_some((value, unit.trim()))
}

/// Parses an angle in degrees: a bare number, or `N` + `deg rad turn` (kry §4.2).
pub fn parse_angle(text: &str) -> Option<f32> {
    let lower = text.trim().to_ascii_lowercase();
    let (n, unit) = split_number_unit(&lower)?;
    let deg = match unit {
        "" | "deg" => n,
        "rad" => n.to_degrees(),
        "turn" => n * 360.0,
        _ => return None,
    };
    Some(deg as f32)
}

/// Parses a time in milliseconds: a bare number, or `N` + `ms s` (kry §4.2).
pub fn parse_time(text: &str) -> Option<f32> {
    let lower = text.trim().to_ascii_lowercase();
    let (n, unit) = split_number_unit(&lower)?;
    let ms = match unit {
        "" | "ms" => n,
        "s" => n * 1000.0,
        _ => return None,
    };
    (ms >= 0.0).then_some(ms as f32)
}

/// Splits at top-level separators: characters for which `is_sep` is true outside parentheses.
/// Empty pieces are dropped and pieces are trimmed.
pub fn split_top_level(text: &str, is_sep: impl Fn(char) -> bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 && is_sep(c) => {
                let piece = text[start..i].trim();
                if !piece.is_empty() {
                    out.push(piece);
                }
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    let piece = text[start..].trim();
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// Common interface of the keyword enums.
pub trait KeywordEnum: Sized + Copy {
    /// Accepted keywords, canonical spelling.
    const NAMES: &'static [&'static str];
    /// Matches an already normalised keyword (see [`normalize_keyword`]).
    fn from_keyword(keyword: &str) -> Option<Self>;
    /// The canonical keyword.
    fn keyword(self) -> &'static str;
}

macro_rules! keyword_enum {
    ($(#[$m:meta])* $name:ident default $def:ident { $($var:ident = $kw:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $(#[doc = concat!("`", $kw, "`")] $var,)+
        }

        impl Default for $name {
            fn default() -> Self {
                Self::$def
            }
        }

        impl KeywordEnum for $name {
            const NAMES: &'static [&'static str] = &[$($kw),+];
            fn from_keyword(keyword: &str) -> Option<Self> {
                match keyword {
                    $($kw => Some(Self::$var),)+
                    _ => None,
                }
            }
            fn keyword(self) -> &'static str {
                match self {
                    $(Self::$var => $kw,)+
                }
            }
        }
    };
}

keyword_enum!(
    /// `display` (`block` and `grid` are read as `flex`).
    Display default Flex { Flex = "flex", None = "none" }
);
keyword_enum!(
    /// `flex_direction`.
    FlexDirection default Column {
        Row = "row", Column = "column", RowReverse = "row_reverse", ColumnReverse = "column_reverse"
    }
);
keyword_enum!(
    /// `flex_wrap`.
    FlexWrap default NoWrap { NoWrap = "nowrap", Wrap = "wrap", WrapReverse = "wrap_reverse" }
);
keyword_enum!(
    /// `align_items`.
    Align default Stretch {
        Start = "start", Center = "center", End = "end", Stretch = "stretch", Baseline = "baseline"
    }
);
keyword_enum!(
    /// `align_self`.
    AlignSelf default Auto {
        Auto = "auto", Start = "start", Center = "center", End = "end", Stretch = "stretch",
        Baseline = "baseline"
    }
);
keyword_enum!(
    /// `align_content`.
    AlignContent default Stretch {
        Start = "start", Center = "center", End = "end", Stretch = "stretch",
        SpaceBetween = "space_between", SpaceAround = "space_around", SpaceEvenly = "space_evenly"
    }
);
keyword_enum!(
    /// `justify_content` (`stretch` → `start`).
    Justify default Start {
        Start = "start", Center = "center", End = "end", SpaceBetween = "space_between",
        SpaceAround = "space_around", SpaceEvenly = "space_evenly"
    }
);
keyword_enum!(
    /// `position`.
    Position default Relative { Relative = "relative", Absolute = "absolute" }
);
keyword_enum!(
    /// `overflow`, `overflow_x`, `overflow_y`.
    Overflow default Visible {
        Visible = "visible", Hidden = "hidden", Scroll = "scroll", Auto = "auto"
    }
);
keyword_enum!(
    /// `box_sizing`.
    BoxSizing default BorderBox { BorderBox = "border_box", ContentBox = "content_box" }
);
keyword_enum!(
    /// `border_style`.
    BorderStyle default Solid { Solid = "solid", Dashed = "dashed", Dotted = "dotted", None = "none" }
);
keyword_enum!(
    /// `font_style`.
    FontStyle default Normal { Normal = "normal", Italic = "italic" }
);
keyword_enum!(
    /// `text_alignment`.
    TextAlign default Start { Start = "start", Center = "center", End = "end", Justify = "justify" }
);
keyword_enum!(
    /// `text_vertical_alignment`.
    VerticalAlign default Top { Top = "top", Center = "center", Bottom = "bottom" }
);
keyword_enum!(
    /// `text_decoration`.
    TextDecoration default None {
        None = "none", Underline = "underline", LineThrough = "line_through"
    }
);
keyword_enum!(
    /// `text_transform`.
    TextTransform default None {
        None = "none", Uppercase = "uppercase", Lowercase = "lowercase", Capitalize = "capitalize"
    }
);
keyword_enum!(
    /// `white_space`.
    WhiteSpace default Normal { Normal = "normal", NoWrap = "nowrap" }
);
keyword_enum!(
    /// `word_wrap`.
    WordWrap default Normal { Normal = "normal", BreakWord = "break_word" }
);
keyword_enum!(
    /// `text_overflow`.
    TextOverflow default Clip { Clip = "clip", Ellipsis = "ellipsis" }
);
keyword_enum!(
    /// `cursor`.
    Cursor default Default {
        Default = "default", Pointer = "pointer", Text = "text", Crosshair = "crosshair",
        Move = "move", ResizeNs = "resize_ns", ResizeEw = "resize_ew", ResizeNesw = "resize_nesw",
        ResizeNwse = "resize_nwse", Wait = "wait", Help = "help", NotAllowed = "not_allowed"
    }
);
keyword_enum!(
    /// Image `fit`.
    ImageFit default Fill {
        Fill = "fill", Contain = "contain", Cover = "cover", ScaleDown = "scale_down", None = "none"
    }
);
keyword_enum!(
    /// `focus_outline`.
    FocusOutline default Auto { Auto = "auto", None = "none" }
);
keyword_enum!(
    /// Canvas `mode`.
    CanvasMode default TwoD { TwoD = "2d", ThreeD = "3d" }
);
keyword_enum!(
    /// Canvas `redraw`.
    Redraw default Always { Always = "always", OnDemand = "on_demand" }
);
keyword_enum!(
    /// Input `type` (kry §14.5).
    InputType default Text {
        Text = "text", Password = "password", Email = "email", Number = "number", Tel = "tel",
        Url = "url", Search = "search", Textarea = "textarea", Checkbox = "checkbox",
        Radio = "radio", Range = "range", Date = "date", DatetimeLocal = "datetime_local",
        Month = "month", Time = "time", Week = "week", Color = "color", File = "file",
        Hidden = "hidden", Submit = "submit", Reset = "reset", Button = "button", Image = "image"
    }
);

impl InputType {
    /// Text-like types: caret, selection, IME (kry §14.5).
    pub fn is_text_like(self) -> bool {
        use InputType::*;
        matches!(
            self,
            Text | Password | Email | Number | Tel | Url | Search | Textarea
        )
    }

    /// The date family (`date datetime_local month time week`).
    pub fn is_date_family(self) -> bool {
        use InputType::*;
        matches!(self, Date | DatetimeLocal | Month | Time | Week)
    }

    /// Types that behave as Buttons (`submit reset button image`).
    pub fn is_button_like(self) -> bool {
        use InputType::*;
        matches!(self, Submit | Reset | Button | Image)
    }

    /// Types drawn as a text field: text-like types and the pickers (date family, `color`,
    /// `file`), which "show a text field" in v1.
    pub fn is_field(self) -> bool {
        self.is_text_like() || self.is_date_family() || matches!(self, Self::Color | Self::File)
    }
}

/// Which keyword enum a property takes (used by the catalogue and for K0304 messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumKind {
    /// [`Display`]
    Display,
    /// [`FlexDirection`]
    FlexDirection,
    /// [`FlexWrap`]
    FlexWrap,
    /// [`Align`]
    Align,
    /// [`AlignSelf`]
    AlignSelf,
    /// [`AlignContent`]
    AlignContent,
    /// [`Justify`]
    Justify,
    /// [`Position`]
    Position,
    /// [`Overflow`]
    Overflow,
    /// [`BoxSizing`]
    BoxSizing,
    /// [`BorderStyle`]
    BorderStyle,
    /// [`FontStyle`]
    FontStyle,
    /// [`TextAlign`]
    TextAlign,
    /// [`VerticalAlign`]
    VerticalAlign,
    /// [`TextDecoration`]
    TextDecoration,
    /// [`TextTransform`]
    TextTransform,
    /// [`WhiteSpace`]
    WhiteSpace,
    /// [`WordWrap`]
    WordWrap,
    /// [`TextOverflow`]
    TextOverflow,
    /// [`Cursor`]
    Cursor,
    /// [`ImageFit`]
    ImageFit,
    /// [`FocusOutline`]
    FocusOutline,
    /// [`CanvasMode`]
    CanvasMode,
    /// [`Redraw`]
    Redraw,
    /// [`InputType`]
    InputType,
}

impl EnumKind {
    /// The accepted keywords (canonical spellings, synonyms not listed).
    pub fn names(self) -> &'static [&'static str] {
        match self {
            EnumKind::Display => Display::NAMES,
            EnumKind::FlexDirection => FlexDirection::NAMES,
            EnumKind::FlexWrap => FlexWrap::NAMES,
            EnumKind::Align => Align::NAMES,
            EnumKind::AlignSelf => AlignSelf::NAMES,
            EnumKind::AlignContent => AlignContent::NAMES,
            EnumKind::Justify => Justify::NAMES,
            EnumKind::Position => Position::NAMES,
            EnumKind::Overflow => Overflow::NAMES,
            EnumKind::BoxSizing => BoxSizing::NAMES,
            EnumKind::BorderStyle => BorderStyle::NAMES,
            EnumKind::FontStyle => FontStyle::NAMES,
            EnumKind::TextAlign => TextAlign::NAMES,
            EnumKind::VerticalAlign => VerticalAlign::NAMES,
            EnumKind::TextDecoration => TextDecoration::NAMES,
            EnumKind::TextTransform => TextTransform::NAMES,
            EnumKind::WhiteSpace => WhiteSpace::NAMES,
            EnumKind::WordWrap => WordWrap::NAMES,
            EnumKind::TextOverflow => TextOverflow::NAMES,
            EnumKind::Cursor => Cursor::NAMES,
            EnumKind::ImageFit => ImageFit::NAMES,
            EnumKind::FocusOutline => FocusOutline::NAMES,
            EnumKind::CanvasMode => CanvasMode::NAMES,
            EnumKind::Redraw => Redraw::NAMES,
            EnumKind::InputType => InputType::NAMES,
        }
    }
}

/// A font weight, 100–900 (`normal` 400, `bold` 700, `light` 300, `heavy` 900).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FontWeight(pub u16);

impl Default for FontWeight {
    fn default() -> Self {
        FontWeight(400)
    }
}

/// `z_index`: `auto` or an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ZIndex {
    /// `auto`: no layer of its own.
    #[default]
    Auto,
    /// An integer: opens a layer (kry §15.7).
    Index(i32),
}

/// `line_height`: a factor of `font_size`, or a length.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LineHeight {
    /// × `font_size` (a bare number, or `N%` / 100).
    Factor(f32),
    /// An absolute length (`24px`, `1.5em`…).
    Length(Length),
}

impl Default for LineHeight {
    fn default() -> Self {
        LineHeight::Factor(1.2)
    }
}

/// `transform`: applied scale → rotate → translate about `transform_origin`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    /// Horizontal scale.
    pub scale_x: f32,
    /// Vertical scale.
    pub scale_y: f32,
    /// Clockwise rotation in degrees.
    pub rotate_deg: f32,
    /// Horizontal translation in px.
    pub translate_x: f32,
    /// Vertical translation in px.
    pub translate_y: f32,
}

impl Transform {
    /// No transformation.
    pub const IDENTITY: Transform = Transform {
        scale_x: 1.0,
        scale_y: 1.0,
        rotate_deg: 0.0,
        translate_x: 0.0,
        translate_y: 0.0,
    };

    /// True when this is the identity.
    pub fn is_identity(&self) -> bool {
        *self == Self::IDENTITY
    }
}

impl Default for Transform {
    fn default() -> Self {
        Self::IDENTITY
    }
}

/// `transform_origin`: `"x y"`, lengths or % of the border box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TransformOrigin {
    /// Horizontal origin.
    pub x: Length,
    /// Vertical origin.
    pub y: Length,
}

impl Default for TransformOrigin {
    fn default() -> Self {
        TransformOrigin {
            x: Length::Percent(50.0),
            y: Length::Percent(50.0),
        }
    }
}

/// One shadow of `box_shadow`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shadow {
    /// Horizontal offset in px.
    pub x: f32,
    /// Vertical offset in px.
    pub y: f32,
    /// Blur radius in px.
    pub blur: f32,
    /// Spread in px.
    pub spread: f32,
    /// Colour.
    pub color: Color,
    /// Inner shadow.
    pub inset: bool,
}

/// Parses `"x y [blur [spread]] colour [inset], …"`; `none` or an empty string is no shadow.
/// Errors are `(code, message)`: K0301 for a bad colour, K0302 otherwise.
pub fn parse_box_shadow(text: &str) -> Result<Vec<Shadow>, (&'static str, String)> {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    let mut shadows = Vec::new();
    for item in split_top_level(trimmed, |c| c == ',') {
        let mut lengths = Vec::new();
        let mut color = None;
        let mut inset = false;
        for token in split_top_level(item, char::is_whitespace) {
            if token.eq_ignore_ascii_case("inset") {
                inset = true;
            } else if let Some(len) = Length::parse(token, false).and_then(Length::as_px) {
                if color.is_some() || lengths.len() == 4 {
                    return Err((
                        "K0302",
                        format!("unexpected length `{token}` in shadow `{item}`"),
                    ));
                }
                lengths.push(len);
            } else if let Some(c) = Color::parse(token) {
                if color.is_some() {
                    return Err(("K0301", format!("two colours in shadow `{item}`")));
                }
                color = Some(c);
            } else if token.starts_with('#') || token.to_ascii_lowercase().starts_with("rgb") {
                return Err((
                    "K0301",
                    format!("malformed colour `{token}` in shadow `{item}`"),
                ));
            } else {
                return Err(("K0302", format!("unexpected `{token}` in shadow `{item}`")));
            }
        }
        if lengths.len() < 2 {
            return Err((
                "K0302",
                format!("shadow `{item}` needs at least an x and a y offset"),
            ));
        }
        let Some(color) = color else {
            return Err(("K0301", format!("shadow `{item}` has no colour")));
        };
        shadows.push(Shadow {
            x: lengths[0],
            y: lengths[1],
            blur: lengths.get(2).copied().unwrap_or(0.0).max(0.0),
            spread: lengths.get(3).copied().unwrap_or(0.0),
            color,
            inset,
        });
    }
    Ok(shadows)
}

/// The curve family of `ease_in_F` / `ease_out_F` / `ease_in_out_F`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CurveFamily {
    /// t²
    Quad,
    /// t³
    Cubic,
    /// t⁴
    Quart,
    /// t⁵
    Quint,
    /// 1−cos(πt/2)
    Sine,
    /// 2^(10t−10)
    Expo,
    /// 1−√(1−t²)
    Circ,
    /// overshooting cubic
    Back,
    /// decaying sine
    Elastic,
    /// bouncing (Out is the base curve)
    Bounce,
}

/// Direction of a named curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CurveMode {
    /// `ease_in_F`
    In,
    /// `ease_out_F`
    Out,
    /// `ease_in_out_F`
    InOut,
}

/// An easing function (kry §12.3).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Easing {
    /// `linear`
    Linear,
    /// `ease` = cubic_bezier(.25,.1,.25,1)
    #[default]
    Ease,
    /// `ease_in` = cubic_bezier(.42,0,1,1)
    EaseIn,
    /// `ease_out` = cubic_bezier(0,0,.58,1)
    EaseOut,
    /// `ease_in_out` = cubic_bezier(.42,0,.58,1)
    EaseInOut,
    /// `ease_in_quad`, `ease_out_bounce`, …
    Curve(CurveMode, CurveFamily),
    /// `cubic_bezier(x1, y1, x2, y2)`, x1 and x2 clamped to [0,1].
    CubicBezier(f32, f32, f32, f32),
    /// `spring(stiffness, damping)`; `spring` = `spring(170, 26)`.
    Spring {
        /// Stiffness.
        stiffness: f32,
        /// Damping.
        damping: f32,
    },
    /// `steps(n)`.
    Steps(u32),
}

impl Easing {
    /// Parses an easing name (`-` ≡ `_`, case-insensitive). `None` for unknown names and for
    /// malformed function arguments.
    pub fn from_name(text: &str) -> Option<Easing> {
        let name = normalize_keyword(text);
        let simple = match name.as_str() {
            "linear" => Some(Easing::Linear),
            "ease" => Some(Easing::Ease),
            "ease_in" => Some(Easing::EaseIn),
            "ease_out" => Some(Easing::EaseOut),
            "ease_in_out" => Some(Easing::EaseInOut),
            "spring" => Some(Easing::Spring {
                stiffness: 170.0,
                damping: 26.0,
            }),
            _ => None,
        };
        if simple.is_some() {
            return simple;
        }
        if let Some((func, rest)) = name.split_once('(') {
            let args: Vec<f32> = rest
                .strip_suffix(')')?
                .split(',')
                .map(|a| a.trim().parse::<f32>().ok().filter(|v| v.is_finite()))
                .collect::<Option<_>>()?;
            return match (func.trim(), args.as_slice()) {
                ("cubic_bezier", &[x1, y1, x2, y2]) => Some(Easing::CubicBezier(
                    x1.clamp(0.0, 1.0),
                    y1,
                    x2.clamp(0.0, 1.0),
                    y2,
                )),
                ("spring", &[stiffness, damping]) if stiffness > 0.0 && damping >= 0.0 => {
                    Some(Easing::Spring { stiffness, damping })
                }
                ("steps", &[n]) if n >= 1.0 && n.fract() == 0.0 => Some(Easing::Steps(n as u32)),
                _ => None,
            };
        }
        let (mode, family) = if let Some(f) = name.strip_prefix("ease_in_out_") {
            (CurveMode::InOut, f)
        } else if let Some(f) = name.strip_prefix("ease_in_") {
            (CurveMode::In, f)
        } else if let Some(f) = name.strip_prefix("ease_out_") {
            (CurveMode::Out, f)
        } else {
            return None;
        };
        let family = match family {
            "quad" => CurveFamily::Quad,
            "cubic" => CurveFamily::Cubic,
            "quart" => CurveFamily::Quart,
            "quint" => CurveFamily::Quint,
            "sine" => CurveFamily::Sine,
            "expo" => CurveFamily::Expo,
            "circ" => CurveFamily::Circ,
            "back" => CurveFamily::Back,
            "elastic" => CurveFamily::Elastic,
            "bounce" => CurveFamily::Bounce,
            _ => return None,
        };
        Some(Easing::Curve(mode, family))
    }
}

/// What a transition applies to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TransitionTarget {
    /// `all`: every animatable property.
    All,
    /// One property (an alias or shorthand as written resolves to its catalogue id).
    Prop(super::catalogue::PropId),
}

/// One comma-separated item of `transition`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transition {
    /// The property, or `all`.
    pub target: TransitionTarget,
    /// Duration in ms.
    pub duration_ms: f32,
    /// Easing (default `ease`).
    pub easing: Easing,
    /// Delay in ms.
    pub delay_ms: f32,
}

/// A parsed `transition` value; empty for `none`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TransitionSpec(pub Vec<Transition>);

/// A parse failure of `transition` / `animation`: K0306 (malformed) or K0307 (unknown easing).
#[derive(Debug, Clone, PartialEq)]
pub struct SpecError {
    /// `K0306` or `K0307`.
    pub code: &'static str,
    /// Message.
    pub message: String,
}

fn spec_err(code: &'static str, message: String) -> SpecError {
    SpecError { code, message }
}

/// True when a token looks like a time (a number, optionally with `ms`/`s`).
fn time_token(token: &str) -> Option<f32> {
    parse_time(token)
}

fn looks_like_name(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl TransitionSpec {
    /// Parses `"<prop|all> <duration> [<easing>] [<delay>], …"` or `none` (kry §12.1).
    pub fn parse(text: &str) -> Result<TransitionSpec, SpecError> {
        let trimmed = text.trim();
        if trimmed.eq_ignore_ascii_case("none") {
            return Ok(TransitionSpec(Vec::new()));
        }
        if trimmed.is_empty() {
            return Err(spec_err("K0306", "empty transition".to_owned()));
        }
        let mut items = Vec::new();
        for item in split_top_level(trimmed, |c| c == ',') {
            let tokens = split_top_level(item, char::is_whitespace);
            let Some((&first, rest)) = tokens.split_first() else {
                return Err(spec_err("K0306", "empty transition item".to_owned()));
            };
            let target = if first.eq_ignore_ascii_case("all") {
                TransitionTarget::All
            } else if let Some(prop) = super::catalogue::lookup(&first.replace('-', "_")) {
                TransitionTarget::Prop(prop)
            } else {
                return Err(spec_err(
                    "K0306",
                    format!("transition `{item}`: `{first}` is not a property or `all`"),
                ));
            };
            let mut times = Vec::new();
            let mut easing = None;
            for &token in rest {
                if let Some(t) = time_token(token) {
                    if times.len() == 2 {
                        return Err(spec_err(
                            "K0306",
                            format!("transition `{item}` has three times"),
                        ));
                    }
                    times.push(t);
                } else if easing.is_some() {
                    return Err(spec_err(
                        "K0306",
                        format!("transition `{item}`: unexpected `{token}`"),
                    ));
                } else {
                    easing = Some(parse_easing_token(token, item)?);
                }
            }
            let Some(&duration_ms) = times.first() else {
                return Err(spec_err(
                    "K0306",
                    format!("transition `{item}` has no duration"),
                ));
            };
            items.push(Transition {
                target,
                duration_ms,
                easing: easing.unwrap_or_default(),
                delay_ms: times.get(1).copied().unwrap_or(0.0),
            });
        }
        Ok(TransitionSpec(items))
    }
}

fn parse_easing_token(token: &str, item: &str) -> Result<Easing, SpecError> {
    if let Some(e) = Easing::from_name(token) {
        return Ok(e);
    }
    let head = token.split('(').next().unwrap_or(token);
    let known_func = matches!(
        normalize_keyword(head).as_str(),
        "cubic_bezier" | "spring" | "steps"
    );
    if token.contains('(') && known_func {
        Err(spec_err(
            "K0306",
            format!("`{item}`: malformed easing `{token}`"),
        ))
    } else if looks_like_name(head) {
        Err(spec_err("K0307", format!("unknown easing `{token}`")))
    } else {
        Err(spec_err("K0306", format!("`{item}`: unexpected `{token}`")))
    }
}

/// Repetitions of an animation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Iterations {
    /// A number of cycles (default 1; fractions allowed).
    Count(f32),
    /// `infinite`.
    Infinite,
}

/// `normal reverse alternate alternate_reverse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnimationDirection {
    /// Forwards each cycle.
    #[default]
    Normal,
    /// Backwards each cycle.
    Reverse,
    /// Forwards then backwards.
    Alternate,
    /// Backwards then forwards.
    AlternateReverse,
}

/// One comma-separated item of `animation`.
#[derive(Debug, Clone, PartialEq)]
pub struct Animation {
    /// `@keyframes` name (checked against the document by the caller, K0113).
    pub name: String,
    /// Duration in ms.
    pub duration_ms: f32,
    /// Easing (default `ease`).
    pub easing: Easing,
    /// Delay in ms.
    pub delay_ms: f32,
    /// Repetitions.
    pub iterations: Iterations,
    /// Direction.
    pub direction: AnimationDirection,
    /// `forwards` keeps the last frame; `none` (default) removes the layer at the end.
    pub fill_forwards: bool,
}

/// A parsed `animation` value; empty for `none`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AnimationSpec(pub Vec<Animation>);

impl AnimationSpec {
    /// Parses `"<name> <duration> [<easing>] [<delay>] [<count>|infinite] [<direction>]
    /// [none|forwards], …"` (kry §12.2). Tokens after the name are recognised by form: a time with
    /// `ms`/`s` is the duration then the delay; a bare number is the duration when none was given
    /// yet and the count otherwise.
    pub fn parse(text: &str) -> Result<AnimationSpec, SpecError> {
        let trimmed = text.trim();
        if trimmed.eq_ignore_ascii_case("none") {
            return Ok(AnimationSpec(Vec::new()));
        }
        if trimmed.is_empty() {
            return Err(spec_err("K0306", "empty animation".to_owned()));
        }
        let mut items = Vec::new();
        for item in split_top_level(trimmed, |c| c == ',') {
            let tokens = split_top_level(item, char::is_whitespace);
            let Some((&name, rest)) = tokens.split_first() else {
                return Err(spec_err("K0306", "empty animation item".to_owned()));
            };
            if split_number_unit(name).is_some() {
                return Err(spec_err(
                    "K0306",
                    format!("animation `{item}` must start with a name"),
                ));
            }
            let name = name.trim_matches(|c| c == '"' || c == '\'');
            let mut times: Vec<f32> = Vec::new();
            let mut easing = None;
            let mut iterations = None;
            let mut direction = None;
            let mut fill = None;
            let dup = |what: &str| spec_err("K0306", format!("animation `{item}`: two {what}s"));
            for &token in rest {
                let kw = normalize_keyword(token);
                let lower = token.to_ascii_lowercase();
                if let Some((n, unit)) = split_number_unit(&lower) {
                    if unit.is_empty() && !times.is_empty() {
                        if iterations.replace(Iterations::Count(n as f32)).is_some() || n < 0.0 {
                            return Err(spec_err(
                                "K0306",
                                format!("animation `{item}`: bad count `{token}`"),
                            ));
                        }
                    } else if let Some(t) = parse_time(&lower) {
                        if times.len() == 2 {
                            return Err(spec_err(
                                "K0306",
                                format!("animation `{item}` has three times"),
                            ));
                        }
                        times.push(t);
                    } else {
                        return Err(spec_err(
                            "K0306",
                            format!("animation `{item}`: unexpected `{token}`"),
                        ));
                    }
                    continue;
                }
                match kw.as_str() {
                    "infinite" => {
                        if iterations.replace(Iterations::Infinite).is_some() {
                            return Err(dup("count"));
                        }
                    }
                    "normal" | "reverse" | "alternate" | "alternate_reverse" => {
                        let d = match kw.as_str() {
                            "reverse" => AnimationDirection::Reverse,
                            "alternate" => AnimationDirection::Alternate,
                            "alternate_reverse" => AnimationDirection::AlternateReverse,
                            _ => AnimationDirection::Normal,
                        };
                        if direction.replace(d).is_some() {
                            return Err(dup("direction"));
                        }
                    }
                    "none" | "forwards" => {
                        if fill.replace(kw == "forwards").is_some() {
                            return Err(dup("fill mode"));
                        }
                    }
                    _ => {
                        let e = parse_easing_token(token, item)?;
                        if easing.replace(e).is_some() {
                            return Err(dup("easing"));
                        }
                    }
                }
            }
            let Some(&duration_ms) = times.first() else {
                return Err(spec_err(
                    "K0306",
                    format!("animation `{item}` has no duration"),
                ));
            };
            items.push(Animation {
                name: name.to_owned(),
                duration_ms,
                easing: easing.unwrap_or_default(),
                delay_ms: times.get(1).copied().unwrap_or(0.0),
                iterations: iterations.unwrap_or(Iterations::Count(1.0)),
                direction: direction.unwrap_or_default(),
                fill_forwards: fill.unwrap_or(false),
            });
        }
        Ok(AnimationSpec(items))
    }
}

/// A handler value (kry §11.4).
#[derive(Debug, Clone)]
pub enum Handler {
    /// A function name.
    Name(String),
    /// Inline code.
    Code(String),
    /// `name(args…)`; arguments are evaluated when the event fires.
    Call {
        /// Function name.
        name: String,
        /// Argument expressions.
        args: Vec<ast::Expr>,
    },
    /// `$var` (or any `$` expression) holding a name or code at the moment the event fires.
    Reference(ast::Expr),
}

impl Handler {
    /// Reads handler text (kry §11.4): a bare identifier is a function name, anything else is
    /// inline code.
    pub fn from_text(text: &str) -> Handler {
        let t = text.trim();
        let is_name = t
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && t.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == ':');
        if is_name {
            Handler::Name(t.to_owned())
        } else {
            Handler::Code(text.to_owned())
        }
    }
}

impl PartialEq for Handler {
    /// Calls and references compare by the source spans of their expressions.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Handler::Name(a), Handler::Name(b)) | (Handler::Code(a), Handler::Code(b)) => a == b,
            (Handler::Call { name: a, args: x }, Handler::Call { name: b, args: y }) => {
                a == b && x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.span == q.span)
            }
            (Handler::Reference(a), Handler::Reference(b)) => a.span == b.span,
            _ => false,
        }
    }
}

/// A coerced property value.
#[derive(Debug, Clone, PartialEq)]
pub enum PropValue {
    /// A length.
    Length(Length),
    /// A number.
    Number(f32),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A string (also style refs and `font_family`).
    Str(String),
    /// A colour.
    Color(Color),
    /// `none` for optional numbers (`aspect_ratio`, `window_min_width`…).
    None,
    /// `display`.
    Display(Display),
    /// `flex_direction`.
    FlexDirection(FlexDirection),
    /// `flex_wrap`.
    FlexWrap(FlexWrap),
    /// `align_items`.
    Align(Align),
    /// `align_self`.
    AlignSelf(AlignSelf),
    /// `align_content`.
    AlignContent(AlignContent),
    /// `justify_content`.
    Justify(Justify),
    /// `position`.
    Position(Position),
    /// `overflow*`.
    Overflow(Overflow),
    /// `box_sizing`.
    BoxSizing(BoxSizing),
    /// `border_style`.
    BorderStyle(BorderStyle),
    /// `font_style`.
    FontStyle(FontStyle),
    /// `text_alignment`.
    TextAlign(TextAlign),
    /// `text_vertical_alignment`.
    VerticalAlign(VerticalAlign),
    /// `text_decoration`.
    TextDecoration(TextDecoration),
    /// `text_transform`.
    TextTransform(TextTransform),
    /// `white_space`.
    WhiteSpace(WhiteSpace),
    /// `word_wrap`.
    WordWrap(WordWrap),
    /// `text_overflow`.
    TextOverflow(TextOverflow),
    /// `cursor`.
    Cursor(Cursor),
    /// `fit`.
    ImageFit(ImageFit),
    /// `focus_outline`.
    FocusOutline(FocusOutline),
    /// Canvas `mode`.
    CanvasMode(CanvasMode),
    /// Canvas `redraw`.
    Redraw(Redraw),
    /// Input `type`.
    InputType(InputType),
    /// `font_weight`.
    FontWeight(FontWeight),
    /// `z_index`.
    ZIndex(ZIndex),
    /// `line_height`.
    LineHeight(LineHeight),
    /// `transform`.
    Transform(Transform),
    /// `transform_origin`.
    TransformOrigin(TransformOrigin),
    /// `box_shadow` (empty = none).
    BoxShadow(Vec<Shadow>),
    /// `transition`.
    Transition(TransitionSpec),
    /// `animation`.
    Animation(AnimationSpec),
    /// A handler.
    Handler(Handler),
    /// Untyped data (`value`, `key`, `data`, `config`, `min`/`max`/`step`, script settings).
    Any(AnyValue),
}

/// A runtime [`Value`] inside a [`PropValue`]; equality is structural ([`Value::same`]).
#[derive(Debug, Clone, Default)]
pub struct AnyValue(pub Value);

impl PartialEq for AnyValue {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(&other.0)
    }
}

impl From<Value> for AnyValue {
    fn from(value: Value) -> Self {
        AnyValue(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_parse_with_units() {
        assert_eq!(Length::parse("50%", false), Some(Length::Percent(50.0)));
        assert_eq!(Length::parse(" 10px", false), Some(Length::Px(10.0)));
        assert_eq!(Length::parse("1.5em", false), Some(Length::Em(1.5)));
        assert_eq!(Length::parse("2rem", false), Some(Length::Rem(2.0)));
        assert_eq!(Length::parse("30VW", false), Some(Length::Vw(30.0)));
        assert_eq!(Length::parse("-4", false), Some(Length::Px(-4.0)));
        assert_eq!(Length::parse(".5vh", false), Some(Length::Vh(0.5)));
        assert_eq!(Length::parse("AUTO", false), Some(Length::Auto));
        assert_eq!(Length::parse("none", true), Some(Length::None));
        assert_eq!(Length::parse("none", false), None);
        assert_eq!(Length::parse("10pt", false), None);
        assert_eq!(Length::parse("px", false), None);
        assert_eq!(Length::parse("", false), None);
    }

    #[test]
    fn angles_and_times() {
        assert_eq!(parse_angle("45deg"), Some(45.0));
        assert_eq!(parse_angle("0.5turn"), Some(180.0));
        assert_eq!(parse_angle("30"), Some(30.0));
        assert!((parse_angle("3.14159265rad").unwrap_or(0.0) - 180.0).abs() < 0.01);
        assert_eq!(parse_angle("10px"), None);
        assert_eq!(parse_time("200ms"), Some(200.0));
        assert_eq!(parse_time("0.2s"), Some(200.0));
        assert_eq!(parse_time("150"), Some(150.0));
        assert_eq!(parse_time("-1s"), None);
    }

    #[test]
    fn easing_names() {
        assert_eq!(Easing::from_name("ease-in-out"), Some(Easing::EaseInOut));
        assert_eq!(
            Easing::from_name("ease_out_bounce"),
            Some(Easing::Curve(CurveMode::Out, CurveFamily::Bounce))
        );
        assert_eq!(
            Easing::from_name("ease-in-out-back"),
            Some(Easing::Curve(CurveMode::InOut, CurveFamily::Back))
        );
        assert_eq!(
            Easing::from_name("cubic-bezier(0.1, 0.2, 1.5, 1)"),
            Some(Easing::CubicBezier(0.1, 0.2, 1.0, 1.0))
        );
        assert_eq!(
            Easing::from_name("spring"),
            Some(Easing::Spring {
                stiffness: 170.0,
                damping: 26.0
            })
        );
        assert_eq!(
            Easing::from_name("spring(200, 20)"),
            Some(Easing::Spring {
                stiffness: 200.0,
                damping: 20.0
            })
        );
        assert_eq!(Easing::from_name("steps(4)"), Some(Easing::Steps(4)));
        assert_eq!(Easing::from_name("steps(0)"), None);
        assert_eq!(Easing::from_name("ease_in_wobble"), None);
        assert_eq!(Easing::from_name("bouncy"), None);
    }

    #[test]
    fn transitions_parse() {
        use super::super::catalogue::PropId;
        let spec = TransitionSpec::parse("background_color 200ms ease_out, opacity 150ms")
            .expect("valid transition");
        assert_eq!(spec.0.len(), 2);
        assert_eq!(
            spec.0[0].target,
            TransitionTarget::Prop(PropId::BackgroundColor)
        );
        assert_eq!(spec.0[0].duration_ms, 200.0);
        assert_eq!(spec.0[0].easing, Easing::EaseOut);
        assert_eq!(spec.0[1].easing, Easing::Ease);
        let compat = TransitionSpec::parse("all 0.2s ease").expect("compat form");
        assert_eq!(compat.0[0].target, TransitionTarget::All);
        assert_eq!(compat.0[0].duration_ms, 200.0);
        let full = TransitionSpec::parse("bg 1s cubic-bezier(0, 0, 1, 1) 50ms").expect("delay");
        assert_eq!(full.0[0].delay_ms, 50.0);
        assert_eq!(
            full.0[0].target,
            TransitionTarget::Prop(PropId::BackgroundColor)
        );
        assert_eq!(TransitionSpec::parse("none"), Ok(TransitionSpec::default()));
        let code = |s: &str| TransitionSpec::parse(s).err().map(|e| e.code);
        assert_eq!(code("opacity 200ms wobble"), Some("K0307"));
        assert_eq!(code("opacity"), Some("K0306"));
        assert_eq!(code("nonsense 1s"), Some("K0306"));
        assert_eq!(code("opacity 1s 2s 3s"), Some("K0306"));
        assert_eq!(code("opacity 1s linear ease"), Some("K0306"));
        assert_eq!(code("opacity 1s steps(x)"), Some("K0306"));
        assert_eq!(code(""), Some("K0306"));
    }

    #[test]
    fn animations_parse() {
        let spec = AnimationSpec::parse("pulse 1200ms ease_in_out infinite alternate")
            .expect("valid animation");
        let a = &spec.0[0];
        assert_eq!(a.name, "pulse");
        assert_eq!(a.duration_ms, 1200.0);
        assert_eq!(a.easing, Easing::EaseInOut);
        assert_eq!(a.iterations, Iterations::Infinite);
        assert_eq!(a.direction, AnimationDirection::Alternate);
        assert!(!a.fill_forwards);
        let two = AnimationSpec::parse("fade 1s 200ms 3 reverse forwards, spin 2s linear")
            .expect("two animations");
        assert_eq!(two.0.len(), 2);
        assert_eq!(two.0[0].delay_ms, 200.0);
        assert_eq!(two.0[0].iterations, Iterations::Count(3.0));
        assert_eq!(two.0[0].direction, AnimationDirection::Reverse);
        assert!(two.0[0].fill_forwards);
        assert_eq!(two.0[1].iterations, Iterations::Count(1.0));
        assert_eq!(AnimationSpec::parse("none"), Ok(AnimationSpec::default()));
        let code = |s: &str| AnimationSpec::parse(s).err().map(|e| e.code);
        assert_eq!(code("pulse"), Some("K0306"));
        assert_eq!(code("200ms pulse"), Some("K0306"));
        assert_eq!(code("pulse 1s ease_sideways"), Some("K0307"));
        assert_eq!(code("pulse 1s infinite infinite"), Some("K0306"));
    }

    #[test]
    fn box_shadows_parse() {
        let s = parse_box_shadow("0 2px 4px rgba(0, 0, 0, 0.3), 1 1 #fff inset").expect("valid");
        assert_eq!(s.len(), 2);
        assert_eq!(
            (s[0].x, s[0].y, s[0].blur, s[0].spread),
            (0.0, 2.0, 4.0, 0.0)
        );
        assert_eq!(s[0].color, Color::rgba(0, 0, 0, 77));
        assert!(s[1].inset);
        assert_eq!(parse_box_shadow("none"), Ok(Vec::new()));
        assert_eq!(parse_box_shadow("1 2").map_err(|e| e.0), Err("K0301"));
        assert_eq!(parse_box_shadow("1 #000").map_err(|e| e.0), Err("K0302"));
        assert_eq!(parse_box_shadow("1 2 #00").map_err(|e| e.0), Err("K0301"));
    }

    #[test]
    fn top_level_split_keeps_parentheses() {
        assert_eq!(
            split_top_level("2px solid rgba(0, 0, 0, 0.3)", char::is_whitespace),
            vec!["2px", "solid", "rgba(0, 0, 0, 0.3)"]
        );
    }
}
