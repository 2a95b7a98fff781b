//! Behaviour of `LayoutTree`: Kryon's layout defaults, text in layout, and incremental re-layout.

use kryon_layout::taffy::{self, Dimension, LengthPercentage, LengthPercentageAuto, Position};
use kryon_layout::{LayoutTree, NodeContent, NodeId, Style, TextStyle, default_style};

fn sized(w: f32, h: f32) -> Style {
    Style {
        size: taffy::Size {
            width: Dimension::length(w),
            height: Dimension::length(h),
        },
        ..default_style()
    }
}

fn text_style() -> TextStyle {
    TextStyle {
        size_px: 16.0,
        line_height_px: 20.0,
        ..TextStyle::default()
    }
}

#[test]
fn root_fills_viewport_and_children_stretch_in_a_column() {
    let mut t = LayoutTree::new();
    let a = t.new_container(default_style());
    let mut s = default_style();
    s.size.height = Dimension::length(30.0);
    t.set_style(a, s).unwrap();
    let b = t.new_container(sized(100.0, 40.0));
    let root = t.new_container(default_style());
    t.set_children(root, &[a, b]).unwrap();
    t.compute(root, 800.0, 600.0).unwrap();
    let r = t.box_of(root).unwrap();
    assert_eq!((r.x, r.y, r.width, r.height), (0.0, 0.0, 800.0, 600.0));
    let a_box = t.box_of(a).unwrap();
    assert_eq!((a_box.width, a_box.height), (800.0, 30.0));
    let b_box = t.box_of(b).unwrap();
    assert_eq!((b_box.x, b_box.y, b_box.width), (0.0, 30.0, 100.0));
}

#[test]
fn absolute_children_are_placed_in_parent_padding_box_in_window_coordinates() {
    let mut t = LayoutTree::new();
    let mut parent_style = sized(200.0, 100.0);
    parent_style.padding = taffy::Rect {
        left: LengthPercentage::length(10.0),
        right: LengthPercentage::length(10.0),
        top: LengthPercentage::length(5.0),
        bottom: LengthPercentage::length(5.0),
    };
    parent_style.margin.left = LengthPercentageAuto::length(40.0);
    parent_style.margin.top = LengthPercentageAuto::length(20.0);
    let parent = t.new_container(parent_style);
    let mut abs = sized(20.0, 20.0);
    abs.position = Position::Absolute;
    abs.inset.right = LengthPercentageAuto::length(0.0);
    abs.inset.top = LengthPercentageAuto::length(3.0);
    let child = t.new_container(abs);
    t.set_children(parent, &[child]).unwrap();
    let root = t.new_container(default_style());
    t.set_children(root, &[parent]).unwrap();
    t.compute(root, 500.0, 500.0).unwrap();
    let b = t.box_of(child).unwrap();
    // Padding box of parent: x 40..240, y 20..120. Right edge at 240, top at 23.
    assert_eq!((b.x, b.y, b.width, b.height), (220.0, 23.0, 20.0, 20.0));
    let g = t.geometry(parent).unwrap();
    assert_eq!(g.content_box().x, 50.0);
}

#[test]
fn text_in_a_column_is_stretched_and_wraps() {
    let mut t = LayoutTree::new();
    let long = "The quick brown fox jumps over the lazy dog again and again";
    let text = t.new_leaf(
        default_style(),
        NodeContent::Text(long.into(), text_style()),
    );
    let col = t.new_container(default_style());
    let mut s = default_style();
    s.size.width = Dimension::length(120.0);
    t.set_style(col, s).unwrap();
    t.set_children(col, &[text]).unwrap();
    let root = t.new_container(default_style());
    t.set_children(root, &[col]).unwrap();
    t.compute(root, 800.0, 600.0).unwrap();
    let b = t.box_of(text).unwrap();
    assert_eq!(b.width, 120.0);
    assert!(b.height >= 80.0, "wrapped onto several 20px lines: {b:?}");
    assert_eq!(b.height % 20.0, 0.0);
    let shaped = t.shaped_text(text).unwrap().expect("text node");
    let runs = shaped.glyph_runs();
    assert_eq!(runs.len() as f32 * 20.0, b.height);
    assert!(runs.iter().all(|r| r.width <= 120.01));
}

#[test]
fn text_in_a_row_takes_its_max_content_width() {
    let mut t = LayoutTree::new();
    let mut engine = kryon_layout::TextEngine::new();
    let expect = engine.measure_str(
        "Hello",
        &text_style(),
        kryon_layout::WidthConstraint::MaxContent,
    );
    let text = t.new_leaf(
        default_style(),
        NodeContent::Text("Hello".into(), text_style()),
    );
    let row = t.new_container(kryon_layout::default_row_style());
    t.set_children(row, &[text]).unwrap();
    t.compute(row, 400.0, 300.0).unwrap();
    let b = t.box_of(text).unwrap();
    assert!((b.width - expect.width).abs() < 0.01);
    assert_eq!(b.height, 300.0, "stretched on the cross axis");
}

#[test]
fn display_none_takes_no_space_and_can_come_back() {
    let mut t = LayoutTree::new();
    let a = t.new_container(sized(50.0, 50.0));
    let b = t.new_container(sized(50.0, 50.0));
    let root = t.new_container(default_style());
    t.set_children(root, &[a, b]).unwrap();
    let mut hidden = sized(50.0, 50.0);
    hidden.display = taffy::Display::None;
    t.set_style(a, hidden).unwrap();
    t.compute(root, 100.0, 200.0).unwrap();
    assert_eq!(t.box_of(b).unwrap().y, 0.0);
    assert_eq!(t.box_of(a).unwrap().width, 0.0);
    t.set_style(a, sized(50.0, 50.0)).unwrap();
    t.compute(root, 100.0, 200.0).unwrap();
    assert_eq!(t.box_of(b).unwrap().y, 50.0);
}

#[test]
fn replaced_content_keeps_aspect_ratio_and_controls_do_not() {
    let mut t = LayoutTree::new();
    let leaf = |keep_aspect| NodeContent::Intrinsic {
        width: 400.0,
        height: 200.0,
        keep_aspect,
    };
    let img = t.new_leaf(default_style(), leaf(true));
    let field = t.new_leaf(default_style(), leaf(false));
    let root = t.new_container(default_style());
    t.set_children(root, &[img, field]).unwrap();
    t.compute(root, 100.0, 500.0).unwrap();
    let b = t.box_of(img).unwrap();
    assert_eq!((b.width, b.height), (100.0, 50.0));
    // Stretched to the column's width, a control keeps its own height.
    let b = t.box_of(field).unwrap();
    assert_eq!((b.width, b.height), (100.0, 200.0));
}

#[test]
fn editing_errors_are_reported() {
    let mut t = LayoutTree::new();
    let a = t.new_container(default_style());
    let b = t.new_container(default_style());
    t.set_children(a, &[b]).unwrap();
    assert!(t.set_children(b, &[a]).is_err(), "cycle");
    t.remove_subtree(a).unwrap();
    assert!(!t.contains(b));
    assert!(t.box_of(a).is_err());
    assert!(t.compute(a, 1.0, 1.0).is_err());
}

/// Builds root → `sections` sections → `rows` rows → (label text, value text). Returns the root
/// and one value-text leaf deep in the tree.
fn big_tree(t: &mut LayoutTree, sections: usize, rows: usize) -> (NodeId, NodeId) {
    let mut section_ids = Vec::new();
    let mut target = None;
    for s in 0..sections {
        let mut row_ids = Vec::new();
        for r in 0..rows {
            let label = t.new_leaf(
                default_style(),
                NodeContent::Text(format!("Label {s}.{r}"), text_style()),
            );
            let value = t.new_leaf(
                default_style(),
                NodeContent::Text(format!("value {}", s * rows + r), text_style()),
            );
            let row = t.new_container(kryon_layout::default_row_style());
            t.set_children(row, &[label, value]).expect("valid ids");
            row_ids.push(row);
            if s == sections / 2 && r == rows / 2 {
                target = Some(value);
            }
        }
        let section = t.new_container(default_style());
        t.set_children(section, &row_ids).expect("valid ids");
        section_ids.push(section);
    }
    let root = t.new_container(default_style());
    t.set_children(root, &section_ids).expect("valid ids");
    (root, target.expect("target exists"))
}

#[test]
fn changing_one_text_in_10k_nodes_relays_out_only_its_path() {
    let mut t = LayoutTree::new();
    // 50 sections × 66 rows × 3 nodes + 51 ≈ 10 000 nodes.
    let (root, target) = big_tree(&mut t, 50, 66);
    assert!(t.len() >= 9_950, "{}", t.len());
    t.compute(root, 1024.0, 768.0).unwrap();
    let first = t.stats();
    assert!(first.nodes_laid_out as usize >= t.len() - 1);

    // Nothing changed: everything is served from the cache.
    t.reset_stats();
    t.compute(root, 1024.0, 768.0).unwrap();
    assert_eq!(t.stats().node_layouts, 0);

    // Change one text: only the path root → section → row → text, plus that row's siblings
    // that the changed row size can affect, are recomputed.
    t.reset_stats();
    let before = t.box_of(target).unwrap();
    t.set_content(
        target,
        NodeContent::Text("a much longer value text".into(), text_style()),
    )
    .unwrap();
    t.compute(root, 1024.0, 768.0).unwrap();
    let stats = t.stats();
    let after = t.box_of(target).unwrap();
    assert!(after.width > before.width);
    assert_eq!(stats.text_shapings, 1, "{stats:?}");
    assert!(
        stats.nodes_laid_out <= 8,
        "O(depth) re-layout expected: {stats:?}"
    );
    assert!(stats.node_layouts <= 40, "{stats:?}");
    println!("first layout: {first:?}\nafter one text change: {stats:?}");

    // Setting the same content again is a no-op.
    t.reset_stats();
    t.set_content(
        target,
        NodeContent::Text("a much longer value text".into(), text_style()),
    )
    .unwrap();
    t.compute(root, 1024.0, 768.0).unwrap();
    assert_eq!(t.stats().node_layouts, 0);
}

#[test]
fn viewport_resize_relayouts_and_fonts_can_be_added() {
    let mut t = LayoutTree::new();
    let (root, target) = big_tree(&mut t, 2, 2);
    t.compute(root, 400.0, 300.0).unwrap();
    t.compute(root, 500.0, 300.0).unwrap();
    assert_eq!(t.box_of(root).unwrap().width, 500.0);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../assets/fonts/JetBrainsMono-Regular.ttf"
    );
    let families = t.add_font_file(path).unwrap();
    assert_eq!(families, vec!["JetBrains Mono".to_string()]);
    assert!(t.is_dirty(target).unwrap());
    assert!(t.add_font_file("/no/such/font.ttf").is_err());
}
