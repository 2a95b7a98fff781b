//! [`StateSet`]: the set of active pseudo-states of an element, and of a pseudo block's states
//! (kry-language.md §5.4).

use kryon_markup::ast::PseudoState;

/// The cascade order of simple pseudo blocks (§5.5): a later state beats an earlier one.
pub const STATE_ORDER: [PseudoState; 5] = [
    PseudoState::Hover,
    PseudoState::Focus,
    PseudoState::Active,
    PseudoState::Checked,
    PseudoState::Disabled,
];

/// A small bitset of [`PseudoState`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct StateSet(u8);

fn bit(state: PseudoState) -> u8 {
    match state {
        PseudoState::Hover => 1,
        PseudoState::Focus => 2,
        PseudoState::Active => 4,
        PseudoState::Checked => 8,
        PseudoState::Disabled => 16,
    }
}

impl StateSet {
    /// No state.
    pub const EMPTY: StateSet = StateSet(0);

    /// The set of the given states (duplicates collapse).
    pub fn from_states(states: &[PseudoState]) -> StateSet {
        states.iter().copied().collect()
    }

    /// Adds a state.
    pub fn insert(&mut self, state: PseudoState) {
        self.0 |= bit(state);
    }

    /// Removes a state.
    pub fn remove(&mut self, state: PseudoState) {
        self.0 &= !bit(state);
    }

    /// This set plus `state`.
    pub fn with(mut self, state: PseudoState) -> StateSet {
        self.insert(state);
        self
    }

    /// True if `state` is in the set.
    pub fn contains(self, state: PseudoState) -> bool {
        self.0 & bit(state) != 0
    }

    /// Number of states.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// True when empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True for a compound block (`&:checked:hover`).
    pub fn is_compound(self) -> bool {
        self.len() > 1
    }

    /// True if every state of `self` is in `other`.
    pub fn is_subset_of(self, other: StateSet) -> bool {
        self.0 & !other.0 == 0
    }

    /// The states that really apply: `disabled` clears `hover`, `focus` and `active` (§5.4).
    pub fn effective(self) -> StateSet {
        if self.contains(PseudoState::Disabled) {
            StateSet(
                self.0
                    & !(bit(PseudoState::Hover)
                        | bit(PseudoState::Focus)
                        | bit(PseudoState::Active)),
            )
        } else {
            self
        }
    }

    /// True when a block with these states applies to an element whose (effective) states are
    /// `active`.
    pub fn matches(self, active: StateSet) -> bool {
        !self.is_empty() && self.is_subset_of(active)
    }

    /// Cascade rank within a pseudo layer: simple blocks in [`STATE_ORDER`] (0–4), every compound
    /// block above them (5).
    pub fn rank(self) -> usize {
        if self.is_compound() {
            return STATE_ORDER.len();
        }
        STATE_ORDER
            .iter()
            .position(|s| self.contains(*s))
            .unwrap_or(0)
    }

    /// The states, in [`STATE_ORDER`].
    pub fn iter(self) -> impl Iterator<Item = PseudoState> {
        STATE_ORDER.into_iter().filter(move |s| self.contains(*s))
    }
}

impl From<PseudoState> for StateSet {
    fn from(state: PseudoState) -> Self {
        StateSet(bit(state))
    }
}

impl FromIterator<PseudoState> for StateSet {
    fn from_iter<I: IntoIterator<Item = PseudoState>>(iter: I) -> Self {
        let mut set = StateSet::EMPTY;
        for s in iter {
            set.insert(s);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PseudoState::*;

    #[test]
    fn sets_and_ranks() {
        let mut s = StateSet::from_states(&[Checked, Hover, Hover]);
        assert_eq!(s.len(), 2);
        assert!(s.is_compound());
        assert_eq!(s.rank(), 5);
        assert_eq!(StateSet::from(Hover).rank(), 0);
        assert_eq!(StateSet::from(Disabled).rank(), 4);
        assert!(StateSet::from(Hover).matches(s));
        assert!(!StateSet::EMPTY.matches(s));
        s.insert(Disabled);
        assert!(!s.effective().contains(Hover));
        assert!(s.effective().contains(Checked));
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![Hover, Checked, Disabled]);
    }
}
