//! The schema as data: what a table, a column, a constraint or a policy is.
//!
//! Nothing here knows SQL. Renderers (`crate::render`) turn these values into
//! statements for one backend; the merger and the hardening passes transform
//! them. Every collection is kept in declaration order, and every pass that
//! builds one sorts it where order is not meaningful, so output is
//! deterministic.

mod column;
mod constraint;
mod function;
mod module;
pub mod naming;
mod table;
mod view;

pub use column::{Column, ColumnType, DefaultValue, Literal};
pub use constraint::{
    Check, CheckKind, ForeignKey, Index, IndexMethod, IndexPart, ReferentialAction, Unique,
};
pub use function::{Extension, Function, FunctionArg, Volatility};
pub use module::{Module, Schema, Stage};
pub use table::{
    PartitionInterval, Partitioning, Policy, PolicyCommand, Table, TableFlags, Trigger,
    TriggerEvent, TriggerTiming,
};
pub use view::View;
