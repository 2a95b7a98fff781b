//! The sandbox (script-api §8.1–§8.2): the standard library minus system access. `load` is text
//! only, `string.dump`/`dofile`/`loadfile` are gone, `os` keeps `time`/`clock`/`date`/`difftime`
//! on the app clock, `math.random` reads the shared generator, `collectgarbage` keeps
//! `count`/`step`/`collect`, and `require` loads only `<app>/a/b.lua` or `<app>/a/b/init.lua`.
//! Gated calls stay present and raise S0120 naming the permission they need; `process` restores
//! `os.execute` and `io.popen`.

use super::ctx::Ctx;
use super::error::ext;
use super::limits;
use crate::api::Op;
use crate::error::ScriptError;
use crate::value::Value;
use mlua::{Lua, MultiValue, StdLib, Table, Value as LuaValue};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// The libraries opened for a permission set (`io` only to back `fs_read`).
pub(crate) fn libs(permissions: &[String]) -> StdLib {
    let mut libs = StdLib::COROUTINE
        | StdLib::TABLE
        | StdLib::STRING
        | StdLib::UTF8
        | StdLib::MATH
        | StdLib::OS;
    if permissions
        .iter()
        .any(|p| matches!(p.as_str(), "fs_read" | "fs_write" | "process" | "native"))
    {
        libs |= StdLib::IO;
    }
    libs
}

fn denied(what: &str, permission: &str) -> ScriptError {
    ScriptError::new(
        "S0120",
        format!("{what} requires script_permissions: [\"{permission}\"]"),
    )
}

const PRELUDE: &str = r#"
local a = ...
local rawload, rawpcall, rawxpcall, error, type, tostring = load, pcall, xpcall, error, type, tostring
local check, now, random, deny, floor = a.check, a.now, a.random, a.deny, math.floor
local EPOCH = 1735689600
dofile, loadfile = nil, nil
load = function(chunk, name, mode, env) return rawload(chunk, name, "t", env) end
pcall = function(f, ...) return check(rawpcall(f, ...)) end
xpcall = function(f, h, ...) return check(rawxpcall(f, h, ...)) end
local cresume = coroutine.resume
coroutine.resume = function(co, ...) return check(cresume(co, ...)) end
string.dump = nil
local rawgc = collectgarbage
collectgarbage = function(opt, ...)
  opt = opt or "collect"
  if opt == "count" or opt == "step" or opt == "collect" then return rawgc(opt, ...) end
  error("collectgarbage: option '" .. tostring(opt) .. "' is not allowed", 2)
end
local os_time, os_date, os_difftime, os_execute = os.time, os.date, os.difftime, os.execute
local process = a.process
local function app_time() return EPOCH + floor(now() / 1000) end
os = {
  time = function(t) if t == nil then return app_time() end return os_time(t) end,
  clock = function() return now() / 1000 end,
  date = function(fmt, t) return os_date(fmt, t or app_time()) end,
  difftime = os_difftime,
  execute = process and os_execute or deny("os.execute", "process"),
  exit = deny("os.exit", "process"),
  getenv = a.getenv or deny("os.getenv", "env"),
  remove = a.remove or deny("os.remove", "fs_write"),
  rename = a.rename or deny("os.rename", "fs_write"),
  tmpname = deny("os.tmpname", "fs_write"),
  setlocale = deny("os.setlocale", "native"),
}
math.random = function(m, n)
  local r = random()
  if m == nil then return r end
  local two = n ~= nil
  if not two then m, n = 1, m end
  m = math.tointeger(m) or error("bad argument #1 to 'random' (number has no integer representation)", 2)
  n = math.tointeger(n) or error("bad argument #" .. (two and 2 or 1) .. " to 'random' (number has no integer representation)", 2)
  if m > n then error("bad argument #" .. (two and 2 or 1) .. " to 'random' (interval is empty)", 2) end
  return m + floor(r * (n - m + 1.0))
end
math.randomseed = function() end
local rawio = io
if a.path and rawio then
  local open, lines, iotype = rawio.open, rawio.lines, rawio.type
  io = {
    open = function(p, mode) mode = mode or "r" return open(a.path(p, mode, "io.open"), mode) end,
    lines = function(p, ...)
      if p == nil then deny("io.lines without a file", "fs_read")() end
      return lines(a.path(p, "r", "io.lines"), ...)
    end,
    type = iotype,
    popen = process and rawio.popen or deny("io.popen", "process"),
  }
else
  io = {
    open = deny("io.open", "fs_read"),
    lines = deny("io.lines", "fs_read"),
    popen = (process and rawio) and rawio.popen or deny("io.popen", "process"),
  }
end
if a.debug then
  debug = a.debug
else
  debug = setmetatable({}, { __index = function(_, k) return deny("debug." .. tostring(k), "debug") end })
end
local loaded = {
  _G = _G, coroutine = coroutine, table = table, string = string, math = math,
  utf8 = utf8, os = os, io = io, debug = debug,
}
package = { loaded = loaded, preload = {}, path = "", cpath = "", searchers = {},
            loadlib = deny("package.loadlib", "native") }
local find = a.find
require = function(name)
  if type(name) ~= "string" then
    error("bad argument #1 to 'require' (string expected, got " .. type(name) .. ")", 2)
  end
  local v = loaded[name]
  if v ~= nil then return v end
  local chunk, code = find(name)
  local f, err = rawload(code, "=" .. chunk, "t")
  if not f then error(err, 0) end
  local r = f(name, chunk)
  if loaded[name] == nil then loaded[name] = (r == nil) and true or r end
  return loaded[name]
end
"#;

/// Installs the sandbox over the opened libraries.
pub(crate) fn install(lua: &Lua, ctx: &Rc<Ctx>) -> mlua::Result<()> {
    let a = lua.create_table()?;
    a.raw_set("check", limits::rethrow_fn(lua, ctx)?)?;
    let c = Rc::clone(ctx);
    a.raw_set(
        "now",
        lua.create_function(move |_, ()| {
            Ok(c.invoke(Op::Now, Vec::new())?.as_f64().unwrap_or(0.0))
        })?,
    )?;
    let c = Rc::clone(ctx);
    a.raw_set(
        "random",
        lua.create_function(move |_, ()| {
            Ok(c.invoke(Op::Random, Vec::new())?.as_f64().unwrap_or(0.0))
        })?,
    )?;
    a.raw_set(
        "deny",
        lua.create_function(|lua, (what, permission): (String, String)| {
            lua.create_function(move |_, _: MultiValue| -> mlua::Result<()> {
                Err(ext(denied(&what, &permission)))
            })
        })?,
    )?;
    if ctx.permitted("env") {
        let c = Rc::clone(ctx);
        a.raw_set(
            "getenv",
            lua.create_function(move |lua, name: String| {
                let v = c.invoke(Op::Env, vec![Value::from(name)])?;
                super::convert::to_lua(&c, lua, v)
            })?,
        )?;
    }
    if ctx.permitted("fs_read") || ctx.permitted("fs_write") {
        let c = Rc::clone(ctx);
        a.raw_set(
            "path",
            lua.create_function(move |_, (p, mode, what): (String, String, String)| {
                let write = mode.contains(['w', 'a', '+']);
                checked_path(&c, &p, write, &what).map_err(ext)
            })?,
        )?;
    }
    if ctx.permitted("fs_write") {
        let c = Rc::clone(ctx);
        a.raw_set(
            "remove",
            lua.create_function(move |_, p: String| {
                let path = checked_path(&c, &p, true, "os.remove").map_err(ext)?;
                Ok(std::fs::remove_file(path).is_ok())
            })?,
        )?;
        let c = Rc::clone(ctx);
        a.raw_set(
            "rename",
            lua.create_function(move |_, (from, to): (String, String)| {
                let from = checked_path(&c, &from, true, "os.rename").map_err(ext)?;
                let to = checked_path(&c, &to, true, "os.rename").map_err(ext)?;
                Ok(std::fs::rename(from, to).is_ok())
            })?,
        )?;
    }
    a.raw_set("process", ctx.permitted("process"))?;
    if ctx.permitted("debug") {
        a.raw_set("debug", debug_library(lua)?)?;
    }
    let c = Rc::clone(ctx);
    a.raw_set(
        "find",
        lua.create_function(move |_, name: String| find_module(&c, &name).map_err(ext))?,
    )?;
    lua.load(PRELUDE).set_name("=[kryon]").call::<()>(a)
}

/// The `debug` permission: a safe subset (`traceback`, `getinfo`), since mlua's full debug
/// library needs an unsafe state.
fn debug_library(lua: &Lua) -> mlua::Result<Table> {
    let t = lua.create_table()?;
    t.raw_set(
        "traceback",
        lua.create_function(|lua, (msg, level): (Option<String>, Option<usize>)| {
            lua.traceback(msg.as_deref(), level.unwrap_or(1))
        })?,
    )?;
    t.raw_set(
        "getinfo",
        lua.create_function(|lua, level: usize| {
            let info = lua.inspect_stack(level, |d| {
                let s = d.source();
                (
                    s.short_src.map(|x| x.to_string()),
                    s.source.map(|x| x.to_string()),
                    s.what,
                    s.line_defined,
                    d.current_line(),
                    d.names().name.map(|x| x.to_string()),
                )
            });
            let Some((short_src, source, what, line_defined, current_line, name)) = info else {
                return Ok(LuaValue::Nil);
            };
            let t = lua.create_table()?;
            t.raw_set("short_src", short_src)?;
            t.raw_set("source", source)?;
            t.raw_set("what", what)?;
            t.raw_set("linedefined", line_defined)?;
            t.raw_set("currentline", current_line)?;
            t.raw_set("name", name)?;
            Ok(LuaValue::Table(t))
        })?,
    )?;
    Ok(t)
}

fn app_dir(ctx: &Ctx) -> Result<PathBuf, ScriptError> {
    let dir =
        ctx.options.app_dir.as_ref().ok_or_else(|| {
            ScriptError::new("S0120", "this app has no folder to load files from")
        })?;
    dir.canonicalize()
        .map_err(|e| ScriptError::new("S0120", format!("app folder {}: {e}", dir.display())))
}

fn data_dir(ctx: &Ctx) -> Option<PathBuf> {
    match ctx.invoke(Op::FsDataDir, Vec::new()) {
        Ok(Value::String(s)) => PathBuf::from(&*s).canonicalize().ok(),
        _ => None,
    }
}

/// Resolves a script path (relative to the app folder), following `..` and symlinks; reads may
/// use the app and data folders, writes only the data folder.
fn checked_path(ctx: &Ctx, p: &str, write: bool, what: &str) -> Result<String, ScriptError> {
    if write && !ctx.permitted("fs_write") {
        return Err(denied(&format!("{what} with a write mode"), "fs_write"));
    }
    if !write && !ctx.permitted("fs_read") {
        return Err(denied(what, "fs_read"));
    }
    let app = app_dir(ctx)?;
    let path = Path::new(p);
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        app.join(path)
    };
    // A file being created does not exist yet: resolve its folder.
    let resolved = match joined.canonicalize() {
        Ok(r) => r,
        Err(_) => match (joined.parent(), joined.file_name()) {
            (Some(parent), Some(name)) => parent
                .canonicalize()
                .map(|d| d.join(name))
                .map_err(|e| ScriptError::new("S0101", format!("{what}: {p}: {e}")))?,
            _ => {
                return Err(ScriptError::new(
                    "S0101",
                    format!("{what}: {p}: no such file"),
                ));
            }
        },
    };
    let data = data_dir(ctx);
    let inside_data = data.as_ref().is_some_and(|d| resolved.starts_with(d));
    let allowed = if write {
        inside_data
    } else {
        inside_data || resolved.starts_with(&app)
    };
    if !allowed {
        return Err(ScriptError::new(
            "S0120",
            format!("{what}: {p} is outside the permitted folders"),
        ));
    }
    Ok(resolved.to_string_lossy().into_owned())
}

/// `require("a.b")`: `<app>/a/b.lua` or `<app>/a/b/init.lua`, never outside the app folder.
fn find_module(ctx: &Ctx, name: &str) -> Result<(String, String), ScriptError> {
    let parts: Vec<&str> = name.split('.').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || p.contains(['/', '\\']) || *p == ".." || p.contains(':'))
    {
        return Err(ScriptError::new(
            "S0120",
            format!("require: module '{name}' is outside the app folder"),
        ));
    }
    let app = app_dir(ctx)?;
    let rel = parts.join("/");
    for candidate in [format!("{rel}.lua"), format!("{rel}/init.lua")] {
        let Ok(path) = app.join(&candidate).canonicalize() else {
            continue;
        };
        if !path.starts_with(&app) {
            return Err(ScriptError::new(
                "S0120",
                format!("require: module '{name}' resolves outside the app folder"),
            ));
        }
        let code = std::fs::read_to_string(&path)
            .map_err(|e| ScriptError::new("S0101", format!("require: {candidate}: {e}")))?;
        ctx.remember_source(&candidate, 1, &code);
        return Ok((candidate, code));
    }
    Err(ScriptError::new(
        "S0101",
        format!("module '{name}' not found in the app folder (tried {rel}.lua, {rel}/init.lua)"),
    ))
}

#[cfg(test)]
mod tests {
    use crate::engine::{Engine, EngineOptions, UnitSource};
    use crate::lua::testing::{RecordingBridge, engine_with_options};

    #[test]
    fn process_permission_restores_execute_and_popen_only() {
        let options = EngineOptions {
            permissions: vec!["process".into()],
            ..EngineOptions::default()
        };
        let (_bridge, engine) = engine_with_options(RecordingBridge::default(), options);
        let code = r#"
            local ok, how, status = os.execute("exit 3")
            assert(ok == nil and how == "exit" and status == 3, tostring(how) .. " " .. tostring(status))
            local p = io.popen("echo kryon")
            assert(p:read("l") == "kryon")
            p:close()
            local opened, err = pcall(io.open, "x")
            assert(not opened and tostring(err):find("fs_read"), tostring(err))
            assert(not pcall(os.getenv, "HOME"))
        "#;
        let unit = UnitSource {
            chunk_name: "process.lua".into(),
            code: code.into(),
            first_line: 1,
        };
        if let Err(e) = engine.run_unit(&unit) {
            panic!("{e}");
        }
    }
}
