//! `kryon run`: open the app in a window, or render it headless.

use kryon_runtime::headless::{self, HeadlessOptions};
use kryon_runtime::window::{self, WindowOptions};
use kryon_runtime::{AppHost, RendererChoice};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `kryon run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The app's main `.kry` file.
    pub file: PathBuf,
    /// Render without a display (offscreen).
    #[arg(long)]
    pub headless: bool,
    /// Frames to run. Headless: how many frames to advance (default 1). In a window: close
    /// after this many presented frames (default: run until closed).
    #[arg(long)]
    pub frames: Option<u32>,
    /// Write the last frame as PNG (headless only).
    #[arg(long, requires = "headless")]
    pub screenshot: Option<PathBuf>,
    /// Viewport `WIDTHxHEIGHT` in logical px (default: the App's window size).
    #[arg(long, value_parser = super::parse_size)]
    pub size: Option<(u32, u32)>,
    /// Renderer: wgpu (`gpu`), CPU (`cpu`), or wgpu when an adapter exists (`auto`).
    #[arg(long, value_enum, default_value_t = RendererChoice::Auto)]
    pub renderer: RendererChoice,
}

/// Runs `kryon run`.
pub(crate) fn run(args: RunArgs, started: Instant) -> anyhow::Result<ExitCode> {
    let headless = args.headless || !window::display_available();
    let loaded = if headless {
        AppHost::load_headless(&args.file)
    } else {
        AppHost::load(&args.file)
    };
    let mut host = match loaded {
        Ok(host) => host,
        Err(kryon_runtime::LoadError::Markup { rendered, .. }) => {
            eprint!("{rendered}");
            eprintln!("kryon: {} has errors; not running it", args.file.display());
            return Ok(ExitCode::from(1));
        }
    };
    for d in host.diagnostics.as_slice() {
        eprint!(
            "{}",
            kryon_markup::render::render(&host.dom().document.sources, d)
        );
    }
    tracing::info!(
        "loaded {} in {:.1?}",
        args.file.display(),
        started.elapsed()
    );
    if args.headless {
        return run_headless(&mut host, &args, started);
    }
    if !window::display_available() {
        // No display (a server, CI, a container): still show the user their app, as a PNG.
        let mut args = args;
        let shot = PathBuf::from(format!("{}.png", app_name(&args.file)));
        eprintln!(
            "kryon: no display found (DISPLAY and WAYLAND_DISPLAY are unset); rendering headless \
             to {} instead (use --headless --screenshot FILE to choose)",
            shot.display()
        );
        args.headless = true;
        args.screenshot = Some(shot);
        return run_headless(&mut host, &args, started);
    }
    window::run(
        host,
        WindowOptions {
            renderer: args.renderer,
            exit_after_frames: args.frames,
            size: args.size,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A short name for an app: its folder for `…/showcase/main.kry`, else the file stem.
fn app_name(file: &std::path::Path) -> String {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
    match stem.as_deref() {
        Some("main") | None => file
            .canonicalize()
            .ok()
            .and_then(|p| {
                p.parent()?
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| "kryon-app".to_string()),
        Some(stem) => stem.to_string(),
    }
}

fn run_headless(host: &mut AppHost, args: &RunArgs, started: Instant) -> anyhow::Result<ExitCode> {
    let options = HeadlessOptions {
        frames: args.frames.unwrap_or(1),
        size: args.size,
        renderer: args.renderer,
    };
    let report = headless::run(host, &options)?;
    for diagnostic in host.take_rendered_diagnostics() {
        eprint!("{diagnostic}");
    }
    if let Some(path) = &args.screenshot {
        headless::write_png(&report.image, path)?;
        tracing::info!(
            "wrote {} ({}×{}) {:.1?} after start",
            path.display(),
            report.image.width,
            report.image.height,
            started.elapsed()
        );
    }
    tracing::info!(
        "{} frame(s) rendered with {}; renderer init {:.1?}, first frame {:.1?}",
        report.frames_rendered,
        report.renderer,
        report.renderer_init,
        report.first_frame
    );
    Ok(ExitCode::SUCCESS)
}
