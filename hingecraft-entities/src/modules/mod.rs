//! Source modules: each is one partial view of the platform's schema.

pub mod codex;
pub mod master;
