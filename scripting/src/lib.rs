//! `kryon-scripting`: scripts drive the element tree.
//!
//! - [`value`]: the neutral [`Value`] that crosses engines (script-api §6);
//! - [`error`]: [`ScriptError`] with `.kry`-mapped locations (§7);
//! - [`api`]: the whole script API declared once; engine bindings are generated from it;
//! - [`engine`]: the [`Engine`] trait every language implements, and the [`Bridge`] it calls;
//! - `lua` (feature `lua`): Lua 5.4 through mlua.

pub mod api;
pub mod engine;
pub mod error;
pub mod host;
pub mod value;

#[cfg(feature = "lua")]
pub mod lua;

pub use engine::{
    Bridge, CallCx, Engine, EngineOptions, FunctionSource, Limits, TaskStep, UnitSource,
};
pub use error::{Language, Location, ScriptError};
pub use host::{EventInit, LogLine, Session, SessionOptions};
pub use value::{
    EngineId, EventValue, FieldArg, FieldOut, FunctionRef, HandleKind, HandleRef, Value,
};
