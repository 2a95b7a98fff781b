//! Shaping many texts at once, as the first layout of a tree does.
//!
//! Identical content + style is shaped once. A large batch is split with one helper thread that
//! owns its own [`FontSystem`] over a clone of the engine's font database: cloning keeps the face
//! ids, so the helper's buffers are identical to the main system's and draw with it.

use std::collections::hash_map::Entry;

use cosmic_text::{Buffer, FontSystem};

use super::{FastMap, ShapeKey, ShapedText, TextEngine, drawable_size, shape};

/// Below this many distinct strings a helper thread costs more than it saves.
const PARALLEL_MIN: usize = 128;

/// One string to shape: its key and the resolved family name.
type Job<'a> = (&'a ShapeKey, &'a str);

impl TextEngine {
    /// Shapes every text of `texts` that has no shaped buffer yet. Hits of the shaping cache are
    /// used, but the batch's results are not added to it: a first layout's strings are mostly
    /// distinct, and each text keeps its own buffer anyway.
    pub(crate) fn shape_all(&mut self, texts: &mut [Box<ShapedText>]) {
        // Distinct keys not in the cache → job index; (text, job) pairs to hand out afterwards.
        let mut unique: FastMap<ShapeKey, usize> = FastMap::default();
        let mut wanted: Vec<(usize, usize)> = Vec::new();
        for (i, t) in texts.iter_mut().enumerate() {
            if t.buffer.is_some() || t.text.is_empty() || !drawable_size(t.style.size_px) {
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
        let mut keys: Vec<Option<&ShapeKey>> = vec![None; unique.len()];
        for (key, &j) in &unique {
            keys[j] = Some(key);
        }
        let keys: Vec<&ShapeKey> = keys.into_iter().flatten().collect();
        // A batch uses few families: resolve each once (requested name → registered name).
        let mut families: Vec<(&str, String)> = Vec::new();
        for key in &keys {
            let requested = key.style.family.as_str();
            if !families.iter().any(|(r, _)| *r == requested) {
                families.push((requested, self.families.resolve(requested).name));
            }
        }
        let jobs: Vec<Job<'_>> = keys
            .iter()
            .map(|key| {
                let requested = key.style.family.as_str();
                let family = families
                    .iter()
                    .find(|(r, _)| *r == requested)
                    .map_or("", |(_, name)| name.as_str());
                (*key, family)
            })
            .collect();
        let buffers = self.shape_jobs(&jobs);
        // Each distinct buffer moves to its last user and is cloned for the others.
        let mut last_use = vec![usize::MAX; buffers.len()];
        for (n, &(_, j)) in wanted.iter().enumerate() {
            last_use[j] = n;
        }
        let mut buffers: Vec<Option<Buffer>> = buffers.into_iter().map(Some).collect();
        for (n, &(i, j)) in wanted.iter().enumerate() {
            texts[i].buffer = if last_use[j] == n {
                buffers[j].take()
            } else {
                buffers[j].clone()
            };
        }
    }

    /// Shapes `jobs` in order, on two threads when the batch is large.
    fn shape_jobs(&mut self, jobs: &[Job<'_>]) -> Vec<Buffer> {
        if jobs.len() < PARALLEL_MIN
            || std::thread::available_parallelism().map_or(1, |n| n.get()) < 2
        {
            return run(&mut self.font_system, jobs);
        }
        // The helper is rebuilt when faces were added since it was made.
        let faces = self.font_system.db().len();
        if self.helper.as_ref().is_none_or(|h| h.db().len() != faces) {
            self.helper = Some(FontSystem::new_with_locale_and_db(
                self.font_system.locale().to_string(),
                self.font_system.db().clone(),
            ));
        }
        let Some(helper) = self.helper.as_mut() else {
            return run(&mut self.font_system, jobs);
        };
        let main = &mut self.font_system;
        let (mine, theirs) = jobs.split_at(jobs.len() / 2);
        std::thread::scope(|scope| {
            let handle = std::thread::Builder::new()
                .name("kryon-shaping".into())
                .spawn_scoped(scope, || run(helper, theirs));
            let mut out = run(main, mine);
            match handle {
                Ok(handle) => match handle.join() {
                    Ok(rest) => out.extend(rest),
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                // No thread available: shape the rest here.
                Err(_) => out.extend(run(main, theirs)),
            }
            out
        })
    }
}

fn run(font_system: &mut FontSystem, jobs: &[Job<'_>]) -> Vec<Buffer> {
    jobs.iter()
        .map(|(key, family)| shape(font_system, family, &key.text, &key.style))
        .collect()
}
