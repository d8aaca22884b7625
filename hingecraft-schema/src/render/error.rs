//! What makes a schema impossible to render.

/// A schema the renderer cannot turn into DDL: it refers to something that
/// does not exist, or declares something no backend accepts.
///
/// Rendering checks the whole schema before writing anything, and both
/// dialects reject the same schemas.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// Two tables have the same name.
    #[error("table `{table}` is declared twice")]
    DuplicateTable {
        /// The table.
        table: String,
    },
    /// A table asked for by name is not in the schema.
    #[error("table `{table}` is not in the schema")]
    NoSuchTable {
        /// The table.
        table: String,
    },
    /// A table without columns (`CREATE TABLE t ()` is not portable).
    #[error("table `{table}` has no columns")]
    NoColumns {
        /// The table.
        table: String,
    },
    /// Two columns of a table have the same name.
    #[error("table `{table}`: column `{column}` is declared twice")]
    DuplicateColumn {
        /// The table.
        table: String,
        /// The column.
        column: String,
    },
    /// A column type no backend accepts (`varchar(0)`, `numeric(2,5)`...).
    #[error("table `{table}`: column `{column}` has the invalid type `{ty}`")]
    InvalidType {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// The type, in Postgres spelling.
        ty: String,
    },
    /// A key, constraint, index or flag names a column the table does not have.
    #[error("table `{table}`: {owner} names column `{column}`, which the table does not have")]
    UnknownColumn {
        /// The table.
        table: String,
        /// The missing column.
        column: String,
        /// What names it (`primary key`, ``index `idx_users_email` ``...).
        owner: String,
    },
    /// A key, constraint or index with no columns.
    #[error("table `{table}`: {owner} lists no columns")]
    EmptyKey {
        /// The table.
        table: String,
        /// What is empty.
        owner: String,
    },
    /// A partitioned table whose partition column is missing, or left out
    /// of its primary key or of a unique constraint or index (Postgres
    /// enforces uniqueness per partition only).
    #[error(
        "table `{table}`: partitioned on `{column}`, which {problem}; the hardening pass adds it to the keys, or declare it"
    )]
    PartitionKey {
        /// The table.
        table: String,
        /// The partition column.
        column: String,
        /// What is wrong (`does not exist`, `is not in the primary key`...).
        problem: String,
    },
    /// A foreign key to a table that is not in the schema.
    #[error(
        "table `{table}`: foreign key `{foreign_key}` references table `{ref_table}`, which is not in the schema"
    )]
    UnknownReferencedTable {
        /// The referencing table.
        table: String,
        /// The foreign key.
        foreign_key: String,
        /// The missing table.
        ref_table: String,
    },
    /// A foreign key to a column the referenced table does not have.
    #[error(
        "table `{table}`: foreign key `{foreign_key}` references column `{ref_table}.{column}`, which does not exist"
    )]
    UnknownReferencedColumn {
        /// The referencing table.
        table: String,
        /// The foreign key.
        foreign_key: String,
        /// The referenced table.
        ref_table: String,
        /// The missing column.
        column: String,
    },
    /// A foreign key whose two column lists differ in length.
    #[error(
        "table `{table}`: foreign key `{foreign_key}` has {columns} column(s) but references {ref_columns}"
    )]
    ForeignKeyArity {
        /// The table.
        table: String,
        /// The foreign key.
        foreign_key: String,
        /// How many referencing columns.
        columns: usize,
        /// How many referenced columns.
        ref_columns: usize,
    },
    /// A CHECK that can never be written as SQL or never holds.
    #[error("table `{table}`: check `{check}` {reason}")]
    InvalidCheck {
        /// The table.
        table: String,
        /// The check.
        check: String,
        /// What is wrong (`lists no values`...).
        reason: &'static str,
    },
    /// A trigger with no event to fire on.
    #[error("table `{table}`: trigger `{trigger}` fires on no event")]
    NoTriggerEvents {
        /// The table.
        table: String,
        /// The trigger.
        trigger: String,
    },
    /// A change of a migration this backend cannot render.
    #[error("{change}: {reason}")]
    UnsupportedChange {
        /// The change, described (`change partitioning of events`).
        change: String,
        /// Why it cannot be rendered, and what to do instead.
        reason: String,
    },
}
