//! mlua errors → [`ScriptError`] (script-api §7): codes (a bridge error keeps its own), the
//! location (`app.kry:48`), the message without its location prefix, and the stack from the
//! traceback, innermost first (`inc (app.kry:48)`).

use super::ctx::Ctx;
use crate::error::{Language, Location, ScriptError};

/// A Lua error carrying a script error, so its code survives to the host.
pub(crate) fn ext(e: ScriptError) -> mlua::Error {
    mlua::Error::external(e)
}

/// The script error carried through callbacks, if any.
fn carried(err: &mlua::Error) -> Option<ScriptError> {
    match err {
        mlua::Error::ExternalError(e) => e.downcast_ref::<ScriptError>().cloned(),
        mlua::Error::CallbackError { cause, .. } => carried(cause),
        mlua::Error::WithContext { cause, .. } => carried(cause),
        _ => None,
    }
}

/// The innermost message and the traceback text, if any.
fn message_and_trace(err: &mlua::Error) -> (String, Option<String>) {
    match err {
        mlua::Error::CallbackError { traceback, cause } => {
            let (msg, inner) = message_and_trace(cause);
            (msg, inner.or_else(|| Some(traceback.clone())))
        }
        mlua::Error::WithContext { cause, .. } => message_and_trace(cause),
        mlua::Error::RuntimeError(m) | mlua::Error::MemoryError(m) => split_trace(m),
        mlua::Error::SyntaxError { message, .. } => split_trace(message),
        mlua::Error::ExternalError(e) => (e.to_string(), None),
        other => split_trace(&other.to_string()),
    }
}

fn split_trace(text: &str) -> (String, Option<String>) {
    match text.find("\nstack traceback:") {
        Some(i) => (text[..i].to_string(), Some(text[i..].to_string())),
        None => (text.to_string(), None),
    }
}

/// Splits `file:line: message` into the location and the message.
pub(crate) fn split_location(msg: &str) -> (Option<Location>, &str) {
    let bytes = msg.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            break;
        }
        if b != b':' || i == 0 {
            continue;
        }
        let digits = bytes[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let end = i + 1 + digits;
        if digits > 0 && bytes.get(end) == Some(&b':') {
            let file = &msg[..i];
            if file.starts_with("[string") || file.contains(char::is_whitespace) {
                return (None, msg);
            }
            let line = msg[i + 1..end].parse().unwrap_or(0);
            let rest = msg[end + 1..].trim_start();
            return (
                Some(Location {
                    file: file.to_string(),
                    line,
                    column: None,
                }),
                rest,
            );
        }
    }
    (None, msg)
}

/// Frames of a Lua traceback, innermost first, without C and internal frames.
pub(crate) fn frames(trace: &str) -> Vec<(String, Location)> {
    let mut out = Vec::new();
    for line in trace.lines().skip(1) {
        let line = line.trim();
        if line.starts_with("[C]") || line.starts_with('(') || line.starts_with("[kryon]") {
            continue;
        }
        let (Some(loc), what) = split_location(line) else {
            continue;
        };
        if loc.file.starts_with("__mlua") {
            continue;
        }
        let what = what.strip_prefix("in ").unwrap_or(what);
        let name = if what == "main chunk" {
            "main chunk".to_string()
        } else if let Some(q) = what.find('\'') {
            what[q + 1..].trim_end_matches('\'').to_string()
        } else {
            "function".to_string()
        };
        out.push((name, loc));
    }
    out
}

/// Converts an mlua error into a script error.
pub(crate) fn to_script_error(ctx: &Ctx, err: &mlua::Error) -> ScriptError {
    let (raw_message, trace) = message_and_trace(err);
    let frames = trace.as_deref().map(frames).unwrap_or_default();
    let mut out = if let Some(interrupt) = ctx.budget.interruption() {
        interrupt
    } else if let Some(e) = carried(err) {
        e
    } else {
        let (code, msg) = classify(err, &raw_message);
        let (loc, rest) = split_location(&msg);
        let mut e = ScriptError::new(code, rest.to_string());
        e.location = loc;
        e
    };
    out.language = Some(Language::Lua);
    if out.location.is_none() {
        out.location = frames.first().map(|(_, l)| l.clone());
    }
    if out.stack.is_empty() {
        out.stack = frames
            .iter()
            .map(|(name, loc)| format!("{name} ({loc})"))
            .collect();
    }
    if out.source_line.is_none()
        && let Some(loc) = &out.location
    {
        out.source_line = ctx
            .source_line(&loc.file, loc.line)
            .map(|s| s.trim().to_string());
    }
    out
}

fn innermost(err: &mlua::Error) -> &mlua::Error {
    match err {
        mlua::Error::CallbackError { cause, .. } | mlua::Error::WithContext { cause, .. } => {
            innermost(cause)
        }
        other => other,
    }
}

fn classify(err: &mlua::Error, message: &str) -> (&'static str, String) {
    match innermost(err) {
        mlua::Error::SyntaxError { .. } => ("S0102", message.to_string()),
        mlua::Error::MemoryError(_) => ("S0113", "memory limit exceeded".to_string()),
        _ if message.contains("stack overflow") => ("S0116", message.to_string()),
        _ => ("S0101", message.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_and_frames_are_parsed() {
        let (loc, rest) = split_location("app.kry:48: attempt to call a nil value");
        assert_eq!(loc.map(|l| l.to_string()).as_deref(), Some("app.kry:48"));
        assert_eq!(rest, "attempt to call a nil value");
        let trace = "stack traceback:\n\t[C]: in ?\n\tapp.kry:48: in function 'inc'\n\tapp.kry:50: in local 'f'\n\tapp.kry:2: in main chunk";
        let f: Vec<String> = frames(trace)
            .into_iter()
            .map(|(n, l)| format!("{n} ({l})"))
            .collect();
        assert_eq!(
            f,
            vec![
                "inc (app.kry:48)",
                "f (app.kry:50)",
                "main chunk (app.kry:2)"
            ]
        );
    }
}
