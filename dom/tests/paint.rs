//! The paint pass: display-list order, groups, text resources, images and the needs-paint flag.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

mod common;

use common::{load, load_at, temp_dir};
use kryon_dom::Dom;
use kryon_dom::display::{
    Affine, Color, DisplayItem, Frame, GlyphFormat, ImageId, Point, Rect, ResourceChange,
};

fn paint(dom: &mut Dom) -> Frame {
    let frame = dom.paint(1.0);
    assert!(frame.is_balanced(), "{:#?}", frame.items);
    frame
}

fn rgb(hex: u32) -> Color {
    Color::rgba((hex >> 16) as u8, (hex >> 8) as u8, hex as u8, 255)
}

/// Index of the first filled rectangle of a colour.
fn rect_of(frame: &Frame, color: Color) -> usize {
    frame
        .items
        .iter()
        .position(|i| matches!(i, DisplayItem::Rect { color: c, .. } if *c == color))
        .unwrap_or_else(|| panic!("no rect of {color:?} in {:#?}", frame.items))
}

fn has_rect(frame: &Frame, color: Color) -> bool {
    frame
        .items
        .iter()
        .any(|i| matches!(i, DisplayItem::Rect { color: c, .. } if *c == color))
}

fn position(frame: &Frame, pred: impl Fn(&DisplayItem) -> bool) -> usize {
    frame
        .items
        .iter()
        .position(pred)
        .unwrap_or_else(|| panic!("item not found in {:#?}", frame.items))
}

/// The clip rectangles open at item `index`, outermost first.
fn clips_at(frame: &Frame, index: usize) -> Vec<Rect> {
    let mut stack = Vec::new();
    for item in &frame.items[..index] {
        match item {
            DisplayItem::PushClip { rect, .. } => stack.push(*rect),
            DisplayItem::PopClip => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack
}

/// The composed transform in effect at item `index`.
fn transform_at(frame: &Frame, index: usize) -> Affine {
    let mut stack = vec![Affine::IDENTITY];
    for item in &frame.items[..index] {
        match item {
            DisplayItem::PushTransform { transform } => {
                let top = *stack.last().unwrap();
                stack.push(top.after(transform));
            }
            DisplayItem::PopTransform => {
                stack.pop();
            }
            _ => {}
        }
    }
    *stack.last().unwrap()
}

fn glyph_uploads(frame: &Frame) -> usize {
    frame
        .resources
        .iter()
        .filter(|r| matches!(r, ResourceChange::UploadGlyph { .. }))
        .count()
}

fn image_items(frame: &Frame) -> Vec<(ImageId, Rect)> {
    frame
        .items
        .iter()
        .filter_map(|i| match i {
            DisplayItem::Image(img) => Some((img.image, img.rect)),
            _ => None,
        })
        .collect()
}

fn box_of(dom: &Dom, id: &str) -> kryon_layout::Rect {
    dom.box_of(dom.element_by_id(id).unwrap()).unwrap()
}

fn close(a: Point, b: Point) -> bool {
    (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01
}

#[test]
fn frame_size_clear_colour_and_balance() {
    let mut dom = load("App { background_color: #102030 Text { text: \"Hi\" } }");
    let frame = paint(&mut dom);
    assert_eq!(
        (frame.width, frame.height, frame.scale_factor),
        (800.0, 600.0, 1.0)
    );
    assert_eq!(frame.clear_color, rgb(0x102030));
    assert!(
        !has_rect(&frame, rgb(0x102030)),
        "the App background is the clear colour"
    );
    assert!(frame.item_counts().glyphs == 2);
    let mut plain = load("App { }");
    assert_eq!(paint(&mut plain).clear_color, Color::WHITE);
}

#[test]
fn element_parts_paint_in_css_order() {
    let mut dom = load(
        r##"App {
            Button {
                text: "Go"
                width: 200 height: 100
                background_color: #ff0000
                border_width: 2 border_color: #00ff00
                box_shadow: "0 2 4 #0000ff, 0 0 3 #000000 inset"
                Container { width: 10 height: 10 background_color: #ffff00 }
            }
        }"##,
    );
    let frame = paint(&mut dom);
    let shadow = position(&frame, |i| matches!(i, DisplayItem::Shadow(s) if !s.inset));
    let background = rect_of(&frame, rgb(0xff0000));
    let inset = position(&frame, |i| matches!(i, DisplayItem::Shadow(s) if s.inset));
    let border = position(&frame, |i| matches!(i, DisplayItem::Border { .. }));
    let text = position(&frame, |i| matches!(i, DisplayItem::Glyphs { .. }));
    let child = rect_of(&frame, rgb(0xffff00));
    assert!(
        shadow < background && background < inset && inset < border,
        "{frame:#?}"
    );
    assert!(border < text && text < child, "{frame:#?}");
}

#[test]
fn z_index_orders_layers_after_flow_content() {
    let mut dom = load(
        r##"App {
            Container { width: 10 height: 10 background_color: #ff0000 z_index: 2 }
            Container { width: 10 height: 10 background_color: #00ff00 z_index: 1 }
            Container { width: 10 height: 10 background_color: #0000ff }
            Container { width: 10 height: 10 background_color: #000001 z_index: -1 }
            Container { width: 10 height: 10 background_color: #000002 z_index: 1 }
        }"##,
    );
    let frame = paint(&mut dom);
    let order: Vec<usize> = [0x000001, 0x0000ff, 0x00ff00, 0x000002, 0xff0000]
        .map(|c| rect_of(&frame, rgb(c)))
        .to_vec();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn a_high_layer_paints_over_later_siblings_of_its_parent_and_keeps_their_clips() {
    let mut dom = load(
        r##"App {
            Container {
                overflow: hidden width: 100 height: 40
                Container {
                    Container {
                        position: absolute top: 20 width: 300 height: 300
                        z_index: 1000 background_color: #ff00ff
                    }
                }
            }
            Container { height: 50 background_color: #00ffff }
        }"##,
    );
    let frame = paint(&mut dom);
    let menu = rect_of(&frame, rgb(0xff00ff));
    let after = rect_of(&frame, rgb(0x00ffff));
    assert!(after < menu, "the z 1000 layer paints last");
    let clips = clips_at(&frame, menu);
    assert!(
        clips.contains(&Rect::new(0.0, 0.0, 100.0, 40.0)),
        "still clipped by its ancestor's overflow: {clips:?}"
    );
}

#[test]
fn overflow_clips_children_only() {
    let mut dom = load(
        r##"App {
            Container {
                overflow: hidden width: 100 height: 60 padding: 5
                border_width: 2 border_color: #000000 border_radius: 10
                background_color: #ff0000
                Container { width: 300 height: 300 background_color: #00ff00 }
            }
            Container { width: 10 height: 10 background_color: #0000ff }
        }"##,
    );
    let frame = paint(&mut dom);
    let own = rect_of(&frame, rgb(0xff0000));
    let child = rect_of(&frame, rgb(0x00ff00));
    let sibling = rect_of(&frame, rgb(0x0000ff));
    let viewport = Rect::new(0.0, 0.0, 800.0, 600.0);
    assert_eq!(
        clips_at(&frame, own),
        vec![viewport],
        "the App scrolls (overflow_y auto)"
    );
    assert_eq!(clips_at(&frame, sibling), vec![viewport]);
    assert_eq!(
        clips_at(&frame, child),
        vec![viewport, Rect::new(2.0, 2.0, 96.0, 56.0)]
    );
    let clip = position(
        &frame,
        |i| matches!(i, DisplayItem::PushClip { rect, .. } if rect.width == 96.0),
    );
    let DisplayItem::PushClip { radii, .. } = &frame.items[clip] else {
        unreachable!()
    };
    assert_eq!(radii.top_left, 8.0, "inner radius = radius - border");
    assert!(own < clip && clip < child);
    assert!(matches!(frame.items[child + 1], DisplayItem::PopClip));
}

#[test]
fn scroll_offsets_shift_the_clipped_content() {
    let mut dom = load(
        r##"App {
            Container {
                overflow: scroll height: 50 scroll_y: 20
                Container { height: 200 background_color: #00ff00 }
            }
        }"##,
    );
    let frame = paint(&mut dom);
    let child = rect_of(&frame, rgb(0x00ff00));
    let t = transform_at(&frame, child);
    assert_eq!((t.tx, t.ty), (0.0, -20.0));
}

#[test]
fn opacity_groups_the_subtree() {
    let mut dom = load(
        r##"App {
            Container {
                opacity: 0.5 width: 50 height: 50 background_color: #ff0000
                Container { width: 10 height: 10 background_color: #00ff00 }
            }
            Container { width: 10 height: 10 background_color: #0000ff }
        }"##,
    );
    let frame = paint(&mut dom);
    let push = position(
        &frame,
        |i| matches!(i, DisplayItem::PushOpacity { opacity } if *opacity == 0.5),
    );
    let pop = position(&frame, |i| matches!(i, DisplayItem::PopOpacity));
    let (own, child) = (
        rect_of(&frame, rgb(0xff0000)),
        rect_of(&frame, rgb(0x00ff00)),
    );
    let sibling = rect_of(&frame, rgb(0x0000ff));
    assert!(push < own && own < child && child < pop, "{frame:#?}");
    assert!(
        !(push < sibling && sibling < pop),
        "the sibling is outside the group"
    );
}

#[test]
fn transforms_turn_about_the_centre_and_translate_moves_it() {
    let mut dom = load(
        r##"App {
            align_items: start
            Container {
                id: "spin" width: 100 height: 50 margin: 30
                background_color: #ff0000 transform: { rotate: 30deg scale: 2 }
            }
            Container {
                id: "move" width: 40 height: 40
                background_color: #00ff00 transform: { translate_x: 10 translate_y: 5 }
            }
            Container {
                id: "corner" width: 40 height: 40 margin_left: 60 transform_origin: "0 0"
                background_color: #0000ff transform: { rotate: 90 }
            }
        }"##,
    );
    let frame = paint(&mut dom);
    let centre = |id: &str| {
        let b = box_of(&dom, id);
        Point::new(b.x + b.width / 2.0, b.y + b.height / 2.0)
    };
    let spin = transform_at(&frame, rect_of(&frame, rgb(0xff0000)));
    assert!(close(spin.apply(centre("spin")), centre("spin")));
    assert!(!spin.is_identity());
    let moved = transform_at(&frame, rect_of(&frame, rgb(0x00ff00)));
    let c = centre("move");
    assert!(close(moved.apply(c), Point::new(c.x + 10.0, c.y + 5.0)));
    let corner = transform_at(&frame, rect_of(&frame, rgb(0x0000ff)));
    let b = box_of(&dom, "corner");
    assert!(close(
        corner.apply(Point::new(b.x, b.y)),
        Point::new(b.x, b.y)
    ));
}

#[test]
fn invisible_and_undisplayed_subtrees_paint_nothing() {
    let mut dom = load(
        r##"App {
            Container {
                visible: false width: 10 height: 10 background_color: #ff0000
                Container { visible: true width: 5 height: 5 background_color: #00ff00 }
                Text { text: "x" }
            }
            Container { display: none background_color: #0000ff Text { text: "y" } }
            Input { type: hidden value: "secret" }
        }"##,
    );
    let frame = paint(&mut dom);
    let counts = frame.item_counts();
    assert_eq!(
        (counts.rects, counts.glyphs, counts.borders),
        (0, 0, 0),
        "{frame:#?}"
    );
    assert_eq!(counts.groups, 1, "only the App's scroll clip");
}

#[test]
fn glyphs_upload_once_and_new_text_uploads_only_new_glyphs() {
    let mut dom = load("@variables { msg: \"abc\" }\nApp { Text { id: \"t\" text: $msg } }");
    let first = paint(&mut dom);
    assert_eq!(glyph_uploads(&first), 3);
    for r in &first.resources {
        if let ResourceChange::UploadGlyph { image, .. } = r {
            assert_eq!(image.format, GlyphFormat::Alpha);
            assert_eq!(image.data.len(), (image.width * image.height) as usize);
        }
    }
    dom.update((800.0, 600.0));
    let second = paint(&mut dom);
    assert!(second.resources.is_empty(), "{:?}", second.resources);
    let glyphs = |f: &Frame| {
        f.items
            .iter()
            .find_map(|i| match i {
                DisplayItem::Glyphs { glyphs, .. } => Some(glyphs.clone()),
                _ => None,
            })
            .unwrap()
    };
    assert_eq!(glyphs(&first), glyphs(&second));
    dom.set_variable("msg", "abcd".into()).unwrap();
    dom.update((800.0, 600.0));
    let third = paint(&mut dom);
    assert_eq!(glyph_uploads(&third), 1, "only `d` is new");
    assert_eq!(glyphs(&third).len(), 4);
}

#[test]
fn glyphs_are_rasterized_at_physical_size_and_placed_on_the_pixel_grid() {
    let src = "App { Text { text: \"Wq\" font_size: 20 } }";
    let size = |scale: f32| {
        let mut dom = load(src);
        let frame = dom.paint(scale);
        assert!(frame.is_balanced());
        let height = frame
            .resources
            .iter()
            .filter_map(|r| match r {
                ResourceChange::UploadGlyph { image, .. } => Some(image.height),
                _ => None,
            })
            .max()
            .unwrap();
        for item in &frame.items {
            if let DisplayItem::Glyphs { glyphs, .. } = item {
                for g in glyphs {
                    let (px, py) = (g.x * scale, g.y * scale);
                    assert!((px - px.round()).abs() < 1e-3 && (py - py.round()).abs() < 1e-3);
                }
            }
        }
        height
    };
    let (one, two) = (size(1.0), size(2.0));
    assert!(two >= 2 * one - 2 && two <= 2 * one + 2, "{one} vs {two}");
    for odd in [0.0, -1.0, f32::NAN, f32::INFINITY, 1e9] {
        let mut dom = load(src);
        let frame = dom.paint(odd);
        assert!(frame.is_balanced() && frame.scale_factor.is_finite() && frame.scale_factor > 0.0);
    }
}

#[test]
fn text_decoration_draws_a_line_under_the_text() {
    let mut dom = load("App { align_items: start Link { id: \"l\" text: \"Docs\" } }");
    let frame = paint(&mut dom);
    let b = box_of(&dom, "l");
    let line = frame
        .items
        .iter()
        .find_map(|i| match i {
            DisplayItem::Rect { rect, color, .. } if *color == rgb(0x1A5FD1) => Some(*rect),
            _ => None,
        })
        .unwrap();
    assert!(line.height >= 1.0 && line.height <= 2.0);
    assert!(
        line.y > b.y + b.height * 0.6 && line.y < b.y + b.height,
        "{line:?} in {b:?}"
    );
    assert!((line.width - b.width).abs() < 2.0);
}

#[test]
fn needs_paint_tracks_changes_that_affect_pixels() {
    let mut dom =
        load("@variables { n: 1 }\nApp { Text { id: \"t\" text: $n > 5 ? \"big\" : \"small\" } }");
    assert!(dom.needs_paint(), "the first frame");
    paint(&mut dom);
    assert!(!dom.needs_paint());
    dom.update((800.0, 600.0));
    assert!(!dom.needs_paint(), "an update with nothing dirty");
    dom.set_variable("n", 2.into()).unwrap();
    assert!(dom.needs_paint(), "work is pending");
    dom.update((800.0, 600.0));
    assert!(!dom.needs_paint(), "the text did not change");
    dom.set_variable("n", 9.into()).unwrap();
    dom.update((800.0, 600.0));
    assert!(dom.needs_paint(), "the text changed");
    paint(&mut dom);
    assert!(!dom.needs_paint());
    dom.update((640.0, 480.0));
    assert!(dom.needs_paint(), "a new viewport lays out again");
    let frame = paint(&mut dom);
    assert_eq!((frame.width, frame.height), (640.0, 480.0));
}

#[test]
fn focus_outline_rings_the_element() {
    let mut dom = load("App { align_items: start Button { id: \"b\" text: \"OK\" } }");
    paint(&mut dom);
    let b = dom.element_by_id("b").unwrap();
    dom.set_focus_outline(Some(b));
    assert!(dom.needs_paint());
    let frame = paint(&mut dom);
    let bb = box_of(&dom, "b");
    let ring = frame
        .items
        .iter()
        .find_map(|i| match i {
            DisplayItem::Border { rect, sides, .. } if sides.colors[0] == rgb(0x3B82F6) => {
                Some((*rect, sides.widths[0]))
            }
            _ => None,
        })
        .unwrap();
    assert_eq!(ring.1, 2.0);
    let expected = Rect::new(bb.x - 3.0, bb.y - 3.0, bb.width + 6.0, bb.height + 6.0);
    let edges = |r: Rect| [r.x, r.y, r.right(), r.bottom()];
    for (a, b) in edges(ring.0).into_iter().zip(edges(expected)) {
        assert!(
            (a - b).abs() <= 0.5,
            "{:?} vs {expected:?} (edges snap to pixels)",
            ring.0
        );
    }
}

#[test]
fn checkbox_radio_and_field_looks() {
    let mut dom = load(
        r##"App {
            align_items: start
            Input { id: "on" type: checkbox text: "Subscribe" checked: true }
            Input { id: "off" type: checkbox checked: false }
            Input { id: "radio" type: radio checked: true }
            Input { id: "field" placeholder: "Your name" }
            Input { id: "slider" type: range value: 25 }
        }"##,
    );
    let frame = paint(&mut dom);
    let on = box_of(&dom, "on");
    assert!(on.width > 16.0 + 6.0 + 40.0, "box + gap + label: {on:?}");
    let accent = rgb(0x3B82F6);
    let filled = frame
        .items
        .iter()
        .filter(|i| matches!(i, DisplayItem::Rect { rect, color, .. } if *color == accent && rect.width == 16.0))
        .count();
    assert_eq!(filled, 1, "the checked checkbox box");
    let ticks = frame
        .items
        .iter()
        .filter(|i| matches!(i, DisplayItem::PushTransform { .. }))
        .count();
    assert_eq!(ticks, 2, "two strokes of one tick");
    assert!(
        frame.items.iter().any(
            |i| matches!(i, DisplayItem::Rect { rect, color, .. } if *color == accent && rect.width == 8.0)
        ),
        "the radio dot"
    );
    let placeholder = frame.items.iter().any(|i| {
        matches!(i, DisplayItem::Glyphs { color, glyphs } if color.a == 115 && glyphs.len() == 8)
    });
    assert!(placeholder, "dimmed placeholder text");
    let slider = box_of(&dom, "slider");
    let fill = frame
        .items
        .iter()
        .find_map(|i| match i {
            DisplayItem::Rect { rect, color, .. } if *color == accent && rect.height == 4.0 => {
                Some(*rect)
            }
            _ => None,
        })
        .unwrap();
    assert!((fill.width - (slider.width - 16.0) * 0.25).abs() < 0.01);
}

#[test]
fn reserved_elements_draw_a_labelled_placeholder() {
    let loaded = kryon_markup::load_str(
        std::path::Path::new("app.kry"),
        "App { align_items: start EmbedView { id: \"web\" } Canvas { mode: \"3d\" } Canvas { id: \"flat\" background_color: #00ff00 } }",
    );
    let (mut dom, diags) = kryon_dom::build(loaded.document);
    assert!(!diags.has_errors());
    dom.update((800.0, 600.0));
    let frame = paint(&mut dom);
    let fills = frame
        .items
        .iter()
        .filter(|i| matches!(i, DisplayItem::Rect { color, .. } if *color == rgb(0xF3F4F6)))
        .count();
    assert_eq!(fills, 2, "EmbedView and the 3D canvas");
    let captions = frame
        .items
        .iter()
        .filter(|i| matches!(i, DisplayItem::Glyphs { .. }))
        .count();
    assert_eq!(captions, 2);
    assert!(
        has_rect(&frame, rgb(0x00ff00)),
        "a 2D canvas paints its background"
    );
    let web = box_of(&dom, "web");
    assert_eq!((web.width, web.height), (300.0, 150.0));
}

fn write_png(path: &std::path::Path, width: u32, height: u32) {
    image::RgbaImage::from_pixel(width, height, image::Rgba([255, 0, 0, 255]))
        .save(path)
        .unwrap();
}

#[test]
fn images_load_relative_to_the_file_upload_once_and_size_the_layout() {
    let dir = temp_dir("paint-images");
    write_png(&dir.join("pic.png"), 40, 20);
    let (mut dom, diags) = load_at(
        &dir.join("app.kry"),
        r#"App {
            align_items: start
            Image { id: "natural" src: "pic.png" }
            Image { id: "wide" src: "pic.png" width: 80 }
            Image { id: "fit" src: "pic.png" width: 100 height: 100 fit: contain }
            Image { id: "cover" src: "pic.png" width: 100 height: 100 fit: cover }
        }"#,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let natural = box_of(&dom, "natural");
    assert_eq!((natural.width, natural.height), (40.0, 20.0));
    let wide = box_of(&dom, "wide");
    assert_eq!((wide.width, wide.height), (80.0, 40.0), "aspect ratio kept");
    let frame = paint(&mut dom);
    let uploads: Vec<_> = frame
        .resources
        .iter()
        .filter_map(|r| match r {
            ResourceChange::UploadImage { id, data } => Some((*id, data.width, data.height)),
            _ => None,
        })
        .collect();
    assert_eq!(uploads.len(), 1, "one file, one upload");
    let (id, w, h) = uploads[0];
    assert_eq!((w, h), (40, 20));
    let items = image_items(&frame);
    assert_eq!(items.len(), 4);
    assert!(items.iter().all(|(i, _)| *i == id));
    let fit = box_of(&dom, "fit");
    assert_eq!(items[2].1, Rect::new(fit.x, fit.y + 25.0, 100.0, 50.0));
    let cover = box_of(&dom, "cover");
    assert_eq!(items[3].1, Rect::new(cover.x - 50.0, cover.y, 200.0, 100.0));
    let cover_index = position(
        &frame,
        |i| matches!(i, DisplayItem::Image(img) if img.rect.width == 200.0),
    );
    assert_eq!(
        clips_at(&frame, cover_index).last(),
        Some(&Rect::new(cover.x, cover.y, 100.0, 100.0)),
        "cover is clipped to the content box"
    );
    dom.update((800.0, 600.0));
    assert!(paint(&mut dom).resources.is_empty(), "uploaded once");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_changed_src_reloads_and_frees_the_old_image() {
    let dir = temp_dir("paint-src");
    write_png(&dir.join("a.png"), 10, 10);
    write_png(&dir.join("b.png"), 20, 10);
    let (mut dom, diags) = load_at(
        &dir.join("app.kry"),
        "@variables { which: \"a.png\" }\nApp { align_items: start Image { id: \"img\" src: $which } }",
    );
    assert!(diags.is_empty(), "{diags:?}");
    let first = paint(&mut dom);
    let Some(ResourceChange::UploadImage { id: old, .. }) = first.resources.first() else {
        panic!("{:?}", first.resources)
    };
    dom.set_variable("which", "b.png".into()).unwrap();
    dom.update((800.0, 600.0));
    assert_eq!(box_of(&dom, "img").width, 20.0);
    let second = paint(&mut dom);
    assert!(
        matches!(
            second.resources.as_slice(),
            [ResourceChange::UploadImage { data, .. }, ResourceChange::FreeImage(freed)]
                if data.width == 20 && freed == old
        ),
        "{:?}",
        second.resources
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_image_warns_at_its_src_and_draws_a_placeholder() {
    let dir = temp_dir("paint-missing");
    let (mut dom, diags) = load_at(
        &dir.join("app.kry"),
        "App {\n    align_items: start\n    Image {\n        id: \"logo\"\n        src: \"nope.png\"\n        alt: \"Logo\"\n    }\n}\n",
    );
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d.code, "K0409");
    assert!(!d.is_error());
    let span = d.span.unwrap();
    let (_, line, column) = dom.document.sources.location(span).unwrap();
    assert_eq!((line, column), (5, 14));
    let logo = box_of(&dom, "logo");
    assert_eq!((logo.width, logo.height), (100.0, 100.0));
    let frame = paint(&mut dom);
    assert!(image_items(&frame).is_empty());
    assert!(has_rect(&frame, rgb(0xE5E7EB)), "grey placeholder box");
    let strokes = frame
        .items
        .iter()
        .filter(|i| matches!(i, DisplayItem::PushTransform { .. }))
        .count();
    assert_eq!(strokes, 2, "a diagonal cross");
    assert_eq!(frame.item_counts().glyphs, 4, "the alt text");
    assert!(
        !frame
            .resources
            .iter()
            .any(|r| matches!(r, ResourceChange::UploadImage { .. }))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn released_resources_are_uploaded_again() {
    let mut dom = load("App { Text { text: \"ab\" } }");
    let first = paint(&mut dom);
    let freed = dom.release_paint_resources();
    assert_eq!(freed.len(), glyph_uploads(&first));
    assert!(dom.needs_paint());
    assert_eq!(glyph_uploads(&paint(&mut dom)), glyph_uploads(&first));
}

#[test]
fn offscreen_elements_are_culled_until_scrolled_into_view() {
    let src = |scroll: u32| {
        format!(
            r##"App {{
                scroll_y: {scroll}
                Container {{ height: 2000 flex_shrink: 0 }}
                Container {{ height: 20 flex_shrink: 0 background_color: #ff0000 Text {{ text: "far" }} }}
            }}"##
        )
    };
    let mut top = load(&src(0));
    let frame = paint(&mut top);
    assert!(!has_rect(&frame, rgb(0xff0000)));
    assert_eq!(frame.item_counts().glyphs, 0);
    assert!(
        frame.resources.is_empty(),
        "nothing offscreen is rasterized"
    );
    let mut scrolled = load(&src(1800));
    let frame = paint(&mut scrolled);
    let far = rect_of(&frame, rgb(0xff0000));
    assert_eq!(transform_at(&frame, far).ty, -1800.0);
    assert_eq!(frame.item_counts().glyphs, 3);
}

#[test]
fn odd_values_never_panic_and_frames_stay_finite() {
    let mut dom = load(
        r##"App {
            Container {
                width: 999999999999999999999999999999999999999999 height: 10
                border_radius: 99999999 border_width: 99999 border_color: #000000
                box_shadow: "0 0 99999999 99999999 #000000" background_color: #ff0000
            }
            Container {
                transform: { scale: 0 } width: 10 height: 10 background_color: #00ff00
                Text { text: "gone" }
            }
            Container {
                transform: { rotate: 99999999deg scale_x: -2 } opacity: -3
                width: 10 height: 10 background_color: #0000ff
            }
            Container { overflow: hidden scroll_y: -50 scroll_x: 99999999 height: 5 Text { text: "s" } }
            Text { text: "huge" font_size: 100000 }
            Text { text: "tiny" font_size: 0 }
            Text { text: "neg" font_size: -5 letter_spacing: -100 }
            Input { type: range min: 10 max: 10 value: "abc" }
            Input { type: checkbox checked: true width: 0 height: 0 border_radius: 50% }
            Image { src: "" }
            EmbedView { }
        }"##,
    );
    for scale in [1.0, 0.0, 3.0, f32::NAN] {
        let frame = dom.paint(scale);
        assert!(frame.is_balanced());
        for item in &frame.items {
            let rect = match item {
                DisplayItem::Rect { rect, .. }
                | DisplayItem::Border { rect, .. }
                | DisplayItem::PushClip { rect, .. } => *rect,
                DisplayItem::Shadow(s) => s.rect,
                DisplayItem::Image(i) => i.rect,
                _ => continue,
            };
            assert!(
                [rect.x, rect.y, rect.width, rect.height]
                    .iter()
                    .all(|v| !v.is_nan()),
                "{item:?}"
            );
            assert!(rect.width >= 0.0 && rect.height >= 0.0, "{item:?}");
        }
    }
    assert!(
        !has_rect(&dom.paint(1.0), rgb(0x00ff00)),
        "a zero scale hides the subtree"
    );
}

#[test]
fn painting_before_the_first_update_is_an_empty_frame() {
    let loaded = kryon_markup::load_str(
        std::path::Path::new("app.kry"),
        "App { Text { text: \"a\" } }",
    );
    let (mut dom, _) = kryon_dom::build(loaded.document);
    let frame = dom.paint(1.0);
    assert!(frame.items.is_empty() && frame.resources.is_empty());
    assert!(dom.needs_paint(), "layout is still pending");
}
