use serde::{Deserialize, Serialize};

use super::Literal;

/// What a foreign key does when the row it points at is deleted or its key changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferentialAction {
    /// Refuse the change while referencing rows exist (checked at statement end).
    #[default]
    NoAction,
    /// Refuse the change while referencing rows exist (checked at once).
    Restrict,
    /// Delete or update the referencing rows too.
    Cascade,
    /// Set the referencing columns to NULL.
    SetNull,
    /// Set the referencing columns to their defaults.
    SetDefault,
}

impl ReferentialAction {
    /// The SQL spelling (`ON DELETE <this>`).
    pub fn as_sql(self) -> &'static str {
        match self {
            ReferentialAction::NoAction => "NO ACTION",
            ReferentialAction::Restrict => "RESTRICT",
            ReferentialAction::Cascade => "CASCADE",
            ReferentialAction::SetNull => "SET NULL",
            ReferentialAction::SetDefault => "SET DEFAULT",
        }
    }
}

/// A foreign key constraint.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ForeignKey {
    /// The constraint name (`fk_<table>_<column>` unless declared).
    pub name: String,
    /// The referencing columns, in this table.
    pub columns: Vec<String>,
    /// The referenced table.
    pub ref_table: String,
    /// The referenced columns.
    pub ref_columns: Vec<String>,
    /// `ON DELETE` action.
    pub on_delete: ReferentialAction,
    /// `ON UPDATE` action.
    pub on_update: ReferentialAction,
}

/// A UNIQUE constraint over one or more columns.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Unique {
    /// The constraint name (`uq_<table>_<columns>`).
    pub name: String,
    /// The columns, in key order.
    pub columns: Vec<String>,
}

/// A CHECK constraint.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Check {
    /// The constraint name (`ck_<table>_<column>` unless declared).
    pub name: String,
    /// What it checks.
    pub kind: CheckKind,
}

/// What a CHECK constraint checks.
///
/// One-of and range checks are data, not SQL, so the merger can union value
/// sets and every backend can render them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CheckKind {
    /// `column IN (values...)`: an enum-like column.
    OneOf {
        /// The checked column.
        column: String,
        /// The allowed values, in declaration order.
        values: Vec<Literal>,
    },
    /// `column >= min AND column <= max` (either bound optional).
    Range {
        /// The checked column.
        column: String,
        /// The inclusive lower bound.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<i64>,
        /// The inclusive upper bound.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<i64>,
    },
    /// `char_length(column) <= max`: how `varchar(n)` is enforced where the
    /// backend ignores the length (SQLite). Renderers emit it only there.
    MaxLength {
        /// The checked column.
        column: String,
        /// The maximum length in characters.
        max: u32,
    },
    /// Any other boolean SQL expression, in Postgres syntax.
    ///
    /// Serialized as `{"kind": "sql", "sql": "..."}`: an internally tagged
    /// enum cannot hold a bare string.
    Sql(#[serde(with = "sql_expr")] String),
}

impl CheckKind {
    /// The column a one-column check is about.
    pub fn column(&self) -> Option<&str> {
        match self {
            CheckKind::OneOf { column, .. }
            | CheckKind::Range { column, .. }
            | CheckKind::MaxLength { column, .. } => Some(column),
            CheckKind::Sql(_) => None,
        }
    }
}

/// The access method of an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexMethod {
    /// B-tree: equality and ranges.
    #[default]
    Btree,
    /// GIN: JSONB containment, arrays, trigram and full-text search.
    Gin,
    /// GiST: ranges, ltree, geometry.
    Gist,
    /// HNSW: approximate nearest neighbours on vectors (pgvector).
    Hnsw,
}

impl IndexMethod {
    /// The SQL spelling (`USING <this>`).
    pub fn as_sql(self) -> &'static str {
        match self {
            IndexMethod::Btree => "btree",
            IndexMethod::Gin => "gin",
            IndexMethod::Gist => "gist",
            IndexMethod::Hnsw => "hnsw",
        }
    }
}

/// One key part of an index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IndexPart {
    /// The indexed column.
    pub column: String,
    /// The operator class (`jsonb_path_ops`, `gin_trgm_ops`, `vector_cosine_ops`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opclass: Option<String>,
}

impl IndexPart {
    /// A plain key part on a column.
    pub fn column(column: impl Into<String>) -> Self {
        Self {
            column: column.into(),
            opclass: None,
        }
    }
}

/// An index (not a constraint: UNIQUE constraints are [`Unique`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Index {
    /// The index name (`idx_<table>_<columns>` unless declared).
    pub name: String,
    /// The key parts, in order.
    pub parts: Vec<IndexPart>,
    /// Whether the index is unique.
    pub unique: bool,
    /// The access method.
    pub method: IndexMethod,
    /// A predicate making the index partial (`deleted_at IS NULL`), in SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
}

impl Index {
    /// The indexed column names, in order.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(|p| p.column.as_str())
    }
}

/// The expression of [`CheckKind::Sql`] as a one-field map.
mod sql_expr {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Expr<T> {
        sql: T,
    }

    pub(super) fn serialize<S: Serializer>(sql: &str, s: S) -> Result<S::Ok, S::Error> {
        Expr { sql }.serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(Expr::<String>::deserialize(d)?.sql)
    }
}
