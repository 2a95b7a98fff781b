//! The frame scheduler (script-api §1.3): one [`AppHost::tick`] runs the phases in order —
//! input, event handlers, timers, task resumptions, frame callbacks, animations, bindings,
//! style, layout, paint (with canvas `draw_script`s) — at a clock value the caller supplies:
//! the real clock in a window, the virtual clock in headless runs and tests. When nothing is
//! pending ([`AppHost::needs_frame`] is false) the caller sleeps until
//! [`AppHost::next_wake_ms`] or the next input.

use crate::host::AppHost;
use kryon_display::Frame;
use kryon_scripting::{EventInit, Value};

impl AppHost {
    /// Runs one frame at app time `now_ms` and paints it if anything changed. The first call
    /// is frame 0: it only paints (scripts already ran at load).
    pub fn tick(&mut self, now_ms: f64, scale_factor: f32) -> Option<Frame> {
        let viewport = self.viewport();
        if self.frames == 0 {
            self.frames = 1;
            self.dom().update(viewport);
            self.laid_out = viewport;
            self.session().run_draw_scripts();
            self.surface_script_errors();
            let mut dom = self.dom();
            dom.update(viewport);
            return Some(dom.paint(scale_factor));
        }
        self.frames += 1;
        let dt = self.session().begin_frame(now_ms);
        // Phases 1–2: input and its handlers.
        if viewport != self.laid_out {
            self.laid_out = viewport;
            self.dom().update(viewport);
            let root = self.dom().root;
            let resize = EventInit::new("resize", Some(root))
                .with("width", Value::Float(f64::from(viewport.0)))
                .with("height", Value::Float(f64::from(viewport.1)));
            self.session().dispatch(resize);
        }
        let input = std::mem::take(&mut self.input);
        let had_input = !input.is_empty();
        for event in input {
            if self.overlay_consumes(&event) {
                continue;
            }
            let (pointer, session) = self.pointer_and_session();
            pointer.handle(session, event);
        }
        // Phases 3–6.
        let session = self.session();
        session.run_timers();
        session.run_resumptions(dt);
        session.run_frame_callbacks(dt);
        session.advance_animations();
        // Phases 7–9.
        let changed = {
            let mut dom = self.dom();
            dom.update(viewport);
            dom.needs_paint()
        };
        if changed && !had_input {
            // Layout may have moved elements under a still pointer.
            let (pointer, session) = self.pointer_and_session();
            pointer.refresh(session);
            self.dom().update(viewport);
        }
        // Phase 10.
        self.session().run_draw_scripts();
        self.surface_script_errors();
        let mut dom = self.dom();
        dom.update(viewport);
        dom.needs_paint().then(|| dom.paint(scale_factor))
    }

    /// Paints a frame whether or not anything changed (a window that lost its contents, or a
    /// screenshot), running a tick at the current app time first.
    pub fn frame_always(&mut self, scale_factor: f32) -> Frame {
        let now = self.session().now_ms();
        match self.tick(now, scale_factor) {
            Some(frame) => frame,
            None => self.repaint(scale_factor),
        }
    }

    /// Paints the tree as it is, without running a frame's phases.
    pub fn repaint(&mut self, scale_factor: f32) -> Frame {
        let viewport = self.viewport();
        let mut dom = self.dom();
        dom.update(viewport);
        dom.paint(scale_factor)
    }

    /// True when a frame has work now: queued input, a resize, running animations, frame
    /// callbacks, continuous canvases, or pending tree changes.
    pub fn needs_frame(&mut self) -> bool {
        if self.frames == 0 || !self.input.is_empty() || self.viewport() != self.laid_out {
            return true;
        }
        if self.session().wants_frame() {
            return true;
        }
        let now = self.session().now_ms();
        if self.next_wake_ms().is_some_and(|t| t <= now) {
            return true;
        }
        let viewport = self.viewport();
        let mut dom = self.dom();
        dom.update(viewport);
        dom.needs_paint()
    }

    /// The app time at which a timer or sleeping task wakes up, if any.
    pub fn next_wake_ms(&self) -> Option<f64> {
        self.session().next_due_ms()
    }

    /// Whether a script asked to quit.
    pub fn quit_requested(&self) -> bool {
        self.session().quit_requested()
    }
}
