//! One timed animation of one element ([`Tween`]): timing (delay, repeat, yoyo, springs with
//! their settle time), sampling, per-frame stepping into the element's layer, and ending
//! (commit of script values to the element's own properties, completion events).

use super::easing::{spring_at, spring_settle_ms};
use super::interpolate::interpolate;
use super::target::{self, Channel, read_channel};
use super::{AnimError, AnimEvent, AnimId, AnimState, Easing, Repeat, TweenSpec};
use crate::dom::Dom;
use crate::style::values::Length;
use crate::style::{PropId, PropValue};
use crate::tree::{Dirty, ElementId};

/// Slack (ms) when comparing an item's end or start time with the clock. Group times are sums
/// of durations and frame times are sums of frame intervals; both are rounded, so an event due
/// exactly on a frame (a 200 ms item on a 60 Hz clock) would otherwise land on that frame or the
/// next one depending on the last bit.
pub(crate) const TIME_SLACK_MS: f64 = 1e-6;

/// True when something timed at `at` (ms) has been reached at clock time `now`.
pub(crate) fn reached(at: f64, now: f64) -> bool {
    at <= now + TIME_SLACK_MS
}

/// Who started a tween.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `kryon.animate`: commits at the end, reports completion.
    Script,
    /// An item of a group (the id): commits at the end, silent.
    Member(u64),
    /// A markup transition: no commit (the target is already the underlying value).
    Transition,
}

/// How a tween ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Reached its end.
    Complete,
    /// Cancelled: commits the current value, no event.
    Cancel,
    /// Finished early: jumps to the end, commits, reports completion.
    Finish,
    /// Replaced or dropped: no commit, no event.
    Drop,
}

/// One channel of a tween.
#[derive(Debug, Clone)]
pub struct Track {
    /// What it drives.
    pub channel: Channel,
    /// Start value.
    pub from: PropValue,
    /// End value.
    pub to: PropValue,
    /// Value at the last step (what is displayed).
    pub current: PropValue,
}

/// Timing of a tween.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// Absolute clock time (ms) at which the delay begins.
    pub start: f64,
    /// Delay in ms.
    pub delay: f64,
    /// Duration of one run in ms (ignored by springs).
    pub duration: f64,
    /// Easing.
    pub easing: Easing,
    /// Runs.
    pub repeat: Repeat,
    /// Alternate runs backwards.
    pub yoyo: bool,
}

/// A running tween.
#[derive(Debug, Clone)]
pub struct Tween {
    /// The element.
    pub element: ElementId,
    /// Channels.
    pub tracks: Vec<Track>,
    /// Timing.
    pub timing: Timing,
    /// Who started it.
    pub origin: Origin,
    /// Clock time it was paused at.
    pub paused_at: Option<f64>,
    /// Initial spring velocity (progress per second), kept from a retargeted spring.
    spring_v0: f64,
    /// Settle time of the first spring run and of later runs (from rest), in ms.
    settle: (f64, f64),
    /// Progress at the last step.
    pub progress: f64,
    /// Progress velocity (per second) at the last step (springs only).
    pub velocity: f64,
    sampled: bool,
}

struct Sample {
    progress: f64,
    velocity: f64,
    done: bool,
}

impl Tween {
    fn runs(&self) -> Option<u32> {
        match self.timing.repeat {
            Repeat::Count(n) => Some(n.max(1)),
            Repeat::Infinite => None,
        }
    }

    fn spring(&self) -> Option<(f64, f64)> {
        match self.timing.easing {
            Easing::Spring { stiffness, damping } => {
                Some((f64::from(stiffness), f64::from(damping)))
            }
            _ => None,
        }
    }

    /// Active time of all runs (ms), `None` when infinite.
    fn total(&self) -> Option<f64> {
        let n = f64::from(self.runs()?);
        Some(if self.spring().is_some() {
            self.settle.0 + self.settle.1 * (n - 1.0)
        } else {
            self.timing.duration.max(0.0) * n
        })
    }

    /// Clock time at which the tween ends (ignoring pauses to come); `None` when infinite.
    pub fn end_time(&self) -> Option<f64> {
        let t = &self.timing;
        Some(t.start + t.delay + self.total()?)
    }

    /// Progress at the very end: 0 when a yoyo ends on a backwards run.
    fn final_progress(&self) -> f64 {
        match self.runs() {
            Some(n) if self.timing.yoyo && n % 2 == 0 => 0.0,
            _ => 1.0,
        }
    }

    fn sample(&self, now: f64) -> Sample {
        let u = now - self.timing.start - self.timing.delay;
        if u < 0.0 {
            return Sample {
                progress: 0.0,
                velocity: self.spring_v0,
                done: false,
            };
        }
        let end = Sample {
            progress: self.final_progress(),
            velocity: 0.0,
            done: true,
        };
        // The same test as a group's (`end_time` reached), so both see the end on one frame.
        if self.end_time().is_some_and(|e| reached(e, now)) {
            return end;
        }
        let spring = self.spring();
        let (run, local, len) = if spring.is_some() {
            let (first, rest) = self.settle;
            if u < first {
                (0.0, u, first)
            } else if rest <= 0.0 {
                return end;
            } else {
                let r = ((u - first) / rest).floor();
                (r + 1.0, u - first - r * rest, rest)
            }
        } else {
            let d = self.timing.duration;
            if d <= 0.0 {
                return end;
            }
            let r = (u / d).floor();
            (r, u - r * d, d)
        };
        let reversed = self.timing.yoyo && run % 2.0 == 1.0;
        if let Some((k, c)) = spring {
            let v0 = if run == 0.0 { self.spring_v0 } else { 0.0 };
            let t = if reversed { len - local } else { local };
            let (x, v) = spring_at(k, c, v0, t / 1000.0);
            return Sample {
                progress: x,
                velocity: if reversed { -v } else { v },
                done: false,
            };
        }
        let frac = local / len;
        Sample {
            progress: self
                .timing
                .easing
                .ease(if reversed { 1.0 - frac } else { frac }),
            velocity: 0.0,
            done: false,
        }
    }

    /// Suspends at `now`.
    pub fn pause(&mut self, now: f64) {
        if self.paused_at.is_none() {
            self.paused_at = Some(now);
        }
    }

    /// Continues, shifting the clock by the paused time.
    pub fn resume(&mut self, now: f64) {
        if let Some(p) = self.paused_at.take() {
            self.timing.start += (now - p).max(0.0);
        }
    }

    /// Velocity of a channel in value units per second (1-D values only).
    fn value_velocity(&self, channel: Channel) -> Option<f64> {
        let tr = self.tracks.iter().find(|t| t.channel == channel)?;
        Some(self.velocity * (scalar(&tr.to)? - scalar(&tr.from)?))
    }
}

/// The number inside a 1-D value (numbers, lengths); for spring velocity hand-over.
pub(crate) fn scalar(v: &PropValue) -> Option<f64> {
    match v {
        PropValue::Number(n) => Some(f64::from(*n)),
        PropValue::Length(
            Length::Px(n)
            | Length::Percent(n)
            | Length::Em(n)
            | Length::Rem(n)
            | Length::Vw(n)
            | Length::Vh(n),
        ) => Some(f64::from(*n)),
        _ => None,
    }
}

fn bad_timing(what: &str) -> AnimError {
    AnimError {
        code: "S0109",
        message: format!("{what} must be a finite number"),
    }
}

impl Dom {
    /// Validates and starts a tween from a script spec (also used for group items).
    pub(crate) fn start_tween(
        &mut self,
        spec: &TweenSpec,
        start: f64,
        origin: Origin,
    ) -> Result<u64, AnimError> {
        let resolved = target::resolve(&spec.property)?;
        let to = target::coerce_for(&spec.property, &resolved, &spec.to)?;
        let from = spec
            .from
            .as_ref()
            .map(|f| target::coerce_for(&spec.property, &resolved, f))
            .transpose()?;
        if !spec.duration_ms.is_finite() {
            return Err(bad_timing("duration"));
        }
        if !spec.delay_ms.is_finite() {
            return Err(bad_timing("delay"));
        }
        let Some(element) = self.arena.elements.get(spec.element) else {
            return Err(AnimError {
                code: "S0108",
                message: "the element no longer exists".to_owned(),
            });
        };
        let a = &self.animations;
        let mut tracks = Vec::with_capacity(resolved.channels.len());
        let mut replaced: Vec<u64> = Vec::new();
        let mut velocity = None;
        for (i, &channel) in resolved.channels.iter().enumerate() {
            let old = a.by_target.get(&(spec.element, channel)).copied();
            let old_tween = old.and_then(|o| a.tweens.get(&o));
            // The displayed value: the running tween's current value, else the computed one.
            let displayed = old_tween
                .and_then(|t| t.tracks.iter().find(|tr| tr.channel == channel))
                .map(|tr| tr.current.clone())
                .or_else(|| read_channel(&element.computed, channel))
                .unwrap_or(PropValue::None);
            if let (Some(o), Some(t)) = (old, old_tween) {
                if !replaced.contains(&o) {
                    replaced.push(o);
                }
                if from.is_none() && velocity.is_none() && t.spring().is_some() {
                    velocity = t.value_velocity(channel);
                }
            }
            let from_value = from.as_ref().map_or(displayed, |f| f[i].clone());
            tracks.push(Track {
                channel,
                current: from_value.clone(),
                from: from_value,
                to: to[i].clone(),
            });
        }
        for old in replaced {
            let transition = self
                .animations
                .tweens
                .get(&old)
                .is_some_and(|t| t.origin == Origin::Transition);
            self.end_tween(old, if transition { End::Drop } else { End::Cancel });
        }
        // Hand a spring's velocity over in progress units of the new tween.
        let v0 = velocity
            .zip(
                tracks
                    .first()
                    .and_then(|t| Some(scalar(&t.to)? - scalar(&t.from)?)),
            )
            .filter(|(_, span)| span.abs() > 1e-9)
            .map_or(0.0, |(v, span)| v / span);
        let timing = Timing {
            start,
            delay: spec.delay_ms.max(0.0),
            duration: spec.duration_ms.max(0.0),
            easing: spec.easing,
            repeat: spec.repeat,
            yoyo: spec.yoyo,
        };
        let id = self.insert_tween(spec.element, tracks, timing, origin, v0);
        self.flush_touched();
        Ok(id)
    }

    /// Registers a tween, shows its start value and indexes it by channel.
    pub(crate) fn insert_tween(
        &mut self,
        element: ElementId,
        tracks: Vec<Track>,
        timing: Timing,
        origin: Origin,
        v0: f64,
    ) -> u64 {
        let settle = match timing.easing {
            Easing::Spring { stiffness, damping } => {
                let (k, c) = (f64::from(stiffness), f64::from(damping));
                (spring_settle_ms(k, c, v0), spring_settle_ms(k, c, 0.0))
            }
            _ => (0.0, 0.0),
        };
        let a = &mut self.animations;
        let id = a.next_id();
        let state = a.elements.entry(element).or_default();
        let mut changed = false;
        for tr in &tracks {
            changed |= state.layer.write(tr.channel, &tr.current);
            a.by_target.insert((element, tr.channel), id);
        }
        state.anims.push(id);
        if changed {
            a.touched.push(element);
        }
        a.tweens.insert(
            id,
            Tween {
                element,
                tracks,
                timing,
                origin,
                paused_at: None,
                spring_v0: v0,
                settle,
                progress: 0.0,
                velocity: v0,
                sampled: false,
            },
        );
        id
    }

    /// Steps every unpaused tween to `now`; ends those that are done.
    pub(crate) fn step_tweens(&mut self, now: f64) {
        let a = &mut self.animations;
        let mut ended = std::mem::take(&mut a.ended_scratch);
        for (&id, t) in a.tweens.iter_mut() {
            if t.paused_at.is_some() {
                continue;
            }
            let s = t.sample(now);
            if t.sampled && s.progress == t.progress && !s.done {
                continue;
            }
            t.sampled = true;
            t.progress = s.progress;
            t.velocity = s.velocity;
            if s.done {
                ended.push(id);
                continue;
            }
            let Some(state) = a.elements.get_mut(&t.element) else {
                continue;
            };
            let mut changed = false;
            for tr in &mut t.tracks {
                interpolate(&tr.from, &tr.to, s.progress, &mut tr.current);
                changed |= state.layer.write(tr.channel, &tr.current);
            }
            if changed {
                a.touched.push(t.element);
            }
        }
        for id in ended.drain(..) {
            self.end_tween(id, End::Complete);
        }
        self.animations.ended_scratch = ended;
    }

    /// Ends a tween: clears its layer values, commits (script and group tweens, unless
    /// dropped) and records the state and completion event of a script tween.
    pub(crate) fn end_tween(&mut self, id: u64, end: End) {
        let a = &mut self.animations;
        let Some(mut t) = a.tweens.remove(&id) else {
            return;
        };
        if matches!(end, End::Complete | End::Finish) {
            let p = t.final_progress();
            for tr in &mut t.tracks {
                interpolate(&tr.from, &tr.to, p, &mut tr.current);
            }
        }
        if let Some(state) = a.elements.get_mut(&t.element) {
            let mut changed = false;
            for tr in &t.tracks {
                changed |= state.layer.clear(tr.channel);
            }
            state.anims.retain(|x| *x != id);
            if changed {
                a.touched.push(t.element);
            }
        }
        for tr in &t.tracks {
            if a.by_target.get(&(t.element, tr.channel)) == Some(&id) {
                a.by_target.remove(&(t.element, tr.channel));
            }
        }
        a.tidy(t.element);
        if t.origin != Origin::Transition && end != End::Drop {
            for tr in &t.tracks {
                self.commit(t.element, tr.channel, &tr.current);
            }
        }
        if t.origin == Origin::Script {
            let done = matches!(end, End::Complete | End::Finish);
            self.animations.set_ended(
                id,
                if done {
                    AnimState::Finished
                } else {
                    AnimState::Cancelled
                },
            );
            if done {
                self.animations
                    .pending
                    .push(AnimEvent::Completed(AnimId(id)));
            }
        }
    }

    /// Writes a value to the element's own property (layer 6), as a script write would.
    pub(crate) fn commit(&mut self, element: ElementId, channel: Channel, value: &PropValue) {
        let Some(e) = self.arena.elements.get_mut(element) else {
            return;
        };
        let changed = match channel {
            Channel::Prop(p) => e.own.insert(p, value.clone()),
            Channel::Transform(c) => {
                let PropValue::Number(n) = value else {
                    return;
                };
                let mut tr = match e.own.get(&PropId::Transform) {
                    Some(PropValue::Transform(t)) => *t,
                    _ => e.computed.transform,
                };
                c.set(&mut tr, *n);
                e.own.insert(PropId::Transform, PropValue::Transform(tr))
            }
        };
        if changed {
            self.mark(element, Dirty::STYLE);
        }
    }
}
