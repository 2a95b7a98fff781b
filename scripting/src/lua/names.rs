//! Property names and short string values seen as Lua strings (`el.text = "x"`,
//! `el:setProperty("text", v)`), cached by string object. Lua interns short strings, so a name or
//! a value written in a script is one string object; a small direct-mapped cache (one for names,
//! one for values) maps that object's address to its text. The cache holds a reference to
//! each string it keeps, so the object cannot be collected and its address cannot be reused
//! while the entry exists: an address match is the same string. A hit costs no copy, no
//! allocation (borrowing a Lua string's bytes allocates a shared counter in mlua) and no UTF-8
//! check; a miss costs one more allocation (the cached text). Strings that are not valid UTF-8 are
//! never cached, so each use warns (S0204).

use super::convert::lossy;
use super::ctx::Ctx;
use mlua::{Lua, LuaString};
use std::cell::RefCell;
use std::rc::Rc;

/// Entries (a power of two).
const SLOTS: usize = 64;

/// One cached name: the string's address, the string (kept alive), its text.
type Entry = (usize, LuaString, Rc<str>);

/// The cache.
pub(crate) struct Names {
    slots: RefCell<Vec<Option<Entry>>>,
}

impl Names {
    pub fn new() -> Names {
        Names {
            slots: RefCell::new(vec![None; SLOTS]),
        }
    }

    /// Runs `f` with the text of `s` (invalid UTF-8 replaced, with warning S0204), caching it
    /// when it is at most `max_len` bytes.
    pub fn with<R>(
        &self,
        ctx: &Ctx,
        lua: &Lua,
        s: &LuaString,
        max_len: usize,
        f: impl FnOnce(&str) -> R,
    ) -> R {
        let addr = s.to_pointer() as usize;
        // String data is at least 8-byte aligned; mix in higher bits for spread.
        let slot = ((addr >> 3) ^ (addr >> 11)) & (SLOTS - 1);
        let hit = match self.slots.borrow().get(slot) {
            Some(Some((a, _, text))) if *a == addr => Some(Rc::clone(text)),
            _ => None,
        };
        if let Some(text) = hit {
            return f(&text);
        }
        let Ok(valid) = s.to_str() else {
            return f(&lossy(ctx, lua, s));
        };
        if valid.len() > max_len {
            return f(&valid);
        }
        let text: Rc<str> = Rc::from(&*valid);
        if let Some(entry) = self.slots.borrow_mut().get_mut(slot) {
            *entry = Some((addr, s.clone(), Rc::clone(&text)));
        }
        f(&text)
    }
}
