//! Property names seen as Lua strings (`el.text`, `el:setProperty("text", v)`), cached by string
//! object. Lua interns short strings, so a name written in a script is one string object; a small
//! direct-mapped cache maps that object's address to its text. The cache holds a reference to
//! each string it keeps, so the object cannot be collected and its address cannot be reused
//! while the entry exists: an address match is the same string. A hit costs no copy, no
//! allocation (borrowing a Lua string's bytes allocates a shared counter in mlua) and no UTF-8
//! check. Names that are not valid UTF-8 are never cached, so each use warns (S0204).

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

    /// The text of `s` (invalid UTF-8 replaced, with warning S0204).
    pub fn text(&self, ctx: &Ctx, lua: &Lua, s: &LuaString) -> Rc<str> {
        let addr = s.to_pointer() as usize;
        // String data is at least 8-byte aligned; mix in higher bits for spread.
        let slot = ((addr >> 3) ^ (addr >> 11)) & (SLOTS - 1);
        if let Some(Some((a, _, text))) = self.slots.borrow().get(slot)
            && *a == addr
        {
            return Rc::clone(text);
        }
        let Ok(valid) = s.to_str() else {
            return Rc::from(lossy(ctx, lua, s));
        };
        let text: Rc<str> = Rc::from(&*valid);
        if let Some(entry) = self.slots.borrow_mut().get_mut(slot) {
            *entry = Some((addr, s.clone(), Rc::clone(&text)));
        }
        text
    }
}
