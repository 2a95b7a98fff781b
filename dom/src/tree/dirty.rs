//! Dirty flags: the invalidation vocabulary of the tree (see ARCHITECTURE.md).
//!
//! A flag on an element says what must be redone for *that* element; the `DESCENDANT_*` flags on
//! its ancestors say where to look, so a pass walks only the paths that lead to dirty elements.
//! Marking stops at an ancestor that already carries the flag.

/// A set of dirty flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Dirty(u8);

impl Dirty {
    /// The cascade must be recomputed (own value, class, state or inherited value changed).
    pub const STYLE: Dirty = Dirty(1);
    /// Some descendant has `STYLE`.
    pub const DESCENDANT_STYLE: Dirty = Dirty(2);
    /// The layout node must be re-synced (layout style, text or children changed).
    pub const LAYOUT: Dirty = Dirty(4);
    /// Something must be repainted.
    pub const PAINT: Dirty = Dirty(8);
    /// Class-level bindings (`$var` in a style block) must be re-evaluated for this element.
    pub const CLASS_BINDINGS: Dirty = Dirty(16);
    /// Children changed (structure); the layout node's child list must be re-synced.
    pub const CHILDREN: Dirty = Dirty(32);

    /// No flag.
    pub const fn empty() -> Dirty {
        Dirty(0)
    }

    /// True if every flag of `other` is set.
    pub fn contains(self, other: Dirty) -> bool {
        self.0 & other.0 == other.0
    }

    /// True if any flag of `other` is set.
    pub fn intersects(self, other: Dirty) -> bool {
        self.0 & other.0 != 0
    }

    /// Sets flags.
    pub fn insert(&mut self, other: Dirty) {
        self.0 |= other.0;
    }

    /// Clears flags.
    pub fn remove(&mut self, other: Dirty) {
        self.0 &= !other.0;
    }

    /// True when no flag is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl std::ops::BitOr for Dirty {
    type Output = Dirty;
    fn bitor(self, rhs: Dirty) -> Dirty {
        Dirty(self.0 | rhs.0)
    }
}
