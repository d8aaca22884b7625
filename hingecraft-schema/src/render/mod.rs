//! Rendering (in progress).
pub struct Dialect;
