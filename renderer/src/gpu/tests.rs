//! GPU renderer tests. They need an adapter: without one they print why and pass.

use kryon_display::*;

use super::*;

fn renderer() -> Option<GpuRenderer> {
    match GpuRenderer::headless(&GpuOptions::default()) {
        Ok(r) => Some(r),
        Err(e) => {
            eprintln!("skipping GPU test: {e}");
            None
        }
    }
}

#[test]
fn solid_rect() {
    let Some(mut r) = renderer() else { return };
    let mut frame = Frame::new(20.0, 10.0, 1.0, Color::WHITE);
    frame.items.push(DisplayItem::Rect {
        rect: Rect::new(5.0, 2.0, 10.0, 5.0),
        radii: CornerRadii::ZERO,
        color: Color::rgba(255, 0, 0, 255),
    });
    let img = r.render_to_image(&frame).unwrap();
    println!("{}", r.adapter_summary());
    assert_eq!(img.pixel(0, 0), Some([255, 255, 255, 255]));
    assert_eq!(img.pixel(5, 2), Some([255, 0, 0, 255]));
    assert_eq!(img.pixel(14, 6), Some([255, 0, 0, 255]));
    assert_eq!(img.pixel(15, 6), Some([255, 255, 255, 255]));
}
