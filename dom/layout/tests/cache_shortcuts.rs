//! The layout tree's cache shortcuts (canonical layout inputs, see `taffy_impl`) must not change
//! any box: trees of rows, columns, texts and fixed boxes with assorted constraints are laid out
//! with and without them and compared bit for bit, at two viewports.

use kryon_layout::taffy::{
    self, AlignItems, Dimension, FlexDirection, FlexWrap, LengthPercentage, LengthPercentageAuto,
};
use kryon_layout::{LayoutTree, NodeContent, NodeId, Style, TextStyle, TextWrap, default_style};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "1.2",
    "a",
    "hello world",
    "wrap me please now",
    "x\ny",
    "mmmm iii",
];

fn leaf_style(rng: &mut Rng) -> Style {
    let mut s = default_style();
    match rng.pick(9) {
        0 => s.min_size.height = LengthPercentageAuto::length(20.0),
        1 => s.max_size.height = LengthPercentageAuto::length(5.0),
        2 => s.aspect_ratio = Some(2.0),
        3 => s.size.height = Dimension::percent(0.5),
        4 => s.min_size.width = LengthPercentageAuto::length(30.0),
        5 => s.padding.top = LengthPercentage::length(3.0),
        6 => s.flex_grow = 1.0,
        _ => {}
    }
    s
}

fn leaf(tree: &mut LayoutTree, rng: &mut Rng) -> NodeId {
    let style = leaf_style(rng);
    match rng.pick(4) {
        0 | 1 => {
            let text = WORDS[rng.pick(WORDS.len() as u64) as usize].to_string();
            let mut ts = TextStyle::default();
            if rng.pick(4) == 0 {
                ts.wrap = TextWrap::NoWrap;
            }
            tree.new_leaf(style, NodeContent::Text(text, ts))
        }
        2 => {
            let mut s = style;
            s.size.width = Dimension::length(6.0);
            s.size.height = Dimension::length(6.0);
            s.padding = taffy::Rect {
                left: LengthPercentage::length(2.0),
                right: LengthPercentage::length(2.0),
                top: LengthPercentage::length(2.0),
                bottom: LengthPercentage::length(2.0),
            };
            tree.new_container(s)
        }
        _ => tree.new_leaf(
            style,
            NodeContent::Intrinsic {
                width: 40.0,
                height: 20.0,
                keep_aspect: rng.pick(2) == 0,
            },
        ),
    }
}

fn container(tree: &mut LayoutTree, rng: &mut Rng, depth: u32) -> NodeId {
    let mut s = leaf_style(rng);
    s.flex_direction = if rng.pick(3) == 0 {
        FlexDirection::Column
    } else {
        FlexDirection::Row
    };
    if rng.pick(5) == 0 {
        s.flex_wrap = FlexWrap::Wrap;
    }
    if rng.pick(5) == 0 {
        s.align_items = AlignItems::BASELINE;
    }
    s.gap.width = LengthPercentage::length(2.0);
    let count = 1 + rng.pick(6);
    let children: Vec<NodeId> = (0..count)
        .map(|_| {
            if depth > 0 && rng.pick(3) == 0 {
                container(tree, rng, depth - 1)
            } else {
                leaf(tree, rng)
            }
        })
        .collect();
    let id = tree.new_container(s);
    tree.set_children(id, &children).expect("fresh ids");
    id
}

fn boxes(seed: u64, shortcuts: bool, viewport: (f32, f32)) -> Vec<[u32; 12]> {
    let mut rng = Rng(seed);
    let mut tree = LayoutTree::new();
    tree.set_cache_shortcuts(shortcuts);
    let rows: Vec<NodeId> = (0..4).map(|_| container(&mut tree, &mut rng, 2)).collect();
    let root = tree.new_container(default_style());
    tree.set_children(root, &rows).expect("fresh ids");
    let mut all = Vec::new();
    for (w, h) in [viewport, (viewport.0 * 0.3, viewport.1 * 1.5)] {
        tree.compute(root, w, h).expect("root");
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            let g = tree.geometry(id).expect("live");
            let (b, o) = (g.border_box, g.scrollable_overflow);
            all.push(
                [
                    b.x,
                    b.y,
                    b.width,
                    b.height,
                    o.x,
                    o.y,
                    o.width,
                    o.height,
                    g.padding.top,
                    g.padding.left,
                    g.border.top,
                    g.border.left,
                ]
                .map(f32::to_bits),
            );
            stack.extend_from_slice(tree.children(id).expect("live"));
        }
    }
    all
}

#[test]
fn shortcuts_change_no_box() {
    for seed in 1..=300u64 {
        let seed = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let viewport = (400.0, 300.0);
        assert_eq!(
            boxes(seed, true, viewport),
            boxes(seed, false, viewport),
            "seed {seed}"
        );
    }
}
