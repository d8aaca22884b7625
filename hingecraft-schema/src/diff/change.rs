//! The change kinds: one value per thing a migration does, with its hazards.

use serde::{Deserialize, Serialize};

use crate::model::{
    Check, Column, ColumnType, Extension, ForeignKey, Function, Index, Partitioning, Policy, Table,
    Trigger, Unique, View,
};

/// What applying a change may do beyond its intent (pg-schema-diff's idea).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Hazard {
    /// Rows or values are lost (a dropped table, column or extension).
    DeletesData,
    /// Postgres rewrites every row (a type change, new partitioning).
    RewritesTable,
    /// Who may read or write what changes (RLS, policies, definer functions).
    ChangesAuthorization,
    /// Writes to the table wait while it is scanned or rebuilt (a new index
    /// or constraint on an existing table, a stricter column).
    BlocksWrites,
}

impl Hazard {
    /// The marker written next to the statement (`DELETES_DATA`).
    pub fn as_str(self) -> &'static str {
        match self {
            Hazard::DeletesData => "DELETES_DATA",
            Hazard::RewritesTable => "REWRITES_TABLE",
            Hazard::ChangesAuthorization => "CHANGES_AUTHORIZATION",
            Hazard::BlocksWrites => "BLOCKS_WRITES",
        }
    }
}

impl std::fmt::Display for Hazard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether changing a column from `from` to `to` rewrites every row on
/// Postgres. A type that only widens (a longer `varchar`, `varchar` to
/// `text`, more digits before the point of a `numeric`) is binary
/// compatible: the catalog changes, the rows stay. Every other change is
/// taken to rewrite the table (and may fail or lose precision on a value).
pub fn rewrites_table(from: &ColumnType, to: &ColumnType) -> bool {
    use ColumnType::*;
    match (from, to) {
        (a, b) if a == b => false,
        (Varchar { len: a }, Varchar { len: b }) => b < a,
        (Varchar { .. }, Text) => false,
        (
            Numeric {
                precision: p1,
                scale: s1,
            },
            Numeric {
                precision: p2,
                scale: s2,
            },
        ) => !(s1 == s2 && p2 >= p1),
        _ => true,
    }
}

/// One step from an old schema to a new one. Changes hold whole model
/// values (not names) so that each one can be rendered, and reversed, on
/// its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "change")]
#[non_exhaustive]
#[allow(missing_docs)] // the field names say it: `table` is the table's name
pub enum Change {
    /// `CREATE EXTENSION`.
    CreateExtension { extension: Extension },
    /// `DROP EXTENSION`.
    DropExtension { extension: Extension },
    /// `CREATE FUNCTION`.
    CreateFunction { function: Function },
    /// `CREATE OR REPLACE FUNCTION`: same name, arguments and result.
    ReplaceFunction { from: Function, to: Function },
    /// `DROP FUNCTION`.
    DropFunction { function: Function },
    /// `CREATE TABLE` with its columns, keys, checks and the foreign keys
    /// that no `AddForeignKey` of the same plan adds; indexes, security,
    /// triggers and comments are changes of their own.
    CreateTable { table: Table },
    /// `DROP TABLE`.
    DropTable { table: Table },
    /// `ALTER TABLE ... RENAME TO`, declared with `renamed_from`.
    RenameTable { from: String, to: String },
    /// `ALTER TABLE ... ADD COLUMN`.
    AddColumn { table: String, column: Column },
    /// `ALTER TABLE ... DROP COLUMN`.
    DropColumn { table: String, column: Column },
    /// `ALTER TABLE ... RENAME COLUMN`, declared with `renamed_from`.
    RenameColumn {
        table: String,
        from: String,
        to: String,
    },
    /// Type, nullability, default or generation expression of a column.
    AlterColumn {
        table: String,
        from: Column,
        to: Column,
    },
    /// The primary key's columns.
    SetPrimaryKey {
        table: String,
        from: Vec<String>,
        to: Vec<String>,
    },
    /// `ADD CONSTRAINT ... FOREIGN KEY`.
    AddForeignKey {
        table: String,
        foreign_key: ForeignKey,
    },
    /// `DROP CONSTRAINT` of a foreign key.
    DropForeignKey {
        table: String,
        foreign_key: ForeignKey,
    },
    /// `ADD CONSTRAINT ... UNIQUE`.
    AddUnique { table: String, unique: Unique },
    /// `DROP CONSTRAINT` of a UNIQUE constraint.
    DropUnique { table: String, unique: Unique },
    /// `ADD CONSTRAINT ... CHECK`.
    AddCheck { table: String, check: Check },
    /// `DROP CONSTRAINT` of a CHECK constraint.
    DropCheck { table: String, check: Check },
    /// `CREATE INDEX`.
    CreateIndex {
        table: String,
        index: Index,
        /// Whether the table is created by the same plan (then nothing waits).
        new_table: bool,
    },
    /// `DROP INDEX`.
    DropIndex { table: String, index: Index },
    /// `CREATE POLICY`.
    CreatePolicy { table: String, policy: Policy },
    /// `DROP POLICY`.
    DropPolicy { table: String, policy: Policy },
    /// Row-level security enabled and forced, or disabled.
    SetRowLevelSecurity { table: String, enabled: bool },
    /// `CREATE TRIGGER`.
    CreateTrigger { table: String, trigger: Trigger },
    /// `DROP TRIGGER`.
    DropTrigger { table: String, trigger: Trigger },
    /// Partitioning added, changed or removed: the table is rebuilt.
    SetPartitioning {
        table: String,
        from: Option<Partitioning>,
        to: Option<Partitioning>,
    },
    /// `CREATE [MATERIALIZED] VIEW`.
    CreateView { view: View },
    /// `DROP [MATERIALIZED] VIEW`.
    DropView { view: View },
    /// `COMMENT ON TABLE` (none: the comment is removed).
    CommentTable { table: String, doc: Option<String> },
    /// `COMMENT ON COLUMN`.
    CommentColumn {
        table: String,
        column: String,
        doc: Option<String>,
    },
    /// `COMMENT ON FUNCTION`.
    CommentFunction {
        function: Function,
        doc: Option<String>,
    },
}

impl Change {
    /// The table the change is on, if any.
    pub fn table(&self) -> Option<&str> {
        use Change::*;
        match self {
            CreateTable { table } | DropTable { table } => Some(&table.name),
            RenameTable { to, .. } => Some(to),
            AddColumn { table, .. }
            | DropColumn { table, .. }
            | RenameColumn { table, .. }
            | AlterColumn { table, .. }
            | SetPrimaryKey { table, .. }
            | AddForeignKey { table, .. }
            | DropForeignKey { table, .. }
            | AddUnique { table, .. }
            | DropUnique { table, .. }
            | AddCheck { table, .. }
            | DropCheck { table, .. }
            | CreateIndex { table, .. }
            | DropIndex { table, .. }
            | CreatePolicy { table, .. }
            | DropPolicy { table, .. }
            | SetRowLevelSecurity { table, .. }
            | CreateTrigger { table, .. }
            | DropTrigger { table, .. }
            | SetPartitioning { table, .. }
            | CommentTable { table, .. }
            | CommentColumn { table, .. } => Some(table),
            _ => None,
        }
    }

    /// What applying this change may do beyond its intent, sorted.
    pub fn hazards(&self) -> Vec<Hazard> {
        use Change::*;
        use Hazard::*;
        match self {
            DropTable { .. } | DropColumn { .. } | DropExtension { .. } => vec![DeletesData],
            AlterColumn { from, to, .. } => {
                let mut out = Vec::new();
                let rewrites = rewrites_table(&from.ty, &to.ty) || from.generated != to.generated;
                if rewrites {
                    out.extend([DeletesData, RewritesTable, BlocksWrites]);
                }
                if from.nullable && !to.nullable {
                    out.push(BlocksWrites);
                }
                out.sort();
                out.dedup();
                out
            }
            SetPrimaryKey { .. } | AddForeignKey { .. } | AddUnique { .. } | AddCheck { .. } => {
                vec![BlocksWrites]
            }
            CreateIndex { new_table, .. } if !new_table => vec![BlocksWrites],
            SetPartitioning { .. } => vec![RewritesTable, BlocksWrites],
            CreatePolicy { .. } | DropPolicy { .. } | SetRowLevelSecurity { .. } => {
                vec![ChangesAuthorization]
            }
            CreateFunction { function } | DropFunction { function }
                if function.security_definer =>
            {
                vec![ChangesAuthorization]
            }
            ReplaceFunction { from, to } if from.security_definer || to.security_definer => {
                vec![ChangesAuthorization]
            }
            _ => Vec::new(),
        }
    }

    /// Whether applying the change loses data.
    pub fn deletes_data(&self) -> bool {
        self.hazards().contains(&Hazard::DeletesData)
    }

    /// A one-line description naming the object (`add column users.email`).
    pub fn describe(&self) -> String {
        use Change::*;
        match self {
            CreateExtension { extension } => format!("create extension {}", extension.name),
            DropExtension { extension } => format!("drop extension {}", extension.name),
            CreateFunction { function } => format!("create function {}", function.name),
            ReplaceFunction { to, .. } => format!("replace function {}", to.name),
            DropFunction { function } => format!("drop function {}", function.name),
            CreateTable { table } => format!("create table {}", table.name),
            DropTable { table } => format!("drop table {}", table.name),
            RenameTable { from, to } => format!("rename table {from} to {to}"),
            AddColumn { table, column } => format!("add column {table}.{}", column.name),
            DropColumn { table, column } => format!("drop column {table}.{}", column.name),
            RenameColumn { table, from, to } => {
                format!("rename column {table}.{from} to {to}")
            }
            AlterColumn { table, to, .. } => format!("alter column {table}.{}", to.name),
            SetPrimaryKey { table, .. } => format!("change primary key of {table}"),
            AddForeignKey { table, foreign_key } => {
                format!("add foreign key {table}.{}", foreign_key.name)
            }
            DropForeignKey { table, foreign_key } => {
                format!("drop foreign key {table}.{}", foreign_key.name)
            }
            AddUnique { table, unique } => format!("add unique {table}.{}", unique.name),
            DropUnique { table, unique } => format!("drop unique {table}.{}", unique.name),
            AddCheck { table, check } => format!("add check {table}.{}", check.name),
            DropCheck { table, check } => format!("drop check {table}.{}", check.name),
            CreateIndex { table, index, .. } => format!("create index {table}.{}", index.name),
            DropIndex { table, index } => format!("drop index {table}.{}", index.name),
            CreatePolicy { table, policy } => format!("create policy {table}.{}", policy.name),
            DropPolicy { table, policy } => format!("drop policy {table}.{}", policy.name),
            SetRowLevelSecurity { table, enabled } => format!(
                "{} row-level security on {table}",
                if *enabled { "enable" } else { "disable" }
            ),
            CreateTrigger { table, trigger } => {
                format!("create trigger {table}.{}", trigger.name)
            }
            DropTrigger { table, trigger } => format!("drop trigger {table}.{}", trigger.name),
            SetPartitioning { table, .. } => format!("change partitioning of {table}"),
            CreateView { view } => format!("create view {}", view.name),
            DropView { view } => format!("drop view {}", view.name),
            CommentTable { table, .. } => format!("comment on table {table}"),
            CommentColumn { table, column, .. } => format!("comment on column {table}.{column}"),
            CommentFunction { function, .. } => format!("comment on function {}", function.name),
        }
    }
}
