//! Property names as scripts write them, resolved on every script read and write: the same answer
//! as [`style::lookup`], from a table keyed by every accepted name with a hash cheap for short
//! keys (FNV-1a) instead of SipHash. Names with `-` (read as `_`) go to [`style::lookup`].

use crate::style::{self, PropId};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a, 64 bits: a few cycles for the short names property keys are.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Table = HashMap<&'static str, PropId, BuildHasherDefault<Fnv>>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        style::catalogue::known_keys()
            .filter_map(|k| Some((k, style::lookup(k)?)))
            .collect()
    })
}

/// [`style::lookup`]: canonical names and aliases, `-` read as `_`; `None` for other names.
pub(crate) fn lookup(name: &str) -> Option<PropId> {
    if name.contains('-') {
        return style::lookup(name);
    }
    table().get(name).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_like_the_catalogue() {
        let names = style::catalogue::known_keys().chain([
            "",
            "x",
            "texts",
            "background-color",
            "on_click",
            "data-id",
            "Text",
        ]);
        for name in names {
            assert_eq!(lookup(name), style::lookup(name), "{name}");
        }
    }
}
