//! Canvas 2D content (script-api §5): the canvas's last recorded pass, rasterized into an image
//! of the content box at the frame's scale ([`crate::canvas::raster`]) and drawn as a
//! [`DisplayItem::Image`], clipped to the content box.
//!
//! The image is rasterized and uploaded again only when the commands, the content box's
//! physical size or the scale changed; the old upload is freed then. A canvas without commands
//! draws nothing. When a canvas is removed (or becomes a 3D placeholder) the next paint frees
//! its image.

use super::boxes::BoxInfo;
use super::{Groups, Painter};
use crate::canvas::raster::{RasterContext, rasterize};
use crate::canvas::{Canvases, RasterCache};
use crate::kind::ElementKind;
use crate::paint::images::ImageStore;
use crate::tree::{Arena, ElementId};
use kryon_display::{DisplayItem, ImageData, ImageItem, Rect, ResourceChange};
use std::sync::Arc;

/// Largest side of a canvas image in physical px; a larger canvas is rasterized at a lower
/// resolution and scaled up.
const MAX_CANVAS_PX: f32 = 8192.0;

impl Canvases {
    /// Frees the images of canvases that are gone (or no longer 2D) and forgets them.
    pub(crate) fn sweep(
        &mut self,
        arena: &Arena,
        ids: &mut ImageStore,
        out: &mut Vec<ResourceChange>,
    ) {
        self.entries.retain(|id, entry| {
            let keep = arena.elements.get(id).is_some_and(|e| {
                e.kind == ElementKind::Canvas && !super::is_3d_canvas(&e.computed)
            });
            if !keep && let Some(uploaded) = entry.raster.as_ref().and_then(|r| r.uploaded) {
                out.push(ResourceChange::FreeImage(uploaded));
                ids.recycle_id(uploaded);
            }
            keep
        });
    }

    /// Frees every uploaded canvas image; the pixels stay for the next upload.
    pub(crate) fn release(&mut self) -> Vec<ResourceChange> {
        self.entries
            .values_mut()
            .filter_map(|e| e.raster.as_mut()?.uploaded.take())
            .map(ResourceChange::FreeImage)
            .collect()
    }
}

impl Painter<'_> {
    /// A 2D canvas's drawing.
    pub(super) fn canvas(&mut self, id: ElementId, info: &BoxInfo) {
        let content = info.content_box();
        if content.is_empty() {
            return;
        }
        let Some(entry) = self.canvases.entries.get(id) else {
            return;
        };
        if entry.commands.is_empty() {
            return;
        }
        // Physical size; a huge canvas is rasterized at a lower scale.
        let longest = content.width.max(content.height) * self.scale;
        let scale = if longest > MAX_CANVAS_PX {
            self.scale * MAX_CANVAS_PX / longest
        } else {
            self.scale
        };
        let width = (content.width * scale).round().max(1.0) as u32;
        let height = (content.height * scale).round().max(1.0) as u32;
        let key = (entry.version, width, height, scale.to_bits());
        let fresh = entry.raster.as_ref().is_some_and(|r| r.key == key);
        if !fresh {
            let mut ctx = RasterContext {
                text: self.layout.tree.text_engine_mut(),
                swash: &mut self.canvases.swash,
                images: &self.canvases.images,
            };
            let Some(rgba) = rasterize(&entry.commands, width, height, scale, &mut ctx) else {
                return;
            };
            let data = ImageData {
                width,
                height,
                rgba: Arc::from(rgba),
            };
            let Some(entry) = self.canvases.entries.get_mut(id) else {
                return;
            };
            let old = entry.raster.replace(RasterCache {
                key,
                data,
                uploaded: None,
            });
            if let Some(old) = old.and_then(|r| r.uploaded) {
                self.resources.push(ResourceChange::FreeImage(old));
                self.state.images.recycle_id(old);
            }
        }
        let Some(raster) = self
            .canvases
            .entries
            .get_mut(id)
            .and_then(|e| e.raster.as_mut())
        else {
            return;
        };
        let image = match raster.uploaded {
            Some(image) => image,
            None => {
                let image = self.state.images.allocate_id();
                self.resources.push(ResourceChange::UploadImage {
                    id: image,
                    data: raster.data.clone(),
                });
                raster.uploaded = Some(image);
                image
            }
        };
        let rect = Rect::new(
            content.x,
            content.y,
            width as f32 / scale,
            height as f32 / scale,
        );
        let radii = info.content_radii();
        let mut groups = Groups::default();
        if rect.right() > content.right() + 0.01
            || rect.bottom() > content.bottom() + 0.01
            || !radii.is_zero()
        {
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
