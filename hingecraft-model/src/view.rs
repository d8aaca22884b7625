use serde::{Deserialize, Serialize};

use super::Column;

/// A view over the tables: plain, or materialized (stored, refreshed by a
/// function).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    /// The view name.
    pub name: String,
    /// What a row of it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The module that declared it.
    pub module: String,
    /// Whether its rows are stored (`CREATE MATERIALIZED VIEW`).
    pub materialized: bool,
    /// The `SELECT` it is defined by, in Postgres syntax.
    pub query: String,
    /// Its columns as the query yields them (names, types and docs, for
    /// documentation and typed access; the query is what defines them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Column>,
    /// The tables the query reads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// For a materialized view: the columns of the unique index that lets
    /// `REFRESH MATERIALIZED VIEW CONCURRENTLY` run without blocking readers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unique_key: Vec<String>,
}
