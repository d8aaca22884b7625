//! The SQL of a migration: each [`Change`] of a diff rendered for one
//! backend, as [`PlannedStatement`]s that say how they run and what they
//! lock.
//!
//! Postgres renders every change kind except a change of partitioning of
//! an existing table (an error: the table must be rebuilt by hand). A
//! table the same migration creates gets plain DDL (nothing can be waiting
//! on it); a table that exists before gets the online plan
//! (`postgres/online.rs`): indexes built and dropped concurrently, outside a
//! transaction; unique constraints and primary keys over such an index;
//! foreign keys and checks `NOT VALID`, then validated in a step of their
//! own; `NOT NULL` through a validated check; a column with a volatile
//! default added nullable, backfilled in batches, then made `NOT NULL`.
//!
//! SQLite renders what it can change in place (tables created, dropped
//! and renamed, columns added, dropped and renamed, indexes) and rebuilds
//! a table for the rest, as SQLite documents it (new table, copy, drop,
//! rename, indexes; `PRAGMA foreign_key_check` before the commit): rows are
//! kept. Postgres-only objects (extensions, functions, security, triggers,
//! comments, views, partitioning) are listed as [`Skipped::Change`].
//!
//! Each dialect renders its changes in its own directory (`postgres/`,
//! `sqlite/`) with its statement builders; this module holds what both
//! return, so that it depends on neither.

use serde::{Deserialize, Serialize};

use super::Skipped;
use super::plan::PlannedStatement;
use crate::diff::{Change, Hazard};

/// One change as SQL: its description, hazards, statements and omissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedChange {
    /// The change, described (`add column users.email`).
    pub description: String,
    /// What applying it, as planned for this backend, may do beyond its
    /// intent: the change's own hazards that the plan does not avoid, and
    /// every statement's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hazards: Vec<Hazard>,
    /// The statements, in order, each with how it runs and what it locks
    /// (may be empty).
    pub statements: Vec<PlannedStatement>,
    /// What the backend left out of this change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
}

impl RenderedChange {
    pub(crate) fn new(change: &Change) -> Self {
        Self {
            description: change.describe(),
            hazards: Vec::new(),
            statements: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// The SQL of the statements, in order.
    pub fn sql(&self) -> Vec<String> {
        self.statements.iter().map(|s| s.sql.clone()).collect()
    }

    /// Sets the hazards from the change and the statements: data loss and
    /// authorization stay whatever the plan; blocked writes and rewrites
    /// only where a statement does them.
    pub(crate) fn finish(mut self, change: &Change) -> Self {
        let mut hazards: Vec<Hazard> = change
            .hazards()
            .into_iter()
            .filter(|h| matches!(h, Hazard::DeletesData | Hazard::ChangesAuthorization))
            .collect();
        for s in &self.statements {
            hazards.extend(s.hazards.iter().copied());
            if s.lock.blocks_writes_long() {
                hazards.push(Hazard::BlocksWrites);
            }
        }
        hazards.sort();
        hazards.dedup();
        self.hazards = hazards;
        self
    }
}
