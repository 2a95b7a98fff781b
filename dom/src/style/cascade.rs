//! The cascade (kry-language.md §5.5, normative) and the built-in type defaults of §13.2.
//!
//! [`compute_style`] starts from the §14 initial values with the parent's inherited properties
//! copied in, then applies the layers from lowest to highest, so the highest layer that sets a
//! property wins:
//!
//! 3. built-in defaults for the element type, then its built-in pseudo blocks;
//! 4. the classes, merged left to right;
//! 5. the classes' pseudo blocks;
//! 6. the element's own properties;
//! 7. the element's own pseudo blocks;
//! 8. animation values.
//!
//! Within layers 3, 5 and 7 pseudo blocks apply in the order `hover`, `focus`, `active`,
//! `checked`, `disabled`, then compound blocks (in source order), so a later state beats an
//! earlier one and a compound block beats every simple one; in layer 5 blocks of equal rank
//! follow class order. `disabled` clears `hover`, `focus` and `active` first.

use super::catalogue::PropId;
use super::coerce::expand_shorthand;
use super::computed::{ComputedStyle, DEFAULT_FONT_PX};
use super::sheet::EvaluatedStyle;
use super::state::StateSet;
use super::values::*;
use crate::kind::ElementKind;
use crate::value::{Color, Value};
use kryon_markup::ast::PseudoState;
use std::sync::OnceLock;

/// Everything the cascade needs for one element.
#[derive(Debug, Clone, Copy)]
pub struct CascadeInput<'a> {
    /// Element type (layer 3). For `Input`, the `type` is read from the own properties, else
    /// from the classes (default `text`).
    pub kind: ElementKind,
    /// Own properties (layer 6), in application order.
    pub own: &'a [(PropId, PropValue)],
    /// Own pseudo blocks (layer 7), in source order.
    pub own_pseudo: &'a [(StateSet, Vec<(PropId, PropValue)>)],
    /// Classes, already evaluated, in `style:` order (layers 4 and 5).
    pub classes: &'a [&'a EvaluatedStyle],
    /// Raw active states (`disabled` is applied here: it clears hover/focus/active).
    pub states: StateSet,
    /// The parent's computed style (inherited properties), `None` for the root.
    pub parent: Option<&'a ComputedStyle>,
    /// Running animation values (layer 8); may be empty.
    pub animated: &'a [(PropId, PropValue)],
}

/// Built-in defaults of one element type: properties and pseudo blocks (§13.2).
#[derive(Debug, Clone, Default)]
pub struct BuiltinStyle {
    /// Properties.
    pub props: Vec<(PropId, PropValue)>,
    /// Pseudo blocks.
    pub pseudo: Vec<(StateSet, Vec<(PropId, PropValue)>)>,
}

fn color(hex: &str) -> PropValue {
    PropValue::Color(Color::parse(hex).unwrap_or(Color::BLACK))
}

fn px(v: f32) -> PropValue {
    PropValue::Length(Length::Px(v))
}

fn expanded(prop: PropId, atoms: &[Value]) -> Vec<(PropId, PropValue)> {
    expand_shorthand(prop, atoms).unwrap_or_default()
}

/// Shared field look of Button and text-like Inputs.
fn boxed(bg: &str, radius: f32, padding: &str) -> Vec<(PropId, PropValue)> {
    let mut props = vec![(PropId::BackgroundColor, color(bg))];
    props.extend(expanded(PropId::Border, &[Value::str("1 #9E9E9EFF")]));
    props.extend(expanded(
        PropId::BorderRadius,
        &[Value::Float(f64::from(radius))],
    ));
    props.extend(expanded(PropId::Padding, &[Value::str(padding)]));
    props.push((PropId::TextColor, color("#000000FF")));
    props.push((
        PropId::TextVerticalAlignment,
        PropValue::VerticalAlign(VerticalAlign::Center),
    ));
    props
}

fn focus_and_disabled() -> Vec<(StateSet, Vec<(PropId, PropValue)>)> {
    vec![
        (
            StateSet::from(PseudoState::Focus),
            expanded(PropId::BorderColor, &[Value::str("#3B82F6FF")]),
        ),
        (
            StateSet::from(PseudoState::Disabled),
            vec![(PropId::Opacity, PropValue::Number(0.5))],
        ),
    ]
}

fn app_builtin() -> BuiltinStyle {
    BuiltinStyle {
        props: vec![
            (PropId::BackgroundColor, color("#FFFFFFFF")),
            (PropId::TextColor, color("#000000FF")),
            (PropId::FontSize, px(DEFAULT_FONT_PX)),
            (PropId::FontFamily, PropValue::Str("default".to_owned())),
            (PropId::OverflowY, PropValue::Overflow(Overflow::Auto)),
        ],
        pseudo: Vec::new(),
    }
}

fn button_builtin() -> BuiltinStyle {
    let mut props = vec![
        (
            PropId::FlexDirection,
            PropValue::FlexDirection(FlexDirection::Row),
        ),
        (PropId::AlignItems, PropValue::Align(Align::Center)),
        (PropId::JustifyContent, PropValue::Justify(Justify::Center)),
        (
            PropId::TextAlignment,
            PropValue::TextAlign(TextAlign::Center),
        ),
        (PropId::Cursor, PropValue::Cursor(Cursor::Pointer)),
    ];
    props.extend(boxed("#E6E6E6FF", 4.0, "6 12"));
    let mut pseudo = vec![
        (
            StateSet::from(PseudoState::Hover),
            vec![(PropId::BackgroundColor, color("#DADADAFF"))],
        ),
        (
            StateSet::from(PseudoState::Active),
            vec![(PropId::BackgroundColor, color("#C8C8C8FF"))],
        ),
        (
            StateSet::from(PseudoState::Checked),
            vec![(PropId::BackgroundColor, color("#C4D7F5FF"))],
        ),
    ];
    pseudo.extend(focus_and_disabled());
    BuiltinStyle { props, pseudo }
}

fn field_builtin() -> BuiltinStyle {
    let mut props = boxed("#FFFFFFFF", 3.0, "4 6");
    props.push((PropId::Cursor, PropValue::Cursor(Cursor::Text)));
    BuiltinStyle {
        props,
        pseudo: focus_and_disabled(),
    }
}

fn link_builtin() -> BuiltinStyle {
    BuiltinStyle {
        props: vec![
            (PropId::TextColor, color("#1A5FD1FF")),
            (
                PropId::TextDecoration,
                PropValue::TextDecoration(TextDecoration::Underline),
            ),
            (PropId::Cursor, PropValue::Cursor(Cursor::Pointer)),
        ],
        pseudo: vec![(
            StateSet::from(PseudoState::Hover),
            vec![(PropId::TextColor, color("#0D47A1FF"))],
        )],
    }
}

/// The built-in defaults (layer 3) for an element type. Inputs of type `submit`, `reset`,
/// `button` and `image` behave as Buttons and get the Button look; text-like types and the
/// pickers (date family, `color`, `file`, which draw a text field in v1) get the field look;
/// checkbox, radio, range and hidden Inputs have none.
pub fn builtin(kind: ElementKind, input_type: InputType) -> &'static BuiltinStyle {
    static APP: OnceLock<BuiltinStyle> = OnceLock::new();
    static BUTTON: OnceLock<BuiltinStyle> = OnceLock::new();
    static FIELD: OnceLock<BuiltinStyle> = OnceLock::new();
    static LINK: OnceLock<BuiltinStyle> = OnceLock::new();
    static NONE: OnceLock<BuiltinStyle> = OnceLock::new();
    match kind {
        ElementKind::App => APP.get_or_init(app_builtin),
        ElementKind::Button => BUTTON.get_or_init(button_builtin),
        ElementKind::Input if input_type.is_button_like() => BUTTON.get_or_init(button_builtin),
        ElementKind::Input if input_type.is_field() => FIELD.get_or_init(field_builtin),
        ElementKind::Link => LINK.get_or_init(link_builtin),
        _ => NONE.get_or_init(BuiltinStyle::default),
    }
}

fn apply_all(style: &mut ComputedStyle, props: &[(PropId, PropValue)]) {
    for (prop, value) in props {
        style.apply(*prop, value);
    }
}

/// A pseudo block of one layer: class index (0 outside layer 5), states, properties.
type PseudoRef<'a> = (usize, StateSet, &'a [(PropId, PropValue)]);

/// Applies the matching pseudo blocks of one layer. `blocks` are `(class index, states, props)`
/// in source order; they apply by rank, then class index, then source order.
fn apply_pseudo(style: &mut ComputedStyle, mut blocks: Vec<PseudoRef<'_>>, states: StateSet) {
    blocks.retain(|(_, s, _)| s.matches(states));
    blocks.sort_by_key(|(class, s, _)| (s.rank(), *class));
    for (_, _, props) in blocks {
        apply_all(style, props);
    }
}

fn input_type_of(input: &CascadeInput<'_>) -> InputType {
    let find = |props: &[(PropId, PropValue)]| {
        props.iter().rev().find_map(|(p, v)| match (p, v) {
            (PropId::Type, PropValue::InputType(t)) => Some(*t),
            _ => None,
        })
    };
    find(input.own)
        .or_else(|| input.classes.iter().rev().find_map(|c| find(&c.props)))
        .unwrap_or_default()
}

/// Computes an element's style (§5.5).
pub fn compute_style(input: &CascadeInput<'_>) -> ComputedStyle {
    let mut style = ComputedStyle::default();
    cascade_onto(input, false, &mut style);
    style
}

/// Computes the displayed style and, when `want_target` and `input.animated` is not empty, also
/// the style without layer 8 (the target value of transitions and the underlying value of
/// keyframes). The shared layers 3–7 are cascaded once.
pub fn compute_style_and_target(
    input: &CascadeInput<'_>,
    want_target: bool,
) -> (ComputedStyle, Option<ComputedStyle>) {
    let mut style = ComputedStyle::default();
    let target = cascade_onto(input, want_target, &mut style);
    (style, target.map(|t| *t))
}

/// [`compute_style_and_target`] writing the displayed style into `style`, which must hold the §14
/// initial values (`ComputedStyle::default()`). The style is large: filling the caller's value
/// in place spares the copies that returning it through tuples and options would make.
pub(crate) fn cascade_onto(
    input: &CascadeInput<'_>,
    want_target: bool,
    style: &mut ComputedStyle,
) -> Option<Box<ComputedStyle>> {
    let parent_font_px = input.parent.map_or(DEFAULT_FONT_PX, |p| p.font_px);
    if let Some(parent) = input.parent {
        style.inherit_from(parent);
    }
    let states = input.states.effective();
    let input_type = if input.kind == ElementKind::Input {
        input_type_of(input)
    } else {
        InputType::default()
    };

    // Layer 3: built-in defaults and built-in pseudo blocks.
    let builtin = builtin(input.kind, input_type);
    apply_all(style, &builtin.props);
    apply_pseudo(
        style,
        builtin
            .pseudo
            .iter()
            .map(|(s, p)| (0, *s, p.as_slice()))
            .collect(),
        states,
    );

    // Layer 4: classes, left to right.
    for class in input.classes {
        apply_all(style, &class.props);
    }

    // Layer 5: class pseudo blocks, merged across classes.
    let class_blocks = input
        .classes
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.pseudo.iter().map(move |(s, p)| (i, *s, p.as_slice())))
        .collect();
    apply_pseudo(style, class_blocks, states);

    // Layer 6: own properties.
    apply_all(style, input.own);

    // Layer 7: own pseudo blocks.
    apply_pseudo(
        style,
        input
            .own_pseudo
            .iter()
            .map(|(s, p)| (0, *s, p.as_slice()))
            .collect(),
        states,
    );

    if input.kind == ElementKind::Input && !style.is_set(PropId::Type) {
        style.input_type = input_type;
    }
    let default_focusable = matches!(
        input.kind,
        ElementKind::Button | ElementKind::Input | ElementKind::Link
    );
    let is_app = input.kind == ElementKind::App;
    let target = (want_target && !input.animated.is_empty()).then(|| {
        // Boxed: the common `None` then moves as a pointer, not as a whole style.
        let mut target = Box::new(style.clone());
        target.finish(parent_font_px, is_app, default_focusable);
        target
    });

    // Layer 8: animations.
    apply_all(style, input.animated);

    style.finish(parent_font_px, is_app, default_focusable);
    target
}

#[cfg(test)]
mod tests {
    use super::*;
    use PseudoState::*;

    fn bg(hex: &str) -> (PropId, PropValue) {
        (PropId::BackgroundColor, color(hex))
    }

    fn class(
        props: Vec<(PropId, PropValue)>,
        pseudo: Vec<(StateSet, Vec<(PropId, PropValue)>)>,
    ) -> EvaluatedStyle {
        EvaluatedStyle {
            props,
            pseudo,
            ..EvaluatedStyle::default()
        }
    }

    fn input<'a>(
        kind: ElementKind,
        classes: &'a [&'a EvaluatedStyle],
        states: StateSet,
    ) -> CascadeInput<'a> {
        CascadeInput {
            kind,
            own: &[],
            own_pseudo: &[],
            classes,
            states,
            parent: None,
            animated: &[],
        }
    }

    fn hex(c: Color) -> String {
        c.to_hex()
    }

    #[test]
    fn hovered_checked_tab_shows_checked_style() {
        let tab = class(
            vec![bg("#111111")],
            vec![
                (StateSet::from(Checked), vec![bg("#333333")]),
                (StateSet::from(Hover), vec![bg("#222222")]),
            ],
        );
        let classes = [&tab];
        let both = StateSet::from_states(&[Hover, Checked]);
        assert_eq!(
            hex(compute_style(&input(ElementKind::Container, &classes, both)).background_color),
            "#333333FF"
        );
        let hover = StateSet::from(Hover);
        assert_eq!(
            hex(compute_style(&input(ElementKind::Container, &classes, hover)).background_color),
            "#222222FF"
        );
        assert_eq!(
            hex(
                compute_style(&input(ElementKind::Container, &classes, StateSet::EMPTY))
                    .background_color
            ),
            "#111111FF"
        );
    }

    #[test]
    fn compound_beats_simple_and_class_order_breaks_ties() {
        let a = class(
            vec![],
            vec![(
                StateSet::from_states(&[Checked, Hover]),
                vec![bg("#0000AA")],
            )],
        );
        let b = class(
            vec![],
            vec![
                (StateSet::from(Disabled), vec![bg("#00AA00")]),
                (StateSet::from(Checked), vec![bg("#AA0000")]),
            ],
        );
        let classes = [&a, &b];
        let states = StateSet::from_states(&[Hover, Checked]);
        // The compound block of the earlier class beats b's simple `checked`.
        assert_eq!(
            hex(compute_style(&input(ElementKind::Container, &classes, states)).background_color),
            "#0000AAFF"
        );
        let c1 = class(vec![], vec![(StateSet::from(Hover), vec![bg("#010101")])]);
        let c2 = class(vec![], vec![(StateSet::from(Hover), vec![bg("#020202")])]);
        let classes = [&c1, &c2];
        let hover = StateSet::from(Hover);
        assert_eq!(
            hex(compute_style(&input(ElementKind::Container, &classes, hover)).background_color),
            "#020202FF"
        );
    }

    #[test]
    fn layer_order() {
        let c1 = class(
            vec![bg("#000001"), (PropId::Width, px(1.0))],
            vec![(StateSet::from(Hover), vec![(PropId::Height, px(5.0))])],
        );
        let c2 = class(vec![bg("#000002")], vec![]);
        let classes = [&c1, &c2];
        let own = [(PropId::Height, px(7.0))];
        let own_pseudo = [(StateSet::from(Hover), vec![(PropId::Width, px(9.0))])];
        let animated = [(PropId::Opacity, PropValue::Number(0.25))];
        let hover = StateSet::from(Hover);
        let s = compute_style(&CascadeInput {
            kind: ElementKind::Container,
            own: &own,
            own_pseudo: &own_pseudo,
            classes: &classes,
            states: hover,
            parent: None,
            animated: &animated,
        });
        assert_eq!(hex(s.background_color), "#000002FF");
        assert_eq!(s.height, Length::Px(7.0), "own beats class pseudo");
        assert_eq!(s.width, Length::Px(9.0), "own pseudo beats class");
        assert_eq!(s.opacity, 0.25);
        // Own beats a class even for a shorthand's longhands.
        let m = class(
            expand_shorthand(PropId::Margin, &[Value::Int(4)]).unwrap_or_default(),
            vec![],
        );
        let classes = [&m];
        let own = [(PropId::MarginTop, px(1.0))];
        let s = compute_style(&CascadeInput {
            own: &own,
            ..input(ElementKind::Container, &classes, StateSet::EMPTY)
        });
        assert_eq!(
            (s.margin.top, s.margin.left),
            (Length::Px(1.0), Length::Px(4.0))
        );
    }

    #[test]
    fn disabled_clears_hover_and_button_defaults() {
        let hovered = compute_style(&input(ElementKind::Button, &[], StateSet::from(Hover)));
        assert_eq!(hex(hovered.background_color), "#DADADAFF");
        assert_eq!(hovered.flex_direction, FlexDirection::Row);
        assert_eq!(hovered.padding.left, Length::Px(12.0));
        assert_eq!(hovered.border_width.top, Length::Px(1.0));
        assert_eq!(hex(hovered.border_color.top), "#9E9E9EFF");
        assert!(hovered.focusable);
        let checked = compute_style(&input(
            ElementKind::Button,
            &[],
            StateSet::from_states(&[Hover, Checked]),
        ));
        assert_eq!(hex(checked.background_color), "#C4D7F5FF");
        let disabled = compute_style(&input(
            ElementKind::Button,
            &[],
            StateSet::from_states(&[Hover, Disabled]),
        ));
        assert_eq!(hex(disabled.background_color), "#E6E6E6FF");
        assert_eq!(disabled.opacity, 0.5);
        let focused = compute_style(&input(ElementKind::Button, &[], StateSet::from(Focus)));
        assert_eq!(hex(focused.border_color.left), "#3B82F6FF");
        // A class background beats the built-in hover (layer 4 over layer 3).
        let c = class(vec![bg("#123456")], vec![]);
        let classes = [&c];
        assert_eq!(
            hex(
                compute_style(&input(ElementKind::Button, &classes, StateSet::from(Hover)))
                    .background_color
            ),
            "#123456FF"
        );
    }

    #[test]
    fn inputs_links_and_app() {
        let own = [(PropId::Type, PropValue::InputType(InputType::Checkbox))];
        let checkbox = compute_style(&CascadeInput {
            own: &own,
            ..input(ElementKind::Input, &[], StateSet::EMPTY)
        });
        assert_eq!(checkbox.background_color, Color::TRANSPARENT);
        assert_eq!(checkbox.input_type, InputType::Checkbox);
        let text = compute_style(&input(ElementKind::Input, &[], StateSet::EMPTY));
        assert_eq!(hex(text.background_color), "#FFFFFFFF");
        assert_eq!(text.cursor, Cursor::Text);
        assert_eq!(text.input_type, InputType::Text);
        let link = compute_style(&input(ElementKind::Link, &[], StateSet::from(Hover)));
        assert_eq!(hex(link.text_color), "#0D47A1FF");
        assert_eq!(link.text_decoration, TextDecoration::Underline);
        let app = compute_style(&input(ElementKind::App, &[], StateSet::EMPTY));
        assert_eq!(app.overflow_y, Overflow::Auto);
        assert_eq!(app.font_px, 14.0);
    }

    #[test]
    fn inheritance_and_border_colour() {
        let own = [
            (PropId::TextColor, color("#FF0000")),
            (PropId::FontSize, px(20.0)),
            (PropId::Cursor, PropValue::Cursor(Cursor::Pointer)),
        ];
        let app = compute_style(&CascadeInput {
            own: &own,
            ..input(ElementKind::App, &[], StateSet::EMPTY)
        });
        assert_eq!(app.rem_px, 20.0);
        let child_own = [
            (PropId::FontSize, PropValue::Length(Length::Em(1.5))),
            (PropId::BorderTopWidth, px(1.0)),
        ];
        let child = compute_style(&CascadeInput {
            own: &child_own,
            parent: Some(&app),
            ..input(ElementKind::Container, &[], StateSet::EMPTY)
        });
        assert_eq!(hex(child.text_color), "#FF0000FF");
        assert_eq!(child.cursor, Cursor::Pointer);
        assert_eq!(child.font_px, 30.0);
        assert_eq!(child.rem_px, 20.0);
        assert_eq!(
            hex(child.border_color.top),
            "#FF0000FF",
            "border colour follows own text colour"
        );
        assert_eq!(child.background_color, Color::TRANSPARENT, "not inherited");
        let grandchild_own = [(PropId::FontSize, PropValue::Length(Length::Rem(1.0)))];
        let grandchild = compute_style(&CascadeInput {
            own: &grandchild_own,
            parent: Some(&child),
            ..input(ElementKind::Text, &[], StateSet::EMPTY)
        });
        assert_eq!(grandchild.font_px, 20.0);
        // A Button sets its own text colour (layer 3), so the parent's does not reach it.
        let button = compute_style(&CascadeInput {
            parent: Some(&app),
            ..input(ElementKind::Button, &[], StateSet::EMPTY)
        });
        assert_eq!(hex(button.text_color), "#000000FF");
        assert!(child.inherited_eq(&child.clone()));
        assert!(!child.inherited_eq(&app));
    }

    #[test]
    fn pos_implies_absolute_unless_position_is_explicit() {
        let own = [(PropId::PosX, px(10.0))];
        let s = compute_style(&CascadeInput {
            own: &own,
            ..input(ElementKind::Container, &[], StateSet::EMPTY)
        });
        assert!(s.is_absolute());
        assert_eq!(s.inset.left, Length::Px(10.0));
        let own = [
            (PropId::Position, PropValue::Position(Position::Relative)),
            (PropId::PosY, px(10.0)),
        ];
        let s = compute_style(&CascadeInput {
            own: &own,
            ..input(ElementKind::Container, &[], StateSet::EMPTY)
        });
        assert!(!s.is_absolute());
        let own = [(PropId::Left, px(10.0))];
        let s = compute_style(&CascadeInput {
            own: &own,
            ..input(ElementKind::Container, &[], StateSet::EMPTY)
        });
        assert!(!s.is_absolute());
    }
}
