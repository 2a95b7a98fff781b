//! The app host: a loaded app plus the viewport it is laid out for.
//!
//! Every frame source (window, headless run, tests) goes through [`AppHost::frame`], which runs
//! the dirty passes and paints only when something changed since the last frame: an idle app
//! produces no frames and so costs no rendering.

use crate::input::{InputEvent, Pointer};
use crate::overlay::ErrorOverlay;
use kryon_dom::{Dom, WindowConfig};
use kryon_markup::{Diagnostics, render};
use kryon_scripting::{Session, SessionOptions};
use std::cell::RefMut;
use std::path::{Path, PathBuf};

/// A loaded app, ready to produce frames.
pub struct AppHost {
    session: Session,
    path: PathBuf,
    viewport: (f32, f32),
    /// Diagnostics reported while loading (warnings; errors make loading fail).
    pub diagnostics: Diagnostics,
    pub(crate) pointer: Pointer,
    pub(crate) input: Vec<InputEvent>,
    /// Frames run so far (frame 0 is the first paint).
    pub(crate) frames: u64,
    /// Viewport of the last frame, to fire `resize`.
    pub(crate) laid_out: (f32, f32),
    pub(crate) overlay: ErrorOverlay,
}

/// Why an app could not be started.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The markup has errors; `rendered` holds them in the human-readable diagnostic shape.
    #[error("{count} error(s) in {path}:\n{rendered}")]
    Markup {
        /// The main file.
        path: String,
        /// Number of errors.
        count: usize,
        /// All diagnostics, rendered.
        rendered: String,
    },
}

impl AppHost {
    /// Loads and builds `path` and runs its scripts (script-api §1.2) for an interactive
    /// window: wall-clock script budgets. Fails (with every diagnostic rendered) when the
    /// markup has errors; warnings are kept in [`AppHost::diagnostics`].
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        Self::load_with(path, false)
    }

    /// Loads for a headless run: virtual clock, instruction budgets, random seed 0 unless the
    /// App sets one.
    pub fn load_headless(path: &Path) -> Result<Self, LoadError> {
        Self::load_with(path, true)
    }

    fn load_with(path: &Path, headless: bool) -> Result<Self, LoadError> {
        let loaded = kryon_markup::load_file(path);
        let mut diagnostics = loaded.diagnostics;
        let (dom, build_diagnostics) = kryon_dom::build(loaded.document);
        diagnostics.extend(build_diagnostics);
        if diagnostics.has_errors() {
            let rendered = diagnostics
                .as_slice()
                .iter()
                .map(|d| render::render(&dom.document.sources, d))
                .collect();
            return Err(LoadError::Markup {
                path: path.display().to_string(),
                count: diagnostics.error_count(),
                rendered,
            });
        }
        let window = dom.window_config();
        let viewport = (window.width as f32, window.height as f32);
        let app_dir = path
            .parent()
            .map(Path::to_path_buf)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."));
        let session = Session::start(
            dom,
            SessionOptions {
                app_dir,
                headless,
                viewport,
                echo_logs: true,
            },
        );
        Ok(Self {
            session,
            path: path.to_path_buf(),
            viewport,
            diagnostics,
            pointer: Pointer::default(),
            input: Vec::new(),
            frames: 0,
            laid_out: viewport,
            overlay: ErrorOverlay::default(),
        })
    }

    /// The scripting session (variables, logs, errors, events).
    pub fn session(&self) -> &Session {
        &self.session
    }

    pub(crate) fn pointer_and_session(&mut self) -> (&mut Pointer, &Session) {
        (&mut self.pointer, &self.session)
    }

    /// The app's main file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Window size, title and scale the app asks for.
    pub fn window_config(&self) -> WindowConfig {
        self.session.dom().window_config()
    }

    /// The app's own `scale_factor` (1 when unset or not positive): logical px are multiplied
    /// by it, and by the monitor's DPI scale in a window.
    pub fn app_scale(&self) -> f32 {
        let scale = self.window_config().scale_factor;
        if scale > 0.0 { scale } else { 1.0 }
    }

    /// The element tree; mutations go through its funnel. Do not hold the guard across a
    /// frame or a script call.
    pub fn dom(&self) -> RefMut<'_, Dom> {
        self.session.dom()
    }

    /// The viewport in logical px.
    pub fn viewport(&self) -> (f32, f32) {
        self.viewport
    }

    /// Sets the viewport (logical px); the next frame relays out and fires `resize`.
    pub fn set_viewport(&mut self, width: f32, height: f32) {
        let width = if width.is_finite() {
            width.max(1.0)
        } else {
            1.0
        };
        let height = if height.is_finite() {
            height.max(1.0)
        } else {
            1.0
        };
        self.viewport = (width, height);
    }

    /// Queues input for the next frame's input phase.
    pub fn push_input(&mut self, event: InputEvent) {
        self.input.push(event);
    }

    /// Markup diagnostics raised since loading (e.g. an image that failed to load), rendered
    /// for stderr. Empty when there are none. (Script errors are printed by the frame that
    /// reports them, and shown in the overlay.)
    pub fn take_rendered_diagnostics(&mut self) -> Vec<String> {
        let mut dom = self.session.dom();
        let taken = dom.take_diagnostics();
        taken
            .iter()
            .map(|d| render::render(&dom.document.sources, d))
            .collect()
    }

    /// Prints new script errors to stderr and adds them to the overlay.
    pub(crate) fn surface_script_errors(&mut self) {
        let errors: Vec<String> = self
            .session
            .take_new_errors()
            .iter()
            .map(|e| e.render())
            .collect();
        if errors.is_empty() {
            return;
        }
        for e in &errors {
            eprintln!("{e}");
        }
        let mut dom = self.session.dom();
        self.overlay.add(&mut dom, &errors);
    }

    /// The overlay takes pointer events that land on it.
    pub(crate) fn overlay_consumes(&mut self, event: &InputEvent) -> bool {
        let mut dom = self.session.dom();
        self.overlay.consumes(&mut dom, event)
    }
}
