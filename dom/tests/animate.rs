//! The animation engine through the public API: script tweens, groups, transitions, keyframes.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

mod common;

use common::load;
use kryon_dom::animate::{
    AnimControl, AnimEvent, AnimId, AnimState, Easing, GroupItem, GroupKind, Repeat, TweenSpec,
};
use kryon_dom::style::PropValue;
use kryon_dom::{Color, Dom, ElementId, Value};

const VIEW: (f32, f32) = (800.0, 600.0);

fn el(dom: &Dom, id: &str) -> ElementId {
    dom.element_by_id(id).unwrap()
}

fn opacity(dom: &Dom, id: &str) -> f32 {
    dom.arena.elements[el(dom, id)].computed.opacity
}

fn frame(dom: &mut Dom, t: f64) -> Vec<AnimEvent> {
    let events = dom.advance_animations(t);
    dom.update(VIEW);
    events
}

fn tween(dom: &Dom, id: &str, prop: &str, from: Option<f64>, to: f64, ms: f64) -> TweenSpec {
    TweenSpec {
        from: from.map(Value::number),
        duration_ms: ms,
        easing: Easing::Linear,
        ..TweenSpec::new(el(dom, id), prop, Value::number(to))
    }
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 1e-3
}

const BOX: &str =
    "App { Container { id: \"box\" width: 10 height: 10 } Container { id: \"other\" } }";

#[test]
fn tween_runs_and_commits_on_end() {
    let mut dom = load(BOX);
    let id = dom
        .animate(tween(&dom, "box", "opacity", Some(0.0), 1.0, 100.0))
        .unwrap();
    assert!(dom.has_running_animations());
    assert_eq!(dom.animation_state(id), Some(AnimState::Running));
    frame(&mut dom, 0.0);
    assert!(close(opacity(&dom, "box"), 0.0));
    frame(&mut dom, 50.0);
    assert!(close(opacity(&dom, "box"), 0.5));
    let events = frame(&mut dom, 100.0);
    assert_eq!(events, vec![AnimEvent::Completed(id)]);
    assert!(close(opacity(&dom, "box"), 1.0));
    assert_eq!(dom.animation_state(id), Some(AnimState::Finished));
    assert!(!dom.has_running_animations());
    // Committed to the element's own property (layer 6).
    let e = &dom.arena.elements[el(&dom, "box")];
    assert_eq!(
        e.own.get(&kryon_dom::style::PropId::Opacity),
        Some(&PropValue::Number(1.0))
    );
    assert_eq!(dom.animation_now(), 100.0);
}

#[test]
fn delay_repeat_and_yoyo() {
    let mut dom = load(BOX);
    let spec = TweenSpec {
        delay_ms: 100.0,
        repeat: Repeat::Count(3),
        yoyo: true,
        ..tween(&dom, "box", "width", Some(0.0), 100.0, 100.0)
    };
    dom.animate(spec).unwrap();
    let width = |dom: &Dom| dom.arena.elements[el(dom, "box")].computed.width;
    use kryon_dom::style::values::Length::Px;
    frame(&mut dom, 50.0);
    assert_eq!(
        width(&dom),
        Px(0.0),
        "during the delay the start value shows"
    );
    frame(&mut dom, 125.0);
    assert_eq!(width(&dom), Px(25.0));
    frame(&mut dom, 225.0);
    assert_eq!(width(&dom), Px(75.0), "second run plays backwards");
    frame(&mut dom, 325.0);
    assert_eq!(width(&dom), Px(25.0), "third run forwards again");
    frame(&mut dom, 500.0);
    assert_eq!(width(&dom), Px(100.0));
    // An even count with yoyo ends at the start.
    let spec = TweenSpec {
        repeat: Repeat::Count(2),
        yoyo: true,
        ..tween(&dom, "box", "height", Some(0.0), 50.0, 100.0)
    };
    dom.animate(spec).unwrap();
    frame(&mut dom, 1000.0);
    assert_eq!(dom.arena.elements[el(&dom, "box")].computed.height, Px(0.0));
}

#[test]
fn cancel_pause_resume_finish() {
    let mut dom = load(BOX);
    let a = dom
        .animate(tween(&dom, "box", "opacity", Some(0.0), 1.0, 100.0))
        .unwrap();
    frame(&mut dom, 20.0);
    assert!(dom.animation_control(a, AnimControl::Pause));
    assert_eq!(dom.animation_state(a), Some(AnimState::Paused));
    assert!(!dom.has_running_animations());
    frame(&mut dom, 500.0);
    assert!(close(opacity(&dom, "box"), 0.2), "paused holds");
    dom.animation_control(a, AnimControl::Resume);
    frame(&mut dom, 530.0);
    assert!(close(opacity(&dom, "box"), 0.5), "{}", opacity(&dom, "box"));
    assert!(dom.animation_control(a, AnimControl::Cancel));
    assert_eq!(dom.animation_state(a), Some(AnimState::Cancelled));
    let events = frame(&mut dom, 540.0);
    assert!(events.is_empty(), "no completion on cancel");
    assert!(
        close(opacity(&dom, "box"), 0.5),
        "cancel commits the current value"
    );
    assert!(!dom.animation_control(a, AnimControl::Cancel));
    // Finish jumps to the end, commits and completes.
    let b = dom
        .animate(tween(&dom, "box", "opacity", None, 0.1, 1000.0))
        .unwrap();
    frame(&mut dom, 600.0);
    assert!(dom.animation_control(b, AnimControl::Finish));
    let events = frame(&mut dom, 610.0);
    assert_eq!(events, vec![AnimEvent::Completed(b)]);
    assert!(close(opacity(&dom, "box"), 0.1));
    assert_eq!(dom.animation_state(AnimId(9999)), None);
}

#[test]
fn new_tween_replaces_and_starts_from_displayed_value() {
    let mut dom = load(BOX);
    let a = dom
        .animate(tween(&dom, "box", "opacity", Some(0.0), 1.0, 100.0))
        .unwrap();
    frame(&mut dom, 40.0);
    let b = dom
        .animate(tween(&dom, "box", "opacity", None, 0.0, 100.0))
        .unwrap();
    assert_eq!(dom.animation_state(a), Some(AnimState::Cancelled));
    frame(&mut dom, 40.0);
    assert!(close(opacity(&dom, "box"), 0.4));
    frame(&mut dom, 90.0);
    assert!(close(opacity(&dom, "box"), 0.2));
    assert_eq!(dom.animation_state(b), Some(AnimState::Running));
}

#[test]
fn spring_keeps_velocity_on_retarget() {
    let mut dom = load(BOX);
    let spring = Easing::parse("spring(170, 26)").unwrap();
    let spec = TweenSpec {
        easing: spring,
        ..tween(&dom, "box", "translate_y", Some(0.0), 100.0, 0.0)
    };
    dom.animate(spec.clone()).unwrap();
    frame(&mut dom, 100.0);
    let ty = |dom: &Dom| {
        dom.arena.elements[el(dom, "box")]
            .computed
            .transform
            .translate_y
    };
    let mid = ty(&dom);
    assert!(mid > 10.0 && mid < 100.0, "{mid}");
    // Retarget: it keeps moving in the same direction right away (velocity kept).
    dom.animate(TweenSpec {
        from: None,
        to: Value::number(200.0),
        ..spec
    })
    .unwrap();
    frame(&mut dom, 101.0);
    // From rest it would move about 0.01 px in 1 ms.
    assert!(ty(&dom) > mid + 0.2, "{} vs {mid}", ty(&dom));
    frame(&mut dom, 10_000.0);
    assert!(close(ty(&dom), 200.0));
    assert!(!dom.has_running_animations());
}

#[test]
fn colours_and_transform_components() {
    let mut dom = load(BOX);
    let spec = TweenSpec {
        from: Some(Value::str("#FF0000")),
        duration_ms: 100.0,
        easing: Easing::Linear,
        ..TweenSpec::new(el(&dom, "box"), "background_color", Value::str("#0000FF"))
    };
    dom.animate(spec).unwrap();
    dom.animate(tween(
        &dom,
        "box",
        "transform.rotate",
        Some(0.0),
        90.0,
        100.0,
    ))
    .unwrap();
    dom.animate(tween(&dom, "box", "scale", Some(1.0), 2.0, 100.0))
        .unwrap();
    frame(&mut dom, 50.0);
    let c = &dom.arena.elements[el(&dom, "box")].computed;
    assert_ne!(
        c.background_color,
        Color::rgba(128, 0, 128, 255),
        "not sRGB mixing"
    );
    assert!(c.background_color.r > 120 && c.background_color.b > 140);
    assert!(close(c.transform.rotate_deg, 45.0));
    assert!(close(c.transform.scale_x, 1.5) && close(c.transform.scale_y, 1.5));
    frame(&mut dom, 100.0);
    let c = &dom.arena.elements[el(&dom, "box")].computed;
    assert_eq!(c.background_color, Color::rgba(0, 0, 255, 255));
    assert!(close(c.transform.rotate_deg, 90.0) && close(c.transform.scale_x, 2.0));
}

#[test]
fn errors() {
    let mut dom = load(BOX);
    let bad = dom.animate(TweenSpec::new(
        el(&dom, "box"),
        "display",
        Value::str("none"),
    ));
    assert_eq!(bad.unwrap_err().code, "S0108");
    let bad = dom.animate(TweenSpec::new(
        el(&dom, "box"),
        "nonsense",
        Value::number(1.0),
    ));
    assert_eq!(bad.unwrap_err().code, "S0108");
    let bad = dom.animate(TweenSpec::new(
        el(&dom, "box"),
        "opacity",
        Value::Float(f64::NAN),
    ));
    assert_eq!(bad.unwrap_err().code, "S0109");
    let bad = dom.animate(TweenSpec::new(
        el(&dom, "box"),
        "background_color",
        Value::str("nope"),
    ));
    assert_eq!(bad.unwrap_err().code, "S0109");
}

#[test]
fn group_sequence_with_pause_and_markers() {
    let mut dom = load(BOX);
    let items = vec![
        GroupItem::Tween(tween(&dom, "box", "opacity", Some(0.0), 1.0, 100.0)),
        GroupItem::Pause(50.0),
        GroupItem::Marker(7),
        GroupItem::Parallel(vec![
            GroupItem::Tween(tween(&dom, "box", "width", Some(0.0), 100.0, 100.0)),
            GroupItem::Tween(tween(&dom, "other", "opacity", Some(1.0), 0.0, 200.0)),
        ]),
        GroupItem::Marker(8),
    ];
    let g = dom
        .animate_group(GroupKind::Sequence, items, Repeat::Count(1))
        .unwrap();
    assert!(frame(&mut dom, 50.0).is_empty());
    assert!(close(opacity(&dom, "box"), 0.5));
    assert!(frame(&mut dom, 120.0).is_empty(), "still in the pause");
    assert!(close(opacity(&dom, "box"), 1.0));
    let events = frame(&mut dom, 200.0);
    assert_eq!(events, vec![AnimEvent::Marker { group: g, token: 7 }]);
    let w = dom.arena.elements[el(&dom, "box")].computed.width;
    assert_eq!(
        w,
        kryon_dom::style::values::Length::Px(50.0),
        "parallel started at 150"
    );
    assert_eq!(dom.animation_state(g), Some(AnimState::Running));
    let events = frame(&mut dom, 400.0);
    assert_eq!(
        events,
        vec![
            AnimEvent::Marker { group: g, token: 8 },
            AnimEvent::Completed(g)
        ]
    );
    assert!(close(opacity(&dom, "other"), 0.0));
    assert_eq!(dom.animation_state(g), Some(AnimState::Finished));
}

#[test]
fn group_repeat_cancel_and_finish() {
    let mut dom = load(BOX);
    let items = vec![
        GroupItem::Tween(tween(&dom, "box", "opacity", Some(0.0), 1.0, 100.0)),
        GroupItem::Marker(1),
    ];
    let g = dom
        .animate_group(GroupKind::Sequence, items.clone(), Repeat::Count(2))
        .unwrap();
    assert_eq!(
        frame(&mut dom, 150.0),
        vec![AnimEvent::Marker { group: g, token: 1 }]
    );
    assert!(close(opacity(&dom, "box"), 0.5), "second run");
    assert!(dom.animation_control(g, AnimControl::Cancel));
    assert!(frame(&mut dom, 500.0).is_empty());
    assert!(
        close(opacity(&dom, "box"), 0.5),
        "cancel commits the running item"
    );
    assert!(!dom.has_running_animations());
    // Finish jumps every remaining tween to its end.
    let items = vec![
        GroupItem::Tween(tween(&dom, "box", "opacity", Some(0.0), 1.0, 100.0)),
        GroupItem::Tween(tween(&dom, "other", "opacity", Some(1.0), 0.3, 100.0)),
    ];
    let g = dom
        .animate_group(GroupKind::Sequence, items, Repeat::Infinite)
        .unwrap();
    frame(&mut dom, 520.0);
    assert!(dom.animation_control(g, AnimControl::Finish));
    assert_eq!(frame(&mut dom, 530.0), vec![AnimEvent::Completed(g)]);
    assert!(close(opacity(&dom, "box"), 1.0) && close(opacity(&dom, "other"), 0.3));
}

#[test]
fn transition_on_variable_and_state_change() {
    let src = r##"
@variables { op: 1 }
style "fade" { transition: "opacity 100ms linear, background_color 100ms linear" }
style "hov" { background_color: "#000000" &:hover { background_color: "#FFFFFF" } }
App { Container { id: "box" style: "fade hov" opacity: $op } }
"##;
    let mut dom = load(src);
    frame(&mut dom, 1000.0);
    assert!(
        !dom.has_running_animations(),
        "no transition on the first frame"
    );
    dom.set_variable("op", Value::number(0.0)).unwrap();
    dom.update(VIEW);
    assert!(dom.has_running_animations());
    assert!(
        close(opacity(&dom, "box"), 1.0),
        "starts from the displayed value"
    );
    frame(&mut dom, 1050.0);
    assert!(close(opacity(&dom, "box"), 0.5));
    // Retarget midway: from the displayed value to the new target.
    dom.set_variable("op", Value::number(1.0)).unwrap();
    dom.update(VIEW);
    frame(&mut dom, 1100.0);
    assert!(
        close(opacity(&dom, "box"), 0.75),
        "{}",
        opacity(&dom, "box")
    );
    frame(&mut dom, 1200.0);
    assert!(close(opacity(&dom, "box"), 1.0));
    assert!(!dom.has_running_animations());
    // A pseudo-state change transitions too; no commit (own stays unset).
    let b = el(&dom, "box");
    dom.set_states(b, kryon_markup::ast::PseudoState::Hover, true);
    dom.update(VIEW);
    frame(&mut dom, 1250.0);
    let bg = dom.arena.elements[b].computed.background_color;
    assert!(bg.r > 50 && bg.r < 250, "{bg:?}");
    frame(&mut dom, 1300.0);
    assert_eq!(
        dom.arena.elements[b].computed.background_color,
        Color::WHITE
    );
    assert!(
        dom.arena.elements[b]
            .own
            .get(&kryon_dom::style::PropId::BackgroundColor)
            .is_none()
    );
}

#[test]
fn transition_on_class_change() {
    let src = r##"
@variables { cls: "a" }
style "a" { width: 0 transition: "width 100ms linear" }
style "b" { width: 100 transition: "width 100ms linear" }
App { Container { id: "box" style: $cls } }
"##;
    let mut dom = load(src);
    frame(&mut dom, 0.0);
    dom.set_variable("cls", Value::str("b")).unwrap();
    dom.update(VIEW);
    frame(&mut dom, 25.0);
    let w = dom.arena.elements[el(&dom, "box")].computed.width;
    assert_eq!(w, kryon_dom::style::values::Length::Px(25.0));
}

#[test]
fn keyframes_alternate_and_fill_forwards() {
    let src = r##"
@keyframes "fade" { from { opacity: 0 } to { opacity: 1 } }
@keyframes "grow" { 50% { width: 100 easing: linear } }
App {
    Container { id: "alt" animation: "fade 100ms linear 2 alternate" }
    Container { id: "keep" animation: "fade 100ms linear forwards" opacity: 0.5 }
    Container { id: "grow" width: 0 animation: "grow 100ms linear" }
}
"##;
    let mut dom = load(src);
    assert!(dom.has_running_animations());
    frame(&mut dom, 25.0);
    assert!(close(opacity(&dom, "alt"), 0.25));
    frame(&mut dom, 125.0);
    assert!(
        close(opacity(&dom, "alt"), 0.75),
        "second cycle runs backwards"
    );
    let w = dom.arena.elements[el(&dom, "grow")].computed.width;
    assert_eq!(
        w,
        kryon_dom::style::values::Length::Px(0.0),
        "ended: layer removed"
    );
    frame(&mut dom, 300.0);
    assert!(
        close(opacity(&dom, "alt"), 1.0),
        "fill none: back to the underlying value"
    );
    assert!(
        close(opacity(&dom, "keep"), 1.0),
        "fill forwards keeps the last frame"
    );
    assert!(!dom.has_running_animations());
    // Missing 0%/100% frames use the underlying value: 0 → 100 → 0.
    let mut dom = load(src);
    frame(&mut dom, 25.0);
    let w = dom.arena.elements[el(&dom, "grow")].computed.width;
    assert_eq!(w, kryon_dom::style::values::Length::Px(50.0));
}

#[test]
fn removal_drops_animations() {
    let src = "@variables { show: true }\nApp {\n@if $show\nContainer { id: \"box\" }\n@end\n}";
    let mut dom = load(src);
    let id = dom
        .animate(tween(&dom, "box", "opacity", Some(0.0), 1.0, 100.0))
        .unwrap();
    dom.set_variable("show", Value::Bool(false)).unwrap();
    dom.update(VIEW);
    assert!(dom.element_by_id("box").is_none());
    assert!(!dom.has_running_animations());
    assert_eq!(dom.animation_state(id), Some(AnimState::Cancelled));
    assert!(frame(&mut dom, 200.0).is_empty());
}

#[test]
fn work_is_proportional_to_running_animations() {
    let mut src = String::from("App {\n");
    for i in 0..2000 {
        src.push_str(&format!("  Container {{ id: \"c{i}\" }}\n"));
    }
    src.push_str("}\n");
    let mut dom = load(&src);
    dom.animate(tween(&dom, "c7", "width", Some(0.0), 100.0, 100.0))
        .unwrap();
    dom.animate(tween(&dom, "c8", "opacity", Some(0.0), 1.0, 100.0))
        .unwrap();
    frame(&mut dom, 10.0);
    dom.reset_stats();
    frame(&mut dom, 20.0);
    // The width tween restyles its element; the opacity tween is patched without a cascade.
    assert_eq!(dom.stats.styles_computed, 1);
    assert_eq!(dom.stats.layout_syncs, 1);
    assert!(close(opacity(&dom, "c8"), 0.2));
    assert!(dom.needs_paint());
}
