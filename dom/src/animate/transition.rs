//! Markup `transition` (kry §12.1): the style pass reports each restyled element's target style
//! (cascade layers 3–7); when the target value of a transitioned property changes after the
//! element's first frame, a tween runs from the displayed value to the new target. Retargeting
//! starts from the displayed value and keeps a spring's velocity; incompatible values jump.

use super::Repeat;
use super::interpolate::{ANIMATABLE_LONGHANDS, compatible, read_prop};
use super::target::Channel;
use super::tween::scalar;
use super::tween::{End, Origin, Timing, Track};
use crate::dom::Dom;
use crate::style::values::{Transition, TransitionTarget};
use crate::style::{ComputedStyle, PropId, PropValue};
use crate::tree::ElementId;

fn covers(t: &Transition, prop: PropId) -> bool {
    match t.target {
        TransitionTarget::All => true,
        TransitionTarget::Prop(p) => p == prop || p.longhands().contains(&prop),
    }
}

impl Dom {
    /// Detects target changes of transitioned properties; returns whether the layer changed.
    pub(crate) fn transition_restyle(&mut self, id: ElementId, target: &ComputedStyle) -> bool {
        let specs = &target.motion.transition.0;
        if specs.is_empty() {
            if let Some(s) = self.animations.elements.get_mut(&id) {
                s.seen = false;
                s.targets.clear();
            }
            return false;
        }
        let mut changed = false;
        for (i, tr) in specs.iter().enumerate() {
            let props: &[PropId] = match &tr.target {
                TransitionTarget::All => ANIMATABLE_LONGHANDS,
                TransitionTarget::Prop(p) if p.is_shorthand() => p.longhands(),
                TransitionTarget::Prop(p) => std::slice::from_ref(p),
            };
            for &prop in props {
                // A later item for the same property wins.
                if !prop.animatable() || specs[i + 1..].iter().any(|t| covers(t, prop)) {
                    continue;
                }
                let Some(new) = read_prop(target, prop) else {
                    continue;
                };
                let state = self.animations.element(id);
                state.seen = true;
                match state.targets.iter_mut().find(|(p, _)| *p == prop) {
                    // First sight (first frame, or newly listed): record only.
                    None => {
                        state.targets.push((prop, new));
                        continue;
                    }
                    Some((_, old)) if *old == new => continue,
                    Some((_, old)) => old.clone_from(&new),
                }
                changed |= self.start_transition(id, prop, new, tr);
            }
        }
        changed
    }

    fn start_transition(
        &mut self,
        id: ElementId,
        prop: PropId,
        new: PropValue,
        tr: &Transition,
    ) -> bool {
        let channel = Channel::Prop(prop);
        let a = &self.animations;
        let existing = a.by_target.get(&(id, channel)).copied();
        let old = existing.and_then(|o| a.tweens.get(&o));
        if old.is_some_and(|t| t.origin != Origin::Transition) {
            // A script animation owns the property; it commits its own value.
            return false;
        }
        let displayed = old
            .and_then(|t| t.tracks.first())
            .map(|t| t.current.clone())
            .or_else(|| {
                self.arena
                    .elements
                    .get(id)
                    .and_then(|e| read_prop(&e.computed, prop))
            });
        // Progress velocity of a retargeted spring, rescaled to the new distance.
        let v0 = old
            .filter(|t| t.timing.easing.is_spring())
            .and_then(|t| {
                let tr = t.tracks.first()?;
                let span_old = scalar(&tr.to)? - scalar(&tr.from)?;
                let span_new = scalar(&new)? - scalar(displayed.as_ref()?)?;
                (span_new.abs() > 1e-9).then(|| t.velocity * span_old / span_new)
            })
            .unwrap_or(0.0);
        let mut changed = false;
        if let Some(o) = existing {
            self.end_tween(o, End::Drop);
            changed = true;
        }
        let Some(displayed) = displayed else {
            return changed;
        };
        let instant = tr.duration_ms <= 0.0 && !tr.easing.is_spring();
        if displayed == new || instant || !compatible(&displayed, &new) {
            return changed;
        }
        let timing = Timing {
            start: self.animations.now,
            delay: f64::from(tr.delay_ms.max(0.0)),
            duration: f64::from(tr.duration_ms.max(0.0)),
            easing: tr.easing,
            repeat: Repeat::Count(1),
            yoyo: false,
        };
        let track = Track {
            channel,
            current: displayed.clone(),
            from: displayed,
            to: new,
        };
        self.insert_tween(id, vec![track], timing, Origin::Transition, v0);
        true
    }
}
