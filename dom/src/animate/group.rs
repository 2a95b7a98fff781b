//! Groups (`kryon.sequence` / `kryon.parallel`): a tree of items — tweens, pauses, markers,
//! nested groups — advanced by exact times, so a sequence starts each item at the previous
//! item's end time even between frames. Member tweens are ordinary tweens with
//! [`Origin::Member`]; cancelling the group cancels them.

use super::tween::{End, Origin, reached};
use super::{AnimControl, AnimError, AnimEvent, AnimId, AnimState, GroupItem, GroupKind, Repeat};
use crate::dom::Dom;

/// Progress through one item.
#[derive(Debug, Clone)]
pub enum Node {
    /// Not reached yet.
    Idle,
    /// A tween was started; `end` is its end time (`None` when it repeats forever).
    Tween {
        /// The member tween.
        id: u64,
        /// Its end time.
        end: Option<f64>,
    },
    /// Reached and over (a marker that fired, a tween that failed to start).
    Done(f64),
    /// A sequence at item `index`, which started at `start`.
    Seq {
        /// Current item.
        index: usize,
        /// Start time of the current item.
        start: f64,
        /// Its progress.
        child: Box<Node>,
    },
    /// A parallel group: each item's progress and end time once ended.
    Par(Vec<(Node, Option<f64>)>),
}

impl Node {
    fn shift(&mut self, delta: f64) {
        match self {
            Node::Idle => {}
            Node::Tween { end, .. } => {
                if let Some(e) = end {
                    *e += delta;
                }
            }
            Node::Done(t) => *t += delta,
            Node::Seq { start, child, .. } => {
                *start += delta;
                child.shift(delta);
            }
            Node::Par(children) => {
                for (c, e) in children {
                    c.shift(delta);
                    if let Some(e) = e {
                        *e += delta;
                    }
                }
            }
        }
    }

    fn members(&self, out: &mut Vec<u64>) {
        match self {
            Node::Tween { id, .. } => out.push(*id),
            Node::Seq { child, .. } => child.members(out),
            Node::Par(children) => children.iter().for_each(|(c, _)| c.members(out)),
            Node::Idle | Node::Done(_) => {}
        }
    }
}

/// A running group.
#[derive(Debug, Clone)]
pub struct Group {
    /// The root item (a sequence or a parallel group).
    pub root: GroupItem,
    /// Runs.
    pub repeat: Repeat,
    /// Runs completed.
    pub run: u32,
    /// Start time of the current run.
    pub run_start: f64,
    /// Progress of the current run.
    pub state: Node,
    /// Clock time it was paused at.
    pub paused_at: Option<f64>,
}

fn validate(dom: &Dom, items: &[GroupItem]) -> Result<(), AnimError> {
    for item in items {
        match item {
            GroupItem::Tween(spec) => {
                let r = super::target::resolve(&spec.property)?;
                super::target::coerce_for(&spec.property, &r, &spec.to)?;
                if let Some(f) = &spec.from {
                    super::target::coerce_for(&spec.property, &r, f)?;
                }
                if !dom.arena.elements.contains_key(spec.element) {
                    return Err(AnimError {
                        code: "S0108",
                        message: "the element no longer exists".to_owned(),
                    });
                }
            }
            GroupItem::Pause(ms) if !ms.is_finite() => {
                return Err(AnimError {
                    code: "S0109",
                    message: "a pause must be a finite number of ms".to_owned(),
                });
            }
            GroupItem::Sequence(inner) | GroupItem::Parallel(inner) => validate(dom, inner)?,
            GroupItem::Pause(_) | GroupItem::Marker(_) => {}
        }
    }
    Ok(())
}

impl Dom {
    /// Validates every item, then starts the group at the current clock.
    pub(crate) fn start_group(
        &mut self,
        kind: GroupKind,
        items: Vec<GroupItem>,
        repeat: Repeat,
    ) -> Result<u64, AnimError> {
        validate(self, &items)?;
        let root = match kind {
            GroupKind::Sequence => GroupItem::Sequence(items),
            GroupKind::Parallel => GroupItem::Parallel(items),
        };
        let id = self.animations.next_id();
        let now = self.animations.now;
        self.animations.groups.insert(
            id,
            Group {
                root,
                repeat,
                run: 0,
                run_start: now,
                state: Node::Idle,
                paused_at: None,
            },
        );
        self.animations.group_order.push(id);
        // Start at once: the first items show their start values before the next frame.
        self.advance_group(id, now);
        self.step_tweens(now);
        self.flush_touched();
        Ok(id)
    }

    /// Advances every unpaused group to `now`.
    pub(crate) fn advance_groups(&mut self, now: f64) {
        let mut order = std::mem::take(&mut self.animations.group_order);
        for &id in &order {
            self.advance_group(id, now);
        }
        order.retain(|id| self.animations.groups.contains_key(id));
        self.animations.group_order = order;
    }

    fn advance_group(&mut self, id: u64, now: f64) {
        let Some(mut g) = self.animations.groups.remove(&id) else {
            return;
        };
        if g.paused_at.is_some() {
            self.animations.groups.insert(id, g);
            return;
        }
        loop {
            let Some(end) = self.advance_node(id, &g.root, &mut g.state, g.run_start, now) else {
                self.animations.groups.insert(id, g);
                return;
            };
            g.run += 1;
            let more = match g.repeat {
                Repeat::Count(n) => g.run < n.max(1),
                Repeat::Infinite => true,
            };
            // A run that takes no time would repeat forever within one frame: end instead.
            if !more || end <= g.run_start {
                break;
            }
            g.run_start = end;
            g.state = Node::Idle;
        }
        self.animations.set_ended(id, AnimState::Finished);
        self.animations
            .pending
            .push(AnimEvent::Completed(AnimId(id)));
    }

    /// Advances one item that started at `start`; returns its end time once it has ended.
    fn advance_node(
        &mut self,
        group: u64,
        item: &GroupItem,
        node: &mut Node,
        start: f64,
        now: f64,
    ) -> Option<f64> {
        if let Node::Done(end) = node {
            return Some(*end);
        }
        match item {
            GroupItem::Pause(ms) => {
                let end = start + ms.max(0.0);
                reached(end, now).then_some(end)
            }
            GroupItem::Marker(token) => {
                if !reached(start, now) {
                    return None;
                }
                self.animations.pending.push(AnimEvent::Marker {
                    group: AnimId(group),
                    token: *token,
                });
                *node = Node::Done(start);
                Some(start)
            }
            GroupItem::Tween(spec) => {
                if matches!(node, Node::Idle) {
                    if !reached(start, now) {
                        return None;
                    }
                    match self.start_tween(spec, start, Origin::Member(group)) {
                        Ok(id) => {
                            let end = self.animations.tweens.get(&id).and_then(|t| t.end_time());
                            *node = Node::Tween { id, end };
                        }
                        Err(_) => {
                            // The element went away: the item takes no time.
                            *node = Node::Done(start);
                            return Some(start);
                        }
                    }
                }
                let Node::Tween { id, end } = *node else {
                    return None;
                };
                let alive = self.animations.tweens.contains_key(&id);
                match end {
                    Some(e) if reached(e, now) => {
                        // End it now (final value committed) so the next item starts from it.
                        self.end_tween(id, End::Complete);
                        Some(e)
                    }
                    // Cancelled or removed with its element: over at the latest now.
                    _ if !alive => Some(end.map_or(now, |e| e.min(now))),
                    _ => None,
                }
            }
            GroupItem::Sequence(items) => {
                if matches!(node, Node::Idle) {
                    *node = Node::Seq {
                        index: 0,
                        start,
                        child: Box::new(Node::Idle),
                    };
                }
                let Node::Seq {
                    index,
                    start: s,
                    child,
                } = node
                else {
                    return None;
                };
                loop {
                    let Some(item) = items.get(*index) else {
                        return Some(*s);
                    };
                    let end = self.advance_node(group, item, child, *s, now)?;
                    *index += 1;
                    *s = end;
                    **child = Node::Idle;
                }
            }
            GroupItem::Parallel(items) => {
                if matches!(node, Node::Idle) {
                    *node = Node::Par(items.iter().map(|_| (Node::Idle, None)).collect());
                }
                let Node::Par(children) = node else {
                    return None;
                };
                let mut last = start;
                let mut all = true;
                for (item, (child, end)) in items.iter().zip(children.iter_mut()) {
                    if end.is_none() {
                        *end = self.advance_node(group, item, child, start, now);
                    }
                    match end {
                        Some(e) => last = last.max(*e),
                        None => all = false,
                    }
                }
                all.then_some(last)
            }
        }
    }

    /// Jumps every remaining tween of an item to its end value (used by `finish`).
    fn finish_node(&mut self, group: u64, item: &GroupItem, node: &Node, now: f64) {
        match (item, node) {
            (GroupItem::Tween(spec), Node::Idle) => {
                if let Ok(id) = self.start_tween(spec, now, Origin::Member(group)) {
                    self.end_tween(id, End::Finish);
                }
            }
            (GroupItem::Tween(_), Node::Tween { id, .. }) => self.end_tween(*id, End::Finish),
            (GroupItem::Sequence(items), Node::Idle) | (GroupItem::Parallel(items), Node::Idle) => {
                for item in items {
                    self.finish_node(group, item, &Node::Idle, now);
                }
            }
            (GroupItem::Sequence(items), Node::Seq { index, child, .. }) => {
                if let Some(item) = items.get(*index) {
                    self.finish_node(group, item, child, now);
                }
                for item in items.iter().skip(index + 1) {
                    self.finish_node(group, item, &Node::Idle, now);
                }
            }
            (GroupItem::Parallel(items), Node::Par(children)) => {
                for (item, (child, end)) in items.iter().zip(children) {
                    if end.is_none() {
                        self.finish_node(group, item, child, now);
                    }
                }
            }
            _ => {}
        }
    }

    /// Cancel, pause, resume or finish a group and its running tweens.
    pub(crate) fn control_group(&mut self, id: u64, control: AnimControl) -> bool {
        let now = self.animations.now;
        let mut members = Vec::new();
        match control {
            AnimControl::Pause | AnimControl::Resume => {
                let Some(g) = self.animations.groups.get_mut(&id) else {
                    return false;
                };
                g.state.members(&mut members);
                if control == AnimControl::Pause {
                    g.paused_at.get_or_insert(now);
                } else if let Some(p) = g.paused_at.take() {
                    let delta = (now - p).max(0.0);
                    g.run_start += delta;
                    g.state.shift(delta);
                }
                for m in members {
                    if let Some(t) = self.animations.tweens.get_mut(&m) {
                        if control == AnimControl::Pause {
                            t.pause(now);
                        } else {
                            t.resume(now);
                        }
                    }
                }
            }
            AnimControl::Cancel => {
                let Some(g) = self.animations.groups.remove(&id) else {
                    return false;
                };
                g.state.members(&mut members);
                for m in members {
                    self.end_tween(m, End::Cancel);
                }
                self.animations.set_ended(id, AnimState::Cancelled);
            }
            AnimControl::Finish => {
                let Some(g) = self.animations.groups.remove(&id) else {
                    return false;
                };
                self.finish_node(id, &g.root, &g.state, now);
                self.animations.set_ended(id, AnimState::Finished);
                self.animations
                    .pending
                    .push(AnimEvent::Completed(AnimId(id)));
            }
        }
        self.animations
            .group_order
            .retain(|g| self.animations.groups.contains_key(g));
        self.flush_touched();
        true
    }
}
