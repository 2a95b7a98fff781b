//! Text read back from the host (`el.text`, `el:getText()`), cached by content. Making a Lua
//! string from Rust runs in a protected call while a memory limit is set (the allocation may
//! fail), which is most of a field read's cost; a UI script often reads the same short texts
//! again. A small direct-mapped cache keyed by an FNV hash of the text keeps the Lua string made
//! last time for that text, and a hit only pushes a reference to it. A Lua string is a value, so
//! handing back an equal one is indistinguishable from making a new one.

use mlua::{Lua, LuaString};
use std::cell::RefCell;

/// Entries (a power of two).
const SLOTS: usize = 64;

/// Longer texts are made directly (hashing and comparing them would cost more than it saves).
const MAX_CACHED: usize = 64;

/// One cached text and the Lua string holding it.
type Entry = (Box<str>, LuaString);

/// The cache.
pub(crate) struct Texts {
    slots: RefCell<Vec<Option<Entry>>>,
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Texts {
    pub fn new() -> Texts {
        Texts {
            slots: RefCell::new(vec![None; SLOTS]),
        }
    }

    /// A Lua string holding `text`.
    pub fn string<T>(&self, lua: &Lua, text: T) -> mlua::Result<LuaString>
    where
        T: AsRef<str> + Into<Box<str>>,
    {
        let bytes = text.as_ref().as_bytes();
        if bytes.len() > MAX_CACHED {
            return lua.create_string(bytes);
        }
        let slot = (fnv(bytes) as usize) & (SLOTS - 1);
        if let Some(Some((cached, s))) = self.slots.borrow().get(slot)
            && cached.as_bytes() == bytes
        {
            return Ok(s.clone());
        }
        let s = lua.create_string(bytes)?;
        if let Some(entry) = self.slots.borrow_mut().get_mut(slot) {
            *entry = Some((text.into(), s.clone()));
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_comes_back_as_itself() {
        let lua = Lua::new();
        let texts = Texts::new();
        let long = "x".repeat(MAX_CACHED + 1);
        // More distinct texts than slots, twice: hits, misses and evictions all answer the text.
        for _ in 0..2 {
            for i in 0..(SLOTS * 3) {
                let t = format!("t{i}");
                let s = texts.string(&lua, t.as_str()).expect("string");
                assert_eq!(s.to_str().expect("utf-8").as_ref() as &str, t);
            }
            let s = texts.string(&lua, long.clone()).expect("long");
            assert_eq!(s.as_bytes().as_ref(), long.as_bytes());
        }
    }
}
