//! Every app of the compatibility corpus (tier A and tier B) builds, lays out and paints a
//! balanced frame without panicking, at two scale factors; the frame only uses resources it
//! uploaded, and an unchanged tree paints again without new uploads.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use kryon_dom::display::{DisplayItem, Frame, GlyphKey, ImageId, ResourceChange};
use kryon_tests::{corpus_dir, load_path};
use std::collections::HashSet;
use std::path::PathBuf;

/// Every `.kry` app under the corpus (the `widgets/` libraries are not apps).
fn apps() -> Vec<PathBuf> {
    let Some(dir) = corpus_dir() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("widgets") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "kry") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Glyph keys and image ids live in the renderer after applying `frame`'s resources.
fn apply(frame: &Frame, glyphs: &mut HashSet<GlyphKey>, images: &mut HashSet<ImageId>) {
    for change in &frame.resources {
        match change {
            ResourceChange::UploadGlyph { key, image } => {
                assert!(glyphs.insert(*key), "glyph key {key:?} uploaded twice");
                let bytes = match image.format {
                    kryon_dom::display::GlyphFormat::Alpha => 1,
                    kryon_dom::display::GlyphFormat::Rgba => 4,
                };
                assert_eq!(
                    image.data.len(),
                    (image.width * image.height) as usize * bytes
                );
            }
            ResourceChange::FreeGlyph(key) => assert!(glyphs.remove(key)),
            ResourceChange::UploadImage { id, data } => {
                assert!(images.insert(*id));
                assert_eq!(data.rgba.len(), (data.width * data.height * 4) as usize);
            }
            ResourceChange::FreeImage(id) => assert!(images.remove(id)),
        }
    }
}

fn check_uses(app: &str, frame: &Frame, glyphs: &HashSet<GlyphKey>, images: &HashSet<ImageId>) {
    for item in &frame.items {
        match item {
            DisplayItem::Glyphs { glyphs: g, .. } => {
                assert!(
                    g.iter().all(|i| glyphs.contains(&i.key)),
                    "{app}: unknown glyph"
                );
            }
            DisplayItem::Image(i) => assert!(images.contains(&i.image), "{app}: unknown image"),
            _ => {}
        }
    }
}

#[test]
fn every_corpus_app_paints_a_balanced_frame() {
    let apps = apps();
    if apps.is_empty() {
        eprintln!("compat corpus not found; skipped");
        return;
    }
    assert_eq!(apps.len(), 52);
    for path in apps {
        let app = path.display().to_string();
        let mut loaded = load_path(&path);
        assert!(
            !loaded.diagnostics.iter().any(|d| d.is_error()),
            "{app}: {:?}",
            loaded.diagnostics
        );
        let (mut glyphs, mut images) = (HashSet::new(), HashSet::new());
        let dom = &mut loaded.dom;
        assert!(dom.needs_paint(), "{app}: the first frame");
        let first = dom.paint(1.0);
        assert!(first.is_balanced(), "{app}: unbalanced frame");
        assert!(!first.items.is_empty(), "{app}: nothing painted");
        apply(&first, &mut glyphs, &mut images);
        check_uses(&app, &first, &glyphs, &images);
        let has_text = dom.arena.elements.values().any(|e| {
            matches!(
                e.kind,
                kryon_dom::ElementKind::Text | kryon_dom::ElementKind::Button
            ) && e.computed.is_visible()
                && !e.computed.display_text().trim().is_empty()
        });
        assert!(
            !has_text || first.item_counts().glyphs > 0,
            "{app}: no text drawn"
        );
        assert!(!dom.needs_paint(), "{app}");

        let window = dom.window_config();
        dom.update((window.width as f32, window.height as f32));
        let again = dom.paint(1.0);
        assert!(
            again.resources.is_empty(),
            "{app}: an unchanged tree uploads nothing"
        );
        assert_eq!(again.items, first.items, "{app}: painting is deterministic");

        let hidpi = dom.paint(2.0);
        assert!(hidpi.is_balanced(), "{app}: unbalanced frame at 2×");
        apply(&hidpi, &mut glyphs, &mut images);
        check_uses(&app, &hidpi, &glyphs, &images);
        let runtime: Vec<_> = dom
            .take_diagnostics()
            .into_iter()
            .filter(|d| d.code == "K0409")
            .collect();
        assert!(runtime.is_empty(), "{app}: {runtime:?}");
    }
}

#[test]
fn the_image_app_uploads_its_png_and_reserved_views_draw_placeholders() {
    let Some(dir) = corpus_dir() else { return };
    let mut loaded = load_path(&dir.join("08_Multimedia/image.kry"));
    let frame = loaded.dom.paint(1.0);
    let upload = frame.resources.iter().find_map(|r| match r {
        ResourceChange::UploadImage { data, .. } => Some((data.width, data.height)),
        _ => None,
    });
    assert!(upload.is_some(), "kryon_image.png is uploaded");
    let logo = loaded.dom.element_by_id("mainLogo").unwrap();
    let b = loaded.dom.box_of(logo).unwrap();
    let item = frame
        .items
        .iter()
        .find_map(|i| match i {
            DisplayItem::Image(img) => Some(img.rect),
            _ => None,
        })
        .unwrap();
    assert_eq!((item.width, item.height), (b.width, b.height), "fit: fill");

    let mut embed = load_path(&dir.join("10_Embedding_Views/basic_embed_view.kry"));
    let frame = embed.dom.paint(1.0);
    assert!(frame.is_balanced());
    let hatched = frame
        .items
        .iter()
        .filter(|i| matches!(i, DisplayItem::PushTransform { .. }))
        .count();
    assert!(hatched > 0, "the EmbedView placeholder is hatched");
}
