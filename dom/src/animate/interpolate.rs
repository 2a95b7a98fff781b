//! Interpolation of animatable values (kry §12.4): numbers and same-unit lengths linearly,
//! angles in degrees without wrapping, colours in OKLab with premultiplied alpha, transforms per
//! component, box shadows only when compatible; anything else jumps to the target.
//!
//! Also reads the value of an animatable longhand out of a [`ComputedStyle`] (the displayed or
//! underlying value an animation starts from).

use crate::style::values::Length;
use crate::style::values::{LineHeight, Shadow, Transform};
use crate::style::{ComputedStyle, PropId, PropValue};
use crate::value::Color;

/// Every animatable longhand (what `transition: all` watches).
pub const ANIMATABLE_LONGHANDS: &[PropId] = &[
    PropId::FlexGrow,
    PropId::FlexShrink,
    PropId::FlexBasis,
    PropId::RowGap,
    PropId::ColumnGap,
    PropId::Width,
    PropId::Height,
    PropId::MinWidth,
    PropId::MinHeight,
    PropId::MaxWidth,
    PropId::MaxHeight,
    PropId::PaddingTop,
    PropId::PaddingRight,
    PropId::PaddingBottom,
    PropId::PaddingLeft,
    PropId::MarginTop,
    PropId::MarginRight,
    PropId::MarginBottom,
    PropId::MarginLeft,
    PropId::Top,
    PropId::Right,
    PropId::Bottom,
    PropId::Left,
    PropId::ScrollX,
    PropId::ScrollY,
    PropId::BackgroundColor,
    PropId::Opacity,
    PropId::BorderTopWidth,
    PropId::BorderRightWidth,
    PropId::BorderBottomWidth,
    PropId::BorderLeftWidth,
    PropId::BorderTopColor,
    PropId::BorderRightColor,
    PropId::BorderBottomColor,
    PropId::BorderLeftColor,
    PropId::BorderTopLeftRadius,
    PropId::BorderTopRightRadius,
    PropId::BorderBottomRightRadius,
    PropId::BorderBottomLeftRadius,
    PropId::BoxShadow,
    PropId::Transform,
    PropId::TextColor,
    PropId::FontSize,
    PropId::LineHeight,
    PropId::LetterSpacing,
];

/// The value of an animatable longhand in a computed style (`None` for anything else).
/// `pos_x`/`pos_y` read `left`/`top`.
pub fn read_prop(style: &ComputedStyle, prop: PropId) -> Option<PropValue> {
    use PropId as P;
    use PropValue as V;
    Some(match prop {
        P::FlexGrow => V::Number(style.flex_grow),
        P::FlexShrink => V::Number(style.flex_shrink),
        P::FlexBasis => V::Length(style.flex_basis),
        P::RowGap => V::Length(style.row_gap),
        P::ColumnGap => V::Length(style.column_gap),
        P::Width => V::Length(style.width),
        P::Height => V::Length(style.height),
        P::MinWidth => V::Length(style.min_width),
        P::MinHeight => V::Length(style.min_height),
        P::MaxWidth => V::Length(style.max_width),
        P::MaxHeight => V::Length(style.max_height),
        P::PaddingTop => V::Length(style.padding.top),
        P::PaddingRight => V::Length(style.padding.right),
        P::PaddingBottom => V::Length(style.padding.bottom),
        P::PaddingLeft => V::Length(style.padding.left),
        P::MarginTop => V::Length(style.margin.top),
        P::MarginRight => V::Length(style.margin.right),
        P::MarginBottom => V::Length(style.margin.bottom),
        P::MarginLeft => V::Length(style.margin.left),
        P::Top | P::PosY => V::Length(style.inset.top),
        P::Right => V::Length(style.inset.right),
        P::Bottom => V::Length(style.inset.bottom),
        P::Left | P::PosX => V::Length(style.inset.left),
        P::ScrollX => V::Number(style.scroll_x),
        P::ScrollY => V::Number(style.scroll_y),
        P::BackgroundColor => V::Color(style.background_color),
        P::Opacity => V::Number(style.opacity),
        P::BorderTopWidth => V::Length(style.border_width.top),
        P::BorderRightWidth => V::Length(style.border_width.right),
        P::BorderBottomWidth => V::Length(style.border_width.bottom),
        P::BorderLeftWidth => V::Length(style.border_width.left),
        P::BorderTopColor => V::Color(style.border_color.top),
        P::BorderRightColor => V::Color(style.border_color.right),
        P::BorderBottomColor => V::Color(style.border_color.bottom),
        P::BorderLeftColor => V::Color(style.border_color.left),
        P::BorderTopLeftRadius => V::Length(style.border_radius.top_left),
        P::BorderTopRightRadius => V::Length(style.border_radius.top_right),
        P::BorderBottomRightRadius => V::Length(style.border_radius.bottom_right),
        P::BorderBottomLeftRadius => V::Length(style.border_radius.bottom_left),
        P::BoxShadow => V::BoxShadow(style.box_shadow.clone()),
        P::Transform => V::Transform(style.transform),
        P::TextColor => V::Color(style.text_color),
        P::FontSize => V::Length(style.font_size),
        P::LineHeight => V::LineHeight(style.line_height),
        P::LetterSpacing => V::Length(style.letter_spacing),
        _ => return None,
    })
}

fn lerp(a: f32, b: f32, t: f64) -> f32 {
    (f64::from(a) + (f64::from(b) - f64::from(a)) * t) as f32
}

fn lerp_length(a: Length, b: Length, t: f64) -> Option<Length> {
    Some(match (a, b) {
        (Length::Px(x), Length::Px(y)) => Length::Px(lerp(x, y, t)),
        (Length::Percent(x), Length::Percent(y)) => Length::Percent(lerp(x, y, t)),
        (Length::Em(x), Length::Em(y)) => Length::Em(lerp(x, y, t)),
        (Length::Rem(x), Length::Rem(y)) => Length::Rem(lerp(x, y, t)),
        (Length::Vw(x), Length::Vw(y)) => Length::Vw(lerp(x, y, t)),
        (Length::Vh(x), Length::Vh(y)) => Length::Vh(lerp(x, y, t)),
        _ => return None,
    })
}

/// True when `a` → `b` animates rather than jumps.
pub fn compatible(a: &PropValue, b: &PropValue) -> bool {
    match (a, b) {
        (PropValue::Number(_), PropValue::Number(_))
        | (PropValue::Color(_), PropValue::Color(_))
        | (PropValue::Transform(_), PropValue::Transform(_)) => true,
        (PropValue::Length(x), PropValue::Length(y)) => lerp_length(*x, *y, 0.0).is_some(),
        (PropValue::LineHeight(x), PropValue::LineHeight(y)) => match (x, y) {
            (LineHeight::Factor(_), LineHeight::Factor(_)) => true,
            (LineHeight::Length(p), LineHeight::Length(q)) => lerp_length(*p, *q, 0.0).is_some(),
            _ => false,
        },
        (PropValue::BoxShadow(x), PropValue::BoxShadow(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.inset == q.inset)
        }
        _ => false,
    }
}

/// Writes the value at eased progress `t` (may leave [0,1] for overshooting easings) into `out`,
/// reusing its allocation. Incompatible pairs jump: `from` at `t ≤ 0`, `to` after.
pub fn interpolate(from: &PropValue, to: &PropValue, t: f64, out: &mut PropValue) {
    use PropValue as V;
    let value = match (from, to) {
        (V::Number(a), V::Number(b)) => V::Number(lerp(*a, *b, t)),
        (V::Color(a), V::Color(b)) => V::Color(mix_oklab(*a, *b, t)),
        (V::Length(a), V::Length(b)) => match lerp_length(*a, *b, t) {
            Some(l) => V::Length(l),
            None => return jump(from, to, t, out),
        },
        (V::LineHeight(LineHeight::Factor(a)), V::LineHeight(LineHeight::Factor(b))) => {
            V::LineHeight(LineHeight::Factor(lerp(*a, *b, t)))
        }
        (V::LineHeight(LineHeight::Length(a)), V::LineHeight(LineHeight::Length(b))) => {
            match lerp_length(*a, *b, t) {
                Some(l) => V::LineHeight(LineHeight::Length(l)),
                None => return jump(from, to, t, out),
            }
        }
        (V::Transform(a), V::Transform(b)) => V::Transform(Transform {
            scale_x: lerp(a.scale_x, b.scale_x, t),
            scale_y: lerp(a.scale_y, b.scale_y, t),
            rotate_deg: lerp(a.rotate_deg, b.rotate_deg, t),
            translate_x: lerp(a.translate_x, b.translate_x, t),
            translate_y: lerp(a.translate_y, b.translate_y, t),
        }),
        (V::BoxShadow(a), V::BoxShadow(b)) if compatible(from, to) => {
            // In place, so a running shadow animation does not allocate per frame.
            if let V::BoxShadow(o) = out
                && o.len() == a.len()
            {
                for ((o, p), q) in o.iter_mut().zip(a).zip(b) {
                    *o = mix_shadow(p, q, t);
                }
                return;
            }
            V::BoxShadow(a.iter().zip(b).map(|(p, q)| mix_shadow(p, q, t)).collect())
        }
        _ => return jump(from, to, t, out),
    };
    *out = value;
}

fn jump(from: &PropValue, to: &PropValue, t: f64, out: &mut PropValue) {
    out.clone_from(if t <= 0.0 { from } else { to });
}

fn mix_shadow(a: &Shadow, b: &Shadow, t: f64) -> Shadow {
    Shadow {
        x: lerp(a.x, b.x, t),
        y: lerp(a.y, b.y, t),
        blur: lerp(a.blur, b.blur, t).max(0.0),
        spread: lerp(a.spread, b.spread, t),
        color: mix_oklab(a.color, b.color, t),
        inset: a.inset,
    }
}

fn to_linear(c: u8) -> f64 {
    // A table: colour animations convert both ends every frame.
    static TABLE: std::sync::OnceLock<[f64; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let c = i as f64 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        })
    })[usize::from(c)]
}

/// Linear → sRGB (8-bit), rounded to nearest. Instead of a `powf` per channel, a binary
/// search in the 255 linear values where the rounded result steps up (`k + 0.5` in sRGB
/// units): the same result, several times faster (three per animated colour per frame).
fn from_linear(c: f64) -> u8 {
    static STEPS: std::sync::OnceLock<[f64; 255]> = std::sync::OnceLock::new();
    let steps = STEPS.get_or_init(|| {
        std::array::from_fn(|k| {
            let s = (k as f64 + 0.5) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        })
    });
    // NaN compares false everywhere and lands on 0, as the clamp did.
    steps.partition_point(|&t| t <= c) as u8
}

/// sRGB (8-bit) → OKLab.
pub fn to_oklab(c: Color) -> [f64; 3] {
    let (r, g, b) = (to_linear(c.r), to_linear(c.g), to_linear(c.b));
    let l = (0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b).cbrt();
    let m = (0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b).cbrt();
    let s = (0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b).cbrt();
    [
        0.210_454_255_3 * l + 0.793_617_785 * m - 0.004_072_046_8 * s,
        1.977_998_495_1 * l - 2.428_592_205 * m + 0.450_593_709_9 * s,
        0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766 * s,
    ]
}

/// OKLab → sRGB (8-bit), each channel clipped to [0,1].
pub fn from_oklab(lab: [f64; 3], alpha: u8) -> Color {
    let [l, a, b] = lab;
    let l_ = l + 0.396_337_777_4 * a + 0.215_803_757_3 * b;
    let m_ = l - 0.105_561_345_8 * a - 0.063_854_172_8 * b;
    let s_ = l - 0.089_484_177_5 * a - 1.291_485_548 * b;
    let (l3, m3, s3) = (l_ * l_ * l_, m_ * m_ * m_, s_ * s_ * s_);
    Color::rgba(
        from_linear(4.076_741_662_1 * l3 - 3.307_711_591_3 * m3 + 0.230_969_929_2 * s3),
        from_linear(-1.268_438_004_6 * l3 + 2.609_757_401_1 * m3 - 0.341_319_396_5 * s3),
        from_linear(-0.004_196_086_3 * l3 - 0.703_418_614_7 * m3 + 1.707_614_701 * s3),
        alpha,
    )
}

/// Mixes two colours in OKLab with premultiplied alpha (kry §12.4).
pub fn mix_oklab(a: Color, b: Color, t: f64) -> Color {
    if a == b {
        return a;
    }
    let (pa, pb) = (to_oklab(a), to_oklab(b));
    let (aa, ab) = (f64::from(a.a) / 255.0, f64::from(b.a) / 255.0);
    let alpha = aa + (ab - aa) * t;
    let alpha8 = (alpha.clamp(0.0, 1.0) * 255.0).round() as u8;
    if alpha <= 1e-9 {
        return from_oklab(pb, 0);
    }
    let mut lab = [0.0; 3];
    for i in 0..3 {
        let premul = pa[i] * aa + (pb[i] * ab - pa[i] * aa) * t;
        lab[i] = premul / alpha;
    }
    from_oklab(lab, alpha8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_linear_table_matches_the_formula() {
        let formula = |c: f64| {
            let c = c.clamp(0.0, 1.0);
            let s = if c <= 0.003_130_8 {
                12.92 * c
            } else {
                1.055 * c.powf(1.0 / 2.4) - 0.055
            };
            (s.clamp(0.0, 1.0) * 255.0).round() as u8
        };
        for i in -10..=100_010 {
            let c = f64::from(i) / 100_000.0;
            assert_eq!(from_linear(c), formula(c), "{c}");
        }
        for v in 0..=255u8 {
            assert_eq!(from_linear(to_linear(v)), v);
        }
    }

    #[test]
    fn oklab_round_trips_and_red_blue_midpoint() {
        for c in [Color::rgba(255, 0, 0, 255), Color::rgba(12, 200, 99, 255)] {
            assert_eq!(from_oklab(to_oklab(c), 255), c);
        }
        let mid = mix_oklab(
            Color::rgba(255, 0, 0, 255),
            Color::rgba(0, 0, 255, 255),
            0.5,
        );
        // OKLab midpoint of red and blue: #8C53A0-ish (a purple much brighter than sRGB #800080).
        assert!(
            (i32::from(mid.r) - 140).abs() <= 2
                && (i32::from(mid.g) - 83).abs() <= 2
                && (i32::from(mid.b) - 162).abs() <= 3,
            "{mid:?}"
        );
        assert_eq!(mid.a, 255);
    }

    #[test]
    fn transparent_end_keeps_the_other_hue() {
        let red = Color::rgba(255, 0, 0, 255);
        let mid = mix_oklab(red, Color::TRANSPARENT, 0.5);
        // Premultiplied: the hue stays red while fading, no grey band.
        assert_eq!((mid.r, mid.g, mid.b), (255, 0, 0));
        assert_eq!(mid.a, 128);
    }

    #[test]
    fn lengths_numbers_and_jumps() {
        let mut out = PropValue::None;
        interpolate(
            &PropValue::Length(Length::Px(0.0)),
            &PropValue::Length(Length::Px(100.0)),
            0.25,
            &mut out,
        );
        assert_eq!(out, PropValue::Length(Length::Px(25.0)));
        let (a, b) = (
            PropValue::Length(Length::Px(10.0)),
            PropValue::Length(Length::Percent(50.0)),
        );
        assert!(!compatible(&a, &b));
        interpolate(&a, &b, 0.0, &mut out);
        assert_eq!(out, a);
        interpolate(&a, &b, 0.1, &mut out);
        assert_eq!(out, b);
        let s = |inset| Shadow {
            x: 0.0,
            y: 0.0,
            blur: 4.0,
            spread: 0.0,
            color: Color::BLACK,
            inset,
        };
        assert!(compatible(
            &PropValue::BoxShadow(vec![s(false)]),
            &PropValue::BoxShadow(vec![s(false)])
        ));
        assert!(!compatible(
            &PropValue::BoxShadow(vec![s(false)]),
            &PropValue::BoxShadow(vec![s(true)])
        ));
    }
}
