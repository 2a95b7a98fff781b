//! Animations: tweens on animatable properties (script `animate`, markup `transition` and
//! `@keyframes`/`animation`), advanced by the runtime's clock; their values are cascade layer 8
//! (kry-language.md §12, script-api.md §4.6).
//!
//! - [`easing`]: the easing curves and the closed-form spring;
//! - [`interpolate`]: value interpolation (OKLab colours, lengths, transforms, shadows);
//! - [`target`]: channels (a longhand or a transform component) and the per-element layer;
//! - [`tween`]: one timed animation of one element, script tweens, stepping and commits;
//! - [`group`]: sequences and parallel groups of tweens, pauses and markers;
//! - [`transition`]: markup `transition`, started from the style pass;
//! - [`keyframes`]: `@keyframes` + `animation`;
//! - `patch`: the flush that shows layer changes — paint-only value updates are patched into
//!   the computed style, anything else marks the element for a cascade.
//!
//! Work per frame is proportional to the number of running animations: [`Dom::advance_animations`]
//! iterates only the animation maps and touches only the elements whose layer changed.

pub mod easing;
pub mod group;
pub mod interpolate;
pub mod keyframes;
mod patch;
pub mod target;
pub mod transition;
pub mod tween;

pub use easing::Easing;
pub use target::{Channel, TComp};

use crate::dom::Dom;
use crate::style::ComputedStyle;
use crate::tree::ElementId;
use crate::value::Value;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use target::Layer;

/// A handle to a script animation or group; ids are never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AnimId(pub u64);

/// How many times an animation runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// This many runs in total (0 counts as 1).
    Count(u32),
    /// Forever (until cancelled).
    Infinite,
}

impl Default for Repeat {
    fn default() -> Self {
        Repeat::Count(1)
    }
}

/// A script tween (`kryon.animate(el, spec)`).
#[derive(Debug, Clone)]
pub struct TweenSpec {
    /// The animated element.
    pub element: ElementId,
    /// `"opacity"`, `"background_color"`, `"rotate"` or `"transform.rotate"`, `"translate_y"`…
    pub property: String,
    /// Start value; `None` = the displayed value.
    pub from: Option<Value>,
    /// End value, any form the property accepts.
    pub to: Value,
    /// Duration in ms (ignored by springs).
    pub duration_ms: f64,
    /// Delay before the first run, in ms.
    pub delay_ms: f64,
    /// Easing.
    pub easing: Easing,
    /// Total number of runs.
    pub repeat: Repeat,
    /// Every second run plays backwards.
    pub yoyo: bool,
}

impl TweenSpec {
    /// A spec with the script defaults: 300 ms, no delay, `ease`, one run.
    pub fn new(element: ElementId, property: impl Into<String>, to: Value) -> TweenSpec {
        TweenSpec {
            element,
            property: property.into(),
            from: None,
            to,
            duration_ms: 300.0,
            delay_ms: 0.0,
            easing: Easing::Ease,
            repeat: Repeat::Count(1),
            yoyo: false,
        }
    }
}

/// One item of a group.
#[derive(Debug, Clone)]
pub enum GroupItem {
    /// A tween.
    Tween(TweenSpec),
    /// A pause in ms.
    Pause(f64),
    /// A script function item: takes no time, emits [`AnimEvent::Marker`] when reached.
    Marker(u64),
    /// A nested sequence.
    Sequence(Vec<GroupItem>),
    /// A nested parallel group.
    Parallel(Vec<GroupItem>),
}

/// The kind of a top-level group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// Items one after another.
    Sequence,
    /// Items together; ends when all have ended.
    Parallel,
}

/// A handle operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnimControl {
    /// Stop and commit the current value (no completion event).
    Cancel,
    /// Suspend.
    Pause,
    /// Continue after a pause.
    Resume,
    /// Jump to the end, commit and emit [`AnimEvent::Completed`].
    Finish,
}

/// A handle's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnimState {
    /// Running (including its delay).
    Running,
    /// Paused.
    Paused,
    /// Ended normally or through `finish`.
    Finished,
    /// Cancelled.
    Cancelled,
}

/// What [`Dom::advance_animations`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnimEvent {
    /// A script tween or group ended normally or via Finish (never on Cancel).
    Completed(AnimId),
    /// A group reached a [`GroupItem::Marker`].
    Marker {
        /// The top-level group.
        group: AnimId,
        /// The marker's token.
        token: u64,
    },
}

/// A rejected animation spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnimError {
    /// `S0108` (not animatable, unknown property) or `S0109` (value not convertible or not
    /// finite).
    pub code: &'static str,
    /// Message.
    pub message: String,
}

impl std::fmt::Display for AnimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for AnimError {}

/// Animation bookkeeping of one element.
#[derive(Debug, Default)]
pub(crate) struct ElementState {
    /// Layer-8 values.
    pub layer: Layer,
    /// Tweens and keyframe runs on this element (for removal).
    pub anims: Vec<u64>,
    /// Last seen target values of transitioned properties.
    pub targets: Vec<(crate::style::PropId, crate::style::PropValue)>,
    /// The element had a `transition` on a previous style pass (so changes now trigger).
    pub seen: bool,
    /// Keyframe animations by name (running or finished with fill).
    pub keyframes: Vec<(String, u64)>,
}

impl ElementState {
    fn is_idle(&self) -> bool {
        self.layer.is_empty() && self.anims.is_empty() && !self.seen && self.keyframes.is_empty()
    }
}

/// Every running animation of a document.
#[derive(Debug, Default)]
pub struct Animations {
    /// Last clock value seen.
    pub(crate) now: f64,
    next_id: u64,
    /// Tweens (script, group members, transitions), in creation order.
    pub(crate) tweens: BTreeMap<u64, tween::Tween>,
    /// Groups.
    pub(crate) groups: HashMap<u64, group::Group>,
    /// Group ids in creation order.
    pub(crate) group_order: Vec<u64>,
    /// Keyframe runs.
    pub(crate) runs: BTreeMap<u64, keyframes::KeyframeRun>,
    /// The tween currently driving a channel (script or transition).
    pub(crate) by_target: HashMap<(ElementId, Channel), u64>,
    /// Per-element state (only elements with animations or transitions).
    pub(crate) elements: HashMap<ElementId, ElementState>,
    /// Final states of ended script tweens and groups.
    ended: HashMap<u64, AnimState>,
    /// Events raised outside `advance_animations` (finish), delivered by the next one.
    pub(crate) pending: Vec<AnimEvent>,
    /// Scratch: elements whose layer changed this frame.
    pub(crate) touched: Vec<ElementId>,
    /// Scratch: ids that ended this frame.
    pub(crate) ended_scratch: Vec<u64>,
    /// Compiled `@keyframes` by name.
    pub(crate) compiled: HashMap<String, Rc<keyframes::Compiled>>,
}

impl Animations {
    pub(crate) fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The layer-8 values of an element, if it has any.
    pub(crate) fn layer(&self, id: ElementId) -> Option<&Layer> {
        self.elements
            .get(&id)
            .map(|s| &s.layer)
            .filter(|l| !l.is_empty())
    }

    /// Whether the style pass must call the animation hook for this element.
    pub(crate) fn wants_hook(&self, id: ElementId, target: &ComputedStyle) -> bool {
        !target.motion.transition.0.is_empty()
            || !target.motion.animation.0.is_empty()
            || self
                .elements
                .get(&id)
                .is_some_and(|s| s.seen || !s.keyframes.is_empty())
    }

    pub(crate) fn element(&mut self, id: ElementId) -> &mut ElementState {
        self.elements.entry(id).or_default()
    }

    /// Drops an element's state when nothing is left in it.
    pub(crate) fn tidy(&mut self, id: ElementId) {
        if self.elements.get(&id).is_some_and(ElementState::is_idle) {
            self.elements.remove(&id);
        }
    }

    pub(crate) fn set_ended(&mut self, id: u64, state: AnimState) {
        self.ended.insert(id, state);
    }

    /// Forgets everything about a removed element (no commits, no events).
    pub(crate) fn forget(&mut self, element: ElementId) {
        let Some(state) = self.elements.remove(&element) else {
            return;
        };
        for id in state.anims {
            if let Some(t) = self.tweens.remove(&id) {
                for track in &t.tracks {
                    if self.by_target.get(&(element, track.channel)) == Some(&id) {
                        self.by_target.remove(&(element, track.channel));
                    }
                }
                if t.origin == tween::Origin::Script {
                    self.ended.insert(id, AnimState::Cancelled);
                }
            }
            self.runs.remove(&id);
        }
    }
}

impl Dom {
    /// Starts a script tween (script-api §4.6). A running tween on the same element and property
    /// is cancelled (its current value committed); without `from` the new one starts from the
    /// displayed value and a spring keeps its velocity.
    pub fn animate(&mut self, spec: TweenSpec) -> Result<AnimId, AnimError> {
        let now = self.animations.now;
        self.start_tween(&spec, now, tween::Origin::Script)
            .map(AnimId)
    }

    /// Starts a sequence or parallel group; it runs `repeat` times.
    pub fn animate_group(
        &mut self,
        kind: GroupKind,
        items: Vec<GroupItem>,
        repeat: Repeat,
    ) -> Result<AnimId, AnimError> {
        self.start_group(kind, items, repeat).map(AnimId)
    }

    /// Cancels, pauses, resumes or finishes a script tween or group. Returns false when the id
    /// is unknown or already ended.
    pub fn animation_control(&mut self, id: AnimId, control: AnimControl) -> bool {
        let id = id.0;
        if self.animations.groups.contains_key(&id) {
            return self.control_group(id, control);
        }
        let is_script = self
            .animations
            .tweens
            .get(&id)
            .is_some_and(|t| t.origin == tween::Origin::Script);
        if !is_script {
            return false;
        }
        let now = self.animations.now;
        match control {
            AnimControl::Cancel => self.end_tween(id, tween::End::Cancel),
            AnimControl::Finish => self.end_tween(id, tween::End::Finish),
            AnimControl::Pause => {
                if let Some(t) = self.animations.tweens.get_mut(&id) {
                    t.pause(now);
                }
            }
            AnimControl::Resume => {
                if let Some(t) = self.animations.tweens.get_mut(&id) {
                    t.resume(now);
                }
            }
        }
        self.flush_touched();
        true
    }

    /// The state of a script tween or group; `None` for unknown ids.
    pub fn animation_state(&self, id: AnimId) -> Option<AnimState> {
        let a = &self.animations;
        if let Some(g) = a.groups.get(&id.0) {
            return Some(if g.paused_at.is_some() {
                AnimState::Paused
            } else {
                AnimState::Running
            });
        }
        if let Some(t) = a.tweens.get(&id.0)
            && t.origin == tween::Origin::Script
        {
            return Some(if t.paused_at.is_some() {
                AnimState::Paused
            } else {
                AnimState::Running
            });
        }
        a.ended.get(&id.0).copied()
    }

    /// Cancels (committing current values) the script and group tweens on an element, or only
    /// those on `property`. Transitions and keyframe animations follow the markup and stay.
    pub fn stop_animations(&mut self, element: ElementId, property: Option<&str>) {
        let channels = property.and_then(|p| target::resolve(p).ok().map(|r| r.channels));
        if property.is_some() && channels.is_none() {
            return;
        }
        let Some(state) = self.animations.elements.get(&element) else {
            return;
        };
        let mut victims = Vec::new();
        for id in &state.anims {
            let Some(t) = self.animations.tweens.get(id) else {
                continue;
            };
            if t.origin == tween::Origin::Transition {
                continue;
            }
            let hit = channels
                .as_ref()
                .is_none_or(|cs| t.tracks.iter().any(|tr| cs.contains(&tr.channel)));
            if hit {
                victims.push(*id);
            }
        }
        for id in victims {
            self.end_tween(id, tween::End::Cancel);
        }
        self.flush_touched();
    }

    /// Advances every animation, transition and keyframe animation to `now_ms` (app clock, ms),
    /// writes layer-8 values and marks only the affected elements style-dirty; returns
    /// completions and markers in order.
    pub fn advance_animations(&mut self, now_ms: f64) -> Vec<AnimEvent> {
        self.sync_animation_clock(now_ms);
        let now = self.animations.now;
        // Groups first: they start the tweens that are due, at their exact start times.
        self.advance_groups(now);
        self.step_tweens(now);
        self.step_keyframes(now);
        // A member tween may have ended this frame (cancelled, element removed): let its group
        // move on now rather than a frame late.
        if !self.animations.groups.is_empty() {
            self.advance_groups(now);
            self.step_tweens(now);
        }
        self.flush_touched();
        std::mem::take(&mut self.animations.pending)
    }

    /// Moves the animation clock forward to `now_ms` without stepping anything. The host calls
    /// it when a frame begins, so animations that input handlers, timers and frame callbacks
    /// start before the animation phase start at the frame's time, not the previous frame's
    /// (which would show them one frame ahead and shift every item of a group).
    pub fn sync_animation_clock(&mut self, now_ms: f64) {
        if now_ms.is_finite() && now_ms > self.animations.now {
            self.animations.now = now_ms;
        }
    }

    /// True while any animation, transition or keyframe animation is running (not paused, not
    /// finished): the scheduler sleeps when false.
    pub fn has_running_animations(&self) -> bool {
        let a = &self.animations;
        a.tweens.values().any(|t| t.paused_at.is_none())
            || a.groups.values().any(|g| g.paused_at.is_none())
            || a.runs.values().any(|r| !r.finished)
    }

    /// The last clock value seen by [`Dom::advance_animations`].
    pub fn animation_now(&self) -> f64 {
        self.animations.now
    }

    /// Style-pass hook: transitions and keyframe start/stop for an element whose target style
    /// (layers 3–7) is `target`. Returns whether the layer changed.
    pub(crate) fn animation_restyle(&mut self, id: ElementId, target: &ComputedStyle) -> bool {
        let mut changed = self.transition_restyle(id, target);
        changed |= self.keyframes_restyle(id, target);
        self.animations.tidy(id);
        changed
    }
}
