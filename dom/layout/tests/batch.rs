//! A first layout shapes its texts in one batch, partly on a helper thread while layout runs:
//! every text must end up exactly as if shaped and measured on its own, including texts layout
//! never measures (fixed size) and duplicates.

use kryon_layout::taffy::{Dimension, FlexDirection, FlexWrap};
use kryon_layout::{
    LayoutTree, NodeContent, ShapedText, TextEngine, TextStyle, WidthConstraint, default_style,
};

#[test]
fn batched_texts_match_texts_shaped_alone() {
    let mut tree = LayoutTree::new();
    let mut texts = Vec::new();
    let mut ids = Vec::new();
    for i in 0..700 {
        // Every fifth string repeats an earlier one; every seventh node has a fixed size.
        let text = if i % 5 == 4 {
            format!("word {}", i / 10)
        } else {
            format!("word {i} and more")
        };
        let mut style = default_style();
        if i % 7 == 0 {
            style.size.width = Dimension::length(30.0);
            style.size.height = Dimension::length(10.0);
        }
        let ts = TextStyle::default();
        ids.push(tree.new_leaf(style, NodeContent::Text(text.clone(), ts.clone())));
        texts.push((text, ts, i % 7 == 0));
    }
    let mut row = default_style();
    row.flex_direction = FlexDirection::Row;
    row.flex_wrap = FlexWrap::Wrap;
    let root = tree.new_container(row);
    tree.set_children(root, &ids).expect("fresh ids");
    tree.compute(root, 800.0, 600.0).expect("root");
    assert_eq!(tree.stats().text_shapings, 560 + 70);

    let mut engine = TextEngine::new();
    for (&id, (text, ts, fixed)) in ids.iter().zip(&texts) {
        let b = tree.box_of(id).expect("live");
        let mut alone = ShapedText::new(text.clone(), ts.clone());
        let size = engine.measure(&mut alone, WidthConstraint::MaxContent);
        if !fixed {
            assert_eq!((b.width, b.height), (size.width, size.height), "{text}");
        }
        engine.layout_for_width(&mut alone, b.width);
        let shaped = tree.shaped_text(id).expect("live").expect("text");
        assert_eq!(shaped.glyph_runs(), alone.glyph_runs(), "{text}");
    }
}
