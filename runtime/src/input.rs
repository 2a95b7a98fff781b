//! Pointer input (script-api §4.4): hit testing at the pointer, hover/active pseudo-states,
//! and the events a real pointer causes — `hover`/`leave` as the hovered chain changes, `move`,
//! `press`/`release`, `click` (press and release on the same element) and `dblclick` (a second
//! click within 400 ms and 4 px). A pointer event that hits a disabled element is dropped and
//! does not pass through.

use kryon_dom::tree::ElementId;
use kryon_markup::ast::PseudoState;
use kryon_scripting::{EventInit, Session, Value};

/// One input event from the OS or the test driver (window coordinates, logical px).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum InputEvent {
    /// The pointer moved.
    Move {
        /// x.
        x: f32,
        /// y.
        y: f32,
    },
    /// A button went down.
    Press {
        /// x.
        x: f32,
        /// y.
        y: f32,
        /// 0 primary, 1 middle, 2 secondary.
        button: u8,
    },
    /// A button went up.
    Release {
        /// x.
        x: f32,
        /// y.
        y: f32,
        /// 0 primary, 1 middle, 2 secondary.
        button: u8,
    },
    /// The pointer left the window.
    Leave,
}

/// Pointer state between events.
#[derive(Debug, Default)]
pub struct Pointer {
    position: Option<(f32, f32)>,
    hovered: Vec<ElementId>,
    pressed: Option<(ElementId, u8)>,
    active: Vec<ElementId>,
    last_click: Option<(f64, f32, f32, ElementId)>,
}

fn chain(session: &Session, hit: Option<ElementId>) -> Vec<ElementId> {
    let dom = session.dom();
    let mut out = Vec::new();
    let mut cur = hit;
    while let Some(el) = cur {
        out.push(el);
        cur = dom.arena.elements.get(el).and_then(|e| e.parent);
    }
    out
}

fn pointer_event(ty: &str, target: ElementId, x: f32, y: f32, button: Option<u8>) -> EventInit {
    let mut init = EventInit::new(ty, Some(target))
        .with("x", Value::Float(f64::from(x)))
        .with("y", Value::Float(f64::from(y)));
    if let Some(b) = button {
        init = init.with("button", Value::Int(i64::from(b)));
    }
    init
}

impl Pointer {
    /// The last known pointer position.
    pub fn position(&self) -> Option<(f32, f32)> {
        self.position
    }

    /// Handles one event (phase 1–2 of the frame).
    pub fn handle(&mut self, session: &Session, event: InputEvent) {
        match event {
            InputEvent::Move { x, y } => {
                self.position = Some((x, y));
                let hit = self.update_hover(session, x, y);
                if let Some(target) = hit.filter(|h| !disabled(session, *h)) {
                    session.dispatch(pointer_event("move", target, x, y, None));
                }
            }
            InputEvent::Press { x, y, button } => {
                self.position = Some((x, y));
                let Some(target) = self.update_hover(session, x, y) else {
                    return;
                };
                if disabled(session, target) {
                    return;
                }
                self.pressed = Some((target, button));
                if button == 0 {
                    self.active = chain(session, Some(target));
                    let mut dom = session.dom();
                    for &el in &self.active {
                        dom.set_states(el, PseudoState::Active, true);
                    }
                }
                session.dispatch(pointer_event("press", target, x, y, Some(button)));
            }
            InputEvent::Release { x, y, button } => {
                self.position = Some((x, y));
                let hit = self.update_hover(session, x, y);
                if button == 0 {
                    let mut dom = session.dom();
                    for el in self.active.drain(..) {
                        dom.set_states(el, PseudoState::Active, false);
                    }
                }
                let pressed = self.pressed.take();
                let Some(target) = hit.filter(|h| !disabled(session, *h)) else {
                    return;
                };
                session.dispatch(pointer_event("release", target, x, y, Some(button)));
                if button == 0 && pressed == Some((target, 0)) && session.dom().is_alive(target) {
                    session.dispatch(pointer_event("click", target, x, y, Some(0)));
                    let now = session.now_ms();
                    let double = self.last_click.is_some_and(|(t, px, py, el)| {
                        el == target && now - t <= 400.0 && (px - x).hypot(py - y) <= 4.0
                    });
                    if double {
                        self.last_click = None;
                        session.dispatch(pointer_event("dblclick", target, x, y, Some(0)));
                    } else {
                        self.last_click = Some((now, x, y, target));
                    }
                }
            }
            InputEvent::Leave => {
                self.position = None;
                self.set_hovered(session, Vec::new(), 0.0, 0.0);
            }
        }
    }

    /// After layout changed, hit-tests the last position again (synthesises hover/leave).
    pub fn refresh(&mut self, session: &Session) {
        if let Some((x, y)) = self.position {
            self.update_hover(session, x, y);
        }
    }

    fn update_hover(&mut self, session: &Session, x: f32, y: f32) -> Option<ElementId> {
        let hit = session.dom().hit_test(x, y);
        let new_chain = chain(session, hit);
        self.set_hovered(session, new_chain, x, y);
        hit
    }

    fn set_hovered(&mut self, session: &Session, new_chain: Vec<ElementId>, x: f32, y: f32) {
        if new_chain == self.hovered {
            return;
        }
        let left: Vec<ElementId> = self
            .hovered
            .iter()
            .copied()
            .filter(|e| !new_chain.contains(e))
            .collect();
        let entered: Vec<ElementId> = new_chain
            .iter()
            .rev()
            .copied()
            .filter(|e| !self.hovered.contains(e))
            .collect();
        {
            let mut dom = session.dom();
            for &el in &left {
                dom.set_states(el, PseudoState::Hover, false);
            }
            for &el in &entered {
                dom.set_states(el, PseudoState::Hover, true);
            }
        }
        self.hovered = new_chain;
        for el in left {
            if session.dom().is_alive(el) && !disabled(session, el) {
                session.dispatch(pointer_event("leave", el, x, y, None));
            }
        }
        for el in entered {
            if session.dom().is_alive(el) && !disabled(session, el) {
                session.dispatch(pointer_event("hover", el, x, y, None));
            }
        }
    }
}

fn disabled(session: &Session, el: ElementId) -> bool {
    session.dom().effectively_disabled(el)
}
