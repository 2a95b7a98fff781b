//! A recording [`Bridge`] for tests and benches: it logs every `(Op, args)` and answers a few
//! operations (variables from a map, a fixed clock, a fixed random number, task ids, a describe
//! string) so engines can be exercised without the runtime.

use crate::api::Op;
use crate::engine::{Bridge, CallCx, EngineOptions, named_args};
use crate::error::ScriptError;
use crate::value::{EngineId, FieldArg, FieldOut, HandleKind, HandleRef, Value};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// A bridge that records calls.
#[derive(Default)]
pub struct RecordingBridge {
    /// Every call, in order (unless `quiet`).
    pub calls: RefCell<Vec<(Op, Vec<Value>)>>,
    /// Declared variables.
    pub variables: RefCell<HashMap<String, Value>>,
    /// `Op::Now` answer in ms.
    pub now_ms: Cell<f64>,
    /// Don't record (benches).
    pub quiet: Cell<bool>,
    /// Calls counted even when quiet.
    pub count: Cell<u64>,
    next_id: Cell<u64>,
}

impl RecordingBridge {
    /// The recorded calls of one op.
    pub fn calls_of(&self, op: Op) -> Vec<Vec<Value>> {
        self.calls
            .borrow()
            .iter()
            .filter(|(o, _)| *o == op)
            .map(|(_, a)| a.clone())
            .collect()
    }
}

impl Bridge for RecordingBridge {
    fn invoke(&self, _cx: &CallCx, op: Op, args: Vec<Value>) -> Result<Value, ScriptError> {
        self.count.set(self.count.get() + 1);
        if self.quiet.get() {
            return Ok(Value::Null);
        }
        self.calls.borrow_mut().push((op, args.clone()));
        let id = self.next_id.get() + 1;
        Ok(match op {
            Op::GetVariable => {
                let name = args.first().and_then(Value::as_str).unwrap_or("");
                match self.variables.borrow().get(name) {
                    Some(v) => v.clone(),
                    None => {
                        return Err(ScriptError::new(
                            "S0112",
                            format!("undeclared variable '{name}'"),
                        ));
                    }
                }
            }
            Op::SetVariable => {
                let name = args
                    .first()
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let v = args.get(1).cloned().unwrap_or_default();
                self.variables.borrow_mut().insert(name, v);
                Value::Null
            }
            Op::Now => Value::Float(self.now_ms.get()),
            Op::Random => Value::Float(0.5),
            Op::GetElementById | Op::GetRoot => Value::Element(kryon_dom::ElementId::default()),
            Op::Describe => Value::str("Button#save"),
            Op::FsDataDir => Value::str("/data"),
            Op::Animate => {
                self.next_id.set(id);
                Value::Handle(HandleRef {
                    kind: HandleKind::Animation,
                    id,
                })
            }
            Op::TaskNew => {
                self.next_id.set(id);
                Value::Handle(HandleRef {
                    kind: HandleKind::Task,
                    id,
                })
            }
            Op::TaskStatus => Value::str("suspended"),
            Op::AnimState => Value::str("running"),
            Op::GetField => Value::str("field"),
            Op::Call => return Err(ScriptError::new("S0110", "function 'nope' not found")),
            Op::RemoveElement => {
                return Err(ScriptError::new("S0104", "element Button#save was removed"));
            }
            _ => Value::Null,
        })
    }

    fn set_named(
        &self,
        cx: &CallCx,
        op: Op,
        el: kryon_dom::ElementId,
        name: &str,
        value: FieldArg<'_>,
    ) -> Result<(), ScriptError> {
        if self.quiet.get() {
            self.count.set(self.count.get() + 1);
            return Ok(());
        }
        self.invoke(cx, op, named_args(op, el, name, Some(value)))
            .map(|_| ())
    }

    fn get_named(
        &self,
        cx: &CallCx,
        op: Op,
        el: kryon_dom::ElementId,
        name: &str,
    ) -> Result<FieldOut, ScriptError> {
        if self.quiet.get() {
            self.count.set(self.count.get() + 1);
            return Ok(FieldOut::Value(Value::Null));
        }
        self.invoke(cx, op, named_args(op, el, name, None))
            .map(FieldOut::Value)
    }
}

/// An engine over a shared recording bridge (default options, engine id 1).
pub fn engine_with(bridge: RecordingBridge) -> (Rc<RecordingBridge>, super::LuaEngine) {
    engine_with_options(bridge, EngineOptions::default())
}

/// [`engine_with`] with options.
pub fn engine_with_options(
    bridge: RecordingBridge,
    options: EngineOptions,
) -> (Rc<RecordingBridge>, super::LuaEngine) {
    let bridge = Rc::new(bridge);
    let dyn_bridge: Rc<dyn Bridge> = bridge.clone();
    let weak = Rc::downgrade(&dyn_bridge);
    drop(dyn_bridge);
    let engine = match super::LuaEngine::new(EngineId(1), weak, options) {
        Ok(e) => e,
        Err(e) => panic!("engine: {e}"),
    };
    (bridge, engine)
}
