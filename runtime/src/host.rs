//! The app host: a loaded app plus the viewport it is laid out for.
//!
//! Every frame source (window, headless run, tests) goes through [`AppHost::frame`], which runs
//! the dirty passes and paints only when something changed since the last frame: an idle app
//! produces no frames and so costs no rendering.

use kryon_display::Frame;
use kryon_dom::{Dom, WindowConfig};
use kryon_markup::{Diagnostics, render};
use std::path::{Path, PathBuf};

/// A loaded app, ready to produce frames.
pub struct AppHost {
    dom: Dom,
    path: PathBuf,
    viewport: (f32, f32),
    /// Diagnostics reported while loading (warnings; errors make loading fail).
    pub diagnostics: Diagnostics,
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
    /// Loads and builds `path`. Fails (with every diagnostic rendered) when the markup has
    /// errors; warnings are kept in [`AppHost::diagnostics`].
    pub fn load(path: &Path) -> Result<Self, LoadError> {
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
        Ok(Self {
            dom,
            path: path.to_path_buf(),
            viewport: (window.width as f32, window.height as f32),
            diagnostics,
        })
    }

    /// The app's main file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Window size, title and scale the app asks for.
    pub fn window_config(&self) -> WindowConfig {
        self.dom.window_config()
    }

    /// The app's own `scale_factor` (1 when unset or not positive): logical px are multiplied
    /// by it, and by the monitor's DPI scale in a window.
    pub fn app_scale(&self) -> f32 {
        let scale = self.dom.window_config().scale_factor;
        if scale > 0.0 { scale } else { 1.0 }
    }

    /// The element tree (read access for tests and tools).
    pub fn dom(&self) -> &Dom {
        &self.dom
    }

    /// The element tree, for mutations through its funnel.
    pub fn dom_mut(&mut self) -> &mut Dom {
        &mut self.dom
    }

    /// The viewport in logical px.
    pub fn viewport(&self) -> (f32, f32) {
        self.viewport
    }

    /// Sets the viewport (logical px); the next frame relays out if it changed.
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

    /// Diagnostics raised since loading (e.g. an image that failed to load), rendered for
    /// stderr. Empty when there are none.
    pub fn take_rendered_diagnostics(&mut self) -> Vec<String> {
        let taken = self.dom.take_diagnostics();
        taken
            .iter()
            .map(|d| render::render(&self.dom.document.sources, d))
            .collect()
    }

    /// True when the next [`AppHost::frame`] would paint (something changed).
    pub fn needs_frame(&mut self) -> bool {
        self.dom.update(self.viewport);
        self.dom.needs_paint()
    }

    /// Runs the dirty passes and, if anything changed since the last frame, paints one.
    /// `scale_factor` is physical px per logical px.
    pub fn frame(&mut self, scale_factor: f32) -> Option<Frame> {
        self.dom.update(self.viewport);
        self.dom.needs_paint().then(|| self.dom.paint(scale_factor))
    }

    /// Paints a frame whether or not anything changed (a window that lost its contents, or a
    /// screenshot).
    pub fn frame_always(&mut self, scale_factor: f32) -> Frame {
        self.dom.update(self.viewport);
        self.dom.paint(scale_factor)
    }
}
