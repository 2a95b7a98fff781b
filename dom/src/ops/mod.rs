//! Script-facing DOM operations: property reads and writes by name, class lists, selectors,
//! element creation and tree edits. Every operation goes through the mutation funnel.
