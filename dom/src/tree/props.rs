//! [`OwnProps`]: an element's own property values (cascade layer 6).
//!
//! A handful of entries per element, so a small vector beats a tree map, and the cascade reads
//! it as a slice without copying.

use crate::style::{PropId, PropValue};

/// Own property values in first-write order; one entry per property.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OwnProps(Vec<(PropId, PropValue)>);

impl OwnProps {
    /// The value of a property, if the element sets it.
    pub fn get(&self, prop: &PropId) -> Option<&PropValue> {
        self.0.iter().find(|(p, _)| p == prop).map(|(_, v)| v)
    }

    /// Sets a property; returns whether the stored value changed.
    pub fn insert(&mut self, prop: PropId, value: PropValue) -> bool {
        match self.0.iter_mut().find(|(p, _)| *p == prop) {
            Some((_, old)) if *old == value => false,
            Some((_, old)) => {
                *old = value;
                true
            }
            None => {
                self.0.push((prop, value));
                true
            }
        }
    }

    /// All entries, for the cascade.
    pub fn as_slice(&self) -> &[(PropId, PropValue)] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_reports_changes_and_keeps_one_entry_per_property() {
        let mut own = OwnProps::default();
        assert!(own.insert(PropId::Opacity, PropValue::Number(0.5)));
        assert!(!own.insert(PropId::Opacity, PropValue::Number(0.5)));
        assert!(own.insert(PropId::Opacity, PropValue::Number(1.0)));
        assert_eq!(own.as_slice().len(), 1);
        assert_eq!(own.get(&PropId::Opacity), Some(&PropValue::Number(1.0)));
        assert_eq!(own.get(&PropId::Checked), None);
    }
}
