//! What introspection reads from a database: its schema as plain, sorted data.
//!
//! Both sides of a verification (the live database and the scratch database
//! built from the expected DDL) are read into this one shape by the same
//! code, so comparing them is comparing two values, and no canonical form of
//! Postgres (how it prints a default, an index or a policy) is re-implemented.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// A database's schema as introspection sees it. Names are bare in the
/// `public` schema and `schema.name` elsewhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Catalog {
    /// Installed extensions (Postgres), `plpgsql` aside.
    pub extensions: BTreeSet<String>,
    /// Tables, partitioned ones included; partitions are listed under their parent.
    pub tables: BTreeMap<String, TableState>,
    /// Views and materialized views.
    pub views: BTreeMap<String, ViewState>,
    /// Functions and procedures, keyed by name and identity arguments.
    pub functions: BTreeMap<String, FunctionState>,
}

/// One table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TableState {
    /// Columns by name.
    pub columns: BTreeMap<String, ColumnState>,
    /// Constraints by name (SQLite foreign keys have no name: they are keyed
    /// by their columns).
    pub constraints: BTreeMap<String, ConstraintState>,
    /// Indexes by name, with their canonical definition.
    pub indexes: BTreeMap<String, String>,
    /// Row-level security (Postgres only).
    pub rls: Option<Rls>,
    /// Policies by name.
    pub policies: BTreeMap<String, PolicyState>,
    /// Triggers by name, user-defined ones only.
    pub triggers: BTreeMap<String, TriggerState>,
    /// `PARTITION BY ...` of a partitioned table.
    pub partition_key: Option<String>,
    /// Partitions of a partitioned table, with their bounds.
    pub partitions: BTreeMap<String, String>,
    /// The `CREATE TABLE` text, where the backend keeps it (SQLite: its
    /// checks are nowhere else).
    pub definition: Option<String>,
}

/// One column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ColumnState {
    /// The type as the database prints it (`character varying(255)`).
    pub ty: String,
    /// Whether NULL is allowed.
    pub nullable: bool,
    /// The default expression, as the database prints it.
    pub default: Option<String>,
    /// The expression of a generated (stored) column.
    pub generated: Option<String>,
}

impl ColumnState {
    /// `text, nullable, default now()`: the column in one line.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{}, {}",
            self.ty,
            if self.nullable {
                "nullable"
            } else {
                "not null"
            }
        );
        if let Some(d) = &self.default {
            s.push_str(&format!(", default {d}"));
        }
        if let Some(g) = &self.generated {
            s.push_str(&format!(", generated always as ({g}) stored"));
        }
        s
    }
}

/// The kind of a constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ConstraintKind {
    /// `PRIMARY KEY`.
    PrimaryKey,
    /// `FOREIGN KEY`.
    ForeignKey,
    /// `UNIQUE`.
    Unique,
    /// `CHECK`.
    Check,
    /// `EXCLUDE`.
    Exclusion,
    /// Anything else the backend reports.
    Other,
}

/// One constraint: its kind and canonical definition
/// (`FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConstraintState {
    /// Primary key, foreign key, unique, check...
    pub kind: ConstraintKind,
    /// The definition as the database prints it.
    pub definition: String,
}

/// Row-level security flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rls {
    /// `ENABLE ROW LEVEL SECURITY`.
    pub enabled: bool,
    /// `FORCE ROW LEVEL SECURITY` (applies to the table owner too).
    pub forced: bool,
}

impl Rls {
    /// The flags in words: `enabled and forced`, `enabled`, `disabled`,
    /// `disabled (forced)`.
    pub fn describe(&self) -> String {
        match (self.enabled, self.forced) {
            (true, true) => "enabled and forced".into(),
            (true, false) => "enabled".into(),
            (false, false) => "disabled".into(),
            (false, true) => "disabled (forced)".into(),
        }
    }
}

/// One policy, as `pg_policies` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PolicyState {
    /// `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`.
    pub command: String,
    /// `PERMISSIVE` or `RESTRICTIVE`.
    pub permissive: String,
    /// The roles, sorted, comma-separated.
    pub roles: String,
    /// The `USING` expression.
    pub using: Option<String>,
    /// The `WITH CHECK` expression.
    pub with_check: Option<String>,
}

/// One trigger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TriggerState {
    /// The canonical `CREATE TRIGGER` text.
    pub definition: String,
    /// Whether it fires (`ALTER TABLE ... DISABLE TRIGGER` turns it off).
    pub enabled: bool,
}

/// One view or materialized view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ViewState {
    /// Materialized or not.
    pub materialized: bool,
    /// The query as the database prints it.
    pub definition: String,
    /// Indexes (materialized views) by name.
    pub indexes: BTreeMap<String, String>,
}

/// One function or procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionState {
    /// The result type (`trigger`, `uuid`, `TABLE(...)`).
    pub returns: String,
    /// `plpgsql`, `sql`...
    pub language: String,
    /// `immutable`, `stable` or `volatile`.
    pub volatility: String,
    /// `SECURITY DEFINER` or not.
    pub security_definer: bool,
    /// Settings fixed on the function (`search_path=public, pg_catalog`).
    pub config: Option<String>,
    /// The body.
    pub body: String,
}

/// The counts the seed documents report after each migration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counts {
    /// Tables (a partitioned table counts once, its partitions not).
    pub tables: usize,
    /// Indexes, those behind primary keys and unique constraints included.
    pub indexes: usize,
    /// Foreign keys.
    pub foreign_keys: usize,
    /// Row-level security policies.
    pub policies: usize,
    /// Triggers.
    pub triggers: usize,
    /// Functions and procedures.
    pub functions: usize,
    /// Views, materialized ones included.
    pub views: usize,
}

impl Catalog {
    /// The seed-style counts of this catalog.
    pub fn counts(&self) -> Counts {
        let tables = self.tables.values();
        Counts {
            tables: self.tables.len(),
            indexes: tables.clone().map(|t| t.indexes.len()).sum::<usize>()
                + self.views.values().map(|v| v.indexes.len()).sum::<usize>(),
            foreign_keys: tables
                .clone()
                .map(|t| {
                    t.constraints
                        .values()
                        .filter(|c| c.kind == ConstraintKind::ForeignKey)
                        .count()
                })
                .sum(),
            policies: tables.clone().map(|t| t.policies.len()).sum(),
            triggers: tables.map(|t| t.triggers.len()).sum(),
            functions: self.functions.len(),
            views: self.views.len(),
        }
    }
}
