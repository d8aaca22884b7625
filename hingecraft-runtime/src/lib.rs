//! HingeCraft schema's runtime: what generated entities and services need
//! when they run, and nothing of the generators.
//!
//! - [`TableDef`]: the table as data, implemented by every `#[table]` entity;
//!   [`tables!`] lists a module's tables.
//! - [`model`]: tables, columns, constraints and modules as plain data.
//! - [`query`]: the runtime of the generated query helpers (tenancy scopes,
//!   optimistic locking, search) and the connection helper.
//! - [`migrate`]: stored SQL migrations, embedded with
//!   [`embed_migrations!`] or read from a directory, applied by a runner
//!   with a lock and checksums (and, with the `cli` feature, its command line).
//! - [`ConstraintViolation`]: a write refused by the database, typed.
//!
//! Most users depend on the `hingecraft` facade crate, which re-exports all
//! of this and, with its `tools` feature, the generators.

#![warn(missing_docs)]

// Generated code names this crate by its absolute path; inside it, that path is `crate`.
#[allow(unused_extern_crates)]
extern crate self as hingecraft_runtime;

pub mod migrate;
pub mod query;
mod violation;

pub use hingecraft_macros::table;
pub use hingecraft_model as model;
pub use model::{Module, Schema, Stage, Table};
pub use violation::{ConstraintViolation, DbErrExt, ViolationKind};

/// What a file declaring tables needs: the attribute and the column types.
///
/// ```
/// use hingecraft_runtime::prelude::*;
/// ```
pub mod prelude {
    pub use crate::{TableDef, table};
    pub use sea_orm::entity::prelude::PgVector;
    pub use sea_orm::entity::prelude::{
        Date, DateTimeUtc, DateTimeWithTimeZone, Decimal, Json, Uuid,
    };
}

/// A table declared with `#[table]`: its definition as schema data.
///
/// Implemented by the generated `Entity` of every declared table.
pub trait TableDef {
    /// The SQL table name.
    const TABLE_NAME: &'static str;
    /// The source module that declared the table.
    const MODULE: &'static str;
    /// The table as data: columns, keys, constraints, indexes, docs, flags.
    fn table_def() -> Table;
}

/// Declares the table modules of a source module (`pub mod <name>;` each)
/// and a function `tables()` returning their definitions, in order.
///
/// ```ignore
/// // src/billing/mod.rs, beside customers.rs and invoices.rs
/// hingecraft::tables!(customers, invoices);
///
/// pub fn module() -> hingecraft::Module {
///     hingecraft::Module::new("billing", hingecraft::Stage::Prototype).with_tables(tables())
/// }
/// ```
#[macro_export]
macro_rules! tables {
    ($($table:ident),* $(,)?) => {
        $(pub mod $table;)*

        /// The definitions of every table this module declares, in declaration order.
        pub fn tables() -> ::std::vec::Vec<$crate::model::Table> {
            #[allow(unused_imports)] // unused in a module with no tables yet
            use $crate::TableDef as _;
            ::std::vec![$(<$table::Entity as $crate::TableDef>::table_def()),*]
        }
    };
}

/// Paths the generated code uses, so that downstream crates need no direct
/// dependency on SeaORM or serde. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use chrono;
    pub use sea_orm;
    pub use serde;
    pub use uuid;

    pub use hingecraft_macros::embedded_migration_files;
}
