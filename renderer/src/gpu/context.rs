//! Instance, adapter and device: which backend to start and how.
//!
//! Backends are tried one at a time, each with an instance that enables only that backend, so
//! a machine where the preferred backend works never pays for initialising the others (on a
//! software adapter each costs tens of milliseconds to bring up).
//! With no explicit choice the order is [`AUTO_ORDER`], overridable with `WGPU_BACKEND`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::RenderError;

use super::GpuOptions;
use super::surface::SharedTarget;

/// Backends tried, in order, when [`GpuOptions::backends`] is `None` and `WGPU_BACKEND` is unset.
///
/// The primary native API (Vulkan, Metal, DX12) comes first. Measured here on the software
/// adapters (2 cores, loaded; 12 fresh processes each, `first_frame_timing` in `tests.rs`):
/// lavapipe (Vulkan) had the renderer ready in 85 ms and the first 800×600 frame read back at
/// 146 ms (medians; best 56 / 94 ms), llvmpipe through EGL (GL) in 106 ms and 156 ms (best 68 /
/// 103 ms), and Vulkan's later frames were faster too (15.5 vs 17.8 ms). On real hardware the
/// native API is the better driver as well. GL is the fallback for machines without a Vulkan
/// driver; each backend gets its own instance, so a working first choice never initialises the
/// second.
pub const AUTO_ORDER: [wgpu::Backends; 2] = [wgpu::Backends::PRIMARY, wgpu::Backends::GL];

/// An instance with a device on one adapter.
pub(crate) struct GpuContext {
    /// Kept alive as long as the device and surface made from it.
    _instance: wgpu::Instance,
    pub adapter: wgpu::Adapter,
    pub device: wgpu::Device,
    pub queue: wgpu::Queue,
    /// Set by the uncaptured-error handler; checked (and cleared) after each frame.
    pub error_flag: Arc<AtomicBool>,
    /// Set when the device is lost: every later frame fails with a device error, and the
    /// caller recreates the renderer (or falls back to the CPU one).
    lost: Arc<AtomicBool>,
}

impl GpuContext {
    /// Creates a context, trying backends in the order the options ask for. With a target,
    /// each backend makes a surface of it and its adapter must be able to present to it; the
    /// surface is returned alongside.
    pub fn create(
        options: &GpuOptions,
        target: Option<&SharedTarget>,
    ) -> Result<(Self, Option<wgpu::Surface<'static>>), RenderError> {
        let order: Vec<wgpu::Backends> = match options.backends {
            Some(backends) => vec![backends],
            None => match wgpu::Backends::from_env() {
                Some(backends) => vec![backends],
                None => AUTO_ORDER.to_vec(),
            },
        };
        let mut failures = Vec::new();
        for backends in order {
            let mut desc = wgpu::InstanceDescriptor::new_without_display_handle();
            desc.backends = backends;
            // Validation layers slow a software adapter down a lot; keep wgpu's own checks only.
            desc.flags = wgpu::InstanceFlags::empty().with_env();
            if let Some(target) = target {
                target.set_display(&mut desc);
            }
            let instance = wgpu::Instance::new(desc);
            let surface = match target {
                Some(target) => match target.create(&instance) {
                    Ok(surface) => Some(surface),
                    Err(e) => {
                        failures.push(format!("{backends:?}: {e}"));
                        continue;
                    }
                },
                None => None,
            };
            let request = wgpu::RequestAdapterOptions {
                power_preference: options.power_preference,
                force_fallback_adapter: false,
                compatible_surface: surface.as_ref(),
                apply_limit_buckets: false,
            };
            let adapter = match pollster::block_on(instance.request_adapter(&request)) {
                Ok(adapter) => adapter,
                Err(e) => {
                    failures.push(format!("{backends:?}: {e}"));
                    continue;
                }
            };
            let (device, queue) =
                match pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
                    label: Some("kryon"),
                    required_features: wgpu::Features::empty(),
                    // The adapter's own limits are always valid to ask for, and give the
                    // largest texture size the atlas and targets may grow to.
                    required_limits: adapter.limits(),
                    experimental_features: wgpu::ExperimentalFeatures::disabled(),
                    memory_hints: wgpu::MemoryHints::MemoryUsage,
                    trace: wgpu::Trace::Off,
                })) {
                    Ok(pair) => pair,
                    Err(e) => {
                        failures.push(format!("{backends:?}: {e}"));
                        continue;
                    }
                };
            // wgpu's default for an error outside an error scope is to panic; a renderer bug
            // must not take the app down, so log it and fail the frame instead.
            let error_flag = Arc::new(AtomicBool::new(false));
            let flag = Arc::clone(&error_flag);
            device.on_uncaptured_error(Arc::new(move |error: wgpu::Error| {
                tracing::error!("wgpu: {error}");
                flag.store(true, Ordering::Relaxed);
            }));
            let lost = Arc::new(AtomicBool::new(false));
            let flag = Arc::clone(&lost);
            device.set_device_lost_callback(move |reason, message| {
                tracing::error!("wgpu device lost ({reason:?}): {message}");
                flag.store(true, Ordering::Relaxed);
            });
            tracing::debug!("wgpu adapter: {:?}", adapter.get_info());
            return Ok((
                Self {
                    _instance: instance,
                    adapter,
                    device,
                    queue,
                    error_flag,
                    lost,
                },
                surface,
            ));
        }
        Err(RenderError::NoAdapter(if failures.is_empty() {
            "no backend to try".to_owned()
        } else {
            failures.join("; ")
        }))
    }

    /// "Vulkan llvmpipe (LLVM 15.0.6, 256 bits) (Cpu)".
    pub fn summary(&self) -> String {
        let info = self.adapter.get_info();
        format!("{:?} {} ({:?})", info.backend, info.name, info.device_type)
    }

    /// The largest texture side the device accepts.
    pub fn max_texture_side(&self) -> u32 {
        self.device.limits().max_texture_dimension_2d
    }

    /// An error when the device was lost.
    pub fn check_lost(&self) -> Result<(), RenderError> {
        if self.lost.load(Ordering::Relaxed) {
            return Err(RenderError::Device("the GPU device was lost".into()));
        }
        Ok(())
    }

    /// True (once) when an uncaptured device error happened since the last call.
    pub fn take_error(&self) -> bool {
        self.error_flag.swap(false, Ordering::Relaxed)
    }
}
