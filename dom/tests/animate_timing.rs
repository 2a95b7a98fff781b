//! Exact timing of groups on a real frame clock (60 Hz): items start at the previous item's end
//! time, not at the frame that noticed it, and a script-started group starts at the frame's time.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

mod common;

use common::load;
use kryon_dom::animate::{AnimEvent, Easing, GroupItem, GroupKind, Repeat, TweenSpec};
use kryon_dom::style::values::Length;
use kryon_dom::{Dom, Value};

const VIEW: (f32, f32) = (800.0, 600.0);
const FRAME_MS: f64 = 1000.0 / 60.0;

const BOXES: &str = r#"App {
    Container { id: "card"  width: 50  height: 50 }
    Container { id: "badge"  width: 20  height: 20 }
    Container { id: "after"  width: 0  height: 10 }
}"#;

fn tween(dom: &Dom, id: &str, prop: &str, to: f64, ms: f64) -> GroupItem {
    GroupItem::Tween(TweenSpec {
        duration_ms: ms,
        easing: Easing::Linear,
        ..TweenSpec::new(dom.element_by_id(id).unwrap(), prop, Value::number(to))
    })
}

fn width(dom: &Dom, id: &str) -> f32 {
    match dom.arena.elements[dom.element_by_id(id).unwrap()]
        .computed
        .width
    {
        Length::Px(w) => w,
        other => panic!("{other:?}"),
    }
}

/// The anim_sequence shape: tween 100, pause 100, marker, parallel (100 and 200), then a
/// linear width tween 0 → 100 over 100 ms and a marker. Returns (frame time, events) pairs.
fn run(dom: &mut Dom, start: f64, frames: u32) -> Vec<(f64, Vec<AnimEvent>)> {
    let items = vec![
        tween(dom, "card", "opacity", 1.0, 100.0),
        GroupItem::Pause(100.0),
        GroupItem::Marker(1),
        GroupItem::Sequence(vec![GroupItem::Parallel(vec![
            tween(dom, "card", "width", 80.0, 100.0),
            tween(dom, "badge", "width", 40.0, 200.0),
        ])]),
        tween(dom, "after", "width", 100.0, 100.0),
        GroupItem::Marker(2),
    ];
    dom.animate_group(GroupKind::Sequence, items, Repeat::Count(1))
        .unwrap();
    let mut out = Vec::new();
    let mut now = start;
    for _ in 0..frames {
        now += FRAME_MS;
        let events = dom.advance_animations(now);
        dom.update(VIEW);
        out.push((now - start, events));
        if (now - start - 450.0).abs() < FRAME_MS / 2.0 {
            // 50 ms into the item after the parallel group (it started at exactly 400).
            assert!(
                (width(dom, "after") - 50.0).abs() < 0.01,
                "{}",
                width(dom, "after")
            );
        }
    }
    out
}

fn first_frame_with(events: &[(f64, Vec<AnimEvent>)], token: u64) -> f64 {
    events
        .iter()
        .find(|(_, e)| {
            e.iter()
                .any(|e| matches!(e, AnimEvent::Marker { token: t, .. } if *t == token))
        })
        .map(|(t, _)| *t)
        .unwrap()
}

#[test]
fn item_after_a_nested_parallel_starts_at_its_longest_end() {
    let mut dom = load(BOXES);
    let start = 40.0 * FRAME_MS;
    dom.advance_animations(start);
    let events = run(&mut dom, start, 40);
    let fn_at = first_frame_with(&events, 1);
    let end_at = first_frame_with(&events, 2);
    assert!((fn_at - 200.0).abs() < 1e-6, "marker 1 at {fn_at}");
    assert!((end_at - 500.0).abs() < 1e-6, "marker 2 at {end_at}");
    assert_eq!(width(&dom, "card"), 80.0);
    assert_eq!(width(&dom, "badge"), 40.0);
    assert_eq!(width(&dom, "after"), 100.0);
}

#[test]
fn a_group_started_between_frames_starts_at_the_synced_clock() {
    let mut dom = load(BOXES);
    dom.advance_animations(10.0 * FRAME_MS);
    dom.update(VIEW);
    // The next frame begins (its input handlers run before the animation phase).
    let start = 11.0 * FRAME_MS;
    dom.sync_animation_clock(start);
    let events = run(&mut dom, start, 40);
    assert!((first_frame_with(&events, 1) - 200.0).abs() < 1e-6);
    assert!((first_frame_with(&events, 2) - 500.0).abs() < 1e-6);
}
