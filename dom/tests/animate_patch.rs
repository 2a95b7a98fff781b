//! The paint fast path of the animation layer: paint-only value updates are patched into the
//! computed style without a cascade, and the result is always what a full cascade gives —
//! also when the cascade changes the element meanwhile, and when animations end.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

mod common;

use common::load;
use kryon_dom::animate::{Easing, Repeat, TweenSpec};
use kryon_dom::style::values::Length;
use kryon_dom::style::{ComputedStyle, PropId, PropValue};
use kryon_dom::tree::Dirty;
use kryon_dom::{Color, Dom, ElementId, Value};

const VIEW: (f32, f32) = (800.0, 600.0);

fn el(dom: &Dom, id: &str) -> ElementId {
    dom.element_by_id(id).unwrap()
}

fn style(dom: &Dom, id: &str) -> ComputedStyle {
    (*dom.arena.elements[el(dom, id)].computed).clone()
}

fn frame(dom: &mut Dom, t: f64) {
    dom.advance_animations(t);
    dom.update(VIEW);
}

fn spec(dom: &Dom, id: &str, prop: &str, from: Value, to: Value) -> TweenSpec {
    TweenSpec {
        from: Some(from),
        duration_ms: 100.0,
        easing: Easing::Linear,
        ..TweenSpec::new(el(dom, id), prop, to)
    }
}

/// The element's style after a forced full cascade (layers 3–8).
fn recascaded(dom: &mut Dom, id: &str) -> ComputedStyle {
    let e = el(dom, id);
    dom.mark(e, Dirty::STYLE);
    dom.update(VIEW);
    style(dom, id)
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 1e-3
}

const CARD: &str = r##"
@variables { cls: "a"  w: 10 }
style "a" { background_color: #FF0000  border: "2 #00FF00"  box_shadow: "0 2 4 #0000FF" }
style "b" { background_color: #00FF00  opacity: 0.9  transform: { rotate: 5deg translate_x: 3 } }
App { Container { id: "card"  style: $cls  width: $w  height: 10 } Container { id: "idle" } }
"##;

fn animate_paint_channels(dom: &mut Dom) {
    let items = [
        ("opacity", Value::number(0.0), Value::number(1.0)),
        (
            "background_color",
            Value::str("#000000"),
            Value::str("#FFFFFF"),
        ),
        ("border_color", Value::str("#000000"), Value::str("#FF00FF")),
        (
            "box_shadow",
            Value::str("0 0 0 #000000"),
            Value::str("0 8 8 #FF0000"),
        ),
        ("rotate", Value::number(0.0), Value::number(90.0)),
        ("scale", Value::number(1.0), Value::number(2.0)),
    ];
    for (prop, from, to) in items {
        let s = spec(dom, "card", prop, from, to);
        dom.animate(s).unwrap();
    }
}

#[test]
fn paint_only_updates_skip_the_cascade_and_match_it() {
    let mut dom = load(CARD);
    animate_paint_channels(&mut dom);
    frame(&mut dom, 10.0);
    dom.reset_stats();
    frame(&mut dom, 40.0);
    assert_eq!(dom.stats.styles_computed, 0, "patched, not cascaded");
    assert_eq!(dom.stats.layout_syncs, 0);
    assert!(dom.needs_paint());
    let patched = style(&dom, "card");
    assert!(close(patched.opacity, 0.4));
    assert!(close(patched.transform.rotate_deg, 36.0));
    assert!(close(patched.transform.scale_y, 1.4));
    assert_eq!(patched, recascaded(&mut dom, "card"));
}

#[test]
fn cascade_changes_while_animating_reapply_the_layer() {
    let mut dom = load(CARD);
    animate_paint_channels(&mut dom);
    frame(&mut dom, 10.0);
    // A class change before the step: the element is style-dirty when the layer flushes.
    dom.set_variable("cls", Value::str("b")).unwrap();
    frame(&mut dom, 50.0);
    let s = style(&dom, "card");
    assert!(
        close(s.opacity, 0.5),
        "layer 8 beats the class: {}",
        s.opacity
    );
    assert!(close(s.transform.rotate_deg, 45.0));
    assert_eq!(s, recascaded(&mut dom, "card"));
    // A layout write after the step: cascaded with the layer, and laid out.
    dom.advance_animations(60.0);
    dom.set_variable("w", Value::number(30.0)).unwrap();
    dom.update(VIEW);
    let s = style(&dom, "card");
    assert_eq!(s.width, Length::Px(30.0));
    assert!(close(s.opacity, 0.6));
    assert_eq!(s, recascaded(&mut dom, "card"));
    // Patched frames after the change still match the new cascade.
    frame(&mut dom, 70.0);
    let s = style(&dom, "card");
    assert!(close(s.opacity, 0.7) && s.width == Length::Px(30.0));
    assert_eq!(s, recascaded(&mut dom, "card"));
}

#[test]
fn ended_animations_keep_their_committed_values() {
    let mut dom = load(CARD);
    animate_paint_channels(&mut dom);
    frame(&mut dom, 50.0);
    frame(&mut dom, 120.0);
    assert!(!dom.has_running_animations());
    let s = style(&dom, "card");
    assert!(close(s.opacity, 1.0) && close(s.transform.rotate_deg, 90.0));
    assert_eq!(s.background_color, Color::WHITE);
    let own = &dom.arena.elements[el(&dom, "card")].own;
    assert_eq!(own.get(&PropId::Opacity), Some(&PropValue::Number(1.0)));
    assert_eq!(s, recascaded(&mut dom, "card"));
    // A class change after the end keeps the committed (own) values over the class.
    dom.set_variable("cls", Value::str("b")).unwrap();
    dom.update(VIEW);
    let s = style(&dom, "card");
    assert!(close(s.opacity, 1.0) && s.background_color == Color::WHITE);
}

#[test]
fn a_replaced_tween_and_a_cleared_channel_restyle() {
    let mut dom = load(CARD);
    let first = spec(
        &dom,
        "card",
        "opacity",
        Value::number(0.0),
        Value::number(1.0),
    );
    dom.animate(first).unwrap();
    frame(&mut dom, 50.0);
    // Replaced mid-way on the same channel: starts from the displayed value.
    let second = TweenSpec {
        duration_ms: 100.0,
        easing: Easing::Linear,
        ..TweenSpec::new(el(&dom, "card"), "opacity", Value::number(0.0))
    };
    dom.animate(second).unwrap();
    frame(&mut dom, 100.0);
    assert!(close(style(&dom, "card").opacity, 0.25));
    assert_eq!(style(&dom, "card"), recascaded(&mut dom, "card"));
    // Stopping one channel re-cascades (its committed value shows); the other keeps running.
    let rot = spec(
        &dom,
        "card",
        "rotate",
        Value::number(0.0),
        Value::number(90.0),
    );
    dom.animate(rot).unwrap();
    frame(&mut dom, 120.0);
    dom.stop_animations(el(&dom, "card"), Some("opacity"));
    frame(&mut dom, 130.0);
    let s = style(&dom, "card");
    assert!(close(s.transform.rotate_deg, 27.0));
    assert_eq!(s, recascaded(&mut dom, "card"));
}

#[test]
fn transitions_and_keyframes_take_the_fast_path_and_end_on_the_cascade() {
    let src = r##"
@variables { op: 1 }
@keyframes "pulse" { from { background_color: #000000 } to { background_color: #FFFFFF } }
style "fade" { transition: "opacity 100ms linear" }
App {
    Container { id: "t"  style: "fade"  opacity: $op }
    Container { id: "k"  background_color: #FF0000  animation: "pulse 100ms linear" }
}
"##;
    let mut dom = load(src);
    frame(&mut dom, 0.0);
    dom.set_variable("op", Value::number(0.0)).unwrap();
    dom.update(VIEW);
    frame(&mut dom, 20.0);
    dom.reset_stats();
    frame(&mut dom, 50.0);
    assert_eq!(dom.stats.styles_computed, 0);
    assert!(close(style(&dom, "t").opacity, 0.5));
    let k = style(&dom, "k");
    assert!(k.background_color.r > 60 && k.background_color.r < 200);
    assert_eq!(style(&dom, "t"), recascaded(&mut dom, "t"));
    assert_eq!(style(&dom, "k"), recascaded(&mut dom, "k"));
    frame(&mut dom, 200.0);
    assert!(
        close(style(&dom, "t").opacity, 0.0),
        "the transition's target"
    );
    assert_eq!(
        style(&dom, "k").background_color,
        Color::rgba(255, 0, 0, 255),
        "keyframes without fill: the underlying value"
    );
    assert!(!dom.has_running_animations());
}

#[test]
fn infinite_yoyo_stays_equal_to_the_cascade() {
    let mut dom = load(CARD);
    let s = TweenSpec {
        repeat: Repeat::Infinite,
        yoyo: true,
        ..spec(
            &dom,
            "card",
            "background_color",
            Value::str("#000000"),
            Value::str("#FFFFFF"),
        )
    };
    dom.animate(s).unwrap();
    for i in 1..40 {
        frame(&mut dom, f64::from(i) * 16.0);
    }
    assert_eq!(style(&dom, "card"), recascaded(&mut dom, "card"));
    assert_eq!(style(&dom, "idle"), recascaded(&mut dom, "idle"));
}
