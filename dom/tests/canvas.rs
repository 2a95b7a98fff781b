//! Canvas 2D (script-api §5): recorded commands are rasterized into an image of the content box,
//! uploaded once and freed with the canvas. Checked on the uploaded pixels.

mod common;

use common::{load, load_at, temp_dir};
use kryon_dom::canvas::CanvasCommand;
use kryon_dom::display::{DisplayItem, Frame, ImageData, ImageId, Rect, ResourceChange};
use kryon_dom::{Color, Dom, ElementId, Value};

const RED: Color = Color {
    r: 255,
    g: 0,
    b: 0,
    a: 255,
};
const BLUE: Color = Color {
    r: 0,
    g: 0,
    b: 255,
    a: 255,
};

/// An App with one 200×100 canvas at (10, 20) (content box), with a border and padding.
const APP: &str = r#"App {
    align_items: start
    padding: 10
    Canvas { id: "c" width: 212 height: 112 padding: 5 border_width: 1 border_color: #000000 background_color: #00ff00 }
}"#;

fn canvas(dom: &Dom) -> ElementId {
    dom.element_by_id("c").expect("canvas")
}

fn draw(dom: &mut Dom, c: ElementId, commands: Vec<CanvasCommand>) {
    dom.canvas_begin(c);
    for command in commands {
        dom.canvas_push(c, command);
    }
    dom.canvas_end(c);
}

fn uploads(frame: &Frame) -> Vec<(ImageId, ImageData)> {
    frame
        .resources
        .iter()
        .filter_map(|r| match r {
            ResourceChange::UploadImage { id, data } => Some((*id, data.clone())),
            _ => None,
        })
        .collect()
}

fn frees(frame: &Frame) -> Vec<ImageId> {
    frame
        .resources
        .iter()
        .filter_map(|r| match r {
            ResourceChange::FreeImage(id) => Some(*id),
            _ => None,
        })
        .collect()
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

/// Straight RGBA at physical pixel (x, y).
fn px(data: &ImageData, x: u32, y: u32) -> [u8; 4] {
    assert!(x < data.width && y < data.height, "({x}, {y}) outside");
    let i = ((y * data.width + x) * 4) as usize;
    [
        data.rgba[i],
        data.rgba[i + 1],
        data.rgba[i + 2],
        data.rgba[i + 3],
    ]
}

/// The single canvas image of a frame.
fn only_upload(frame: &Frame) -> (ImageId, ImageData) {
    let mut all = uploads(frame);
    assert_eq!(all.len(), 1, "{:?}", frame.resources);
    all.remove(0)
}

fn rect(x: f32, y: f32, w: f32, h: f32, fill: Color) -> CanvasCommand {
    CanvasCommand::Rect {
        x,
        y,
        w,
        h,
        fill: Some(fill),
        stroke: None,
        stroke_width: 1.0,
    }
}

#[test]
fn size_order_and_redraw_mode_come_from_the_tree() {
    let mut dom = load(
        r#"App {
            align_items: start
            Canvas { id: "a" width: 120 height: 60 padding: 4 }
            Container { align_items: start Canvas { id: "b" redraw: on_demand } }
            Canvas { id: "three" mode: "3d" }
            Canvas { id: "d" }
        }"#,
    );
    let id = |dom: &Dom, s: &str| dom.element_by_id(s).expect(s);
    let (a, b, d) = (id(&dom, "a"), id(&dom, "b"), id(&dom, "d"));
    assert_eq!(dom.canvases_in_document_order(), vec![a, b, d]);
    assert_eq!(dom.canvas_size(a), Some((112.0, 52.0)), "content box");
    assert_eq!(dom.canvas_size(b), Some((300.0, 150.0)), "intrinsic size");
    assert!(dom.canvas_redraw_on_demand(b));
    assert!(!dom.canvas_redraw_on_demand(a));
    let (w, h) = dom.measure_canvas_text("Hello", 20.0, None);
    assert!(w > 20.0 && w < 100.0, "{w}");
    assert_eq!(h, 24.0, "one line of 1.2 × size");
    let (w2, h2) = dom.measure_canvas_text("Hello\nHello", 20.0, None);
    assert_eq!((w2, h2), (w, 48.0));
    assert_eq!(dom.measure_canvas_text("x", f32::NAN, None), (0.0, 0.0));
    let _ = dom.paint(1.0);
}

#[test]
fn shapes_rasterize_into_the_content_box_and_upload_once() {
    let mut dom = load(APP);
    let c = canvas(&dom);
    assert_eq!(dom.canvas_size(c), Some((200.0, 100.0)));
    // Nothing recorded: the canvas shows its background only.
    let frame = dom.paint(1.0);
    assert!(uploads(&frame).is_empty() && image_items(&frame).is_empty());

    draw(
        &mut dom,
        c,
        vec![
            rect(10.0, 10.0, 40.0, 30.0, RED),
            CanvasCommand::Circle {
                cx: 150.0,
                cy: 50.0,
                r: 30.0,
                fill: Some(BLUE),
                stroke: None,
                stroke_width: 1.0,
            },
            // Pokes out of the canvas: clipped by the image's edge.
            rect(190.0, 90.0, 100.0, 100.0, RED),
        ],
    );
    assert!(dom.needs_paint());
    let frame = dom.paint(1.0);
    assert!(frame.is_balanced());
    let (id, data) = only_upload(&frame);
    assert_eq!((data.width, data.height), (200, 100));
    assert_eq!(
        image_items(&frame),
        vec![(id, Rect::new(16.0, 16.0, 200.0, 100.0))]
    );
    assert_eq!(px(&data, 30, 25), [255, 0, 0, 255], "rect centre");
    assert_eq!(px(&data, 150, 50), [0, 0, 255, 255], "circle centre");
    assert_eq!(px(&data, 125, 25)[3], 0, "outside the circle");
    assert_eq!(px(&data, 5, 5)[3], 0, "transparent: the background shows");
    assert_eq!(px(&data, 199, 99), [255, 0, 0, 255], "clipped, not dropped");
    // Antialiased edge of the circle.
    let partial = (0..100)
        .flat_map(|y| (110..190).map(move |x| (x, y)))
        .filter(|&(x, y)| (1..255).contains(&px(&data, x, y)[3]))
        .count();
    assert!(partial > 20, "{partial} edge pixels");
    // The background is painted under the image.
    let bg = frame.items.iter().position(
        |i| matches!(i, DisplayItem::Rect { color, .. } if color.g == 255 && color.r == 0),
    );
    let img = frame
        .items
        .iter()
        .position(|i| matches!(i, DisplayItem::Image(_)));
    assert!(bg < img, "{:?}", frame.items);

    // The same commands again: no paint needed, no upload, the same image drawn.
    draw(
        &mut dom,
        c,
        vec![
            rect(10.0, 10.0, 40.0, 30.0, RED),
            CanvasCommand::Circle {
                cx: 150.0,
                cy: 50.0,
                r: 30.0,
                fill: Some(BLUE),
                stroke: None,
                stroke_width: 1.0,
            },
            rect(190.0, 90.0, 100.0, 100.0, RED),
        ],
    );
    assert!(!dom.needs_paint());
    let frame = dom.paint(1.0);
    assert!(frame.resources.is_empty(), "{:?}", frame.resources);
    assert_eq!(image_items(&frame).len(), 1);
    assert_eq!(image_items(&frame)[0].0, id);

    // Changed commands: a new upload, the old image freed.
    draw(&mut dom, c, vec![rect(0.0, 0.0, 10.0, 10.0, BLUE)]);
    assert!(dom.needs_paint());
    let frame = dom.paint(1.0);
    let (new_id, data) = only_upload(&frame);
    assert_eq!(frees(&frame), vec![id]);
    assert_eq!(image_items(&frame)[0].0, new_id);
    assert_eq!(px(&data, 5, 5), [0, 0, 255, 255]);
    assert_eq!(px(&data, 30, 25)[3], 0, "the previous pass is forgotten");

    // A new scale re-rasterizes at physical size.
    let frame = dom.paint(2.0);
    let (_, data) = only_upload(&frame);
    assert_eq!((data.width, data.height), (400, 200));
    assert_eq!(px(&data, 19, 19), [0, 0, 255, 255]);
    assert_eq!(px(&data, 21, 21)[3], 0);
}

#[test]
fn nan_shapes_are_skipped_and_transforms_reset_each_pass() {
    let mut dom = load(APP);
    let c = canvas(&dom);
    draw(
        &mut dom,
        c,
        vec![
            CanvasCommand::Translate { x: 100.0, y: 0.0 },
            rect(f32::NAN, 0.0, 50.0, 50.0, BLUE),
            rect(0.0, 0.0, 10.0, 10.0, RED),
        ],
    );
    assert_eq!(
        dom.canvases.commands(c).len(),
        2,
        "the NaN rect was dropped"
    );
    let frame = dom.paint(1.0);
    let (_, data) = only_upload(&frame);
    assert_eq!(px(&data, 105, 5), [255, 0, 0, 255]);
    assert_eq!(px(&data, 5, 5)[3], 0);
    // A new pass starts from the identity transform.
    draw(&mut dom, c, vec![rect(0.0, 0.0, 10.0, 10.0, RED)]);
    let frame = dom.paint(1.0);
    let (_, data) = only_upload(&frame);
    assert_eq!(px(&data, 5, 5), [255, 0, 0, 255]);
    assert_eq!(px(&data, 105, 5)[3], 0);
}

#[test]
fn text_draws_glyph_pixels_and_clear_fills() {
    let mut dom = load(APP);
    let c = canvas(&dom);
    draw(
        &mut dom,
        c,
        vec![
            CanvasCommand::Clear {
                color: Some(Color {
                    r: 255,
                    g: 255,
                    b: 255,
                    a: 255,
                }),
            },
            CanvasCommand::Text {
                text: "Hello".into(),
                x: 20.0,
                y: 20.0,
                size: 24.0,
                color: Color {
                    r: 0,
                    g: 0,
                    b: 0,
                    a: 255,
                },
                font: None,
            },
        ],
    );
    let frame = dom.paint(1.0);
    let (_, data) = only_upload(&frame);
    assert_eq!(px(&data, 2, 2), [255, 255, 255, 255], "cleared to white");
    let (w, h) = dom.measure_canvas_text("Hello", 24.0, None);
    let dark = |x0: u32, x1: u32, y0: u32, y1: u32| {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| px(&data, x, y)[0] < 128)
            .count()
    };
    let (x1, y1) = ((20.0 + w).ceil() as u32 + 1, (20.0 + h).ceil() as u32 + 1);
    assert!(
        dark(20, x1, 20, y1) > 50,
        "glyphs inked inside the text box"
    );
    assert_eq!(dark(0, 200, 0, 18), 0, "nothing above the text");
    assert_eq!(dark(x1, 200, 0, 100), 0, "nothing right of the text");
}

#[test]
fn rounded_content_boxes_clip_and_removed_canvases_free_their_image() {
    let mut dom = load(
        r#"@variables { show: true }
App {
    align_items: start
    @if $show
        Canvas { id: "c" width: 100 height: 100 border_radius: 20 }
    @end
}"#,
    );
    let c = canvas(&dom);
    draw(&mut dom, c, vec![rect(0.0, 0.0, 100.0, 100.0, RED)]);
    let frame = dom.paint(1.0);
    let (id, _) = only_upload(&frame);
    let at = frame
        .items
        .iter()
        .position(|i| matches!(i, DisplayItem::Image(_)))
        .expect("image");
    assert!(
        matches!(&frame.items[at - 1], DisplayItem::PushClip { radii, .. } if !radii.is_zero()),
        "{:?}",
        frame.items
    );
    dom.set_variable("show", Value::Bool(false)).expect("set");
    dom.update((800.0, 600.0));
    let frame = dom.paint(1.0);
    assert_eq!(frees(&frame), vec![id]);
    assert!(image_items(&frame).is_empty());
    assert!(dom.canvases_in_document_order().is_empty());
}

#[test]
fn images_draw_from_the_app_folder_and_release_reuploads() {
    let dir = temp_dir("canvas-images");
    image::RgbaImage::from_pixel(4, 2, image::Rgba([0, 0, 255, 255]))
        .save(dir.join("pic.png"))
        .expect("png");
    let (mut dom, diags) = load_at(&dir.join("app.kry"), APP);
    assert!(diags.is_empty(), "{diags:?}");
    let c = canvas(&dom);
    draw(
        &mut dom,
        c,
        vec![
            CanvasCommand::Image {
                src: "pic.png".into(),
                x: 0.0,
                y: 0.0,
                w: Some(40.0),
                h: None,
            },
            CanvasCommand::Image {
                src: "missing.png".into(),
                x: 100.0,
                y: 0.0,
                w: None,
                h: None,
            },
        ],
    );
    let diags = dom.take_diagnostics();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code, "K0409");
    let frame = dom.paint(1.0);
    let (id, data) = only_upload(&frame);
    assert_eq!(px(&data, 20, 10), [0, 0, 255, 255], "4×2 scaled to 40×20");
    assert_eq!(px(&data, 20, 21)[3], 0);
    assert_eq!(px(&data, 41, 5)[3], 0);
    // Lost renderer resources: freed, then uploaded again without new commands.
    let released = dom.release_paint_resources();
    assert!(released.contains(&ResourceChange::FreeImage(id)));
    let frame = dom.paint(1.0);
    let (_, again) = only_upload(&frame);
    assert_eq!(again, data);
    let _ = std::fs::remove_dir_all(&dir);
}
