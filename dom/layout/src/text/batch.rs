//! Shaping many texts at once, as the first layout of a tree does.
//!
//! Identical content + style is shaped once. A large batch is shaped by two threads: a helper
//! thread owns its own [`FontSystem`] over a clone of the engine's font database (cloning keeps
//! the face ids, so the helper's buffers are identical to the main system's and draw with it).
//!
//! The batch overlaps with layout. The helper shapes from the front of the batch (document
//! order, the order layout measures in) while the main thread shapes a share from the back and
//! then returns to lay the tree out. A text whose buffer is not ready yet stays pending: the
//! first measurement takes it from the helper (waiting if the helper is shaping it right now) or
//! shapes it on the spot if nobody has claimed it. [`TextEngine::join_batch`] and
//! [`TextEngine::take_pending`] settle the rest once layout is done.

use std::collections::hash_map::Entry;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::{JoinHandle, Thread};

use cosmic_text::{Buffer, FontSystem};

use super::{FastMap, ShapeKey, ShapedText, TextEngine, shape};

/// Below this many distinct strings a helper thread costs more than it saves.
const PARALLEL_MIN: usize = 128;
/// Share of a parallel batch the main thread shapes before layout starts. Layout measures a text
/// in about a fifth of the time shaping it takes, so with this head start the helper stays ahead
/// of layout's first pass and the two threads finish shaping at about the same time.
const MAIN_SHARE: usize = 40;

/// One string to shape: its key and the resolved family name.
type Job = (ShapeKey, String);

/// State shared with the helper thread.
struct Shared {
    jobs: Vec<Job>,
    /// Set by whichever thread shapes the job.
    claimed: Vec<AtomicBool>,
    results: Vec<Mutex<Option<Buffer>>>,
    /// The main thread, unparked after each result the helper stores.
    main: Thread,
    /// Set when the helper thread ends (normally or by a panic).
    helper_exited: AtomicBool,
}

impl Shared {
    fn result(&self, job: usize) -> MutexGuard<'_, Option<Buffer>> {
        self.results[job]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// A batch still being shaped, while layout runs.
pub(crate) struct Batch {
    shared: Arc<Shared>,
    helper: Option<JoinHandle<FontSystem>>,
    /// Texts still to receive each job's buffer (the last one takes it, others clone).
    users: Vec<u32>,
}

/// Marks the helper as exited and wakes the main thread, even if shaping panicked.
struct ExitGuard(Arc<Shared>);

impl Drop for ExitGuard {
    fn drop(&mut self) {
        self.0.helper_exited.store(true, Ordering::Release);
        self.0.main.unpark();
    }
}

fn parallelism() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

impl TextEngine {
    /// Shapes every text of `texts` that has no shaped buffer yet; in a large batch some texts
    /// are left pending (see the module documentation). Hits of the shaping cache are used, but
    /// the batch's results are not added to it: a first layout's strings are mostly distinct,
    /// and each text keeps its own buffer anyway.
    pub(crate) fn shape_all(&mut self, texts: &mut [Box<ShapedText>]) {
        // Distinct keys not in the cache → job index; (text, job) pairs to hand out afterwards.
        let mut unique: FastMap<ShapeKey, usize> = FastMap::default();
        let mut wanted: Vec<(usize, usize)> = Vec::new();
        for (i, t) in texts.iter_mut().enumerate() {
            if !t.needs_shaping() {
                continue;
            }
            let key = ShapeKey {
                text: t.text.clone(),
                style: t.style.clone(),
            };
            if let Some(buffer) = self.shape_cache.get(&key) {
                self.counters.shape_cache_hits += 1;
                t.buffer = Some(buffer.clone());
                continue;
            }
            let next = unique.len();
            match unique.entry(key) {
                Entry::Occupied(e) => {
                    self.counters.shape_cache_hits += 1;
                    wanted.push((i, *e.get()));
                }
                Entry::Vacant(e) => {
                    e.insert(next);
                    wanted.push((i, next));
                }
            }
        }
        if unique.is_empty() {
            return;
        }
        self.counters.shapings += unique.len() as u64;
        let mut keys: Vec<Option<ShapeKey>> = vec![None; unique.len()];
        for (key, j) in unique {
            keys[j] = Some(key);
        }
        // A batch uses few families: resolve each once (requested name → registered name).
        let mut families: Vec<(String, String)> = Vec::new();
        let jobs: Vec<Job> = keys
            .into_iter()
            .flatten()
            .map(|key| {
                let requested = key.style.family.as_str();
                let family = match families.iter().find(|(r, _)| r == requested) {
                    Some((_, name)) => name.clone(),
                    None => {
                        let name = self.families.resolve(requested).name;
                        families.push((requested.to_string(), name.clone()));
                        name
                    }
                };
                (key, family)
            })
            .collect();
        let mut users = vec![0u32; jobs.len()];
        for &(_, j) in &wanted {
            users[j] += 1;
        }
        let batch = self.start_batch(jobs, users);
        self.batch = Some(batch);
        for &(i, j) in &wanted {
            match self.try_take(j) {
                Some(buffer) => texts[i].buffer = Some(buffer),
                None => texts[i].pending = Some(j),
            }
        }
    }

    /// Starts the helper on the front of `jobs` and shapes a share from the back here (or all of
    /// them here when the batch is small or there is one core).
    fn start_batch(&mut self, jobs: Vec<Job>, users: Vec<u32>) -> Batch {
        let n = jobs.len();
        self.large_batch |= n >= PARALLEL_MIN;
        let shared = Arc::new(Shared {
            claimed: (0..n).map(|_| AtomicBool::new(false)).collect(),
            results: (0..n).map(|_| Mutex::new(None)).collect(),
            jobs,
            main: std::thread::current(),
            helper_exited: AtomicBool::new(false),
        });
        let mut helper = None;
        if n >= PARALLEL_MIN && parallelism() >= 2 {
            // The helper is rebuilt when faces were added since it was made.
            let faces = self.font_system.db().len();
            let mut font_system = match self.helper.take() {
                Some(h) if h.db().len() == faces => h,
                _ => FontSystem::new_with_locale_and_db(
                    self.font_system.locale().to_string(),
                    self.font_system.db().clone(),
                ),
            };
            let theirs = Arc::clone(&shared);
            helper = std::thread::Builder::new()
                .name("kryon-shaping".into())
                .spawn(move || {
                    let guard = ExitGuard(theirs);
                    let shared = &guard.0;
                    for (j, (key, family)) in shared.jobs.iter().enumerate() {
                        if shared.claimed[j].swap(true, Ordering::AcqRel) {
                            continue;
                        }
                        let buffer = shape(&mut font_system, family, &key.text, &key.style);
                        *shared.result(j) = Some(buffer);
                        shared.main.unpark();
                    }
                    font_system
                })
                .ok();
        }
        // Without a helper everything is shaped here, now.
        let quota = if helper.is_some() {
            n * MAIN_SHARE / 100
        } else {
            n
        };
        for j in (0..n).rev().take(quota) {
            if shared.claimed[j].swap(true, Ordering::AcqRel) {
                break;
            }
            let (key, family) = &shared.jobs[j];
            let buffer = shape(&mut self.font_system, family, &key.text, &key.style);
            *shared.result(j) = Some(buffer);
        }
        Batch {
            shared,
            helper,
            users,
        }
    }

    /// Job `j`'s buffer if it is ready (cloned while other texts still need it).
    fn try_take(&mut self, j: usize) -> Option<Buffer> {
        let batch = self.batch.as_mut()?;
        let mut slot = batch.shared.result(j);
        let users = batch.users.get_mut(j)?;
        if *users > 1 {
            *users -= 1;
            slot.clone()
        } else {
            slot.take()
        }
    }

    /// The buffer of a pending text: taken from the batch (waiting while the helper shapes
    /// it), or shaped here if no thread has claimed it.
    pub(crate) fn take_pending(&mut self, text: &ShapedText, j: usize) -> Buffer {
        while let Some(shared) = self.batch.as_ref().map(|b| Arc::clone(&b.shared)) {
            let exited = shared.helper_exited.load(Ordering::Acquire);
            if let Some(buffer) = self.try_take(j) {
                return buffer;
            }
            // Unclaimed, or claimed by a helper that died before storing it: shape it here.
            if !shared.claimed[j].swap(true, Ordering::AcqRel) || exited {
                let (key, family) = &shared.jobs[j];
                let buffer = shape(&mut self.font_system, family, &key.text, &key.style);
                *shared.result(j) = Some(buffer);
                continue;
            }
            std::thread::park();
        }
        // No batch (not expected): shape through the cache.
        self.shaped_buffer(&text.text, &text.style)
    }

    /// Waits for the helper thread to finish and keeps its font system for the next batch.
    /// Pending texts can still be settled with [`Self::take_pending`] until [`Self::end_batch`].
    pub(crate) fn join_batch(&mut self) {
        let Some(handle) = self.batch.as_mut().and_then(|b| b.helper.take()) else {
            return;
        };
        // A helper that panicked left its jobs claimed: `take_pending` shapes them here.
        if let Ok(font_system) = handle.join() {
            self.helper = Some(font_system);
        }
    }

    /// Drops the finished batch.
    pub(crate) fn end_batch(&mut self) {
        self.join_batch();
        self.batch = None;
    }
}
