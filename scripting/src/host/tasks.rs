//! Tasks (script-api §4.8): the engine runs the coroutine; the host records what each
//! suspended task waits for and resumes it in phase 4 of the frame (§1.3), each resumption a
//! separate callback with its own budget and the creator's context.

use super::{Ctx, HostInner};
use crate::TaskStep;
use crate::error::ScriptError;
use crate::value::{EngineId, HandleKind, HandleRef, Value};
use kryon_dom::tree::ElementId;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub(crate) enum Wait {
    Sleep {
        due: f64,
    },
    Frame {
        after: u64,
    },
    Event {
        element: ElementId,
        ty: String,
        timeout: Option<f64>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Task {
    pub engine: EngineId,
    pub wait: Option<Wait>,
    pub status: &'static str,
    pub ctx: Ctx,
}

#[derive(Debug, Default)]
pub(crate) struct Tasks {
    pub tasks: BTreeMap<u64, Task>,
    /// Final status of tasks that ended, so `task.status` still reads `"cancelled"` or
    /// `"error"` after the live record is dropped.
    pub ended: BTreeMap<u64, &'static str>,
}

impl HostInner {
    /// `taskNew`: a task id for the calling engine.
    pub(crate) fn task_new(&self, engine: EngineId) -> Value {
        let mut w = self.world.borrow_mut();
        let id = w.fresh_id();
        let ctx = w.ctx();
        w.tasks.tasks.insert(
            id,
            Task {
                engine,
                wait: None,
                status: "running",
                ctx,
            },
        );
        Value::Handle(HandleRef {
            kind: HandleKind::Task,
            id,
        })
    }

    /// `taskWait`: the task suspended; record what resumes it.
    pub(crate) fn task_wait(&self, task: u64, wait: &Value) -> Result<Value, ScriptError> {
        let Value::Object(spec) = wait else {
            return Err(ScriptError::new("S0103", "taskWait: expected a wait table"));
        };
        let mut w = self.world.borrow_mut();
        let now = w.now_ms;
        let frame = w.frame;
        let kind = spec.get("kind").and_then(Value::as_str).unwrap_or("");
        let wait = match kind {
            "sleep" => {
                let ms = spec.get("ms").and_then(Value::as_f64).unwrap_or(0.0);
                Wait::Sleep {
                    due: now + if ms.is_finite() { ms.max(0.0) } else { 0.0 },
                }
            }
            "frame" => Wait::Frame { after: frame },
            "event" => {
                let Some(element) = spec.get("element").and_then(Value::as_element) else {
                    return Err(ScriptError::new(
                        "S0103",
                        "waitFor: argument 1 (el): expected element",
                    ));
                };
                let ty = spec
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                let timeout = spec
                    .get("timeout")
                    .and_then(Value::as_f64)
                    .filter(|t| t.is_finite())
                    .map(|t| now + t.max(0.0));
                Wait::Event {
                    element,
                    ty,
                    timeout,
                }
            }
            other => {
                return Err(ScriptError::new(
                    "S0103",
                    format!("unknown wait kind \"{other}\""),
                ));
            }
        };
        if let Some(t) = w.tasks.tasks.get_mut(&task) {
            t.wait = Some(wait);
            t.status = "suspended";
        }
        Ok(Value::Null)
    }

    /// `taskDone`.
    pub(crate) fn task_done(&self, task: u64, status: &str) {
        let mut w = self.world.borrow_mut();
        if let Some(t) = w.tasks.tasks.get_mut(&task) {
            t.status = match status {
                "error" => "error",
                "cancelled" => "cancelled",
                _ => "done",
            };
            t.wait = None;
        }
    }

    /// `task:cancel()`.
    pub(crate) fn task_cancel(&self, task: u64) {
        let engine = {
            let mut w = self.world.borrow_mut();
            match w.tasks.tasks.get_mut(&task) {
                Some(t) if matches!(t.status, "suspended" | "running") => {
                    t.status = "cancelled";
                    t.wait = None;
                    Some(t.engine)
                }
                _ => None,
            }
        };
        if let Some(engine) = engine.and_then(|e| self.engine(e)) {
            engine.cancel_task(task);
        }
    }

    /// `task.status`.
    pub(crate) fn task_status(&self, task: u64) -> Value {
        let w = self.world.borrow();
        let status = match w.tasks.tasks.get(&task) {
            Some(t) => t.status,
            None => w.tasks.ended.get(&task).copied().unwrap_or("done"),
        };
        Value::from(status)
    }

    /// Phase 4: resumes tasks whose wait completed, in completion order.
    pub(crate) fn run_resumptions(&self, dt_seconds: f64) {
        let ready: Vec<(u64, Value)> = {
            let mut w = self.world.borrow_mut();
            let now = w.now_ms;
            let frame = w.frame;
            let recent = std::mem::take(&mut w.events.recent);
            let mut ready: Vec<(f64, u64, Value)> = Vec::new();
            for (&id, task) in &w.tasks.tasks {
                let Some(wait) = &task.wait else { continue };
                match wait {
                    Wait::Sleep { due } if *due <= now => ready.push((*due, id, Value::Null)),
                    Wait::Frame { after } if *after < frame => {
                        ready.push((now, id, Value::Float(dt_seconds)));
                    }
                    Wait::Event {
                        element,
                        ty,
                        timeout,
                    } => {
                        if let Some((i, (_, _, event))) = recent
                            .iter()
                            .enumerate()
                            .find(|(_, (e, t, _))| e == element && t == ty)
                        {
                            // Events of this frame complete before sleeps due now.
                            ready.push((now - 1e9 + i as f64, id, event.clone()));
                        } else if !w.dom.is_alive(*element) || timeout.is_some_and(|t| t <= now) {
                            ready.push((timeout.unwrap_or(now), id, Value::Null));
                        }
                    }
                    _ => {}
                }
            }
            ready.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for (_, id, _) in &ready {
                if let Some(t) = w.tasks.tasks.get_mut(id) {
                    t.wait = None;
                    t.status = "running";
                }
            }
            ready.into_iter().map(|(_, id, v)| (id, v)).collect()
        };
        for (id, value) in ready {
            self.resume(id, value);
        }
        // Forget finished tasks once nobody waits for them.
        let mut w = self.world.borrow_mut();
        let tasks = &mut w.tasks;
        tasks.tasks.retain(|id, t| {
            let live = matches!(t.status, "running" | "suspended");
            if !live {
                tasks.ended.insert(*id, t.status);
            }
            live
        });
    }

    fn resume(&self, task: u64, value: Value) {
        let Some((engine, ctx)) = ({
            let w = self.world.borrow();
            w.tasks.tasks.get(&task).map(|t| (t.engine, t.ctx))
        }) else {
            return;
        };
        let Some(engine) = self.engine(engine) else {
            return;
        };
        let (result, outermost) = self.in_callback(ctx, || engine.resume_task(task, value));
        match result {
            Ok(TaskStep::Done) => self.task_done(task, "done"),
            Ok(TaskStep::Suspended) => {}
            Err(e) => {
                self.task_done(task, "error");
                self.report(e.with_frame("task"));
            }
        }
        if outermost {
            self.run_watchers();
        }
    }

    /// The earliest sleep or timeout due time.
    pub(crate) fn next_task_due(&self) -> Option<f64> {
        let w = self.world.borrow();
        w.tasks
            .tasks
            .values()
            .filter_map(|t| match &t.wait {
                Some(Wait::Sleep { due }) => Some(*due),
                Some(Wait::Event { timeout, .. }) => *timeout,
                Some(Wait::Frame { .. }) => Some(w.now_ms),
                None => None,
            })
            .min_by(f64::total_cmp)
    }
}
