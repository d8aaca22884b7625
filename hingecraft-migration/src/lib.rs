//! The HingeCraft migrator: generated SQL migrations, embedded in the
//! binary, applied by a runner that is safe under concurrency and faults.
//!
//! - [`files`]: a migration is a directory `migrations/NNNN_name/` with
//!   `postgres.{up,down}.sql`, `sqlite.{up,down}.sql` and `snapshot.json`
//!   (the schema after it), checksummed with SHA-256.
//! - [`generate`]: writes the next migration from the diff between the last
//!   snapshot and the current schema (what `cargo run -- generate` calls).
//! - [`runner`]: applies them, each in its own transaction, under a
//!   Postgres advisory lock, refusing to run when an applied migration's
//!   files changed.
//! - [`cli`]: the `migration` command.
//!
//! ```no_run
//! use hingecraft_migration::Migrator;
//! # async fn run(db: &sea_orm::DatabaseConnection) -> Result<(), sea_orm::DbErr> {
//! Migrator::up(db, None).await?;
//! # Ok(()) }
//! ```

pub mod cli;
mod error;
pub mod files;
pub mod generate;
pub mod runner;
pub mod script;
pub mod verify;

pub use error::MigrationError;
pub use files::Migration;
pub use runner::{MigrationStatus, Report};

use std::path::Path;

use sea_orm_migration::sea_orm::DatabaseConnection;

/// The database used when neither `--database-url` nor `DATABASE_URL` is given:
/// a SQLite file in the current directory, created if missing.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://hingecraft.db?mode=rwc";

/// The migrations directory of this crate, where `generate` writes.
pub fn migrations_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
}

/// The HingeCraft migrations built into this binary, applied to a database.
///
/// On Postgres the connection's pool needs at least two connections: one
/// holds the migration lock while another applies the migrations.
#[derive(Debug, Clone, Copy, Default)]
pub struct Migrator;

impl Migrator {
    /// The embedded migrations, in order.
    pub fn migrations() -> Result<Vec<Migration>, MigrationError> {
        files::embedded()
    }

    /// Applies up to `num` pending migrations (all when `None`).
    pub async fn up(db: &DatabaseConnection, num: Option<u32>) -> Result<Report, MigrationError> {
        runner::up(db, &Self::migrations()?, num).await
    }

    /// Rolls back up to `num` applied migrations, latest first (all when `None`).
    pub async fn down(db: &DatabaseConnection, num: Option<u32>) -> Result<Report, MigrationError> {
        runner::down(db, &Self::migrations()?, num).await
    }

    /// Each migration and whether it is applied.
    pub async fn status(db: &DatabaseConnection) -> Result<Vec<MigrationStatus>, MigrationError> {
        runner::status(db, &Self::migrations()?).await
    }

    /// Rolls back every applied migration.
    pub async fn reset(db: &DatabaseConnection) -> Result<Report, MigrationError> {
        Self::down(db, None).await
    }

    /// Rolls back every applied migration, then applies them all.
    pub async fn refresh(db: &DatabaseConnection) -> Result<Report, MigrationError> {
        let down = Self::reset(db).await?;
        let mut up = Self::up(db, None).await?;
        up.rolled_back = down.rolled_back;
        Ok(up)
    }

    /// Drops every table, view and function, then applies every migration.
    pub async fn fresh(db: &DatabaseConnection) -> Result<Report, MigrationError> {
        runner::drop_everything(db).await?;
        Self::up(db, None).await
    }
}
