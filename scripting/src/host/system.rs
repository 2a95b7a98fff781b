//! Logging, alerts, reported errors, the seeded random generator, `quit`, and the
//! permission-gated system calls (script-api §4.11, §1.5, §8.2).

use crate::error::ScriptError;
use crate::value::Value;
use std::path::{Path, PathBuf};

/// One line a script logged.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    /// App time in ms.
    pub time_ms: f64,
    /// `debug`, `info`, `warn` or `error`.
    pub level: String,
    /// `lua`, `javascript`, or empty for the runtime.
    pub language: String,
    /// `app.kry:48`, when known.
    pub location: Option<String>,
    /// The text.
    pub message: String,
}

impl LogLine {
    /// The stderr form: `[   12.345] info  lua  app.kry:48  message`.
    pub fn render(&self) -> String {
        format!(
            "[{:>10.3}] {:<5} {:<4} {}  {}",
            self.time_ms / 1000.0,
            self.level,
            self.language,
            self.location.as_deref().unwrap_or("-"),
            self.message
        )
    }
}

/// xoshiro256** seeded through splitmix64 (§1.5): one generator for every engine.
#[derive(Debug, Clone)]
pub(crate) struct Rng([u64; 4]);

impl Rng {
    pub fn seeded(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng([next(), next(), next(), next()])
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A float in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

pub(crate) struct System {
    pub now_ms: f64,
    pub logs: Vec<LogLine>,
    pub alerts: Vec<String>,
    /// Every error reported so far (`app.errors()`).
    pub errors: Vec<ScriptError>,
    /// Errors not yet taken by the runtime (stderr and overlay).
    pub fresh_errors: Vec<ScriptError>,
    pub rng: Rng,
    pub quit: bool,
    pub permissions: Vec<String>,
    pub app_dir: PathBuf,
    pub clipboard: String,
    /// Print log lines to stderr at or above this level (None: keep quiet).
    pub echo_level: Option<u8>,
    /// URLs a Link's default action asked to open, not yet taken by the runtime.
    pub open_requests: Vec<String>,
}

fn level_rank(level: &str) -> u8 {
    match level {
        "debug" => 0,
        "info" => 1,
        "warn" => 2,
        _ => 3,
    }
}

impl System {
    pub fn new(app_dir: PathBuf, seed: u64, permissions: Vec<String>) -> Self {
        Self {
            now_ms: 0.0,
            logs: Vec::new(),
            alerts: Vec::new(),
            errors: Vec::new(),
            fresh_errors: Vec::new(),
            rng: Rng::seeded(seed),
            quit: false,
            permissions,
            app_dir,
            clipboard: String::new(),
            echo_level: Some(1),
            open_requests: Vec::new(),
        }
    }

    /// A Link's default action (kry §14): queues its `href` for the OS handler. Only web and
    /// mail URLs leave the app: an OS handler given a local path or a custom scheme can run
    /// programs, which the sandbox does not allow without `process`.
    pub fn request_open(&mut self, href: &str) {
        let href = href.trim();
        if href.is_empty() {
            return;
        }
        let scheme = href.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        let web = matches!(scheme.as_deref(), Some("http" | "https" | "mailto"));
        if web
            || self
                .permissions
                .iter()
                .any(|p| p == "process" || p == "native")
        {
            self.open_requests.push(href.to_owned());
        } else {
            self.log(
                "warn",
                &format!(
                    "Link href \"{href}\" was not opened: only http, https and mailto URLs open \
                     without script_permissions: [\"process\"]"
                ),
                None,
            );
        }
    }

    pub fn report(&mut self, error: ScriptError) {
        self.errors.push(error.clone());
        self.fresh_errors.push(error);
    }

    pub fn log_from(
        &mut self,
        level: &str,
        message: &str,
        language: &str,
        location: Option<String>,
    ) {
        let line = LogLine {
            time_ms: self.now_ms,
            level: level.to_owned(),
            language: language.to_owned(),
            location,
            message: message.to_owned(),
        };
        if self.echo_level.is_some_and(|min| level_rank(level) >= min) {
            eprintln!("{}", line.render());
        }
        self.logs.push(line);
    }

    pub fn log(&mut self, level: &str, message: &str, location: Option<String>) {
        self.log_from(level, message, "", location);
    }

    fn require(&self, permission: &str, call: &str) -> Result<(), ScriptError> {
        if self
            .permissions
            .iter()
            .any(|p| p == permission || p == "native")
        {
            Ok(())
        } else {
            Err(ScriptError::new(
                "S0120",
                format!("{call} requires script_permissions: [\"{permission}\"]"),
            ))
        }
    }

    /// The app data folder (`kryon.fs.dataDir`).
    pub fn data_dir(&self) -> PathBuf {
        self.app_dir.join(".kryon-data")
    }

    /// Resolves `path` under the permitted roots, following `..` and symlinks (S0120 outside).
    fn checked_path(
        &self,
        path: &str,
        roots: &[PathBuf],
        call: &str,
    ) -> Result<PathBuf, ScriptError> {
        let candidate = Path::new(path);
        let joined = if candidate.is_absolute() {
            candidate.to_path_buf()
        } else {
            self.app_dir.join(candidate)
        };
        // Canonicalize the deepest existing ancestor, so new files can be checked too.
        let mut existing = joined.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (
                existing.file_name().map(|n| n.to_owned()),
                existing.parent(),
            ) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut resolved = existing.canonicalize().unwrap_or(existing);
        for part in rest.iter().rev() {
            if part == ".." {
                return Err(ScriptError::new(
                    "S0120",
                    format!("{call}: path {path} is outside the app folders"),
                ));
            }
            resolved.push(part);
        }
        let allowed = roots
            .iter()
            .filter_map(|r| r.canonicalize().ok().or_else(|| Some(r.clone())))
            .any(|root| resolved.starts_with(&root));
        if allowed {
            Ok(resolved)
        } else {
            Err(ScriptError::new(
                "S0120",
                format!("{call}: path {path} is outside the app folders"),
            ))
        }
    }

    pub fn fs(&mut self, call: &str, args: &[Value]) -> Result<Value, ScriptError> {
        let path = args.first().and_then(Value::as_str).unwrap_or("");
        let read_roots = [self.app_dir.clone(), self.data_dir()];
        let io = |e: std::io::Error| ScriptError::new("S0101", format!("{call}: {e}"));
        match call {
            "kryon.fs.readText" => {
                self.require("fs_read", call)?;
                let p = self.checked_path(path, &read_roots, call)?;
                Ok(Value::from(std::fs::read_to_string(p).map_err(io)?))
            }
            "kryon.fs.exists" => {
                self.require("fs_read", call)?;
                let p = self.checked_path(path, &read_roots, call)?;
                Ok(Value::Bool(p.exists()))
            }
            "kryon.fs.list" => {
                self.require("fs_read", call)?;
                let p = self.checked_path(path, &read_roots, call)?;
                let mut names: Vec<String> = std::fs::read_dir(p)
                    .map_err(io)?
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect();
                names.sort();
                Ok(Value::Array(names.into_iter().map(Value::from).collect()))
            }
            _ => {
                self.require("fs_write", call)?;
                let data = self.data_dir();
                std::fs::create_dir_all(&data).map_err(io)?;
                let relative = Path::new(path);
                let target = if relative.is_absolute() {
                    relative.to_path_buf()
                } else {
                    data.join(relative)
                };
                let p = self.checked_path(&target.to_string_lossy(), &[data], call)?;
                let text = args.get(1).and_then(Value::as_str).unwrap_or("");
                std::fs::write(p, text).map_err(io)?;
                Ok(Value::Null)
            }
        }
    }

    pub fn env(&self, name: &str) -> Result<Value, ScriptError> {
        self.require("env", "kryon.env")?;
        Ok(std::env::var(name).map(Value::from).unwrap_or_default())
    }

    /// `kryon.exec(cmd, args)`: runs a program (no shell, so arguments are never re-parsed) in
    /// the app folder and waits; `status` is -1 when a signal ended it.
    pub fn exec(&self, cmd: &str, args: &Value) -> Result<Value, ScriptError> {
        self.require("process", "kryon.exec")?;
        let word = |v: &Value| match v.to_dom() {
            Ok(d) => d.to_string(),
            Err(_) => String::new(),
        };
        let args: Vec<String> = match args {
            Value::Array(items) => items.iter().map(word).collect(),
            Value::Null => Vec::new(),
            other => vec![word(other)],
        };
        let output = std::process::Command::new(cmd)
            .args(&args)
            .current_dir(&self.app_dir)
            .stdin(std::process::Stdio::null())
            .output()
            .map_err(|e| ScriptError::new("S0101", format!("kryon.exec: cannot run {cmd}: {e}")))?;
        let mut result = indexmap::IndexMap::new();
        result.insert(
            "status".to_owned(),
            Value::Int(output.status.code().map_or(-1, i64::from)),
        );
        for (key, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            result.insert(
                key.to_owned(),
                Value::from(String::from_utf8_lossy(bytes).into_owned()),
            );
        }
        Ok(Value::Object(result))
    }

    pub fn clipboard(&mut self, set: Option<&str>) -> Result<Value, ScriptError> {
        self.require("clipboard", "kryon.clipboard")?;
        match set {
            Some(text) => {
                self.clipboard = text.to_owned();
                Ok(Value::Null)
            }
            None => Ok(Value::from(self.clipboard.as_str())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_is_seeded_and_in_range() {
        let mut a = Rng::seeded(0);
        let mut b = Rng::seeded(0);
        let xs: Vec<f64> = (0..100).map(|_| a.next_f64()).collect();
        let ys: Vec<f64> = (0..100).map(|_| b.next_f64()).collect();
        assert_eq!(xs, ys);
        assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
        assert_ne!(Rng::seeded(1).next_f64(), xs[0]);
    }

    #[test]
    fn gated_calls_name_their_permission_and_paths_stay_inside() {
        let dir = std::env::temp_dir().join("kryon-system-test");
        let _ = std::fs::create_dir_all(&dir);
        let mut s = System::new(dir.clone(), 0, Vec::new());
        let err = s
            .fs("kryon.fs.readText", &[Value::from("a.txt")])
            .expect_err("denied");
        assert_eq!(err.code, "S0120");
        assert!(err.message.contains("[\"fs_read\"]"), "{}", err.message);
        let mut s = System::new(dir, 0, vec!["fs_read".into()]);
        let err = s
            .fs("kryon.fs.readText", &[Value::from("../../etc/passwd")])
            .expect_err("outside");
        assert_eq!(err.code, "S0120");
    }

    #[test]
    fn exec_needs_process_and_reports_status_and_output() {
        let dir = std::env::temp_dir();
        let args = Value::Array(vec![
            Value::from("-c"),
            Value::from("echo out; echo err >&2; exit 4"),
        ]);
        let err = System::new(dir.clone(), 0, Vec::new())
            .exec("sh", &args)
            .expect_err("denied");
        assert_eq!(err.code, "S0120");
        assert!(err.message.contains("[\"process\"]"), "{}", err.message);
        let s = System::new(dir, 0, vec!["process".into()]);
        let Value::Object(result) = s.exec("sh", &args).expect("runs") else {
            panic!("exec returns a table");
        };
        assert_eq!(result.get("status"), Some(&Value::Int(4)));
        assert_eq!(result.get("stdout"), Some(&Value::from("out\n")));
        assert_eq!(result.get("stderr"), Some(&Value::from("err\n")));
        let missing = s
            .exec("kryon-no-such-program", &Value::Null)
            .expect_err("missing");
        assert!(
            missing.message.contains("cannot run"),
            "{}",
            missing.message
        );
    }
}
