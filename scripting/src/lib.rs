//! `kryon-scripting`: script engines and the DOM bridge. Not yet implemented: see issue 4.
