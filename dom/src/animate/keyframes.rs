//! `@keyframes` + `animation` (kry §12.2): compiled frame tracks per property, and runs started
//! when an element is created or a name appears in its `animation`, stopped when the name
//! disappears. Missing `0%`/`100%` frames use the underlying value (cascade layers 3–7); a
//! frame's `easing:` applies from it to the next frame. Keyframe runs never commit: with `fill:
//! forwards` the last frame stays in layer 8, otherwise the layer is removed at the end.

use super::easing::Easing;
use super::interpolate::{interpolate, read_prop};
use super::target::Channel;
use crate::dom::Dom;
use crate::style::values::{Animation, AnimationDirection, Iterations};
use crate::style::{ComputedStyle, PropId, PropValue, coerce_property, literal_of_value, lookup};
use crate::tree::ElementId;
use crate::value::Value;
use kryon_markup::{Diagnostic, ast};
use std::rc::Rc;

/// One frame of one property.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Offset in [0,1].
    pub offset: f32,
    /// Value; `None` = the underlying value (a missing 0% or 100%).
    pub value: Option<PropValue>,
    /// Easing from this frame to the next (`None` = the animation's easing).
    pub easing: Option<Easing>,
}

/// The frames of one longhand, sorted by offset, from 0 to 1.
#[derive(Debug, Clone)]
pub struct Track {
    /// The property.
    pub prop: PropId,
    /// Frames.
    pub frames: Vec<Frame>,
}

/// A compiled `@keyframes` definition.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    /// One track per animated longhand.
    pub tracks: Vec<Track>,
}

fn atoms(value: &ast::Value) -> Option<Vec<Value>> {
    match &value.kind {
        ast::ValueKind::List(exprs) => exprs.iter().map(crate::style::literal_value).collect(),
        _ => literal_of_value(value).map(|v| vec![v]),
    }
}

/// Compiles a definition; non-animatable or unusable properties are reported (K0308) and
/// skipped.
pub fn compile(def: &ast::KeyframesDef, diagnostics: &mut Vec<Diagnostic>) -> Compiled {
    let mut tracks: Vec<Track> = Vec::new();
    for frame in &def.frames {
        let easing = frame
            .properties
            .iter()
            .find(|p| p.key.text == "easing")
            .and_then(|p| literal_of_value(&p.value))
            .and_then(|v| Easing::from_name(&v.to_string()));
        for property in &frame.properties {
            if property.key.text == "easing" {
                continue;
            }
            let warn = |msg: String| Diagnostic::warning("K0308", msg).at(property.span);
            let Some(prop) = lookup(&property.key.text).filter(|p| p.animatable()) else {
                diagnostics.push(warn(format!(
                    "`{}` is not animatable in @keyframes \"{}\"",
                    property.key.text, def.name.text
                )));
                continue;
            };
            let pairs = atoms(&property.value).and_then(|a| coerce_property(prop, &a).ok());
            let Some(pairs) = pairs else {
                diagnostics.push(warn(format!(
                    "unusable value for `{}` in @keyframes \"{}\"",
                    property.key.text, def.name.text
                )));
                continue;
            };
            for (lh, value) in pairs {
                if !lh.animatable() {
                    continue;
                }
                let index = match tracks.iter().position(|t| t.prop == lh) {
                    Some(i) => i,
                    None => {
                        tracks.push(Track {
                            prop: lh,
                            frames: Vec::new(),
                        });
                        tracks.len() - 1
                    }
                };
                for &offset in &frame.offsets {
                    tracks[index].frames.push(Frame {
                        offset: offset.clamp(0.0, 1.0),
                        value: Some(value.clone()),
                        easing,
                    });
                }
            }
        }
    }
    for track in &mut tracks {
        track.frames.sort_by(|a, b| a.offset.total_cmp(&b.offset));
        if track.frames.first().is_none_or(|f| f.offset > 0.0) {
            track.frames.insert(
                0,
                Frame {
                    offset: 0.0,
                    value: None,
                    easing: None,
                },
            );
        }
        if track.frames.last().is_none_or(|f| f.offset < 1.0) {
            track.frames.push(Frame {
                offset: 1.0,
                value: None,
                easing: None,
            });
        }
    }
    Compiled { tracks }
}

/// One running (or finished, filling) keyframe animation on one element.
#[derive(Debug, Clone)]
pub struct KeyframeRun {
    /// The element.
    pub element: ElementId,
    /// The `animation` item.
    pub spec: Animation,
    /// Clock time it started.
    pub start: f64,
    /// The frames.
    pub compiled: Rc<Compiled>,
    /// Underlying value per track (for missing end frames).
    pub underlying: Vec<Option<PropValue>>,
    /// Ended (and, with `forwards`, still shown).
    pub finished: bool,
    scratch: PropValue,
}

impl KeyframeRun {
    /// Directed progress at `now` and whether the run is over; `None` during the delay.
    fn sample(&self, now: f64) -> Option<(f64, bool)> {
        let u = now - self.start - f64::from(self.spec.delay_ms);
        if u < 0.0 {
            return None;
        }
        let d = f64::from(self.spec.duration_ms);
        let count = match self.spec.iterations {
            Iterations::Count(n) => Some(f64::from(n.max(0.0))),
            Iterations::Infinite => None,
        };
        let (run, frac, done) = match count {
            Some(n) if d <= 0.0 || u >= d * n => {
                let run = if n.fract() == 0.0 {
                    (n - 1.0).max(0.0)
                } else {
                    n.floor()
                };
                (run, if n == 0.0 { 0.0 } else { n - run }, true)
            }
            _ if d <= 0.0 => (0.0, 1.0, true),
            _ => {
                let r = (u / d).floor();
                (r, u / d - r, false)
            }
        };
        let odd = run % 2.0 == 1.0;
        let reversed = match self.spec.direction {
            AnimationDirection::Normal => false,
            AnimationDirection::Reverse => true,
            AnimationDirection::Alternate => odd,
            AnimationDirection::AlternateReverse => !odd,
        };
        Some((if reversed { 1.0 - frac } else { frac }, done))
    }
}

/// Value of one track at directed progress `p`, into `out`; false when an end frame needs an
/// underlying value that is unknown.
fn track_value(
    track: &Track,
    underlying: Option<&PropValue>,
    easing: Easing,
    p: f64,
    out: &mut PropValue,
) -> bool {
    let frames = &track.frames;
    let k = frames
        .windows(2)
        .position(|w| p <= f64::from(w[1].offset))
        .unwrap_or(frames.len().saturating_sub(2));
    let (Some(a), Some(b)) = (frames.get(k), frames.get(k + 1)) else {
        return false;
    };
    let (Some(from), Some(to)) = (
        a.value.as_ref().or(underlying),
        b.value.as_ref().or(underlying),
    ) else {
        return false;
    };
    let span = f64::from(b.offset - a.offset);
    let local = if span > 0.0 {
        ((p - f64::from(a.offset)) / span).clamp(0.0, 1.0)
    } else {
        1.0
    };
    interpolate(from, to, a.easing.unwrap_or(easing).ease(local), out);
    true
}

impl Dom {
    fn compiled_keyframes(&mut self, name: &str) -> Option<Rc<Compiled>> {
        if let Some(c) = self.animations.compiled.get(name) {
            return Some(c.clone());
        }
        let def = self.defs.keyframes.get(name)?.clone();
        let mut diagnostics = Vec::new();
        let compiled = Rc::new(compile(&def, &mut diagnostics));
        for d in diagnostics {
            self.report(d);
        }
        self.animations
            .compiled
            .insert(name.to_owned(), compiled.clone());
        Some(compiled)
    }

    /// Starts and stops keyframe runs by the names in `animation`; refreshes underlying values.
    /// Returns whether the layer changed.
    pub(crate) fn keyframes_restyle(&mut self, id: ElementId, target: &ComputedStyle) -> bool {
        let specs = &target.motion.animation.0;
        let mut changed = false;
        // Stop runs whose name disappeared.
        if let Some(state) = self.animations.elements.get_mut(&id) {
            let mut i = 0;
            while i < state.keyframes.len() {
                if specs.iter().any(|a| a.name == state.keyframes[i].0) {
                    i += 1;
                    continue;
                }
                let (_, run_id) = state.keyframes.remove(i);
                state.anims.retain(|x| *x != run_id);
                if let Some(run) = self.animations.runs.remove(&run_id) {
                    for t in &run.compiled.tracks {
                        changed |= state.layer.clear(Channel::Prop(t.prop));
                    }
                }
            }
        }
        for spec in specs {
            let running = self
                .animations
                .elements
                .get(&id)
                .is_some_and(|s| s.keyframes.iter().any(|(n, _)| *n == spec.name));
            if running {
                continue;
            }
            let Some(compiled) = self.compiled_keyframes(&spec.name) else {
                self.report(Diagnostic::warning(
                    "K0113",
                    format!("unknown @keyframes \"{}\"", spec.name),
                ));
                continue;
            };
            let a = &mut self.animations;
            let run_id = a.next_id();
            a.runs.insert(
                run_id,
                KeyframeRun {
                    element: id,
                    spec: spec.clone(),
                    start: a.now,
                    underlying: vec![None; compiled.tracks.len()],
                    compiled,
                    finished: false,
                    scratch: PropValue::None,
                },
            );
            let state = a.element(id);
            state.keyframes.push((spec.name.clone(), run_id));
            state.anims.push(run_id);
        }
        // Underlying values follow the target style.
        if let Some(state) = self.animations.elements.get(&id) {
            for (_, run_id) in &state.keyframes {
                let Some(run) = self.animations.runs.get_mut(run_id) else {
                    continue;
                };
                for (i, t) in run.compiled.tracks.iter().enumerate() {
                    if t.frames.iter().any(|f| f.value.is_none()) {
                        run.underlying[i] = read_prop(target, t.prop);
                    }
                }
            }
        }
        // Show the first frame at once (no delay) so the element never flashes its target.
        let now = self.animations.now;
        changed | self.step_runs_of(id, now)
    }

    fn step_runs_of(&mut self, id: ElementId, now: f64) -> bool {
        let a = &mut self.animations;
        let Some(state) = a.elements.get_mut(&id) else {
            return false;
        };
        let mut changed = false;
        for (_, run_id) in &state.keyframes {
            if let Some(run) = a.runs.get_mut(run_id) {
                changed |= step_run(run, &mut state.layer, now);
            }
        }
        changed
    }

    /// Steps every unfinished keyframe run to `now`.
    pub(crate) fn step_keyframes(&mut self, now: f64) {
        let a = &mut self.animations;
        for run in a.runs.values_mut() {
            if run.finished {
                continue;
            }
            let Some(state) = a.elements.get_mut(&run.element) else {
                continue;
            };
            if step_run(run, &mut state.layer, now) {
                a.touched.push(run.element);
            }
        }
    }
}

/// Writes one run's values at `now` into the layer; returns whether the layer changed.
fn step_run(run: &mut KeyframeRun, layer: &mut super::target::Layer, now: f64) -> bool {
    if run.finished {
        return false;
    }
    let Some((p, done)) = run.sample(now) else {
        return false;
    };
    let mut changed = false;
    for (i, track) in run.compiled.tracks.iter().enumerate() {
        let channel = Channel::Prop(track.prop);
        if done && !run.spec.fill_forwards {
            changed |= layer.clear(channel);
        } else if track_value(
            track,
            run.underlying[i].as_ref(),
            run.spec.easing,
            p,
            &mut run.scratch,
        ) {
            changed |= layer.write(channel, &run.scratch);
        }
    }
    run.finished = done;
    changed
}
