//! Timers and frame callbacks (script-api §4.7, phases 3 and 5 of §1.3): `setTimeout`,
//! `setInterval` (no bursts after a stall), `requestAnimationFrame`, `onFrame`, element-bound
//! variants, and the 60-failures suspension of per-frame callbacks (S0119).

use super::{Ctx, HostInner};
use crate::error::ScriptError;
use crate::value::{FunctionRef, Value};
use kryon_dom::tree::ElementId;

/// Consecutive failures after which a per-frame callback is suspended.
const MAX_FAILURES: u32 = 60;

#[derive(Debug, Clone)]
pub(crate) struct Timer {
    pub id: u64,
    pub due: f64,
    pub interval: Option<f64>,
    pub function: FunctionRef,
    pub args: Vec<Value>,
    pub element: Option<ElementId>,
    pub owner: Option<usize>,
    pub failures: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FrameKind {
    /// `requestAnimationFrame`: once, with t in ms.
    Once,
    /// `onFrame`: every frame, with dt in seconds.
    Every,
}

#[derive(Debug, Clone)]
pub(crate) struct FrameCallback {
    pub id: u64,
    pub kind: FrameKind,
    pub function: FunctionRef,
    pub element: Option<ElementId>,
    pub registered_frame: u64,
    pub owner: Option<usize>,
    pub failures: u32,
}

#[derive(Debug, Default)]
pub(crate) struct Timers {
    pub timers: Vec<Timer>,
    pub frames: Vec<FrameCallback>,
    /// `onReady` callbacks registered after the app was ready: run in the next phase 5.
    pub late_ready: Vec<FunctionRef>,
}

impl Timers {
    /// Drops everything bound to removed elements.
    pub fn forget_elements(&mut self, removed: &[ElementId]) -> Vec<FunctionRef> {
        let mut dropped = Vec::new();
        self.timers.retain(|t| {
            let keep = !t.element.is_some_and(|e| removed.contains(&e));
            if !keep {
                dropped.push(t.function);
            }
            keep
        });
        self.frames.retain(|f| {
            let keep = !f.element.is_some_and(|e| removed.contains(&e));
            if !keep {
                dropped.push(f.function);
            }
            keep
        });
        dropped
    }
}

impl HostInner {
    /// `setTimeout`/`setInterval`: returns the id.
    pub(crate) fn add_timer(
        &self,
        function: FunctionRef,
        ms: f64,
        args: Vec<Value>,
        repeat: bool,
        element: Option<ElementId>,
    ) -> u64 {
        let mut w = self.world.borrow_mut();
        let ms = if ms.is_finite() { ms.max(0.0) } else { 0.0 };
        let interval = repeat.then(|| ms.max(1.0));
        let id = w.fresh_id();
        let due = w.now_ms + interval.unwrap_or(ms);
        let owner = w.ctx().owner;
        w.timers.timers.push(Timer {
            id,
            due,
            interval,
            function,
            args,
            element,
            owner,
            failures: 0,
        });
        id
    }

    /// `requestAnimationFrame` / `onFrame`.
    pub(crate) fn add_frame_callback(
        &self,
        function: FunctionRef,
        kind: FrameKind,
        element: Option<ElementId>,
    ) -> u64 {
        let mut w = self.world.borrow_mut();
        let id = w.fresh_id();
        let registered_frame = w.frame;
        let owner = w.ctx().owner;
        w.timers.frames.push(FrameCallback {
            id,
            kind,
            function,
            element,
            registered_frame,
            owner,
            failures: 0,
        });
        id
    }

    /// `clearTimer`: any timer, frame request or `onFrame`.
    pub(crate) fn clear_timer(&self, id: u64) -> bool {
        let released = {
            let mut w = self.world.borrow_mut();
            if let Some(i) = w.timers.timers.iter().position(|t| t.id == id) {
                Some(w.timers.timers.remove(i).function)
            } else if let Some(i) = w.timers.frames.iter().position(|f| f.id == id) {
                Some(w.timers.frames.remove(i).function)
            } else {
                None
            }
        };
        if let Some(f) = released {
            self.release(f);
        }
        released.is_some()
    }

    /// Phase 3: timers due at the current time, by due time then creation; timers created
    /// during this phase wait for the next frame.
    pub(crate) fn run_timers(&self) {
        let (now, mut due): (f64, Vec<(f64, u64)>) = {
            let w = self.world.borrow();
            (
                w.now_ms,
                w.timers
                    .timers
                    .iter()
                    .filter(|t| t.due <= w.now_ms)
                    .map(|t| (t.due, t.id))
                    .collect(),
            )
        };
        due.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (_, id) in due {
            let timer = {
                let mut w = self.world.borrow_mut();
                let Some(i) = w.timers.timers.iter().position(|t| t.id == id) else {
                    continue;
                };
                match w.timers.timers[i].interval {
                    Some(every) => {
                        let t = &mut w.timers.timers[i];
                        // Skip missed runs: the next due time is the first one after now.
                        let behind = ((now - t.due) / every).floor().max(0.0) + 1.0;
                        t.due += behind * every;
                        t.clone()
                    }
                    None => w.timers.timers.remove(i),
                }
            };
            let ctx = Ctx {
                instance: None,
                owner: timer.owner,
            };
            let ok = self
                .call_reporting(timer.function, timer.args.clone(), ctx, &|| {
                    if timer.interval.is_some() {
                        "setInterval callback".into()
                    } else {
                        "setTimeout callback".into()
                    }
                })
                .is_some();
            if timer.interval.is_some() {
                self.count_failure(id, ok, true);
            } else {
                self.release(timer.function);
            }
        }
    }

    /// Phase 5 (first half): `requestAnimationFrame` callbacks registered before this frame,
    /// then `onFrame(dt)` in registration order, then late `onReady` callbacks.
    pub(crate) fn run_frame_callbacks(&self, dt_seconds: f64) {
        let (now, frame, callbacks, ready) = {
            let mut w = self.world.borrow_mut();
            let ready = std::mem::take(&mut w.timers.late_ready);
            (w.now_ms, w.frame, w.timers.frames.clone(), ready)
        };
        for f in ready {
            self.call_reporting(f, Vec::new(), Ctx::default(), &|| "onReady callback".into());
            self.release(f);
        }
        let (once, every): (Vec<_>, Vec<_>) = callbacks
            .into_iter()
            .filter(|c| c.registered_frame < frame)
            .partition(|c| c.kind == FrameKind::Once);
        for c in once {
            if !self.clear_timer_keep(c.id) {
                continue;
            }
            let ctx = Ctx {
                instance: None,
                owner: c.owner,
            };
            self.call_reporting(c.function, vec![Value::Float(now)], ctx, &|| {
                "requestAnimationFrame callback".into()
            });
            self.release(c.function);
        }
        for c in every {
            let alive = self
                .world
                .borrow()
                .timers
                .frames
                .iter()
                .any(|f| f.id == c.id);
            if !alive {
                continue;
            }
            let ctx = Ctx {
                instance: None,
                owner: c.owner,
            };
            let ok = self
                .call_reporting(c.function, vec![Value::Float(dt_seconds)], ctx, &|| {
                    "onFrame callback".into()
                })
                .is_some();
            self.count_failure(c.id, ok, false);
        }
    }

    /// Removes a frame callback without releasing its function; true if it existed.
    fn clear_timer_keep(&self, id: u64) -> bool {
        let mut w = self.world.borrow_mut();
        let before = w.timers.frames.len();
        w.timers.frames.retain(|f| f.id != id);
        w.timers.frames.len() != before
    }

    /// Tracks consecutive failures of a repeating callback; suspends it at 60 (S0119).
    fn count_failure(&self, id: u64, ok: bool, timer: bool) {
        let suspended = {
            let mut w = self.world.borrow_mut();
            let failures = if timer {
                w.timers
                    .timers
                    .iter_mut()
                    .find(|t| t.id == id)
                    .map(|t| &mut t.failures)
            } else {
                w.timers
                    .frames
                    .iter_mut()
                    .find(|f| f.id == id)
                    .map(|f| &mut f.failures)
            };
            match failures {
                Some(f) if ok => {
                    *f = 0;
                    false
                }
                Some(f) => {
                    *f += 1;
                    *f >= MAX_FAILURES
                }
                None => false,
            }
        };
        if suspended {
            self.clear_timer(id);
            self.report(ScriptError::new(
                "S0119",
                format!("per-frame callback suspended after {MAX_FAILURES} failures in a row"),
            ));
        }
    }

    /// The earliest due time of a timer, for the scheduler's sleep.
    pub(crate) fn next_timer_due(&self) -> Option<f64> {
        let w = self.world.borrow();
        w.timers.timers.iter().map(|t| t.due).min_by(f64::total_cmp)
    }

    /// Releases a function reference in its engine.
    pub(crate) fn release(&self, function: FunctionRef) {
        if let Some(engine) = self.engine(function.engine) {
            engine.release(function);
        }
    }
}
