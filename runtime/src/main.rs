//! The `kryon` command-line tool.
fn main() {}
