//! Layout benchmarks: first layout of a 10k-node tree, and re-layout after one text change.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kryon_layout::{LayoutTree, NodeContent, NodeId, TextStyle, default_row_style, default_style};

fn text_style() -> TextStyle {
    TextStyle {
        size_px: 14.0,
        line_height_px: 18.0,
        ..TextStyle::default()
    }
}

/// root → 50 sections → 66 rows → (label, value) texts: 9 951 nodes, 6 600 of them text.
fn build(t: &mut LayoutTree) -> (NodeId, NodeId) {
    let mut sections = Vec::new();
    let mut target = None;
    for s in 0..50 {
        let mut rows = Vec::new();
        for r in 0..66 {
            let label = t.new_leaf(
                default_style(),
                NodeContent::Text(format!("Label {s}.{r}"), text_style()),
            );
            let value = t.new_leaf(
                default_style(),
                NodeContent::Text(format!("value {}", s * 66 + r), text_style()),
            );
            let row = t.new_container(default_row_style());
            t.set_children(row, &[label, value]).expect("valid ids");
            rows.push(row);
            if s == 25 && r == 33 {
                target = Some(value);
            }
        }
        let section = t.new_container(default_style());
        t.set_children(section, &rows).expect("valid ids");
        sections.push(section);
    }
    let root = t.new_container(default_style());
    t.set_children(root, &sections).expect("valid ids");
    (root, target.expect("target built"))
}

fn bench(c: &mut Criterion) {
    c.bench_function("10k nodes: build + first layout (cold text cache)", |b| {
        b.iter(|| {
            let mut t = LayoutTree::new();
            let (root, _) = build(&mut t);
            t.compute(root, 1024.0, 768.0).expect("root");
            black_box(t.box_of(root).expect("root"));
        });
    });

    c.bench_function(
        "10k nodes: full re-layout after viewport resize (no shaping)",
        |b| {
            let mut t = LayoutTree::new();
            let (root, _) = build(&mut t);
            t.compute(root, 1024.0, 768.0).expect("root");
            let mut flip = false;
            b.iter(|| {
                flip = !flip;
                let width = if flip { 1000.0 } else { 1024.0 };
                t.compute(root, width, 768.0).expect("root");
                black_box(t.box_of(root).expect("root"));
            });
        },
    );

    c.bench_function("10k nodes: re-layout after one text change", |b| {
        let mut t = LayoutTree::new();
        let (root, target) = build(&mut t);
        t.compute(root, 1024.0, 768.0).expect("root");
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            let text = if flip {
                "a longer replacement value"
            } else {
                "short"
            };
            t.set_content(target, NodeContent::Text(text.into(), text_style()))
                .expect("target");
            t.compute(root, 1024.0, 768.0).expect("root");
            black_box(t.box_of(target).expect("target"));
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
