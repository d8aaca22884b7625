//! # HingeCraft schema
//!
//! Declare each table once, on a Rust struct, in the sub-module that needs
//! it; get a SeaORM entity, typed lookups, the table as data, and DDL for
//! Postgres and SQLite. Describe the project once ([`Project`], feature
//! `tools`) and get its merged, hardened production schema, generated
//! entities, migrations, docs and a command line ([`cli::run`]).
//!
//! ## Features
//!
//! | feature | what it adds |
//! |---|---|
//! | (none) | the runtime: `#[table]`, [`TableDef`], [`tables!`], typed query helpers ([`query`]), typed constraint errors, and the migration runner ([`migrate`], [`embed_migrations!`]) |
//! | `migrate-cli` | [`migrate::cli`]: the whole `migration` binary of a project |
//! | `mysql` | MySQL and MariaDB connections (sqlx's driver), and their refusals as [`ConstraintViolation`]s |
//! | `tools` | the generators: [`Project`], [`merge`], [`harden`](mod@harden), [`diff`], [`render`], [`lifecycle`], [`snapshot`], [`codegen`], [`docs`], [`generate`], [`verify`], and the project command line [`cli`] |
//!
//! A service that imports typed models and runs migrations depends on
//! `hingecraft` without `tools`, and compiles none of the generators.
//!
//! ```
//! use hingecraft::prelude::*;
//! # fn main() {
//! # assert_table();
//! # }
//!
//! /// A person with an account on the platform.
//! #[table(name = "members", module = "example", audit)]
//! pub struct Member {
//!     #[hc(primary_key, default_sql = "gen_random_uuid()")]
//!     pub id: Uuid,
//!     /// Login e-mail.
//!     #[hc(unique, max_len = 255)]
//!     pub email: String,
//!     #[hc(one_of("active", "suspended"), default = "active")]
//!     pub status: String,
//! }
//!
//! # fn assert_table() {
//! let table = Entity::table_def();
//! assert_eq!(table.name, "members");
//! assert_eq!(table.columns[1].doc.as_deref(), Some("Login e-mail."));
//! # }
//! ```
//!
//! ## Attributes
//!
//! On the struct, `#[table(...)]`:
//!
//! | key | meaning |
//! |---|---|
//! | `name = "..."` | the SQL table name (snake_case, at most 63 bytes, not a reserved word) |
//! | `module = "..."` | the source module declaring it |
//! | `layer = "..."` | the master-schema layer, e.g. `"02_users_identity"` |
//! | `audit`, `soft_delete`, `versioned`, `timestamps`, `rls`, `public` | flags read by hardening |
//! | `primary_key(a, b)` | a composite primary key |
//! | `unique(a, b)` | a composite UNIQUE constraint (repeatable) |
//! | `index(columns(a, b), method = "gin", opclass = "...", predicate = "...", unique, name = "...")` | an index (repeatable) |
//!
//! On a field, `#[hc(...)]`:
//!
//! | key | meaning |
//! |---|---|
//! | `primary_key` | the primary key column |
//! | `unique`, `indexed` | a UNIQUE constraint / a b-tree index on the column |
//! | `default = lit`, `default_sql = "..."` | a constant default / a SQL default (`now()`, `gen_random_uuid()`, ...) |
//! | `one_of("a", "b")` | an enum-like column: a CHECK on the values |
//! | `min = n`, `max = n` | a range CHECK |
//! | `max_len = n` | `varchar(n)` |
//! | `check = "..."` | any other CHECK, in SQL |
//! | `references = "table"`, `ref_column = "id"`, `entity = "path"`, `on_delete = "..."`, `on_update = "..."` | a foreign key; `entity` is the target's module when it is not a sibling |
//! | `json`, `sql_type = "..."`, `precision`, `scale`, `dim` | the SQL type, when the Rust type does not say it |
//! | `tenant`, `owner` | the workspace / user column that row-level security keys on |
//! | `name = "..."` | the column name, when not the field name |
//!
//! Nullability comes from `Option<_>`. Every mistake is a compile error on
//! the attribute at fault, all of them at once.

#![warn(missing_docs)]

// Generated code names this crate when it is the only HingeCraft dependency.
#[allow(unused_extern_crates)]
extern crate self as hingecraft;

/// Opens a service's connection pool: see [`query::PoolOptions`].
pub use hingecraft_runtime::query::{PoolOptions, connect};
#[doc(inline)]
pub use hingecraft_runtime::{
    ConstraintViolation, DbErrExt, Module, Schema, Stage, Table, TableDef, ViolationKind,
    embed_migrations, migrate, model, query, table, tables,
};

/// What a file declaring tables needs: the attribute and the column types.
pub mod prelude {
    pub use hingecraft_runtime::prelude::*;
}

#[cfg(feature = "tools")]
#[doc(inline)]
pub use hingecraft_schema::{
    Conventions, HardeningProfile, Paths, Production, Project, Resolution, diff, harden, lifecycle,
    merge, project, render, snapshot,
};
#[cfg(feature = "tools")]
#[doc(inline)]
pub use hingecraft_tools::{cli, codegen, docs, generate, verify};

/// The runtime support generated code uses. Not a public API.
#[doc(hidden)]
pub use hingecraft_runtime as __runtime;
