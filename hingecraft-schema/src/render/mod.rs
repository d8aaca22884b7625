//! The schema model to DDL, one [`Dialect`] per backend.
//!
//! - [`Postgres`] renders everything: extensions, functions, tables with
//!   every key and check, indexes with access methods and operator classes,
//!   row-level security, policies, triggers and comments.
//! - [`Sqlite`] renders the same tables, keys, checks and b-tree indexes,
//!   and lists in [`Ddl::skipped`] everything SQLite cannot express.
//! - [`Mysql`] renders the same tables, keys, checks, b-tree indexes and
//!   comments for MySQL and MariaDB (a partial unique index through
//!   invisible generated columns), and lists the rest; it renders new
//!   databases, not yet changes to existing ones.
//!
//! Tables go through sea-query's `Table::create()` on both backends; what
//! sea-query has no statement for is in [`statements`], written the way
//! sea-query writes its own Postgres extensions. Rendering is deterministic:
//! the same [`Schema`] gives byte-identical output (tables in foreign-key
//! order then by name, constraints and indexes by name, columns as
//! declared).

pub mod changes;
mod error;
mod mysql;
pub mod plan;
mod portable;
mod postgres;
pub mod server;
mod skipped;
mod sqlite;
pub mod statements;
mod table;
mod validate;

pub use crate::order::{TableOrder, dependency_order};
pub use error::RenderError;
pub use mysql::{KEYED_TEXT_LEN, Mysql};
pub use postgres::Postgres;
pub use skipped::Skipped;
pub use sqlite::Sqlite;

use serde::{Deserialize, Serialize};

use crate::diff::Change;
use crate::model::Schema;
pub use changes::RenderedChange;

/// A database backend the schema can be rendered for.
///
/// Every backend renders the same [`Schema`]; what one cannot express it
/// leaves out and lists in [`Ddl::skipped`], never silently. A new backend
/// (MySQL and MariaDB, [`Mysql`]) is a new implementation of this trait.
pub trait Dialect: std::fmt::Debug + Send + Sync {
    /// The backend's short name (`postgres`, `sqlite`).
    fn name(&self) -> &'static str;

    /// The statements that create the whole schema on an empty database.
    fn render(&self, schema: &Schema) -> Result<Ddl, RenderError>;

    /// The statements that drop the schema's tables and functions, in
    /// reverse dependency order. Extensions and their schemas stay: other
    /// objects in the database may use them.
    fn render_drop(&self, schema: &Schema) -> Result<Ddl, RenderError>;

    /// The statements that create one table of the schema with all it owns
    /// (indexes, security, triggers, comments), every foreign key inline:
    /// the tables it references must exist already.
    fn render_table(&self, schema: &Schema, table: &str) -> Result<Ddl, RenderError>;

    /// The statements of each change of `diff(old, new)`, in order.
    fn render_changes(
        &self,
        changes: &[Change],
        old: &Schema,
        new: &Schema,
    ) -> Result<Vec<RenderedChange>, RenderError>;
}

/// Rendered DDL: statements to run in order, and what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ddl {
    /// SQL statements, without terminating semicolons, in execution order.
    pub statements: Vec<String>,
    /// What the backend cannot express and the statements leave out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
}

impl Ddl {
    /// The statements as one script, each terminated by `;` and a newline.
    pub fn script(&self) -> String {
        self.statements.iter().map(|s| format!("{s};\n")).collect()
    }
}

#[cfg(test)]
mod tests;
