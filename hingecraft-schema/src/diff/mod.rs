//! Schema diff: from an old schema to a new one, as ordered [`Change`]s.
//!
//! Split as atlas splits it: the model (`crate::model`), the change kinds
//! ([`change`]) and the planner (`planner`, `table`, sharing `phase`). The planner compares
//! objects by name and yields changes in the order they can be applied:
//! what depends on an object is dropped before it (triggers, policies,
//! views, indexes, constraints, columns, tables, functions, extensions),
//! and objects are created after what they depend on (extensions,
//! functions, tables in foreign-key order, columns, constraints, indexes,
//! SQL functions, security, triggers, views, comments).
//!
//! A rename is never guessed: only a `renamed_from` on a table or column
//! (naming an object the old schema has and the new one does not) turns a
//! drop and a create into a rename. The diff produces changes, never SQL:
//! each `render::Dialect` renders them for its backend.

pub mod change;
mod phase;
mod planner;
mod table;

pub use change::{Change, Hazard, rewrites_table};
pub use planner::diff;
