//! Canvas 2D from scripts (script-api §5): lifecycle callbacks (`onLoad`, `onUpdate`,
//! `draw_script`), the drawing calls (valid only while a `draw_script` runs, else S0118), and
//! argument conversion into the dom's recorded commands.

use super::HostInner;
use crate::error::ScriptError;
use crate::value::Value;
use kryon_dom::canvas::CanvasCommand;
use kryon_dom::style::values::Handler;
use kryon_dom::tree::ElementId;
use kryon_dom::{Color, Dom};
use std::collections::HashSet;

#[derive(Debug, Default)]
pub(crate) struct CanvasState {
    /// The canvas whose `draw_script` is running.
    pub current: Option<ElementId>,
    /// The canvas whose lifecycle callback is running (for `getCanvasData()`).
    pub lifecycle: Option<ElementId>,
    /// `redraw: on_demand` canvases asked to redraw.
    pub invalidated: HashSet<ElementId>,
    /// Canvases drawn at least once, with the size they were drawn at.
    pub drawn: std::collections::HashMap<ElementId, (f32, f32)>,
    /// Reserved 3D calls already warned about.
    pub warned_3d: HashSet<&'static str>,
}

/// The handler an element has for `prop`: an `on…` handler or a handler-typed property such
/// as `draw_script`.
pub(crate) fn element_handler(dom: &Dom, el: ElementId, prop: &str) -> Option<Handler> {
    if let Some(h) = dom.handler(el, prop) {
        return Some(h.clone());
    }
    let id = kryon_dom::style::catalogue::lookup(prop)?;
    let e = dom.arena.elements.get(el)?;
    match e.own.get(&id) {
        Some(kryon_dom::style::PropValue::Handler(h)) => Some(h.clone()),
        _ => None,
    }
}

/// A colour argument: `"#hex"`, `{r, g, b, a}` with 0–1 channels, or nil.
pub(crate) fn color_arg(
    value: &Value,
    function: &str,
    n: usize,
) -> Result<Option<Color>, ScriptError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Color::parse(s).map(Some).ok_or_else(|| {
            ScriptError::new(
                "S0103",
                format!("{function}: argument {n}: invalid colour \"{s}\""),
            )
        }),
        Value::Object(map) => {
            let channel = |k: &str, d: f64| -> u8 {
                let v = map.get(k).and_then(Value::as_f64).unwrap_or(d);
                (v.clamp(0.0, 1.0) * 255.0).round() as u8
            };
            Ok(Some(Color::rgba(
                channel("r", 0.0),
                channel("g", 0.0),
                channel("b", 0.0),
                channel("a", 1.0),
            )))
        }
        other => Err(ScriptError::new(
            "S0103",
            format!(
                "{function}: argument {n}: expected colour, got {}",
                other.type_name()
            ),
        )),
    }
}

fn num(args: &[Value], i: usize, function: &str, default: Option<f32>) -> Result<f32, ScriptError> {
    match args.get(i) {
        Some(Value::Int(v)) => Ok(*v as f32),
        Some(Value::Float(v)) => Ok(*v as f32),
        None | Some(Value::Null) if default.is_some() => Ok(default.unwrap_or(0.0)),
        other => Err(ScriptError::new(
            "S0103",
            format!(
                "{function}: argument {}: expected number, got {}",
                i + 1,
                other.map_or("nil", Value::type_name)
            ),
        )),
    }
}

fn points(value: &Value, function: &str) -> Result<Vec<(f32, f32)>, ScriptError> {
    let Value::Array(items) = value else {
        return Err(ScriptError::new(
            "S0103",
            format!("{function}: argument 1 (points): expected array"),
        ));
    };
    let mut out = Vec::new();
    if items
        .iter()
        .all(|v| matches!(v, Value::Int(_) | Value::Float(_)))
    {
        for pair in items.chunks(2) {
            if let [x, y] = pair {
                out.push((
                    x.as_f64().unwrap_or(0.0) as f32,
                    y.as_f64().unwrap_or(0.0) as f32,
                ));
            }
        }
    } else {
        for item in items {
            let Value::Object(p) = item else {
                return Err(ScriptError::new(
                    "S0103",
                    format!("{function}: points must be {{x=, y=}} tables"),
                ));
            };
            let x = p.get("x").and_then(Value::as_f64).unwrap_or(f64::NAN) as f32;
            let y = p.get("y").and_then(Value::as_f64).unwrap_or(f64::NAN) as f32;
            out.push((x, y));
        }
    }
    Ok(out)
}

impl HostInner {
    /// The canvas a drawing call draws on (S0118 outside a `draw_script`).
    fn drawing_canvas(&self, function: &str) -> Result<ElementId, ScriptError> {
        self.world.borrow().canvas.current.ok_or_else(|| {
            ScriptError::new(
                "S0118",
                format!("{function} is only valid while a draw_script runs"),
            )
        })
    }

    /// One drawing call.
    pub(crate) fn canvas_draw(
        &self,
        op: crate::api::Op,
        args: &[Value],
    ) -> Result<Value, ScriptError> {
        use crate::api::Op;
        let name = match op {
            Op::ClearCanvas => "clearCanvas",
            Op::DrawLine => "drawLine",
            Op::DrawRect => "drawRect",
            Op::DrawRoundedRect => "drawRoundedRect",
            Op::DrawCircle => "drawCircle",
            Op::DrawEllipse => "drawEllipse",
            Op::DrawPolygon => "drawPolygon",
            Op::DrawPolyline => "drawPolyline",
            Op::DrawText => "drawText",
            Op::DrawImage => "drawImage",
            Op::CanvasSave => "save",
            Op::CanvasRestore => "restore",
            Op::CanvasTranslate => "translate",
            Op::CanvasRotate => "rotate",
            _ => "scale",
        };
        let canvas = self.drawing_canvas(name)?;
        let a = |i: usize| args.get(i).unwrap_or(&Value::Null);
        let n = |i: usize| num(args, i, name, None);
        let nd = |i: usize, d: f32| num(args, i, name, Some(d));
        let c = |i: usize| color_arg(a(i), name, i + 1);
        let command = match op {
            Op::ClearCanvas => CanvasCommand::Clear { color: c(0)? },
            Op::DrawLine => CanvasCommand::Line {
                x1: n(0)?,
                y1: n(1)?,
                x2: n(2)?,
                y2: n(3)?,
                color: c(4)?,
                width: nd(5, 1.0)?,
            },
            Op::DrawRect => CanvasCommand::Rect {
                x: n(0)?,
                y: n(1)?,
                w: n(2)?,
                h: n(3)?,
                fill: c(4)?,
                stroke: c(5)?,
                stroke_width: nd(6, 1.0)?,
            },
            Op::DrawRoundedRect => CanvasCommand::RoundedRect {
                x: n(0)?,
                y: n(1)?,
                w: n(2)?,
                h: n(3)?,
                radius: n(4)?,
                fill: c(5)?,
                stroke: c(6)?,
                stroke_width: nd(7, 1.0)?,
            },
            Op::DrawCircle => CanvasCommand::Circle {
                cx: n(0)?,
                cy: n(1)?,
                r: n(2)?,
                fill: c(3)?,
                stroke: c(4)?,
                stroke_width: nd(5, 1.0)?,
            },
            Op::DrawEllipse => CanvasCommand::Ellipse {
                cx: n(0)?,
                cy: n(1)?,
                rx: n(2)?,
                ry: n(3)?,
                fill: c(4)?,
                stroke: c(5)?,
                stroke_width: nd(6, 1.0)?,
            },
            Op::DrawPolygon => CanvasCommand::Polygon {
                points: points(a(0), name)?,
                fill: c(1)?,
                stroke: c(2)?,
                stroke_width: nd(3, 1.0)?,
            },
            Op::DrawPolyline => CanvasCommand::Polyline {
                points: points(a(0), name)?,
                color: c(1)?,
                width: nd(2, 1.0)?,
            },
            Op::DrawText => CanvasCommand::Text {
                text: display(a(0)),
                x: n(1)?,
                y: n(2)?,
                size: nd(3, 14.0)?,
                color: c(4)?.unwrap_or(Color::BLACK),
                font: a(5).as_str().map(str::to_owned),
            },
            Op::DrawImage => CanvasCommand::Image {
                src: a(0).as_str().unwrap_or("").to_owned(),
                x: n(1)?,
                y: n(2)?,
                w: a(3).as_f64().map(|v| v as f32),
                h: a(4).as_f64().map(|v| v as f32),
            },
            Op::CanvasSave => CanvasCommand::Save,
            Op::CanvasRestore => CanvasCommand::Restore,
            Op::CanvasTranslate => CanvasCommand::Translate { x: n(0)?, y: n(1)? },
            Op::CanvasRotate => CanvasCommand::Rotate { radians: n(0)? },
            _ => {
                let sx = n(0)?;
                CanvasCommand::Scale { sx, sy: nd(1, sx)? }
            }
        };
        self.world.borrow_mut().dom.canvas_push(canvas, command);
        Ok(Value::Null)
    }

    /// `getCanvasData(canvas?)`: `[canvas, seed data]`; the engine keeps one live table per
    /// canvas, seeded from `data:` on first use.
    pub(crate) fn canvas_data(&self, canvas: &Value) -> Result<Value, ScriptError> {
        let w = self.world.borrow();
        let el = match canvas {
            Value::Element(e) => *e,
            Value::Null => w.canvas.current.or(w.canvas.lifecycle).ok_or_else(|| {
                ScriptError::new(
                    "S0118",
                    "getCanvasData() needs a canvas argument outside canvas callbacks",
                )
            })?,
            other => {
                return Err(ScriptError::new(
                    "S0103",
                    format!(
                        "getCanvasData: argument 1 (canvas): expected element, got {}",
                        other.type_name()
                    ),
                ));
            }
        };
        let seed = w
            .dom
            .own_property(el, "data")
            .map(Value::from_dom)
            .unwrap_or_default();
        let seed = if matches!(seed, Value::Null) {
            Value::Object(Default::default())
        } else {
            seed
        };
        Ok(Value::Array(vec![Value::Element(el), seed]))
    }

    /// Load step 9: each 2D canvas's `onLoad(canvas)` in document order.
    pub(crate) fn run_canvas_on_load(&self) {
        for canvas in self.canvases() {
            self.canvas_callback(canvas, "onLoad", vec![Value::Element(canvas)]);
        }
    }

    /// Phase 5 (second half): each canvas's `onUpdate(dt, canvas)`.
    pub(crate) fn run_canvas_updates(&self, dt_seconds: f64) {
        for canvas in self.canvases() {
            self.canvas_callback(
                canvas,
                "onUpdate",
                vec![Value::Float(dt_seconds), Value::Element(canvas)],
            );
        }
    }

    /// Phase 10: runs `draw_script`s of canvases that need drawing.
    pub(crate) fn run_draw_scripts(&self) {
        for canvas in self.canvases() {
            let run = {
                let w = self.world.borrow();
                let size = w.dom.canvas_size(canvas).unwrap_or((0.0, 0.0));
                let has = element_handler(&w.dom, canvas, "draw_script").is_some();
                let on_demand = w.dom.canvas_redraw_on_demand(canvas);
                has && (!on_demand
                    || w.canvas.invalidated.contains(&canvas)
                    || w.canvas.drawn.get(&canvas) != Some(&size))
            };
            if !run {
                continue;
            }
            {
                let mut w = self.world.borrow_mut();
                let size = w.dom.canvas_size(canvas).unwrap_or((0.0, 0.0));
                w.canvas.invalidated.remove(&canvas);
                w.canvas.drawn.insert(canvas, size);
                w.canvas.current = Some(canvas);
                w.dom.canvas_begin(canvas);
            }
            let result =
                self.invoke_markup_handler(canvas, "draw_script", vec![Value::Element(canvas)]);
            {
                let mut w = self.world.borrow_mut();
                w.canvas.current = None;
                if w.dom.is_alive(canvas) {
                    w.dom.canvas_end(canvas);
                }
            }
            if let Err(e) = result {
                self.report(e);
            }
        }
    }

    fn canvas_callback(&self, canvas: ElementId, prop: &str, args: Vec<Value>) {
        let has = element_handler(&self.world.borrow().dom, canvas, prop).is_some();
        if !has {
            return;
        }
        self.world.borrow_mut().canvas.lifecycle = Some(canvas);
        let result = self.invoke_markup_handler(canvas, prop, args);
        self.world.borrow_mut().canvas.lifecycle = None;
        if let Err(e) = result {
            self.report(e);
        }
    }

    fn canvases(&self) -> Vec<ElementId> {
        let w = self.world.borrow();
        if w.has_canvases {
            w.dom.canvases_in_document_order()
        } else {
            Vec::new()
        }
    }

    /// True when some canvas redraws every frame (the scheduler keeps running frames).
    pub(crate) fn has_continuous_canvas(&self) -> bool {
        let w = self.world.borrow();
        if !w.has_canvases {
            return false;
        }
        w.dom.canvases_in_document_order().iter().any(|&c| {
            (element_handler(&w.dom, c, "draw_script").is_some()
                && !w.dom.canvas_redraw_on_demand(c))
                || element_handler(&w.dom, c, "onUpdate").is_some()
        })
    }

    /// `measureText(text, size, font)`.
    pub(crate) fn measure_text(&self, args: &[Value]) -> Result<Value, ScriptError> {
        let text = display(args.first().unwrap_or(&Value::Null));
        let size = num(args, 1, "measureText", Some(14.0))?;
        let font = args.get(2).and_then(Value::as_str).map(str::to_owned);
        let (width, height) =
            self.world
                .borrow_mut()
                .dom
                .measure_canvas_text(&text, size, font.as_deref());
        let mut out = indexmap::IndexMap::new();
        out.insert("width".into(), Value::Float(f64::from(width)));
        out.insert("height".into(), Value::Float(f64::from(height)));
        Ok(Value::Object(out))
    }

    /// A reserved 3D call: warn once (K0602), return nil.
    pub(crate) fn canvas_3d(&self, name: &'static str) -> Value {
        let mut w = self.world.borrow_mut();
        if w.canvas.warned_3d.insert(name) {
            let message = format!("K0602: {name} is reserved for 3D canvases and does nothing");
            w.system.log("warn", &message, None);
        }
        Value::Null
    }
}

/// UI formatting of a value (kry §6.6) for text arguments.
pub(crate) fn display(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => kryon_dom::value::format_number(*f),
        Value::Bool(b) => b.to_string(),
        other => other.type_name().to_owned(),
    }
}
