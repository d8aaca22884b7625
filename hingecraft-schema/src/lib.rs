//! HingeCraft schema: the schema model, its renderers, and what generated
//! entities need at run time.
//!
//! - [`model`]: tables, columns, constraints, policies as plain data.
//! - [`lifecycle`]: what each stage (concept, prototype, production) may produce.
//! - [`merge`]: the sub-modules' partial tables merged into one schema.
//! - [`render`]: the model to DDL, one [`render::Dialect`] per backend.
//! - [`harden`](mod@harden): a merged schema made ready for production Postgres.
//! - [`query`]: the runtime of the generated query helpers (tenancy scopes,
//!   optimistic locking, search) and the connection helper.
//! - [`table`]: the `#[table]` attribute that declares a table on a struct.
//!
//! Most users depend on the `hingecraft` facade crate, which re-exports all of this.

// Generated code names this crate by its absolute path; inside it, that path is `crate`.
#[allow(unused_extern_crates)]
extern crate self as hingecraft_schema;

pub mod diff;
pub mod harden;
pub mod lifecycle;
pub mod merge;
pub mod model;
pub mod query;
pub mod render;
pub mod snapshot;
mod violation;

pub use harden::{HardeningProfile, HardeningReport, harden};
pub use hingecraft_macros::table;
pub use merge::{Conflict, MergeReport, PartialFieldPolicy, Resolution};
pub use model::{Module, Schema, Stage, Table};
pub use violation::{ConstraintViolation, DbErrExt, ViolationKind};

/// What a file declaring tables needs: the attribute and the column types.
///
/// ```
/// use hingecraft_schema::prelude::*;
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

/// Paths the generated code uses, so that downstream crates need no direct
/// dependency on SeaORM or serde. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use chrono;
    pub use sea_orm;
    pub use serde;
    pub use uuid;
}
