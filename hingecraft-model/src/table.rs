use serde::{Deserialize, Serialize};

use super::{Check, Column, ForeignKey, Index, Unique};

/// Table-level behaviours the hardening passes read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct TableFlags {
    /// Every change is written to the audit log.
    #[serde(default, skip_serializing_if = "is_false")]
    pub audit: bool,
    /// Rows are marked deleted (`deleted_at`), not removed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub soft_delete: bool,
    /// Rows carry a version for optimistic locking.
    #[serde(default, skip_serializing_if = "is_false")]
    pub versioned: bool,
    /// Rows carry created/updated timestamps and actors.
    #[serde(default, skip_serializing_if = "is_false")]
    pub timestamps: bool,
    /// Row-level security is wanted even without a tenant or owner column.
    #[serde(default, skip_serializing_if = "is_false")]
    pub rls: bool,
    /// Readable by everyone on purpose: no row-level security.
    #[serde(default, skip_serializing_if = "is_false")]
    pub public: bool,
    /// The column holding the workspace a row belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_column: Option<String>,
    /// The column holding the user a row belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_column: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Which statements a policy applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyCommand {
    /// Every statement.
    #[default]
    All,
    /// SELECT.
    Select,
    /// INSERT.
    Insert,
    /// UPDATE.
    Update,
    /// DELETE.
    Delete,
}

impl PolicyCommand {
    /// The SQL spelling (`FOR <this>`).
    pub fn as_sql(self) -> &'static str {
        match self {
            PolicyCommand::All => "ALL",
            PolicyCommand::Select => "SELECT",
            PolicyCommand::Insert => "INSERT",
            PolicyCommand::Update => "UPDATE",
            PolicyCommand::Delete => "DELETE",
        }
    }
}

/// A row-level security policy.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Policy {
    /// The policy name.
    pub name: String,
    /// The statements it applies to.
    pub command: PolicyCommand,
    /// The roles it applies to (empty: `PUBLIC`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Which existing rows are visible (`USING`), in SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using: Option<String>,
    /// Which new rows are allowed (`WITH CHECK`), in SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_check: Option<String>,
}

/// When a trigger fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerTiming {
    /// Before the row is written (may change it).
    Before,
    /// After the row is written.
    After,
}

/// A statement that fires a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerEvent {
    /// INSERT
    Insert,
    /// UPDATE
    Update,
    /// DELETE
    Delete,
}

/// A row-level trigger calling a function of the schema.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Trigger {
    /// The trigger name.
    pub name: String,
    /// Before or after the write.
    pub timing: TriggerTiming,
    /// The statements that fire it.
    pub events: Vec<TriggerEvent>,
    /// The trigger function (returns `trigger`).
    pub function: String,
}

/// A table: columns, keys, constraints, indexes and security.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The table name, a snake_case SQL identifier.
    pub name: String,
    /// What a row is, from the struct's doc comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The source module that declared it (for a merged table: the
    /// production schema's name, with every module in `declared_by`).
    pub module: String,
    /// The modules whose declarations were merged into this table, sorted
    /// (empty for a table as one module declared it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declared_by: Vec<String>,
    /// The layer of the master schema (`02_users_identity`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    /// The columns, in declaration order.
    pub columns: Vec<Column>,
    /// The primary key columns.
    pub primary_key: Vec<String>,
    /// Foreign keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    /// UNIQUE constraints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uniques: Vec<Unique>,
    /// CHECK constraints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    /// Indexes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    /// Row-level security policies (Postgres).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Policy>,
    /// Whether row-level security is enabled and forced (Postgres).
    #[serde(default, skip_serializing_if = "is_false")]
    pub rls_enabled: bool,
    /// Triggers (Postgres).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<Trigger>,
    /// Behaviours for the hardening passes.
    #[serde(default)]
    pub flags: TableFlags,
    /// Range partitioning (Postgres); SQLite gets a plain table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<Partitioning>,
    /// The table's previous name, when it was renamed: the diff renames the
    /// old table instead of dropping it and creating this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

/// How often a range-partitioned table gets a new partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartitionInterval {
    /// One partition per calendar month (`<table>_p2026_11`).
    #[default]
    Month,
}

/// Range partitioning of an append-heavy table on a timestamp column.
///
/// The partition column must be part of the primary key and of every
/// unique constraint (a Postgres rule); the hardening pass makes it so.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Partitioning {
    /// The timestamp column (`created_at`).
    pub column: String,
    /// One partition per interval.
    pub interval: PartitionInterval,
}

impl Table {
    /// An empty table of a module.
    pub fn new(name: impl Into<String>, module: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            doc: None,
            module: module.into(),
            declared_by: Vec::new(),
            layer: None,
            columns: Vec::new(),
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
            uniques: Vec::new(),
            checks: Vec::new(),
            indexes: Vec::new(),
            policies: Vec::new(),
            rls_enabled: false,
            triggers: Vec::new(),
            flags: TableFlags::default(),
            partition: None,
            renamed_from: None,
        }
    }

    /// The column of that name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The tables this one references, without duplicates, in first-seen order.
    pub fn referenced_tables(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for fk in &self.foreign_keys {
            if !out.contains(&fk.ref_table.as_str()) {
                out.push(&fk.ref_table);
            }
        }
        out
    }
}
