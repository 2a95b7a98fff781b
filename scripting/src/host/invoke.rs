//! [`invoke`]: every host [`Op`], implemented once for all languages. Arguments arrive in
//! declaration order (handle methods get their receiver first) and were type-checked by the
//! engine binding against the same declaration.

use super::elements::op_error;
use super::events::{BUILTIN_TYPES, EventInit, ListenTarget, Listener};
use super::timers::FrameKind;
use super::{HostInner, live_element};
use crate::api::Op;
use crate::engine::CallCx;
use crate::error::ScriptError;
use crate::value::{FieldArg, FieldOut, HandleKind, Value};
use kryon_dom::animate::{AnimControl, GroupKind};
use kryon_dom::tree::ElementId;

fn arg(args: &[Value], i: usize) -> &Value {
    args.get(i).unwrap_or(&Value::Null)
}

fn text(args: &[Value], i: usize) -> &str {
    arg(args, i).as_str().unwrap_or("")
}

/// A property value as the fast path takes it (text borrowed).
fn field_arg(value: &Value) -> FieldArg<'_> {
    match value {
        Value::String(s) => FieldArg::Text(s),
        other => FieldArg::Value(other.clone()),
    }
}

fn elements(list: Vec<ElementId>) -> Value {
    Value::Array(list.into_iter().map(Value::Element).collect())
}

fn handle_id(value: &Value, kind: HandleKind) -> Result<u64, ScriptError> {
    match value {
        Value::Handle(h) if h.kind == kind => Ok(h.id),
        other => Err(ScriptError::new(
            "S0103",
            format!("expected a {kind:?} handle, got {}", other.type_name()),
        )),
    }
}

fn function(value: &Value, what: &str) -> Result<crate::value::FunctionRef, ScriptError> {
    match value {
        Value::Function(f) => Ok(*f),
        other => Err(ScriptError::new(
            "S0103",
            format!("{what}: expected function, got {}", other.type_name()),
        )),
    }
}

/// Runs one operation.
pub(crate) fn invoke(
    host: &HostInner,
    cx: &CallCx,
    op: Op,
    args: Vec<Value>,
) -> Result<Value, ScriptError> {
    let el = |i: usize| host.element_arg(arg(&args, i), "element");
    match op {
        // ---- access ----
        Op::GetElementById => {
            let mut w = host.world.borrow_mut();
            let ctx = w.ctx().instance;
            Ok(w.dom
                .lookup_id(text(&args, 0), ctx)
                .map_or(Value::Null, Value::Element))
        }
        Op::QuerySelector | Op::QuerySelectorAll => {
            // Element methods pass the receiver first.
            let (scope, sel) = match arg(&args, 0) {
                Value::Element(_) => (Some(el(0)?), text(&args, 1)),
                _ => (None, text(&args, 0)),
            };
            let w = host.world.borrow();
            let found = w.dom.query_selector_all(scope, sel).map_err(op_error)?;
            Ok(if op == Op::QuerySelector {
                found.first().copied().map_or(Value::Null, Value::Element)
            } else {
                elements(found)
            })
        }
        Op::ElementsByClass => Ok(elements(
            host.world.borrow().dom.elements_by_class(text(&args, 0)),
        )),
        Op::ElementsByTag => Ok(elements(
            host.world.borrow().dom.elements_by_tag(text(&args, 0)),
        )),
        Op::GetRoot => Ok(Value::Element(host.world.borrow().dom.root)),
        Op::CurrentInstance => {
            let w = host.world.borrow();
            Ok(w.ctx()
                .instance
                .and_then(|i| w.dom.instance_root(i))
                .map_or(Value::Null, Value::Element))
        }
        Op::InstanceOf => {
            let e = el(0)?;
            let w = host.world.borrow();
            Ok(w.dom
                .instance_of(e)
                .and_then(|i| w.dom.instance_root(i))
                .map_or(Value::Null, Value::Element))
        }
        // ---- properties ----
        Op::SetProperty => host
            .set_property_arg(el(0)?, text(&args, 1), field_arg(arg(&args, 2)))
            .map(|()| Value::Null),
        Op::SetNamed(name) => host
            .set_property_arg(el(0)?, name, field_arg(arg(&args, 1)))
            .map(|()| Value::Null),
        Op::GetProperty => host
            .read_own(el(0)?, text(&args, 1))
            .map(FieldOut::into_value),
        Op::ClearProperty => {
            let e = el(0)?;
            let mut w = host.world.borrow_mut();
            w.fn_handlers.remove(&(e, text(&args, 1).to_owned()));
            w.dom.clear_property(e, text(&args, 1)).map_err(op_error)?;
            Ok(Value::Null)
        }
        Op::SetProperties => {
            let e = el(0)?;
            if let Value::Object(map) = arg(&args, 1) {
                for (k, v) in map {
                    host.set_property(e, k, v)?;
                }
            }
            Ok(Value::Null)
        }
        Op::GetComputed => host.get_field(el(0)?, text(&args, 1)),
        Op::GetNamed(name) => host.read_computed(el(0)?, name).map(FieldOut::into_value),
        Op::GetField => host.get_field(el(0)?, text(&args, 1)),
        Op::SetField => host
            .set_field(el(0)?, text(&args, 1), field_arg(arg(&args, 2)))
            .map(|()| Value::Null),
        Op::Warn => {
            let code = match text(&args, 0) {
                "S0201" => "S0201",
                "S0202" => "S0202",
                "S0203" => "S0203",
                "S0204" => "S0204",
                other => {
                    return Err(ScriptError::new(
                        "S0103",
                        format!("warn: unknown warning code \"{other}\""),
                    ));
                }
            };
            let message = text(&args, 1).to_owned();
            host.world
                .borrow_mut()
                .dom
                .report_script_warning(code, message);
            Ok(Value::Null)
        }
        Op::Describe => match arg(&args, 0) {
            Value::Element(e) => {
                let w = host.world.borrow();
                Ok(Value::from(if w.dom.is_alive(*e) {
                    w.dom.describe(*e)
                } else {
                    w.removed
                        .get(e)
                        .cloned()
                        .unwrap_or_else(|| "element".into())
                }))
            }
            other => Ok(Value::from(other.type_name())),
        },
        Op::GetEnabled => {
            let e = el(0)?;
            let w = host.world.borrow();
            let disabled = w.dom.own_property(e, "disabled").map_err(op_error)?;
            Ok(Value::Bool(!matches!(
                disabled,
                kryon_dom::Value::Bool(true)
            )))
        }
        Op::SetEnabled => host
            .set_property(el(0)?, "disabled", &Value::Bool(!arg(&args, 1).truthy()))
            .map(|()| Value::Null),
        Op::IsDisabled => {
            let e = el(0)?;
            Ok(Value::Bool(host.world.borrow().dom.effectively_disabled(e)))
        }
        Op::GetStyle => {
            let e = el(0)?;
            Ok(Value::from(
                host.world
                    .borrow()
                    .dom
                    .class_list(e)
                    .map_err(op_error)?
                    .join(" "),
            ))
        }
        Op::SetStyle => {
            let e = el(0)?;
            let names: Vec<String> = match arg(&args, 1) {
                Value::String(s) => s.split_whitespace().map(str::to_owned).collect(),
                Value::Array(items) => items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                Value::Null => Vec::new(),
                other => {
                    return Err(ScriptError::new(
                        "S0103",
                        format!(
                            "setStyle: argument 1 (names): expected string, got {}",
                            other.type_name()
                        ),
                    ));
                }
            };
            let mut w = host.world.borrow_mut();
            let unknown = w.dom.set_class_list(e, names).map_err(op_error)?;
            for name in unknown {
                w.system.log(
                    "warn",
                    &format!("K0102: unknown style \"{name}\" skipped"),
                    None,
                );
            }
            Ok(Value::Null)
        }
        Op::AddClass | Op::RemoveClass | Op::ToggleClass | Op::HasClass => {
            let e = el(0)?;
            let name = text(&args, 1);
            let mut w = host.world.borrow_mut();
            let r = match op {
                Op::AddClass => w.dom.add_class(e, name),
                Op::RemoveClass => w.dom.remove_class(e, name),
                Op::ToggleClass => w.dom.toggle_class(e, name),
                _ => w.dom.has_class(e, name),
            };
            let r = r.map_err(op_error)?;
            Ok(if matches!(op, Op::AddClass | Op::RemoveClass) {
                Value::Null
            } else {
                Value::Bool(r)
            })
        }
        // ---- tree ----
        Op::GetParent
        | Op::GetChildren
        | Op::FirstChild
        | Op::LastChild
        | Op::NextSibling
        | Op::PreviousSibling => {
            let e = el(0)?;
            let w = host.world.borrow();
            let element = w.dom.arena.elements.get(e);
            let parent = element.and_then(|x| x.parent);
            let children = element.map(|x| x.children.clone()).unwrap_or_default();
            let siblings = parent
                .and_then(|p| w.dom.arena.elements.get(p))
                .map(|p| p.children.clone())
                .unwrap_or_default();
            let at = siblings.iter().position(|s| *s == e);
            let pick = |o: Option<ElementId>| o.map_or(Value::Null, Value::Element);
            Ok(match op {
                Op::GetParent => pick(parent),
                Op::GetChildren => elements(children),
                Op::FirstChild => pick(children.first().copied()),
                Op::LastChild => pick(children.last().copied()),
                Op::NextSibling => pick(at.and_then(|i| siblings.get(i + 1).copied())),
                _ => pick(
                    at.and_then(|i| i.checked_sub(1))
                        .and_then(|i| siblings.get(i).copied()),
                ),
            })
        }
        Op::CreateElement => host.create_element(text(&args, 0), arg(&args, 1)),
        Op::AppendChild | Op::InsertBefore => {
            let parent = el(0)?;
            let child = el(1)?;
            let before = match arg(&args, 2) {
                Value::Null => None,
                _ => Some(el(2)?),
            };
            host.world
                .borrow_mut()
                .dom
                .insert_child(parent, child, before)
                .map_err(op_error)?;
            Ok(Value::Null)
        }
        Op::RemoveElement => host.remove_element(el(0)?).map(|()| Value::Null),
        Op::IsAlive => Ok(Value::Bool(
            arg(&args, 0)
                .as_element()
                .is_some_and(|e| host.world.borrow().dom.is_alive(e)),
        )),
        Op::GetBounds => Ok(host.bounds(el(0)?)),
        Op::Focus => host.set_focus(Some(el(0)?)).map(|()| Value::Null),
        Op::Blur => {
            let e = el(0)?;
            if host.world.borrow().focus == Some(e) {
                host.set_focus(None)?;
            }
            Ok(Value::Null)
        }
        Op::Click => host.click(el(0)?).map(|()| Value::Null),
        Op::Invalidate => {
            let e = el(0)?;
            host.world.borrow_mut().canvas.invalidated.insert(e);
            Ok(Value::Null)
        }
        // ---- events ----
        Op::On => {
            let opts = arg(&args, 3).clone();
            add_listener(host, arg(&args, 0), text(&args, 1), arg(&args, 2), &opts)
        }
        Op::AddEventListener => {
            if matches!(arg(&args, 2), Value::Null) {
                add_listener(
                    host,
                    &Value::from("*"),
                    text(&args, 0),
                    arg(&args, 1),
                    &Value::Null,
                )
            } else {
                add_listener(
                    host,
                    arg(&args, 0),
                    text(&args, 1),
                    arg(&args, 2),
                    &Value::Null,
                )
            }
        }
        Op::OnType(ty) => add_listener(host, &Value::from("*"), ty, arg(&args, 0), &Value::Null),
        Op::Off => {
            let id = arg(&args, 0).as_f64().unwrap_or(-1.0) as u64;
            let released = {
                let mut w = host.world.borrow_mut();
                let from_events = w.events.remove(id);
                let from_watchers = w
                    .vars
                    .watchers
                    .iter()
                    .position(|x| x.id == id)
                    .map(|i| w.vars.watchers.remove(i).function);
                from_events.or(from_watchers)
            };
            if let Some(f) = released {
                host.release(f);
            }
            Ok(Value::Bool(released.is_some()))
        }
        Op::OnAny => {
            let f = function(arg(&args, 0), "onAny")?;
            let mut w = host.world.borrow_mut();
            let id = w.fresh_id();
            w.events.observers.push((id, f));
            Ok(Value::Int(id as i64))
        }
        Op::Emit | Op::EmitAt => {
            let (name, data, target) = if op == Op::EmitAt {
                (text(&args, 1), arg(&args, 2), Some(el(0)?))
            } else {
                let target = match arg(&args, 2) {
                    Value::Null => None,
                    Value::String(id) => {
                        let mut w = host.world.borrow_mut();
                        let ctx = w.ctx().instance;
                        w.dom.lookup_id(id, ctx)
                    }
                    _ => Some(el(2)?),
                };
                (text(&args, 0), arg(&args, 1), target)
            };
            if BUILTIN_TYPES.contains(&name) {
                return Err(ScriptError::new(
                    "S0107",
                    format!("emit: \"{name}\" is a built-in event type"),
                ));
            }
            let init = EventInit::new(name, target).with("data", data.clone());
            host.dispatch(init).map(Value::Bool)
        }
        Op::OnReady => {
            let f = function(arg(&args, 0), "onReady")?;
            let mut w = host.world.borrow_mut();
            if w.is_ready {
                w.timers.late_ready.push(f);
            } else {
                w.ready.push(f);
            }
            Ok(Value::Null)
        }
        Op::OnReload => {
            let f = function(arg(&args, 0), "onReload")?;
            let mut w = host.world.borrow_mut();
            let id = w.fresh_id();
            w.reload_callbacks.push((id, f));
            Ok(Value::Int(id as i64))
        }
        Op::PreventDefault | Op::StopPropagation | Op::StopImmediatePropagation => {
            if let Value::Event(ev) = arg(&args, 0) {
                let mut w = host.world.borrow_mut();
                if let Some(flags) = w.events.flags_mut(ev.dispatch) {
                    match op {
                        Op::PreventDefault => flags.prevented = true,
                        Op::StopPropagation => flags.stop = true,
                        _ => flags.stop_immediate = true,
                    }
                }
            }
            Ok(Value::Null)
        }
        // ---- state ----
        Op::GetVariable => host.get_variable(text(&args, 0)),
        Op::SetVariable => host
            .set_variable(text(&args, 0), arg(&args, 1))
            .map(|()| Value::Null),
        Op::HasVariable => Ok(Value::Bool(
            host.world.borrow().dom.variable(text(&args, 0)).is_some(),
        )),
        Op::Update => {
            let name = text(&args, 0).to_owned();
            let current = host.get_variable(&name)?;
            let f = function(arg(&args, 1), "update")?;
            let ctx = host.world.borrow().ctx();
            let next = host.call(f, vec![current], ctx)?;
            host.set_variable(&name, &next)?;
            Ok(Value::Null)
        }
        Op::Watch => {
            let f = function(arg(&args, 1), "watch")?;
            host.watch(text(&args, 0), f, false)
                .map(|id| Value::Int(id as i64))
        }
        // ---- animation ----
        Op::Animate => host.animate(el(0)?, arg(&args, 1)),
        Op::Sequence => host.animate_group(GroupKind::Sequence, arg(&args, 0), arg(&args, 1)),
        Op::Parallel => host.animate_group(GroupKind::Parallel, arg(&args, 0), arg(&args, 1)),
        Op::StopAnimations => {
            let e = el(0)?;
            let prop = arg(&args, 1).as_str().map(str::to_owned);
            host.world
                .borrow_mut()
                .dom
                .stop_animations(e, prop.as_deref());
            Ok(Value::Null)
        }
        Op::AnimCancel | Op::AnimPause | Op::AnimResume | Op::AnimFinish => {
            let id = handle_id(arg(&args, 0), HandleKind::Animation)?;
            let control = match op {
                Op::AnimCancel => AnimControl::Cancel,
                Op::AnimPause => AnimControl::Pause,
                Op::AnimResume => AnimControl::Resume,
                _ => AnimControl::Finish,
            };
            host.animation_control(id, control);
            Ok(Value::Null)
        }
        Op::AnimState => Ok(host.animation_state(handle_id(arg(&args, 0), HandleKind::Animation)?)),
        // ---- timing ----
        Op::SetTimeout | Op::SetInterval | Op::ElementSetTimeout | Op::ElementSetInterval => {
            let bound = matches!(op, Op::ElementSetTimeout | Op::ElementSetInterval);
            let (element, rest) = if bound {
                (Some(el(0)?), &args[1..])
            } else {
                (None, &args[..])
            };
            let f = callable(host, arg(rest, 0))?;
            let ms = arg(rest, 1).as_f64().unwrap_or(0.0);
            let extra = rest.get(2..).map(<[Value]>::to_vec).unwrap_or_default();
            let repeat = matches!(op, Op::SetInterval | Op::ElementSetInterval);
            Ok(Value::Int(
                host.add_timer(f, ms, extra, repeat, element) as i64
            ))
        }
        Op::ClearTimer => {
            let id = arg(&args, 0).as_f64().unwrap_or(-1.0) as u64;
            Ok(Value::Bool(host.clear_timer(id)))
        }
        Op::RequestAnimationFrame => {
            let f = callable(host, arg(&args, 0))?;
            Ok(Value::Int(
                host.add_frame_callback(f, FrameKind::Once, None) as i64,
            ))
        }
        Op::OnFrame | Op::ElementOnFrame => {
            let (element, f) = if op == Op::ElementOnFrame {
                (Some(el(0)?), callable(host, arg(&args, 1))?)
            } else {
                (None, callable(host, arg(&args, 0))?)
            };
            Ok(Value::Int(
                host.add_frame_callback(f, FrameKind::Every, element) as i64,
            ))
        }
        Op::Now => Ok(Value::Float(host.world.borrow().now_ms)),
        Op::GetTime => Ok(Value::Float(host.world.borrow().now_ms / 1000.0)),
        Op::Random => Ok(Value::Float(host.world.borrow_mut().system.rng.next_f64())),
        // ---- tasks ----
        Op::TaskNew => Ok(host.task_new(cx.engine)),
        Op::TaskWait => host.task_wait(handle_id(arg(&args, 0), HandleKind::Task)?, arg(&args, 1)),
        Op::TaskDone => {
            host.task_done(handle_id(arg(&args, 0), HandleKind::Task)?, text(&args, 1));
            Ok(Value::Null)
        }
        Op::TaskCancel => {
            host.task_cancel(handle_id(arg(&args, 0), HandleKind::Task)?);
            Ok(Value::Null)
        }
        Op::TaskStatus => Ok(host.task_status(handle_id(arg(&args, 0), HandleKind::Task)?)),
        // ---- cross-language, shared ----
        Op::Call => {
            let name = text(&args, 0).to_owned();
            let rest = args.get(1..).map(<[Value]>::to_vec).unwrap_or_default();
            let definition = host.resolve_function(&name);
            let Some(definition) = definition else {
                return Err(ScriptError::new(
                    "S0110",
                    format!("function \"{name}\" not found"),
                ));
            };
            if definition.function.engine != cx.engine && rest.iter().any(crosses_engine) {
                return Err(ScriptError::new(
                    "S0109",
                    "functions cannot be passed to another language",
                ));
            }
            let ctx = host.world.borrow().ctx();
            let result = host.call(definition.function, rest, ctx)?;
            if definition.function.engine != cx.engine && crosses_engine(&result) {
                return Err(ScriptError::new(
                    "S0109",
                    "functions cannot be returned to another language",
                ));
            }
            Ok(result)
        }
        Op::HasFunction => Ok(Value::Bool(
            host.world
                .borrow()
                .registry
                .resolve(text(&args, 0))
                .is_some(),
        )),
        Op::SharedGet => Ok(host
            .world
            .borrow()
            .vars
            .shared
            .get(text(&args, 0))
            .cloned()
            .unwrap_or_default()),
        Op::SharedSet => host
            .shared_set(text(&args, 0), arg(&args, 1).clone())
            .map(|()| Value::Null),
        Op::SharedDelete => {
            let key = text(&args, 0).to_owned();
            let existed = host.world.borrow().vars.shared.contains_key(&key);
            if existed {
                host.shared_set(&key, Value::Null)?;
                host.world.borrow_mut().vars.shared.remove(&key);
            }
            Ok(Value::Bool(existed))
        }
        Op::SharedKeys => Ok(Value::Array(
            host.world
                .borrow()
                .vars
                .shared
                .keys()
                .map(|k| Value::from(k.as_str()))
                .collect(),
        )),
        Op::SharedWatch => {
            let f = function(arg(&args, 1), "shared.watch")?;
            host.watch(text(&args, 0), f, true)
                .map(|id| Value::Int(id as i64))
        }
        // ---- logging, lifecycle, system ----
        Op::Log | Op::LogAt(_) => {
            let (level, parts) = match op {
                Op::LogAt(level) => (level.to_owned(), &args[..]),
                _ => (text(&args, 0).to_owned(), args.get(1..).unwrap_or(&[])),
            };
            if !matches!(level.as_str(), "debug" | "info" | "warn" | "error") {
                return Err(ScriptError::new(
                    "S0103",
                    format!(
                        "log: argument 1 (level): expected debug|info|warn|error, got \"{level}\""
                    ),
                ));
            }
            let message: Vec<String> = parts.iter().map(super::canvas::display).collect();
            let location = cx.location.as_ref().map(ToString::to_string);
            host.world.borrow_mut().system.log_from(
                &level,
                &message.join(" "),
                cx.language.name(),
                location,
            );
            Ok(Value::Null)
        }
        Op::Alert => {
            let message = super::canvas::display(arg(&args, 0));
            let mut w = host.world.borrow_mut();
            let location = cx.location.as_ref().map(ToString::to_string);
            w.system.log_from(
                "info",
                &format!("[alert] {message}"),
                cx.language.name(),
                location,
            );
            w.system.alerts.push(message);
            Ok(Value::Null)
        }
        Op::Quit => {
            host.world.borrow_mut().system.quit = true;
            Ok(Value::Null)
        }
        Op::FsReadText => host
            .world
            .borrow_mut()
            .system
            .fs("kryon.fs.readText", &args),
        Op::FsWriteText => host
            .world
            .borrow_mut()
            .system
            .fs("kryon.fs.writeText", &args),
        Op::FsExists => host.world.borrow_mut().system.fs("kryon.fs.exists", &args),
        Op::FsList => host.world.borrow_mut().system.fs("kryon.fs.list", &args),
        Op::FsDataDir => Ok(Value::from(
            host.world
                .borrow()
                .system
                .data_dir()
                .to_string_lossy()
                .into_owned(),
        )),
        Op::ClipboardGet => host.world.borrow_mut().system.clipboard(None),
        Op::ClipboardSet => host
            .world
            .borrow_mut()
            .system
            .clipboard(Some(text(&args, 0))),
        Op::Env => host.world.borrow().system.env(text(&args, 0)),
        Op::Exec => host
            .world
            .borrow()
            .system
            .exec(text(&args, 0), arg(&args, 1)),
        // ---- component instances ----
        Op::GetProp | Op::SetProp | Op::InstanceGet | Op::Fire => instance_op(host, op, &args),
        // ---- canvas ----
        Op::GetCanvasData => host.canvas_data(arg(&args, 0)),
        Op::MeasureText => host.measure_text(&args),
        Op::Canvas3d(name) => Ok(host.canvas_3d(name)),
        Op::ClearCanvas
        | Op::DrawLine
        | Op::DrawRect
        | Op::DrawRoundedRect
        | Op::DrawCircle
        | Op::DrawEllipse
        | Op::DrawPolygon
        | Op::DrawPolyline
        | Op::DrawText
        | Op::DrawImage
        | Op::CanvasSave
        | Op::CanvasRestore
        | Op::CanvasTranslate
        | Op::CanvasRotate
        | Op::CanvasScale => host.canvas_draw(op, &args),
    }
}

fn crosses_engine(value: &Value) -> bool {
    match value {
        Value::Function(_) => true,
        Value::Array(items) => items.iter().any(crosses_engine),
        Value::Object(map) => map.values().any(crosses_engine),
        _ => false,
    }
}

/// A function argument, or a registered function name (looked up now).
fn callable(host: &HostInner, value: &Value) -> Result<crate::value::FunctionRef, ScriptError> {
    match value {
        Value::Function(f) => Ok(*f),
        Value::String(name) => host
            .world
            .borrow()
            .registry
            .resolve(name)
            .map(|d| d.function)
            .ok_or_else(|| ScriptError::new("S0110", format!("function \"{name}\" not found"))),
        other => Err(ScriptError::new(
            "S0103",
            format!("expected function, got {}", other.type_name()),
        )),
    }
}

fn add_listener(
    host: &HostInner,
    target: &Value,
    ty: &str,
    f: &Value,
    opts: &Value,
) -> Result<Value, ScriptError> {
    let function = callable(host, f)?;
    let target = match target {
        Value::String(s) if &**s == "*" => ListenTarget::All,
        Value::String(id) => {
            let mut w = host.world.borrow_mut();
            let ctx = w.ctx().instance;
            match w.dom.lookup_id(id, ctx) {
                Some(e) => ListenTarget::Element(e),
                None => {
                    return Err(ScriptError::new(
                        "S0103",
                        format!("on: no element with id \"{id}\""),
                    ));
                }
            }
        }
        other => ListenTarget::Element(live_element(&host.world.borrow(), other, "on")?),
    };
    let (before, ty) = match ty.strip_prefix("before:") {
        Some(rest) => (true, rest),
        None => (false, ty),
    };
    let get = |k: &str| match opts {
        Value::Object(o) => o.get(k).cloned().unwrap_or_default(),
        _ => Value::Null,
    };
    let mut w = host.world.borrow_mut();
    let id = w.fresh_id();
    let owner = w.ctx().owner;
    w.events.listeners.push(Listener {
        id,
        target,
        ty: ty.to_owned(),
        before,
        capture: get("capture").truthy(),
        priority: get("priority").as_f64().unwrap_or(0.0),
        once: get("once").truthy(),
        function,
        owner,
    });
    Ok(Value::Int(id as i64))
}

fn instance_op(host: &HostInner, op: Op, args: &[Value]) -> Result<Value, ScriptError> {
    let root = host.element_arg(arg(args, 0), "instance")?;
    let inst = {
        let w = host.world.borrow();
        w.dom.instance_of(root)
    };
    let Some(inst) = inst else {
        return Err(ScriptError::new("S0103", "not a component instance"));
    };
    match op {
        Op::GetProp => {
            let w = host.world.borrow();
            Ok(w.dom
                .instance_prop(inst, text(args, 1))
                .map(Value::from_dom)
                .unwrap_or_default())
        }
        Op::SetProp => {
            let v = arg(args, 2)
                .to_dom()
                .map_err(|m| ScriptError::new("S0109", m))?;
            host.world
                .borrow_mut()
                .dom
                .set_instance_prop(inst, text(args, 1), v)
                .map_err(op_error)?;
            Ok(Value::Null)
        }
        Op::InstanceGet => {
            let w = host.world.borrow();
            Ok(w.dom
                .instance_element(inst, text(args, 1))
                .map_or(Value::Null, Value::Element))
        }
        _ => {
            let prop = text(args, 1).to_owned();
            let rest = args.get(2..).map(<[Value]>::to_vec).unwrap_or_default();
            host.fire(root, inst, &prop, rest)
        }
    }
}
