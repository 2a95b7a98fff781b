//! The property catalogue (kry-language.md §14): ids, types, inheritance, animatability, aliases
//! and applicability.
//!
//! [`PropId`] names every catalogue property including longhands (`margin_top`,
//! `border_top_width`…), handlers (`onClick`…), Input, App and Canvas properties. [`lookup`]
//! resolves a key as written (`-` ≡ `_`, aliases such as `bg` or `color`). [`PropId::applies_to`]
//! implements the applicability rule of §4.3: a catalogue property on an element it does not apply
//! to is kept by the builder as silent custom data.

use super::values::EnumKind;
use crate::kind::ElementKind;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The value type of a property (kry §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PropKind {
    /// A length (`auto` allowed).
    Length,
    /// A length or `none` (`max_width`, `max_height`).
    LengthOrNone,
    /// A colour.
    Color,
    /// A number.
    Number,
    /// A number ≥ 0 (`flex_grow`, `flex_shrink`).
    NonNegative,
    /// A number clamped to 0–1 (`opacity`).
    UnitInterval,
    /// An integer.
    Int,
    /// An integer or `none` (`window_min_width`…).
    IntOrNone,
    /// A boolean by truthiness.
    Bool,
    /// `visible`: a boolean, also `hidden` / `visible`.
    Visibility,
    /// Any value formatted as a string.
    Str,
    /// Space-separated style names.
    StyleRef,
    /// A keyword enum.
    Enum(EnumKind),
    /// `normal bold light heavy` or 100–900.
    FontWeight,
    /// `auto` or an integer.
    ZIndex,
    /// A factor of `font_size` or a length.
    LineHeight,
    /// A number, `"w/h"`, or `none`.
    AspectRatio,
    /// `{scale, scale_x, scale_y, rotate, translate_x, translate_y}`.
    Transform,
    /// `"x y"`.
    TransformOrigin,
    /// `"x y [blur [spread]] colour [inset], …"`.
    BoxShadow,
    /// A `transition` string.
    Transition,
    /// An `animation` string.
    Animation,
    /// A handler.
    Handler,
    /// Untyped data.
    Any,
    /// The `border` shorthand (width, style, colour in any order).
    Border,
}

/// Static facts about one property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PropDef {
    /// Canonical name.
    pub name: &'static str,
    /// Value type.
    pub ty: PropKind,
    /// Inherited from the parent when no cascade layer sets it (§5.5).
    pub inherited: bool,
    /// Animatable (§12.4).
    pub animatable: bool,
}

macro_rules! catalogue {
    ($($id:ident = $name:literal : $ty:expr, $inh:literal, $anim:literal;)+) => {
        /// A catalogue property (kry §14).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum PropId {
            $(#[doc = concat!("`", $name, "`")] $id,)+
        }

        const DEFS: &[PropDef] = &[
            $(PropDef { name: $name, ty: $ty, inherited: $inh, animatable: $anim },)+
        ];

        impl PropId {
            /// Every property, in catalogue order.
            pub const ALL: &'static [PropId] = &[$(PropId::$id,)+];
        }
    };
}

use EnumKind as E;
use PropKind as K;

catalogue! {
    // §14.1 Layout and box
    Display = "display": K::Enum(E::Display), false, false;
    FlexDirection = "flex_direction": K::Enum(E::FlexDirection), false, false;
    FlexWrap = "flex_wrap": K::Enum(E::FlexWrap), false, false;
    AlignItems = "align_items": K::Enum(E::Align), false, false;
    AlignSelf = "align_self": K::Enum(E::AlignSelf), false, false;
    AlignContent = "align_content": K::Enum(E::AlignContent), false, false;
    JustifyContent = "justify_content": K::Enum(E::Justify), false, false;
    FlexGrow = "flex_grow": K::NonNegative, false, true;
    FlexShrink = "flex_shrink": K::NonNegative, false, true;
    FlexBasis = "flex_basis": K::Length, false, true;
    Gap = "gap": K::Length, false, true;
    RowGap = "row_gap": K::Length, false, true;
    ColumnGap = "column_gap": K::Length, false, true;
    Order = "order": K::Int, false, false;
    Width = "width": K::Length, false, true;
    Height = "height": K::Length, false, true;
    MinWidth = "min_width": K::Length, false, true;
    MinHeight = "min_height": K::Length, false, true;
    MaxWidth = "max_width": K::LengthOrNone, false, true;
    MaxHeight = "max_height": K::LengthOrNone, false, true;
    AspectRatio = "aspect_ratio": K::AspectRatio, false, false;
    Padding = "padding": K::Length, false, true;
    PaddingTop = "padding_top": K::Length, false, true;
    PaddingRight = "padding_right": K::Length, false, true;
    PaddingBottom = "padding_bottom": K::Length, false, true;
    PaddingLeft = "padding_left": K::Length, false, true;
    Margin = "margin": K::Length, false, true;
    MarginTop = "margin_top": K::Length, false, true;
    MarginRight = "margin_right": K::Length, false, true;
    MarginBottom = "margin_bottom": K::Length, false, true;
    MarginLeft = "margin_left": K::Length, false, true;
    BoxSizing = "box_sizing": K::Enum(E::BoxSizing), false, false;
    Position = "position": K::Enum(E::Position), false, false;
    Top = "top": K::Length, false, true;
    Right = "right": K::Length, false, true;
    Bottom = "bottom": K::Length, false, true;
    Left = "left": K::Length, false, true;
    PosX = "pos_x": K::Length, false, true;
    PosY = "pos_y": K::Length, false, true;
    ZIndex = "z_index": K::ZIndex, false, false;
    Overflow = "overflow": K::Enum(E::Overflow), false, false;
    OverflowX = "overflow_x": K::Enum(E::Overflow), false, false;
    OverflowY = "overflow_y": K::Enum(E::Overflow), false, false;
    ScrollX = "scroll_x": K::Number, false, true;
    ScrollY = "scroll_y": K::Number, false, true;
    // §14.2 Visual
    BackgroundColor = "background_color": K::Color, false, true;
    Opacity = "opacity": K::UnitInterval, false, true;
    Visible = "visible": K::Visibility, false, false;
    Border = "border": K::Border, false, true;
    BorderWidth = "border_width": K::Length, false, true;
    BorderTopWidth = "border_top_width": K::Length, false, true;
    BorderRightWidth = "border_right_width": K::Length, false, true;
    BorderBottomWidth = "border_bottom_width": K::Length, false, true;
    BorderLeftWidth = "border_left_width": K::Length, false, true;
    BorderColor = "border_color": K::Color, false, true;
    BorderTopColor = "border_top_color": K::Color, false, true;
    BorderRightColor = "border_right_color": K::Color, false, true;
    BorderBottomColor = "border_bottom_color": K::Color, false, true;
    BorderLeftColor = "border_left_color": K::Color, false, true;
    BorderStyle = "border_style": K::Enum(E::BorderStyle), false, false;
    BorderRadius = "border_radius": K::Length, false, true;
    BorderTopLeftRadius = "border_top_left_radius": K::Length, false, true;
    BorderTopRightRadius = "border_top_right_radius": K::Length, false, true;
    BorderBottomRightRadius = "border_bottom_right_radius": K::Length, false, true;
    BorderBottomLeftRadius = "border_bottom_left_radius": K::Length, false, true;
    BoxShadow = "box_shadow": K::BoxShadow, false, true;
    Transform = "transform": K::Transform, false, true;
    TransformOrigin = "transform_origin": K::TransformOrigin, false, false;
    Cursor = "cursor": K::Enum(E::Cursor), true, false;
    // §14.3 Text
    Text = "text": K::Str, false, false;
    TextColor = "text_color": K::Color, true, true;
    FontSize = "font_size": K::Length, true, true;
    FontWeight = "font_weight": K::FontWeight, true, false;
    FontFamily = "font_family": K::Str, true, false;
    FontStyle = "font_style": K::Enum(E::FontStyle), true, false;
    TextAlignment = "text_alignment": K::Enum(E::TextAlign), true, false;
    TextVerticalAlignment = "text_vertical_alignment": K::Enum(E::VerticalAlign), false, false;
    LineHeight = "line_height": K::LineHeight, true, true;
    LetterSpacing = "letter_spacing": K::Length, true, true;
    TextDecoration = "text_decoration": K::Enum(E::TextDecoration), false, false;
    TextTransform = "text_transform": K::Enum(E::TextTransform), true, false;
    WhiteSpace = "white_space": K::Enum(E::WhiteSpace), true, false;
    WordWrap = "word_wrap": K::Enum(E::WordWrap), true, false;
    TextOverflow = "text_overflow": K::Enum(E::TextOverflow), false, false;
    // Link and Image (§13.1)
    Href = "href": K::Str, false, false;
    Src = "src": K::Str, false, false;
    Alt = "alt": K::Str, false, false;
    Fit = "fit": K::Enum(E::ImageFit), false, false;
    // §14.4 Identity, state, behaviour
    Id = "id": K::Str, false, false;
    Style = "style": K::StyleRef, false, false;
    Key = "key": K::Any, false, false;
    Disabled = "disabled": K::Bool, false, false;
    Checked = "checked": K::Bool, false, false;
    Focusable = "focusable": K::Bool, false, false;
    FocusOutline = "focus_outline": K::Enum(E::FocusOutline), false, false;
    Transition = "transition": K::Transition, false, false;
    Animation = "animation": K::Animation, false, false;
    OnClick = "onClick": K::Handler, false, false;
    OnDoubleClick = "onDoubleClick": K::Handler, false, false;
    OnPress = "onPress": K::Handler, false, false;
    OnRelease = "onRelease": K::Handler, false, false;
    OnHover = "onHover": K::Handler, false, false;
    OnLeave = "onLeave": K::Handler, false, false;
    OnMove = "onMove": K::Handler, false, false;
    OnFocus = "onFocus": K::Handler, false, false;
    OnBlur = "onBlur": K::Handler, false, false;
    OnChange = "onChange": K::Handler, false, false;
    OnSubmit = "onSubmit": K::Handler, false, false;
    OnKeyDown = "onKeyDown": K::Handler, false, false;
    OnKeyUp = "onKeyUp": K::Handler, false, false;
    OnScroll = "onScroll": K::Handler, false, false;
    OnResize = "onResize": K::Handler, false, false;
    OnClose = "onClose": K::Handler, false, false;
    // §14.5 Input
    Type = "type": K::Enum(E::InputType), false, false;
    Value = "value": K::Any, false, false;
    Placeholder = "placeholder": K::Str, false, false;
    Pattern = "pattern": K::Str, false, false;
    MaxLength = "max_length": K::Int, false, false;
    MinLength = "min_length": K::Int, false, false;
    Readonly = "readonly": K::Bool, false, false;
    Required = "required": K::Bool, false, false;
    Multiline = "multiline": K::Bool, false, false;
    Min = "min": K::Any, false, false;
    Max = "max": K::Any, false, false;
    Step = "step": K::Any, false, false;
    Name = "name": K::Str, false, false;
    Accept = "accept": K::Str, false, false;
    Multiple = "multiple": K::Bool, false, false;
    // §14.6 App (window)
    WindowWidth = "window_width": K::Int, false, false;
    WindowHeight = "window_height": K::Int, false, false;
    WindowTitle = "window_title": K::Str, false, false;
    Resizable = "resizable": K::Bool, false, false;
    KeepAspectRatio = "keep_aspect_ratio": K::Bool, false, false;
    WindowMinWidth = "window_min_width": K::IntOrNone, false, false;
    WindowMinHeight = "window_min_height": K::IntOrNone, false, false;
    WindowMaxWidth = "window_max_width": K::IntOrNone, false, false;
    WindowMaxHeight = "window_max_height": K::IntOrNone, false, false;
    ScaleFactor = "scale_factor": K::Number, false, false;
    Icon = "icon": K::Str, false, false;
    Version = "version": K::Str, false, false;
    Author = "author": K::Str, false, false;
    DefaultScriptLanguage = "default_script_language": K::Str, false, false;
    ScriptPermissions = "script_permissions": K::Any, false, false;
    ScriptMemoryLimit = "script_memory_limit": K::Any, false, false;
    ScriptTimeLimit = "script_time_limit": K::Any, false, false;
    ScriptInstructionLimit = "script_instruction_limit": K::Any, false, false;
    ScriptStackDepth = "script_stack_depth": K::Any, false, false;
    RandomSeed = "random_seed": K::Any, false, false;
    ErrorOverlay = "error_overlay": K::Any, false, false;
    // §14.6 Canvas
    Mode = "mode": K::Enum(E::CanvasMode), false, false;
    DrawScript = "draw_script": K::Handler, false, false;
    OnLoad = "onLoad": K::Handler, false, false;
    OnUpdate = "onUpdate": K::Handler, false, false;
    Data = "data": K::Any, false, false;
    Config = "config": K::Any, false, false;
    Redraw = "redraw": K::Enum(E::Redraw), false, false;
}

/// Aliases (kry §13.1, §14), after `-` → `_` normalisation.
const ALIASES: &[(&str, PropId)] = &[
    ("bg", PropId::BackgroundColor),
    ("bg_color", PropId::BackgroundColor),
    ("color", PropId::TextColor),
    ("foreground_color", PropId::TextColor),
    ("text_align", PropId::TextAlignment),
    ("align", PropId::TextAlignment),
    ("class", PropId::Style),
    ("visibility", PropId::Visible),
    ("shadow", PropId::BoxShadow),
    ("image_source", PropId::Src),
    ("url", PropId::Src),
    ("window_resizable", PropId::Resizable),
    ("keep_aspect", PropId::KeepAspectRatio),
    ("w", PropId::WindowWidth),
    ("h", PropId::WindowHeight),
    ("onInput", PropId::OnChange),
];

fn table() -> &'static FxHashMap<&'static str, PropId> {
    static TABLE: OnceLock<FxHashMap<&'static str, PropId>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: FxHashMap<&'static str, PropId> =
            PropId::ALL.iter().map(|&id| (id.name(), id)).collect();
        map.extend(ALIASES.iter().copied());
        map
    })
}

/// Resolves a key as written: `-` is read as `_`, then canonical names and aliases are matched
/// (case-sensitively: event keys are camelCase). `None` for unknown keys (custom data, K0104).
pub fn lookup(key: &str) -> Option<PropId> {
    if key.contains('-') {
        table().get(key.replace('-', "_").as_str()).copied()
    } else {
        table().get(key).copied()
    }
}

/// Every accepted key (canonical names and aliases), for "did you mean" suggestions.
pub fn known_keys() -> impl Iterator<Item = &'static str> {
    PropId::ALL
        .iter()
        .map(|id| id.name())
        .chain(ALIASES.iter().map(|(a, _)| *a))
}

impl PropId {
    /// The static definition.
    pub fn def(self) -> &'static PropDef {
        &DEFS[self as usize]
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// The value type.
    pub fn kind(self) -> PropKind {
        self.def().ty
    }

    /// Inherited (§14 Inh).
    pub fn inherited(self) -> bool {
        self.def().inherited
    }

    /// Animatable (§12.4).
    pub fn animatable(self) -> bool {
        self.def().animatable
    }

    /// True for handler properties (`onClick`…, Canvas `draw_script`).
    pub fn is_handler(self) -> bool {
        self.kind() == PropKind::Handler
    }

    /// True for properties a style may not contain: `id`, `key`, `style` and handlers (K0208).
    pub fn forbidden_in_style(self) -> bool {
        matches!(self, PropId::Id | PropId::Key | PropId::Style) || self.is_handler()
    }

    /// The longhands a shorthand sets together, in the order its atoms are read (CSS order:
    /// top, right, bottom, left; corners top-left, top-right, bottom-right, bottom-left; gap rows
    /// then columns; overflow x then y). Empty for longhands. `border` lists its width and colour
    /// sides plus `border_style`.
    pub fn longhands(self) -> &'static [PropId] {
        use PropId::*;
        match self {
            Margin => &[MarginTop, MarginRight, MarginBottom, MarginLeft],
            Padding => &[PaddingTop, PaddingRight, PaddingBottom, PaddingLeft],
            BorderWidth => &[
                BorderTopWidth,
                BorderRightWidth,
                BorderBottomWidth,
                BorderLeftWidth,
            ],
            BorderColor => &[
                BorderTopColor,
                BorderRightColor,
                BorderBottomColor,
                BorderLeftColor,
            ],
            BorderRadius => &[
                BorderTopLeftRadius,
                BorderTopRightRadius,
                BorderBottomRightRadius,
                BorderBottomLeftRadius,
            ],
            Gap => &[RowGap, ColumnGap],
            Overflow => &[OverflowX, OverflowY],
            Border => &[
                BorderTopWidth,
                BorderRightWidth,
                BorderBottomWidth,
                BorderLeftWidth,
                BorderStyle,
                BorderTopColor,
                BorderRightColor,
                BorderBottomColor,
                BorderLeftColor,
            ],
            _ => &[],
        }
    }

    /// True for shorthands (`margin`, `padding`, `border_radius`, `border`, `border_width`,
    /// `border_color`, `gap`, `overflow`).
    pub fn is_shorthand(self) -> bool {
        !self.longhands().is_empty()
    }

    /// Applicability (kry §4.3): whether this catalogue property means something on `kind`.
    /// Reserved elements are treated like a Container here; the builder skips their validation.
    pub fn applies_to(self, kind: ElementKind) -> bool {
        use PropId::*;
        match self {
            Text => kind.has_text(),
            Href => kind == ElementKind::Link,
            Src | Alt | Fit => kind == ElementKind::Image,
            Type | Value | Placeholder | Pattern | MaxLength | MinLength | Readonly | Required
            | Multiline | Min | Max | Step | Name | Accept | Multiple => kind == ElementKind::Input,
            WindowWidth
            | WindowHeight
            | WindowTitle
            | Resizable
            | KeepAspectRatio
            | WindowMinWidth
            | WindowMinHeight
            | WindowMaxWidth
            | WindowMaxHeight
            | ScaleFactor
            | Icon
            | Version
            | Author
            | DefaultScriptLanguage
            | ScriptPermissions
            | ScriptMemoryLimit
            | ScriptTimeLimit
            | ScriptInstructionLimit
            | ScriptStackDepth
            | RandomSeed
            | ErrorOverlay
            | OnResize
            | OnClose => kind == ElementKind::App,
            Mode | DrawScript | OnLoad | OnUpdate | Data | Config | Redraw => {
                kind == ElementKind::Canvas
            }
            _ => true,
        }
    }
}

impl std::fmt::Display for PropId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        for (i, id) in PropId::ALL.iter().enumerate() {
            assert_eq!(*id as usize, i);
            assert_eq!(lookup(id.name()), Some(*id), "{}", id.name());
        }
    }

    #[test]
    fn aliases_resolve() {
        assert_eq!(lookup("bg"), Some(PropId::BackgroundColor));
        assert_eq!(lookup("bg-color"), Some(PropId::BackgroundColor));
        assert_eq!(lookup("color"), Some(PropId::TextColor));
        assert_eq!(lookup("foreground_color"), Some(PropId::TextColor));
        assert_eq!(lookup("text-align"), Some(PropId::TextAlignment));
        assert_eq!(lookup("align"), Some(PropId::TextAlignment));
        assert_eq!(lookup("class"), Some(PropId::Style));
        assert_eq!(lookup("visibility"), Some(PropId::Visible));
        assert_eq!(lookup("shadow"), Some(PropId::BoxShadow));
        assert_eq!(lookup("image_source"), Some(PropId::Src));
        assert_eq!(lookup("url"), Some(PropId::Src));
        assert_eq!(lookup("window_resizable"), Some(PropId::Resizable));
        assert_eq!(lookup("keep_aspect"), Some(PropId::KeepAspectRatio));
        assert_eq!(lookup("w"), Some(PropId::WindowWidth));
        assert_eq!(lookup("h"), Some(PropId::WindowHeight));
        assert_eq!(lookup("onInput"), Some(PropId::OnChange));
        assert_eq!(lookup("flex-direction"), Some(PropId::FlexDirection));
        assert_eq!(
            lookup("border-top-left-radius"),
            Some(PropId::BorderTopLeftRadius)
        );
        assert_eq!(lookup("onclick"), None);
        assert_eq!(lookup("hint"), None);
    }

    #[test]
    fn flags_follow_the_catalogue() {
        let inherited: Vec<_> = PropId::ALL
            .iter()
            .filter(|p| p.inherited())
            .map(|p| p.name())
            .collect();
        assert_eq!(
            inherited,
            [
                "cursor",
                "text_color",
                "font_size",
                "font_weight",
                "font_family",
                "font_style",
                "text_alignment",
                "line_height",
                "letter_spacing",
                "text_transform",
                "white_space",
                "word_wrap"
            ]
        );
        assert!(PropId::Opacity.animatable());
        assert!(!PropId::Display.animatable());
        assert!(PropId::OnClick.forbidden_in_style());
        assert!(PropId::Id.forbidden_in_style());
        assert!(!PropId::Transition.forbidden_in_style());
        assert!(PropId::Margin.is_shorthand());
        assert!(!PropId::MarginTop.is_shorthand());
    }

    #[test]
    fn applicability() {
        assert!(PropId::Text.applies_to(ElementKind::Button));
        assert!(!PropId::Text.applies_to(ElementKind::Container));
        assert!(PropId::Href.applies_to(ElementKind::Link));
        assert!(!PropId::Src.applies_to(ElementKind::Text));
        assert!(PropId::Placeholder.applies_to(ElementKind::Input));
        assert!(!PropId::Placeholder.applies_to(ElementKind::Text));
        assert!(PropId::WindowWidth.applies_to(ElementKind::App));
        assert!(!PropId::WindowWidth.applies_to(ElementKind::Container));
        assert!(!PropId::OnClose.applies_to(ElementKind::Button));
        assert!(PropId::Mode.applies_to(ElementKind::Canvas));
        assert!(PropId::Width.applies_to(ElementKind::Canvas));
        assert!(PropId::OnClick.applies_to(ElementKind::Container));
    }
}
