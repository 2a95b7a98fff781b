//! Reading property values for scripts (script-api §3.2, §6): own-layer values
//! ([`PropValue`] → [`Value`]) and computed values ([`ComputedStyle`] → [`Value`]).
//!
//! Conversions follow script-api §6: colours cross as `"#RRGGBBAA"` strings, px lengths as
//! numbers, other lengths as strings (`"50%"`, `"2em"`, `"auto"`), keyword enums as their
//! canonical names. Shorthands read as one value when every side agrees, else as an array.

use crate::style::computed::{Corners, Sides};
use crate::style::values::{
    KeywordEnum, Length, LineHeight, Shadow, Transform, TransformOrigin, ZIndex,
};
use crate::style::{ComputedStyle, PropId, PropValue};
use crate::value::{Color, Value};

/// A length as scripts see it.
pub(crate) fn length(l: Length) -> Value {
    let unit =
        |n: f32, u: &str| Value::Str(format!("{}{u}", crate::value::format_number(f64::from(n))));
    match l {
        Length::Auto => Value::str("auto"),
        Length::None => Value::str("none"),
        Length::Px(n) => num(n),
        Length::Percent(n) => unit(n, "%"),
        Length::Em(n) => unit(n, "em"),
        Length::Rem(n) => unit(n, "rem"),
        Length::Vw(n) => unit(n, "vw"),
        Length::Vh(n) => unit(n, "vh"),
    }
}

/// An f32 as a script number (integral values become `Int`).
pub(crate) fn num(n: f32) -> Value {
    // Through the shortest decimal so 0.1f32 reads as 0.1, not 0.10000000149.
    let text = n.to_string();
    Value::number(text.parse().unwrap_or(f64::from(n)))
}

fn color(c: Color) -> Value {
    Value::Str(c.to_hex())
}

fn kw(k: impl KeywordEnum) -> Value {
    Value::str(k.keyword())
}

fn opt_int(v: Option<i64>) -> Value {
    v.map_or(Value::Null, Value::Int)
}

/// One value when all entries agree, else an array (CSS side order).
fn agree(values: Vec<Value>) -> Value {
    match values.first() {
        Some(first) if values.iter().all(|v| v.same(first)) => first.clone(),
        _ => Value::Array(values),
    }
}

fn sides<T: Copy>(s: &Sides<T>, f: impl Fn(T) -> Value) -> Value {
    agree(vec![f(s.top), f(s.right), f(s.bottom), f(s.left)])
}

fn corners(c: &Corners<Length>) -> Value {
    agree(
        [c.top_left, c.top_right, c.bottom_right, c.bottom_left]
            .into_iter()
            .map(length)
            .collect(),
    )
}

fn z_index(z: ZIndex) -> Value {
    match z {
        ZIndex::Auto => Value::str("auto"),
        ZIndex::Index(i) => Value::Int(i64::from(i)),
    }
}

fn line_height(l: LineHeight) -> Value {
    match l {
        LineHeight::Factor(f) => num(f),
        LineHeight::Length(l) => length(l),
    }
}

fn transform(t: &Transform) -> Value {
    let mut map = std::collections::BTreeMap::new();
    map.insert("scale_x".to_owned(), num(t.scale_x));
    map.insert("scale_y".to_owned(), num(t.scale_y));
    map.insert("rotate".to_owned(), num(t.rotate_deg));
    map.insert("translate_x".to_owned(), num(t.translate_x));
    map.insert("translate_y".to_owned(), num(t.translate_y));
    Value::Object(map)
}

fn origin(o: &TransformOrigin) -> Value {
    Value::Str(format!("{} {}", length(o.x), length(o.y)))
}

fn shadows(list: &[Shadow]) -> Value {
    if list.is_empty() {
        return Value::str("none");
    }
    let text: Vec<String> = list
        .iter()
        .map(|s| {
            let n = |v: f32| crate::value::format_number(f64::from(v));
            let inset = if s.inset { " inset" } else { "" };
            format!(
                "{} {} {} {} {}{inset}",
                n(s.x),
                n(s.y),
                n(s.blur),
                n(s.spread),
                s.color.to_hex()
            )
        })
        .collect();
    Value::Str(text.join(", "))
}

/// An own-layer value as a script value.
pub(crate) fn prop_value(v: &PropValue) -> Value {
    use PropValue as P;
    match v {
        P::Length(l) => length(*l),
        P::Number(n) => num(*n),
        P::Int(i) => Value::Int(*i),
        P::Bool(b) => Value::Bool(*b),
        P::Str(s) => Value::Str(s.clone()),
        P::Color(c) => color(*c),
        P::None => Value::str("none"),
        P::Display(k) => kw(*k),
        P::FlexDirection(k) => kw(*k),
        P::FlexWrap(k) => kw(*k),
        P::Align(k) => kw(*k),
        P::AlignSelf(k) => kw(*k),
        P::AlignContent(k) => kw(*k),
        P::Justify(k) => kw(*k),
        P::Position(k) => kw(*k),
        P::Overflow(k) => kw(*k),
        P::BoxSizing(k) => kw(*k),
        P::BorderStyle(k) => kw(*k),
        P::FontStyle(k) => kw(*k),
        P::TextAlign(k) => kw(*k),
        P::VerticalAlign(k) => kw(*k),
        P::TextDecoration(k) => kw(*k),
        P::TextTransform(k) => kw(*k),
        P::WhiteSpace(k) => kw(*k),
        P::WordWrap(k) => kw(*k),
        P::TextOverflow(k) => kw(*k),
        P::Cursor(k) => kw(*k),
        P::ImageFit(k) => kw(*k),
        P::FocusOutline(k) => kw(*k),
        P::CanvasMode(k) => kw(*k),
        P::Redraw(k) => kw(*k),
        P::InputType(k) => kw(*k),
        P::FontWeight(w) => Value::Int(i64::from(w.0)),
        P::ZIndex(z) => z_index(*z),
        P::LineHeight(l) => line_height(*l),
        P::Transform(t) => transform(t),
        P::TransformOrigin(o) => origin(o),
        P::BoxShadow(s) => shadows(s),
        // Parsed specs have no source text; their debug form is still informative.
        P::Transition(t) => Value::Str(format!("{t:?}")),
        P::Animation(a) => Value::Str(format!("{a:?}")),
        P::Handler(h) => handler_value(h),
        P::Any(a) => a.0.clone(),
    }
}

/// A handler as a script value: its function name or code (`Null` for call and reference forms,
/// which only the event dispatcher can evaluate).
pub(crate) fn handler_value(h: &crate::style::values::Handler) -> Value {
    use crate::style::values::Handler;
    match h {
        Handler::Name(n) | Handler::Call { name: n, .. } => Value::Str(n.clone()),
        Handler::Code(c) => Value::Str(c.clone()),
        Handler::Reference(_) => Value::Null,
    }
}

/// A computed value as a script value. `None` for properties the computed style does not keep
/// (`transition`, `animation`, handlers, `id`, `style`, `key`): the caller reads those elsewhere.
pub(crate) fn computed_value(c: &ComputedStyle, prop: PropId) -> Option<Value> {
    use PropId as P;
    Some(match prop {
        P::Display => kw(c.display),
        P::FlexDirection => kw(c.flex_direction),
        P::FlexWrap => kw(c.flex_wrap),
        P::AlignItems => kw(c.align_items),
        P::AlignSelf => kw(c.align_self),
        P::AlignContent => kw(c.align_content),
        P::JustifyContent => kw(c.justify_content),
        P::FlexGrow => num(c.flex_grow),
        P::FlexShrink => num(c.flex_shrink),
        P::FlexBasis => length(c.flex_basis),
        P::Gap => agree(vec![length(c.row_gap), length(c.column_gap)]),
        P::RowGap => length(c.row_gap),
        P::ColumnGap => length(c.column_gap),
        P::Order => Value::Int(c.order),
        P::Width => length(c.width),
        P::Height => length(c.height),
        P::MinWidth => length(c.min_width),
        P::MinHeight => length(c.min_height),
        P::MaxWidth => length(c.max_width),
        P::MaxHeight => length(c.max_height),
        P::AspectRatio => c.aspect_ratio.map_or(Value::str("none"), num),
        P::Padding => sides(&c.padding, length),
        P::PaddingTop => length(c.padding.top),
        P::PaddingRight => length(c.padding.right),
        P::PaddingBottom => length(c.padding.bottom),
        P::PaddingLeft => length(c.padding.left),
        P::Margin => sides(&c.margin, length),
        P::MarginTop => length(c.margin.top),
        P::MarginRight => length(c.margin.right),
        P::MarginBottom => length(c.margin.bottom),
        P::MarginLeft => length(c.margin.left),
        P::BoxSizing => kw(c.box_sizing),
        P::Position => Value::str(if c.is_absolute() {
            "absolute"
        } else {
            "relative"
        }),
        P::Top | P::PosY => length(c.inset.top),
        P::Right => length(c.inset.right),
        P::Bottom => length(c.inset.bottom),
        P::Left | P::PosX => length(c.inset.left),
        P::ZIndex => z_index(c.z_index),
        P::Overflow => agree(vec![kw(c.overflow_x), kw(c.overflow_y)]),
        P::OverflowX => kw(c.overflow_x),
        P::OverflowY => kw(c.overflow_y),
        P::ScrollX => num(c.scroll_x),
        P::ScrollY => num(c.scroll_y),
        P::BackgroundColor => color(c.background_color),
        P::Opacity => num(c.opacity),
        P::Visible => Value::Bool(c.visible),
        P::Border => Value::Str(format!(
            "{} {} {}",
            length(c.border_width.top),
            c.border_style.keyword(),
            c.border_color.top.to_hex()
        )),
        P::BorderWidth => sides(&c.border_width, length),
        P::BorderTopWidth => length(c.border_width.top),
        P::BorderRightWidth => length(c.border_width.right),
        P::BorderBottomWidth => length(c.border_width.bottom),
        P::BorderLeftWidth => length(c.border_width.left),
        P::BorderColor => sides(&c.border_color, color),
        P::BorderTopColor => color(c.border_color.top),
        P::BorderRightColor => color(c.border_color.right),
        P::BorderBottomColor => color(c.border_color.bottom),
        P::BorderLeftColor => color(c.border_color.left),
        P::BorderStyle => kw(c.border_style),
        P::BorderRadius => corners(&c.border_radius),
        P::BorderTopLeftRadius => length(c.border_radius.top_left),
        P::BorderTopRightRadius => length(c.border_radius.top_right),
        P::BorderBottomRightRadius => length(c.border_radius.bottom_right),
        P::BorderBottomLeftRadius => length(c.border_radius.bottom_left),
        P::BoxShadow => shadows(&c.box_shadow),
        P::Transform => transform(&c.transform),
        P::TransformOrigin => origin(&c.transform_origin),
        P::Cursor => kw(c.cursor),
        P::Text => Value::Str(c.display_text()),
        P::TextColor => color(c.text_color),
        P::FontSize => num(c.font_px),
        P::FontWeight => Value::Int(i64::from(c.font_weight.0)),
        P::FontFamily => Value::Str(c.font_family.clone()),
        P::FontStyle => kw(c.font_style),
        P::TextAlignment => kw(c.text_alignment),
        P::TextVerticalAlignment => kw(c.text_vertical_alignment),
        P::LineHeight => line_height(c.line_height),
        P::LetterSpacing => length(c.letter_spacing),
        P::TextDecoration => kw(c.text_decoration),
        P::TextTransform => kw(c.text_transform),
        P::WhiteSpace => kw(c.white_space),
        P::WordWrap => kw(c.word_wrap),
        P::TextOverflow => kw(c.text_overflow),
        P::Href => Value::Str(c.media.href.clone()),
        P::Src => Value::Str(c.media.src.clone()),
        P::Alt => Value::Str(c.media.alt.clone()),
        P::Fit => kw(c.media.fit),
        P::Disabled => Value::Bool(c.disabled),
        P::Checked => Value::Bool(c.checked),
        P::Focusable => Value::Bool(c.focusable),
        P::FocusOutline => kw(c.focus_outline),
        P::Type => kw(c.input_type),
        P::Value => c.input.value.0.clone(),
        P::Placeholder => Value::Str(c.input.placeholder.clone()),
        P::Pattern => Value::Str(c.input.pattern.clone()),
        P::MaxLength => opt_int(c.input.max_length),
        P::MinLength => opt_int(c.input.min_length),
        P::Readonly => Value::Bool(c.input.readonly),
        P::Required => Value::Bool(c.input.required),
        P::Multiline => c.input.multiline.map_or(Value::Null, Value::Bool),
        P::Min => c.input.min.0.clone(),
        P::Max => c.input.max.0.clone(),
        P::Step => c.input.step.0.clone(),
        P::Name => Value::Str(c.input.name.clone()),
        P::Accept => Value::Str(c.input.accept.clone()),
        P::Multiple => Value::Bool(c.input.multiple),
        P::WindowWidth => Value::Int(c.app.window_width),
        P::WindowHeight => Value::Int(c.app.window_height),
        P::WindowTitle => Value::Str(c.app.window_title.clone()),
        P::Resizable => Value::Bool(c.app.resizable),
        P::KeepAspectRatio => Value::Bool(c.app.keep_aspect_ratio),
        P::WindowMinWidth => opt_int(c.app.window_min_width),
        P::WindowMinHeight => opt_int(c.app.window_min_height),
        P::WindowMaxWidth => opt_int(c.app.window_max_width),
        P::WindowMaxHeight => opt_int(c.app.window_max_height),
        P::ScaleFactor => num(c.app.scale_factor),
        P::Icon => Value::Str(c.app.icon.clone()),
        P::Version => Value::Str(c.app.version.clone()),
        P::Author => Value::Str(c.app.author.clone()),
        P::DefaultScriptLanguage => Value::Str(c.app.default_script_language.clone()),
        P::ScriptPermissions => c.app.script_permissions.0.clone(),
        P::ScriptMemoryLimit => c.app.script_memory_limit.0.clone(),
        P::ScriptTimeLimit => c.app.script_time_limit.0.clone(),
        P::ScriptInstructionLimit => c.app.script_instruction_limit.0.clone(),
        P::ScriptStackDepth => c.app.script_stack_depth.0.clone(),
        P::RandomSeed => c.app.random_seed.0.clone(),
        P::ErrorOverlay => c.app.error_overlay.0.clone(),
        P::Mode => kw(c.canvas.canvas_mode),
        P::Data => c.canvas.data.0.clone(),
        P::Config => c.canvas.config.0.clone(),
        P::Redraw => kw(c.canvas.redraw),
        P::Id | P::Style | P::Key | P::Transition | P::Animation => return None,
        p if p.is_handler() => return None,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(actual: Option<Value>, expected: Value) {
        let actual = actual.unwrap_or(Value::str("<none>"));
        assert!(actual.same(&expected), "{actual:?} != {expected:?}");
    }

    #[test]
    fn lengths_and_colours_cross_as_script_values() {
        check(Some(length(Length::Px(12.0))), Value::Int(12));
        check(Some(length(Length::Percent(50.0))), Value::str("50%"));
        check(Some(length(Length::Em(1.5))), Value::str("1.5em"));
        check(Some(length(Length::Auto)), Value::str("auto"));
        check(Some(num(0.1)), Value::Float(0.1));
        check(
            Some(prop_value(&PropValue::Color(Color::rgba(255, 0, 0, 255)))),
            Value::str("#FF0000FF"),
        );
        let c = ComputedStyle::default();
        check(computed_value(&c, PropId::Padding), Value::Int(0));
        check(
            computed_value(&c, PropId::FlexDirection),
            Value::str("column"),
        );
        assert!(computed_value(&c, PropId::OnClick).is_none());
    }
}
