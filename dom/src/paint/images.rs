//! Images (kry §13.1): loading, intrinsic sizes, upload and `fit`.
//!
//! - An Image's `src` resolves relative to the `.kry` file that wrote it (the file of its
//!   `src` value; of the element when the value came from a style or a script), as `font`
//!   paths do; an absolute path is used as is.
//! - Each file is read and decoded once (the `image` crate; the format is guessed from the
//!   content) into straight-alpha RGBA. The decoded size is the element's intrinsic size for
//!   layout ([`Dom::image_content`]); the layout keeps the aspect ratio when only one dimension
//!   is set.
//! - A file that cannot be read or decoded is warning K0409 at the `src` value; the element lays
//!   out as [`MISSING_IMAGE_SIZE`] square unless sized and draws a placeholder
//!   ([`super::placeholders`]). An empty `src` draws nothing and is not reported.
//! - The first paint that draws an image uploads it ([`ResourceChange::UploadImage`]); when no
//!   Image element uses a file any more, the next paint frees it and drops the decoded pixels.
//! - `fit` resolves into the image rectangle inside the content box ([`fit_rect`]); when that
//!   rectangle pokes out of the content box, or the box has rounded corners, the image is
//!   clipped to the content box.

use super::boxes::BoxInfo;
use super::{Groups, Painter};
use crate::dom::Dom;
use crate::kind::ElementKind;
use crate::style::values::ImageFit;
use crate::tree::{Arena, ElementId};
use kryon_display::{DisplayItem, ImageData, ImageId, ImageItem, Rect, ResourceChange};
use kryon_layout::NodeContent;
use kryon_markup::{Diagnostic, SourceMap, Span};
use slotmap::SecondaryMap;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Width and height a missing or unreadable image lays out with when not sized.
pub const MISSING_IMAGE_SIZE: f32 = 100.0;

/// One image file.
#[derive(Debug)]
pub(crate) enum ImageEntry {
    /// Decoded pixels, and the renderer id once uploaded.
    Decoded {
        data: ImageData,
        uploaded: Option<ImageId>,
    },
    /// The file could not be read or decoded.
    Failed,
}

/// Decoded images by path, and which file each Image element shows.
#[derive(Debug, Default)]
pub(crate) struct ImageStore {
    entries: HashMap<PathBuf, ImageEntry>,
    uses: SecondaryMap<ElementId, PathBuf>,
    next_id: u32,
    free_ids: Vec<ImageId>,
}

impl ImageStore {
    /// Loads a file unless already loaded. Returns the entry and, for a fresh failure, why.
    fn load(&mut self, path: &Path) -> (&ImageEntry, Option<String>) {
        let mut error = None;
        let entry = self
            .entries
            .entry(path.to_path_buf())
            .or_insert_with(|| match decode(path) {
                Ok(data) => ImageEntry::Decoded {
                    data,
                    uploaded: None,
                },
                Err(e) => {
                    error = Some(e);
                    ImageEntry::Failed
                }
            });
        (entry, error)
    }

    /// The file an element shows, if its `src` is set.
    pub fn entry_of(&self, element: ElementId) -> Option<&ImageEntry> {
        self.entries.get(self.uses.get(element)?)
    }

    /// The renderer id of an element's image, uploading it on first use.
    fn upload(&mut self, element: ElementId, out: &mut Vec<ResourceChange>) -> Option<ImageId> {
        let path = self.uses.get(element)?;
        let ImageEntry::Decoded { data, uploaded } = self.entries.get_mut(path)? else {
            return None;
        };
        if let Some(id) = uploaded {
            return Some(*id);
        }
        let id = Self::allocate(&mut self.free_ids, &mut self.next_id);
        out.push(ResourceChange::UploadImage {
            id,
            data: data.clone(),
        });
        *uploaded = Some(id);
        Some(id)
    }

    fn allocate(free_ids: &mut Vec<ImageId>, next_id: &mut u32) -> ImageId {
        free_ids.pop().unwrap_or_else(|| {
            let id = ImageId(*next_id);
            *next_id = next_id.wrapping_add(1);
            id
        })
    }

    /// A renderer image id not in use (canvas images share the id space with files).
    pub(crate) fn allocate_id(&mut self) -> ImageId {
        Self::allocate(&mut self.free_ids, &mut self.next_id)
    }

    /// Returns an id freed by a [`ResourceChange::FreeImage`] for reuse.
    pub(crate) fn recycle_id(&mut self, id: ImageId) {
        self.free_ids.push(id);
    }

    /// Frees images no live Image element uses, and forgets removed elements.
    pub fn sweep(&mut self, arena: &Arena, out: &mut Vec<ResourceChange>) {
        self.uses.retain(|id, _| {
            arena
                .elements
                .get(id)
                .is_some_and(|e| e.kind == ElementKind::Image)
        });
        let live: HashSet<&PathBuf> = self.uses.values().collect();
        let mut freed = Vec::new();
        self.entries.retain(|path, entry| {
            let keep = live.contains(path);
            if !keep
                && let ImageEntry::Decoded {
                    uploaded: Some(id), ..
                } = entry
            {
                freed.push(*id);
            }
            keep
        });
        for id in freed {
            out.push(ResourceChange::FreeImage(id));
            self.free_ids.push(id);
        }
    }

    /// Frees every uploaded image; the decoded pixels stay for the next upload.
    pub fn release(&mut self) -> Vec<ResourceChange> {
        let mut out = Vec::new();
        for entry in self.entries.values_mut() {
            if let ImageEntry::Decoded { uploaded, .. } = entry
                && let Some(id) = uploaded.take()
            {
                out.push(ResourceChange::FreeImage(id));
            }
        }
        self.free_ids.clear();
        self.next_id = 0;
        out
    }
}

/// Reads and decodes an image file into straight-alpha RGBA.
fn decode(path: &Path) -> Result<ImageData, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    let image = image::load_from_memory(&bytes).map_err(|e| format!("cannot decode it: {e}"))?;
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    if width == 0 || height == 0 {
        return Err("it has no pixels".into());
    }
    Ok(ImageData {
        width,
        height,
        rgba: Arc::from(rgba.into_raw()),
    })
}

/// `src` relative to the folder of the file `span` points into (absolute paths as is).
fn resolve(sources: &SourceMap, span: Span, src: &str) -> PathBuf {
    let path = Path::new(src);
    if path.is_absolute() {
        return kryon_markup::load::normalise_path(path);
    }
    let dir = sources
        .get(span.file)
        .and_then(|f| f.path.parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    kryon_markup::load::normalise_path(&dir.join(path))
}

/// Where the whole image lands for a `fit` inside `content` (CSS `object-fit`, centred).
pub(crate) fn fit_rect(fit: ImageFit, content: Rect, width: f32, height: f32) -> Rect {
    if !(width > 0.0 && height > 0.0) || content.is_empty() {
        return content;
    }
    let contain = (content.width / width).min(content.height / height);
    let scale = match fit {
        ImageFit::Fill => return content,
        ImageFit::Contain => contain,
        ImageFit::Cover => (content.width / width).max(content.height / height),
        ImageFit::None => 1.0,
        ImageFit::ScaleDown => contain.min(1.0),
    };
    let (w, h) = (width * scale, height * scale);
    let c = content.center();
    Rect::new(c.x - w / 2.0, c.y - h / 2.0, w, h)
}

impl Dom {
    /// Resolves and loads an Image's `src` (once per file) and returns its intrinsic size for
    /// layout; reports K0409 the first time a file fails.
    pub(crate) fn image_content(&mut self, id: ElementId) -> NodeContent {
        let Some(e) = self.arena.elements.get(id) else {
            return NodeContent::None;
        };
        let src = e.computed.media.src.trim();
        if src.is_empty() {
            self.paint.images.uses.remove(id);
            return NodeContent::Intrinsic {
                width: 0.0,
                height: 0.0,
                keep_aspect: true,
            };
        }
        let span = e.src_span.unwrap_or(e.span);
        let path = resolve(&self.document.sources, span, src);
        let src = src.to_owned();
        self.paint.images.uses.insert(id, path.clone());
        let (entry, error) = self.paint.images.load(&path);
        let content = match entry {
            ImageEntry::Decoded { data, .. } => NodeContent::Intrinsic {
                width: data.width as f32,
                height: data.height as f32,
                keep_aspect: true,
            },
            ImageEntry::Failed => NodeContent::Intrinsic {
                width: MISSING_IMAGE_SIZE,
                height: MISSING_IMAGE_SIZE,
                keep_aspect: true,
            },
        };
        if let Some(error) = error {
            self.report(
                Diagnostic::warning(
                    "K0409",
                    format!("image \"{src}\" is missing or unreadable: {error}"),
                )
                .at(span)
                .with_label("a placeholder is drawn")
                .with_note(format!("looked for {}", path.display())),
            );
        }
        content
    }

    /// Loads every Image's file now (at build time), so a missing image is reported with the
    /// load diagnostics (`kryon check`).
    pub(crate) fn load_images(&mut self) {
        let images: Vec<ElementId> = self
            .arena
            .elements
            .iter()
            .filter(|(_, e)| e.kind == ElementKind::Image)
            .map(|(id, _)| id)
            .collect();
        for id in images {
            self.image_content(id);
        }
    }
}

impl Painter<'_> {
    /// An Image's content: the decoded image fitted into the content box, or a placeholder.
    pub(super) fn image(&mut self, id: ElementId, e: &crate::tree::Element, info: &BoxInfo) {
        let content = info.content_box();
        let size = match self.state.images.entry_of(id) {
            None => return,
            Some(ImageEntry::Failed) => {
                return self.broken_image(id, info, &e.computed.media.alt);
            }
            Some(ImageEntry::Decoded { data, .. }) => (data.width as f32, data.height as f32),
        };
        if content.is_empty() {
            return;
        }
        let Some(image) = self.state.images.upload(id, &mut self.resources) else {
            return;
        };
        let rect = fit_rect(e.computed.media.fit, content, size.0, size.1);
        let radii = info.content_radii();
        let inside = rect.x >= content.x - 0.01
            && rect.y >= content.y - 0.01
            && rect.right() <= content.right() + 0.01
            && rect.bottom() <= content.bottom() + 0.01;
        let mut groups = Groups::default();
        if !inside || !radii.is_zero() {
            self.push(
                &mut groups,
                DisplayItem::PushClip {
                    rect: content,
                    radii,
                },
            );
        }
        self.items
            .push(DisplayItem::Image(ImageItem { image, rect }));
        self.close(groups);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_modes_follow_css_object_fit() {
        let content = Rect::new(0.0, 0.0, 200.0, 100.0);
        assert_eq!(fit_rect(ImageFit::Fill, content, 50.0, 50.0), content);
        assert_eq!(
            fit_rect(ImageFit::Contain, content, 50.0, 50.0),
            Rect::new(50.0, 0.0, 100.0, 100.0)
        );
        assert_eq!(
            fit_rect(ImageFit::Cover, content, 50.0, 50.0),
            Rect::new(0.0, -50.0, 200.0, 200.0)
        );
        assert_eq!(
            fit_rect(ImageFit::None, content, 50.0, 50.0),
            Rect::new(75.0, 25.0, 50.0, 50.0)
        );
        assert_eq!(
            fit_rect(ImageFit::ScaleDown, content, 50.0, 50.0),
            Rect::new(75.0, 25.0, 50.0, 50.0)
        );
        assert_eq!(
            fit_rect(ImageFit::ScaleDown, content, 400.0, 400.0),
            Rect::new(50.0, 0.0, 100.0, 100.0)
        );
        assert_eq!(fit_rect(ImageFit::Cover, content, 0.0, 10.0), content);
    }

    #[test]
    fn paths_resolve_against_the_declaring_file() {
        let mut sources = SourceMap::default();
        let file = sources.add(kryon_markup::SourceFile::new(
            PathBuf::from("/apps/demo/ui/part.kry"),
            "ui/part.kry".into(),
            "",
        ));
        let span = Span::new(file, 0, 0);
        assert_eq!(
            resolve(&sources, span, "../img/a.png"),
            PathBuf::from("/apps/demo/img/a.png")
        );
        assert_eq!(
            resolve(&sources, span, "/abs/b.png"),
            PathBuf::from("/abs/b.png")
        );
    }

    #[test]
    fn undecodable_files_fail_with_a_reason() {
        let dir = std::env::temp_dir().join(format!("kryon-img-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let bad = dir.join("bad.png");
        std::fs::write(&bad, b"not a png").expect("write");
        assert!(decode(&bad).is_err_and(|e| e.contains("decode")));
        assert!(decode(&dir.join("absent.png")).is_err_and(|e| e.contains("read")));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
