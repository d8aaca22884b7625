//! The SQL of a migration: each [`Change`] of a diff rendered for one
//! backend.
//!
//! Postgres renders every change kind except a change of partitioning of
//! an existing table (an error: the table must be rebuilt by hand).
//! SQLite renders what it can change in place: tables created, dropped and
//! renamed, columns added, dropped (when no constraint names them) and
//! renamed, b-tree indexes. Everything else (altering a column, a primary
//! key or a constraint of an existing table) would need SQLite's 12-step
//! table rebuild, which the generator does not write: it is listed as a
//! [`Skipped::Change`] with the reason, and the SQLite database, a
//! development database, is recreated with `migration fresh`. Postgres-only
//! objects (extensions, functions, security, triggers, comments, views,
//! partitioning) are listed the same way.

mod postgres;
mod sqlite;

pub(crate) use postgres::render as postgres;
pub(crate) use sqlite::render as sqlite;

use serde::{Deserialize, Serialize};

use super::Skipped;
use crate::diff::{Change, Hazard};

/// One change as SQL: its description, hazards, statements and omissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedChange {
    /// The change, described (`add column users.email`).
    pub description: String,
    /// What applying it may do beyond its intent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hazards: Vec<Hazard>,
    /// The statements, without terminating semicolons (may be empty).
    pub statements: Vec<String>,
    /// What the backend left out of this change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
}

impl RenderedChange {
    pub(crate) fn new(change: &Change) -> Self {
        Self {
            description: change.describe(),
            hazards: change.hazards(),
            statements: Vec::new(),
            skipped: Vec::new(),
        }
    }
}
