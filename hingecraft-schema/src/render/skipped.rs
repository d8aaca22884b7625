//! What a backend cannot express, and so leaves out of its DDL.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{ColumnType, IndexMethod};

/// One thing a renderer left out, or stored in a weaker form, because its
/// backend cannot express it.
///
/// Renderers never drop anything silently: every omission is one of these,
/// in [`Ddl::skipped`](super::Ddl::skipped), and its `Display` says exactly
/// what is missing and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum Skipped {
    /// A database extension was not created.
    Extension {
        /// The extension.
        extension: String,
    },
    /// An extension the Postgres server does not offer was not created.
    ExtensionUnavailable {
        /// The extension.
        extension: String,
    },
    /// A column whose type comes from an extension the server lacks is
    /// stored in a plain type.
    ColumnWithoutExtension {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// The type the model declares.
        ty: ColumnType,
        /// The extension the type needs.
        extension: String,
        /// The type used instead.
        stored_as: String,
    },
    /// An index needing an extension the server lacks was left out.
    IndexWithoutExtension {
        /// The table.
        table: String,
        /// The index.
        index: String,
        /// The extension it needs.
        extension: String,
    },
    /// A function was not created.
    Function {
        /// The function.
        function: String,
    },
    /// A column is stored in a weaker type.
    DegradedType {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// The type the model declares.
        #[serde(rename = "type")]
        ty: ColumnType,
        /// The declared type used instead.
        stored_as: String,
    },
    /// A `gen_random_uuid()` default was left out.
    UuidDefault {
        /// The table.
        table: String,
        /// The column.
        column: String,
    },
    /// A default written as Postgres SQL was left out.
    SqlDefault {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// The expression.
        expr: String,
    },
    /// A CHECK written as Postgres SQL was left out.
    SqlCheck {
        /// The table.
        table: String,
        /// The check.
        check: String,
        /// The expression.
        expr: String,
    },
    /// Foreign keys were kept, but without their names.
    ForeignKeyNames {
        /// The table.
        table: String,
        /// The foreign key names, sorted.
        names: Vec<String>,
    },
    /// An index with an access method the backend lacks was left out.
    IndexMethod {
        /// The table.
        table: String,
        /// The index.
        index: String,
        /// Its access method.
        method: IndexMethod,
    },
    /// A partial index whose predicate is not portable was left out.
    IndexPredicate {
        /// The table.
        table: String,
        /// The index.
        index: String,
        /// The predicate.
        predicate: String,
    },
    /// An index was kept without the operator class of one of its columns.
    OperatorClass {
        /// The table.
        table: String,
        /// The index.
        index: String,
        /// The column.
        column: String,
        /// The operator class.
        opclass: String,
    },
    /// Row-level security was not enabled.
    RowLevelSecurity {
        /// The table.
        table: String,
    },
    /// A row-level security policy was not created.
    Policy {
        /// The table.
        table: String,
        /// The policy.
        policy: String,
    },
    /// A trigger was not created.
    Trigger {
        /// The table.
        table: String,
        /// The trigger.
        trigger: String,
    },
    /// A generated column was left out (its expression is Postgres SQL).
    GeneratedColumn {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// The expression.
        expr: String,
    },
    /// A partitioned table was created as a plain table.
    Partitioning {
        /// The table.
        table: String,
        /// The partition column.
        column: String,
    },
    /// A view was not created.
    View {
        /// The view.
        view: String,
        /// Whether it is materialized.
        materialized: bool,
    },
    /// Comments (from doc comments) on a table and its columns were left out.
    Comments {
        /// The table.
        table: String,
        /// Whether the table itself has one.
        on_table: bool,
        /// The documented columns, in declaration order.
        columns: Vec<String>,
    },
    /// Something a backend other than Postgres and SQLite (MySQL and
    /// MariaDB) cannot express, with why.
    NotOnBackend {
        /// The backend (`MySQL and MariaDB`).
        backend: String,
        /// The table it concerns, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        table: Option<String>,
        /// What is left out or weakened (``table `t`: policy `p` ``).
        object: String,
        /// Why, and what stands instead.
        reason: String,
    },
    /// A change of a migration the backend cannot apply in place.
    Change {
        /// The table it concerns, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        table: Option<String>,
        /// The change, described (`alter column users.email`).
        change: String,
        /// Why it was left out.
        reason: String,
    },
}

impl Skipped {
    /// The table it concerns, if it concerns one.
    pub fn table(&self) -> Option<&str> {
        match self {
            Skipped::Extension { .. }
            | Skipped::ExtensionUnavailable { .. }
            | Skipped::Function { .. }
            | Skipped::View { .. } => None,
            Skipped::ColumnWithoutExtension { table, .. }
            | Skipped::IndexWithoutExtension { table, .. } => Some(table),
            Skipped::DegradedType { table, .. }
            | Skipped::UuidDefault { table, .. }
            | Skipped::SqlDefault { table, .. }
            | Skipped::SqlCheck { table, .. }
            | Skipped::ForeignKeyNames { table, .. }
            | Skipped::IndexMethod { table, .. }
            | Skipped::IndexPredicate { table, .. }
            | Skipped::OperatorClass { table, .. }
            | Skipped::RowLevelSecurity { table }
            | Skipped::Policy { table, .. }
            | Skipped::Trigger { table, .. }
            | Skipped::GeneratedColumn { table, .. }
            | Skipped::Partitioning { table, .. }
            | Skipped::Comments { table, .. } => Some(table),
            Skipped::Change { table, .. } | Skipped::NotOnBackend { table, .. } => table.as_deref(),
        }
    }
}

/// `a`, `b`, `c` (backquoted, comma-separated).
fn list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a degraded column loses, by its declared type.
fn degraded_loss(ty: &ColumnType) -> &'static str {
    match ty {
        ColumnType::TextArray => "a JSON array in text: no array operators or containment",
        ColumnType::Ltree => "plain text: no label-path operators",
        ColumnType::Vector { .. } => "raw bytes: no distance operators or nearest-neighbour search",
        ColumnType::TsVector => "plain text: no full-text search",
        _ => "a weaker type",
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skipped::Change { change, reason, .. } => write!(f, "{change}: {reason}"),
            Skipped::NotOnBackend { object, reason, .. } => write!(f, "{object} ({reason})"),
            Skipped::Extension { extension } => {
                write!(
                    f,
                    "extension `{extension}`: not created (SQLite has no extensions)"
                )
            }
            Skipped::ExtensionUnavailable { extension } => {
                write!(
                    f,
                    "extension `{extension}`: not created (this Postgres server does not offer it)"
                )
            }
            Skipped::ColumnWithoutExtension {
                table,
                column,
                ty,
                extension,
                stored_as,
            } => write!(
                f,
                "table `{table}`: column `{column}` is {} but extension `{extension}` is not offered by this server: \
                 stored as `{stored_as}` ({})",
                ty.display_name(),
                degraded_loss(ty)
            ),
            Skipped::IndexWithoutExtension {
                table,
                index,
                extension,
            } => write!(
                f,
                "table `{table}`: index `{index}` (it needs extension `{extension}`, which this server does not offer)"
            ),
            Skipped::Function { function } => {
                write!(
                    f,
                    "function `{function}`: not created (SQLite has no stored functions)"
                )
            }
            Skipped::DegradedType {
                table,
                column,
                ty,
                stored_as,
            } => write!(
                f,
                "table `{table}`: column `{column}` is {} on Postgres, stored as `{stored_as}` on SQLite ({})",
                ty.display_name(),
                degraded_loss(ty)
            ),
            Skipped::UuidDefault { table, column } => write!(
                f,
                "table `{table}`: default gen_random_uuid() of column `{column}` (SQLite has no UUID function; \
                 generated entities fill it in client-side)"
            ),
            Skipped::SqlDefault {
                table,
                column,
                expr,
            } => write!(
                f,
                "table `{table}`: default `{expr}` of column `{column}` (a Postgres SQL expression, not portable)"
            ),
            Skipped::SqlCheck { table, check, expr } => {
                write!(
                    f,
                    "table `{table}`: check `{check}` ({expr}) (a Postgres SQL expression, not portable)"
                )
            }
            Skipped::ForeignKeyNames { table, names } => write!(
                f,
                "table `{table}`: names of foreign keys {} (the keys are kept and enforced, unnamed: sea-query \
                 writes SQLite foreign keys without names, and SQLite reports none)",
                list(names)
            ),
            Skipped::IndexMethod {
                table,
                index,
                method,
            } => write!(
                f,
                "table `{table}`: index `{index}` using {} (SQLite has only b-tree indexes)",
                method.as_sql()
            ),
            Skipped::IndexPredicate {
                table,
                index,
                predicate,
            } => write!(
                f,
                "table `{table}`: partial index `{index}` (its predicate `{predicate}` is not portable SQL, and \
                 the index without it would mean something else)"
            ),
            Skipped::OperatorClass {
                table,
                index,
                column,
                opclass,
            } => write!(
                f,
                "table `{table}`: operator class `{opclass}` of column `{column}` in index `{index}` (SQLite has \
                 no operator classes; the index is kept without it)"
            ),
            Skipped::RowLevelSecurity { table } => {
                write!(f, "table `{table}`: row-level security (SQLite has none)")
            }
            Skipped::Policy { table, policy } => {
                write!(
                    f,
                    "table `{table}`: policy `{policy}` (SQLite has no row-level security)"
                )
            }
            Skipped::Trigger { table, trigger } => write!(
                f,
                "table `{table}`: trigger `{trigger}` (SQLite triggers cannot call the schema's functions)"
            ),
            Skipped::GeneratedColumn {
                table,
                column,
                expr,
            } => write!(
                f,
                "table `{table}`: generated column `{column}` AS ({expr}) (a Postgres SQL expression, not portable; \
                 generated entities never read or write it)"
            ),
            Skipped::Partitioning { table, column } => write!(
                f,
                "table `{table}`: monthly range partitioning on `{column}` (SQLite has no partitions; a plain table)"
            ),
            Skipped::View { view, materialized } => write!(
                f,
                "{}view `{view}`: not created (its query is Postgres SQL{})",
                if *materialized { "materialized " } else { "" },
                if *materialized {
                    ", and SQLite has no materialized views"
                } else {
                    ""
                }
            ),
            Skipped::Comments {
                table,
                on_table,
                columns,
            } => {
                write!(f, "table `{table}`: comments on ")?;
                match (on_table, columns.as_slice()) {
                    (true, []) => f.write_str("the table")?,
                    (true, cols) => write!(f, "the table and on columns {}", list(cols))?,
                    (false, cols) => write!(f, "columns {}", list(cols))?,
                }
                f.write_str(" (SQLite has no COMMENT ON)")
            }
        }
    }
}
