//! Script animations (script-api §4.6): spec tables become the dom's tweens and groups; the
//! host keeps the `onComplete` and function items and calls them when phase 6 reports them.

use super::{Ctx, HostInner};
use crate::error::ScriptError;
use crate::value::{FunctionRef, HandleKind, HandleRef, Value};
use indexmap::IndexMap;
use kryon_dom::animate::{
    AnimControl, AnimEvent, AnimId, AnimState, Easing, GroupItem, GroupKind, Repeat, TweenSpec,
};
use kryon_dom::tree::ElementId;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub(crate) struct AnimCallbacks {
    pub on_complete: HashMap<u64, FunctionRef>,
    pub markers: HashMap<u64, FunctionRef>,
    pub next_token: u64,
}

fn handle(id: AnimId) -> Value {
    Value::Handle(HandleRef {
        kind: HandleKind::Animation,
        id: id.0,
    })
}

fn number(spec: &IndexMap<String, Value>, key: &str, default: f64) -> Result<f64, ScriptError> {
    match spec.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(v) => v
            .as_f64()
            .filter(|n| n.is_finite())
            .ok_or_else(|| ScriptError::new("S0103", format!("animate: {key} must be a number"))),
    }
}

fn repeat_of(value: Option<&Value>) -> Result<Repeat, ScriptError> {
    match value {
        None | Some(Value::Null) => Ok(Repeat::Count(1)),
        Some(Value::String(s)) if &**s == "infinite" => Ok(Repeat::Infinite),
        Some(v) => v
            .as_f64()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(|n| Repeat::Count(n.round() as u32))
            .ok_or_else(|| {
                ScriptError::new("S0103", "animate: repeat must be a count or \"infinite\"")
            }),
    }
}

/// Reads an animate spec; returns the tween and its `onComplete`.
fn tween_of(
    element: ElementId,
    spec: &IndexMap<String, Value>,
) -> Result<(TweenSpec, Option<FunctionRef>), ScriptError> {
    let property = spec
        .get("property")
        .and_then(Value::as_str)
        .ok_or_else(|| ScriptError::new("S0103", "animate: spec.property is required"))?
        .to_owned();
    let to = spec
        .get("to")
        .filter(|v| !matches!(v, Value::Null))
        .ok_or_else(|| ScriptError::new("S0103", "animate: spec.to is required"))?
        .to_dom()
        .map_err(|m| ScriptError::new("S0109", format!("animate: {m}")))?;
    let from = match spec.get("from") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.to_dom()
                .map_err(|m| ScriptError::new("S0109", format!("animate: {m}")))?,
        ),
    };
    let easing_text = spec.get("easing").and_then(Value::as_str).unwrap_or("ease");
    let easing = Easing::parse(easing_text)
        .map_err(|m| ScriptError::new("S0103", format!("animate: {m}")))?;
    let on_complete = match spec.get("onComplete") {
        Some(Value::Function(f)) => Some(*f),
        _ => None,
    };
    Ok((
        TweenSpec {
            element,
            property,
            from,
            to,
            duration_ms: number(spec, "duration", 300.0)?.max(0.0),
            delay_ms: number(spec, "delay", 0.0)?.max(0.0),
            easing,
            repeat: repeat_of(spec.get("repeat"))?,
            yoyo: spec.get("yoyo").is_some_and(Value::truthy),
        },
        on_complete,
    ))
}

impl HostInner {
    /// `kryon.animate(el, spec)`.
    pub(crate) fn animate(&self, element: ElementId, spec: &Value) -> Result<Value, ScriptError> {
        let Value::Object(spec) = spec else {
            return Err(ScriptError::new(
                "S0103",
                "animate: argument 2 (spec): expected table",
            ));
        };
        let (tween, on_complete) = tween_of(element, spec)?;
        let mut w = self.world.borrow_mut();
        let id = w
            .dom
            .animate(tween)
            .map_err(|e| ScriptError::new(e.code, e.message))?;
        if let Some(f) = on_complete {
            w.anims.on_complete.insert(id.0, f);
        }
        Ok(handle(id))
    }

    /// `kryon.sequence` / `kryon.parallel`.
    pub(crate) fn animate_group(
        &self,
        kind: GroupKind,
        items: &Value,
        opts: &Value,
    ) -> Result<Value, ScriptError> {
        let items = {
            let mut w = self.world.borrow_mut();
            group_items(&mut w.anims, items)?
        };
        let (repeat, on_complete) = match opts {
            Value::Object(o) => (
                repeat_of(o.get("repeat"))?,
                match o.get("onComplete") {
                    Some(Value::Function(f)) => Some(*f),
                    _ => None,
                },
            ),
            _ => (Repeat::Count(1), None),
        };
        let mut w = self.world.borrow_mut();
        let id = w
            .dom
            .animate_group(kind, items, repeat)
            .map_err(|e| ScriptError::new(e.code, e.message))?;
        if let Some(f) = on_complete {
            w.anims.on_complete.insert(id.0, f);
        }
        Ok(handle(id))
    }

    /// Handle methods.
    pub(crate) fn animation_control(&self, id: u64, control: AnimControl) {
        let changed = self
            .world
            .borrow_mut()
            .dom
            .animation_control(AnimId(id), control);
        if changed && matches!(control, AnimControl::Finish) {
            // `finish()` runs onComplete at once.
            self.run_animation_events_now();
        }
        if matches!(control, AnimControl::Cancel) {
            let f = self.world.borrow_mut().anims.on_complete.remove(&id);
            if let Some(f) = f {
                self.release(f);
            }
        }
    }

    pub(crate) fn animation_state(&self, id: u64) -> Value {
        let state = self.world.borrow().dom.animation_state(AnimId(id));
        Value::from(match state {
            Some(AnimState::Running) => "running",
            Some(AnimState::Paused) => "paused",
            Some(AnimState::Cancelled) => "cancelled",
            Some(AnimState::Finished) | None => "finished",
        })
    }

    /// Phase 6: advance animations and transitions to the clock, then run callbacks.
    pub(crate) fn advance_animations(&self) {
        let events = {
            let mut w = self.world.borrow_mut();
            let now = w.now_ms;
            w.dom.advance_animations(now)
        };
        self.run_animation_events(events);
    }

    fn run_animation_events_now(&self) {
        let events = {
            let mut w = self.world.borrow_mut();
            let now = w.dom.animation_now();
            w.dom.advance_animations(now)
        };
        self.run_animation_events(events);
    }

    fn run_animation_events(&self, events: Vec<AnimEvent>) {
        for event in events {
            match event {
                AnimEvent::Completed(id) => {
                    let f = self.world.borrow_mut().anims.on_complete.remove(&id.0);
                    if let Some(f) = f {
                        self.call_reporting(f, vec![handle(id)], Ctx::default(), &|| {
                            "animation onComplete".into()
                        });
                        self.release(f);
                    }
                }
                AnimEvent::Marker { token, .. } => {
                    let f = self.world.borrow().anims.markers.get(&token).copied();
                    if let Some(f) = f {
                        self.call_reporting(f, Vec::new(), Ctx::default(), &|| {
                            "animation group function".into()
                        });
                    }
                }
            }
        }
    }
}

fn group_items(
    callbacks: &mut AnimCallbacks,
    items: &Value,
) -> Result<Vec<GroupItem>, ScriptError> {
    let Value::Array(items) = items else {
        return match items {
            Value::Object(o) if o.is_empty() => Ok(Vec::new()),
            _ => Err(ScriptError::new(
                "S0103",
                "sequence: argument 1 (items): expected array",
            )),
        };
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(match item {
            Value::Int(_) | Value::Float(_) => {
                GroupItem::Pause(item.as_f64().unwrap_or(0.0).max(0.0))
            }
            Value::Function(f) => {
                callbacks.next_token += 1;
                callbacks.markers.insert(callbacks.next_token, *f);
                GroupItem::Marker(callbacks.next_token)
            }
            Value::Object(o) if o.contains_key("sequence") => GroupItem::Sequence(group_items(
                callbacks,
                o.get("sequence").unwrap_or(&Value::Null),
            )?),
            Value::Object(o) if o.contains_key("parallel") => GroupItem::Parallel(group_items(
                callbacks,
                o.get("parallel").unwrap_or(&Value::Null),
            )?),
            Value::Object(o) => {
                let target = o.get("target").and_then(Value::as_element).ok_or_else(|| {
                    ScriptError::new("S0103", "sequence: each animation needs target = element")
                })?;
                GroupItem::Tween(tween_of(target, o)?.0)
            }
            other => {
                return Err(ScriptError::new(
                    "S0103",
                    format!("sequence: unexpected item of type {}", other.type_name()),
                ));
            }
        });
    }
    Ok(out)
}
