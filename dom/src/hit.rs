//! Hit testing: which element is under a window point.
