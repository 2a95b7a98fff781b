//! Layout fixtures checked against Chromium.
//!
//! Every `tests/layout_fixtures/NAME.json` is built into a [`LayoutTree`] and each node's box must
//! be within 0.5 px of the `getBoundingClientRect()` Chromium computed for the equivalent CSS
//! flexbox page (`NAME.expected.json`, written by `tests/layout_fixtures/generate.py`).

use std::path::{Path, PathBuf};

use kryon_layout::taffy::{
    self, AlignContent, AlignItems, BoxSizing, Dimension, Display, FlexDirection, FlexWrap,
    JustifyContent, LengthPercentage, LengthPercentageAuto, Position,
};
use kryon_layout::{LayoutTree, NodeContent, NodeId, Style, TextStyle, TextWrap, default_style};
use serde_json::Value;

const TOLERANCE: f32 = 0.5;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/layout_fixtures")
}

fn num(v: &Value) -> f32 {
    v.as_f64()
        .unwrap_or_else(|| panic!("expected a number, got {v}")) as f32
}

fn percent(v: &Value) -> Option<f32> {
    v.as_str()?
        .strip_suffix('%')?
        .parse::<f32>()
        .ok()
        .map(|p| p / 100.0)
}

fn dimension(v: &Value) -> Dimension {
    if v.as_str() == Some("auto") {
        Dimension::auto()
    } else if let Some(p) = percent(v) {
        Dimension::percent(p)
    } else {
        Dimension::length(num(v))
    }
}

fn lpa(v: &Value) -> LengthPercentageAuto {
    if v.as_str() == Some("auto") {
        LengthPercentageAuto::auto()
    } else if let Some(p) = percent(v) {
        LengthPercentageAuto::percent(p)
    } else {
        LengthPercentageAuto::length(num(v))
    }
}

fn lp(v: &Value) -> LengthPercentage {
    if let Some(p) = percent(v) {
        LengthPercentage::percent(p)
    } else {
        LengthPercentage::length(num(v))
    }
}

/// CSS edge shorthand: 1, 2 or 4 values → (top, right, bottom, left).
fn edges<T>(v: &Value, f: impl Fn(&Value) -> T) -> taffy::Rect<T> {
    let items: Vec<&Value> = match v.as_array() {
        Some(a) => a.iter().collect(),
        None => vec![v],
    };
    let (t, r, b, l) = match items.as_slice() {
        [a] => (*a, *a, *a, *a),
        [v, h] => (*v, *h, *v, *h),
        [t, r, b, l] => (*t, *r, *b, *l),
        _ => panic!("bad edges {v}"),
    };
    taffy::Rect {
        top: f(t),
        right: f(r),
        bottom: f(b),
        left: f(l),
    }
}

fn align_items(s: &str) -> AlignItems {
    match s {
        "start" => AlignItems::FLEX_START,
        "end" => AlignItems::FLEX_END,
        "center" => AlignItems::CENTER,
        "stretch" => AlignItems::STRETCH,
        "baseline" => AlignItems::BASELINE,
        _ => panic!("align {s}"),
    }
}

fn align_content(s: &str) -> AlignContent {
    match s {
        "start" => AlignContent::FLEX_START,
        "end" => AlignContent::FLEX_END,
        "center" => AlignContent::CENTER,
        "stretch" => AlignContent::STRETCH,
        "space_between" => AlignContent::SPACE_BETWEEN,
        "space_around" => AlignContent::SPACE_AROUND,
        "space_evenly" => AlignContent::SPACE_EVENLY,
        _ => panic!("align_content {s}"),
    }
}

fn style_from(json: &Value) -> Style {
    let mut s = default_style();
    let Some(map) = json.as_object() else {
        return s;
    };
    for (key, v) in map {
        let text = v.as_str().unwrap_or("");
        match key.as_str() {
            "width" => s.size.width = dimension(v),
            "height" => s.size.height = dimension(v),
            "min_width" => s.min_size.width = lpa(v),
            "min_height" => s.min_size.height = lpa(v),
            "max_width" => s.max_size.width = lpa(v),
            "max_height" => s.max_size.height = lpa(v),
            "flex_basis" => s.flex_basis = dimension(v),
            "flex_grow" => s.flex_grow = num(v),
            "flex_shrink" => s.flex_shrink = num(v),
            "aspect_ratio" => s.aspect_ratio = Some(num(v)),
            "order" => {} // not a taffy style: applied with `LayoutTree::set_order`
            "top" => s.inset.top = lpa(v),
            "right" => s.inset.right = lpa(v),
            "bottom" => s.inset.bottom = lpa(v),
            "left" => s.inset.left = lpa(v),
            "gap" => {
                s.gap = taffy::Size {
                    width: lp(v),
                    height: lp(v),
                }
            }
            "row_gap" => s.gap.height = lp(v),
            "column_gap" => s.gap.width = lp(v),
            "padding" => s.padding = edges(v, lp),
            "border" => s.border = edges(v, lp),
            "margin" => s.margin = edges(v, lpa),
            "display" => {
                s.display = if text == "none" {
                    Display::None
                } else {
                    Display::Flex
                }
            }
            "position" => {
                s.position = if text == "absolute" {
                    Position::Absolute
                } else {
                    Position::Relative
                }
            }
            "box_sizing" => {
                s.box_sizing = if text == "content_box" {
                    BoxSizing::ContentBox
                } else {
                    BoxSizing::BorderBox
                }
            }
            "flex_direction" => {
                s.flex_direction = match text {
                    "row" => FlexDirection::Row,
                    "row_reverse" => FlexDirection::RowReverse,
                    "column_reverse" => FlexDirection::ColumnReverse,
                    _ => FlexDirection::Column,
                }
            }
            "flex_wrap" => {
                s.flex_wrap = match text {
                    "wrap" => FlexWrap::Wrap,
                    "wrap_reverse" => FlexWrap::WrapReverse,
                    _ => FlexWrap::NoWrap,
                }
            }
            "align_items" => s.align_items = align_items(text),
            "align_self" => s.align_self = Some(align_items(text)),
            "align_content" => s.align_content = align_content(text),
            "justify_content" => {
                s.justify_content = match text {
                    "start" => JustifyContent::FLEX_START,
                    "end" => JustifyContent::FLEX_END,
                    other => align_content(other),
                }
            }
            other => panic!("unknown fixture style property {other}"),
        }
    }
    s
}

fn text_style_from(json: &Value) -> TextStyle {
    let size = json.get("size").map_or(14.0, num);
    TextStyle {
        size_px: size,
        weight: json.get("weight").map_or(400.0, num) as u16,
        line_height_px: json.get("line_height").map_or(size * 1.2, num),
        wrap: if json.get("nowrap").and_then(Value::as_bool) == Some(true) {
            TextWrap::NoWrap
        } else {
            TextWrap::Normal
        },
        ..TextStyle::default()
    }
}

fn build(
    tree: &mut LayoutTree,
    json: &Value,
    path: String,
    ids: &mut Vec<(String, NodeId)>,
) -> NodeId {
    let style = style_from(&json["style"]);
    let id = match json.get("text").and_then(Value::as_str) {
        Some(text) => tree.new_leaf(
            style,
            NodeContent::Text(text.to_string(), text_style_from(&json["text_style"])),
        ),
        None => tree.new_container(style),
    };
    if let Some(order) = json["style"].get("order") {
        tree.set_order(id, num(order) as i32).expect("fresh id");
    }
    ids.push((path.clone(), id));
    let children: Vec<NodeId> = json
        .get("children")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .enumerate()
                .map(|(i, child)| build(tree, child, format!("{path}/{i}"), ids))
                .collect()
        })
        .unwrap_or_default();
    tree.set_children(id, &children).expect("fresh ids");
    id
}

/// Lays out one fixture; returns the mismatches (empty when all boxes match).
fn check(name: &str) -> (usize, Vec<String>) {
    let dir = fixtures_dir();
    let read = |file: String| -> Value {
        let text =
            std::fs::read_to_string(dir.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
    };
    let fixture = read(format!("{name}.json"));
    let expected = read(format!("{name}.expected.json"));
    let mut tree = LayoutTree::new();
    let mut ids = Vec::new();
    let root = build(&mut tree, &fixture["root"], "r".to_string(), &mut ids);
    let vp = &fixture["viewport"];
    tree.compute(root, num(&vp[0]), num(&vp[1]))
        .expect("root exists");
    let mut errors = Vec::new();
    // The cache shortcuts must not move any box (bit for bit).
    let mut plain = LayoutTree::new();
    plain.set_cache_shortcuts(false);
    let mut plain_ids = Vec::new();
    let plain_root = build(
        &mut plain,
        &fixture["root"],
        "r".to_string(),
        &mut plain_ids,
    );
    plain
        .compute(plain_root, num(&vp[0]), num(&vp[1]))
        .expect("root exists");
    for ((path, id), (_, plain_id)) in ids.iter().zip(&plain_ids) {
        let (a, b) = (tree.geometry(*id), plain.geometry(*plain_id));
        if a != b {
            errors.push(format!(
                "{name} {path}: {a:?} with shortcuts, {b:?} without"
            ));
        }
    }
    for (path, id) in &ids {
        let want: Vec<f32> = expected["boxes"][path.as_str()]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: no expected box for {path}"))
            .iter()
            .map(num)
            .collect();
        let b = tree.box_of(*id).expect("live node");
        let got = [b.x, b.y, b.width, b.height];
        if got
            .iter()
            .zip(&want)
            .any(|(g, w)| (g - w).abs() > TOLERANCE)
        {
            errors.push(format!("{name} {path}: got {got:?}, chromium {want:?}"));
        }
    }
    (ids.len(), errors)
}

#[test]
fn layout_matches_chromium() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures folder")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".json")?;
            (!stem.ends_with(".expected")).then(|| stem.to_string())
        })
        .collect();
    names.sort();
    assert!(names.len() >= 15, "fixtures missing: {names:?}");
    let mut all_errors = Vec::new();
    let mut boxes = 0;
    for name in &names {
        let (count, errors) = check(name);
        boxes += count;
        all_errors.extend(errors);
    }
    println!(
        "{} fixtures, {boxes} boxes, {} mismatches",
        names.len(),
        all_errors.len()
    );
    assert!(all_errors.is_empty(), "\n{}", all_errors.join("\n"));
}
