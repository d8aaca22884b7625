//! The schema as data: what a table, a column, a constraint or a policy is.
//!
//! Nothing here builds statements or does I/O; [`sql`] quotes the names and
//! text that the other crates write into SQL, and [`rust`] spells names as
//! Rust identifiers. The `#[table]` macro and the
//! generated entities produce these values; the merger and the hardening
//! passes of `hingecraft-schema` transform them, and its renderers turn them
//! into statements for one backend. Every collection is kept in
//! declaration order, and every pass that builds one sorts it where order is
//! not meaningful, so output is deterministic.

#![warn(missing_docs)]

mod column;
mod constraint;
mod conventions;
mod function;
mod module;
pub mod naming;
pub mod rust;
pub mod sql;
mod table;
mod view;

pub use column::{Column, ColumnType, DefaultValue, Literal};
pub use constraint::{
    Check, CheckKind, ForeignKey, Index, IndexMethod, IndexPart, ReferentialAction, Unique,
};
pub use conventions::{Bookkeeping, Conventions, MIGRATION_FILES, Membership, SessionSettings};
pub use function::{Extension, Function, FunctionArg, Volatility};
pub use module::{Module, Schema, Stage};
pub use table::{
    PartitionInterval, Partitioning, Policy, PolicyCommand, Table, TableFlags, Trigger,
    TriggerEvent, TriggerTiming,
};
pub use view::View;
