//! The migrator: stored SQL migrations applied by a runner that is safe
//! under concurrency and faults.
//!
//! - [`files`]: a migration is a directory `NNNN_name/` with
//!   `postgres.{up,down}.sql`, `sqlite.{up,down}.sql` and `snapshot.json`
//!   (the schema after it), checksummed with SHA-256.
//! - [`MigrationSource`]: the migrations built into the binary
//!   ([`embed_migrations!`](crate::embed_migrations)) or read from a directory.
//! - [`steps`]: a migration file's format, preamble and steps.
//! - [`runner`]: applies them step by step on one connection of the pool,
//!   under a Postgres advisory lock, with a `lock_timeout` and retries
//!   ([`LockPolicy`]), refusing to run when an applied migration's files
//!   changed.
//! - [`cli`] (feature `cli`): the command line of a project's `migration`
//!   binary, in the style of sea-orm-migration's `cli::run_cli`.
//!
//! ```no_run
//! use hingecraft_runtime::migrate::{MigrationSource, Migrator};
//!
//! # async fn run(db: &sea_orm::DatabaseConnection) -> Result<(), hingecraft_runtime::migrate::MigrationError> {
//! // In a binary: `Migrator::new(hingecraft::embed_migrations!("migrations"))`.
//! let migrator = Migrator::new(MigrationSource::directory("migrations"));
//! let report = migrator.up(db, None).await?;
//! println!("applied: {:?}", report.applied);
//! # Ok(()) }
//! ```

mod apply;
#[cfg(feature = "cli")]
pub mod cli;
mod error;
pub mod files;
mod records;
mod report;
pub mod runner;
pub mod script;
mod session;
mod source;
pub mod steps;

pub use error::MigrationError;
pub use files::Migration;
pub use hingecraft_model::Bookkeeping;
pub use runner::{LockPolicy, MigrationStatus, Report};
pub use source::MigrationSource;

use sea_orm::DatabaseConnection;

/// The database a project's tools use when neither `--database-url` nor
/// `DATABASE_URL` is given: a SQLite file named after the project in the
/// current directory, created if missing (`sqlite://<name>.db?mode=rwc`).
pub fn default_database_url(project: &str) -> String {
    format!("sqlite://{project}.db?mode=rwc")
}

/// The URL with its password replaced, fit for printing.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// A project's migrations, applied to a database.
///
/// A run takes one connection of the pool for itself (a pool of one is
/// enough) and holds the migration lock on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrator {
    source: MigrationSource,
    bookkeeping: Bookkeeping,
    locks: LockPolicy,
}

impl Migrator {
    /// The migrations of `source`, recorded in the default bookkeeping table.
    pub fn new(source: MigrationSource) -> Self {
        Self {
            source,
            bookkeeping: Bookkeeping::default(),
            locks: LockPolicy::default(),
        }
    }

    /// Waits at most `timeout` for each table lock (Postgres's
    /// `lock_timeout`, default 500 ms) before the step is tried again.
    #[must_use]
    pub fn with_lock_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.locks.lock_timeout = timeout;
        self
    }

    /// How a run waits for table locks: timeout, tries and backoff.
    #[must_use]
    pub fn with_lock_policy(mut self, policy: LockPolicy) -> Self {
        self.locks = policy;
        self
    }

    /// How a run waits for table locks.
    pub fn lock_policy(&self) -> LockPolicy {
        self.locks
    }

    /// Records applied migrations in this table and locks with this key
    /// (the project's `Conventions::bookkeeping`).
    #[must_use]
    pub fn with_bookkeeping(mut self, bookkeeping: Bookkeeping) -> Self {
        self.bookkeeping = bookkeeping;
        self
    }

    /// Where the migrations come from.
    pub fn source(&self) -> &MigrationSource {
        &self.source
    }

    /// The bookkeeping table and lock.
    pub fn bookkeeping(&self) -> &Bookkeeping {
        &self.bookkeeping
    }

    /// The migrations, in order.
    ///
    /// # Errors
    /// A migration directory that cannot be read or is incomplete.
    pub fn migrations(&self) -> Result<Vec<Migration>, MigrationError> {
        self.source.load()
    }

    /// Applies up to `num` pending migrations (all when `None`).
    ///
    /// # Errors
    /// The first statement the database refuses, with that statement (its
    /// step is rolled back; the steps before it stay done and the next run
    /// resumes after them), a lock not granted through every try (naming
    /// the table), an applied migration whose files changed, or one
    /// unknown here.
    pub async fn up(
        &self,
        db: &DatabaseConnection,
        num: Option<u32>,
    ) -> Result<Report, MigrationError> {
        runner::up(db, &self.bookkeeping, &self.migrations()?, num, self.locks).await
    }

    /// Rolls back up to `num` applied migrations, latest first (all when `None`).
    ///
    /// # Errors
    /// As [`up`](Self::up).
    pub async fn down(
        &self,
        db: &DatabaseConnection,
        num: Option<u32>,
    ) -> Result<Report, MigrationError> {
        runner::down(db, &self.bookkeeping, &self.migrations()?, num, self.locks).await
    }

    /// Each migration and whether it is applied.
    ///
    /// # Errors
    /// An applied migration whose files changed, or one unknown here.
    pub async fn status(
        &self,
        db: &DatabaseConnection,
    ) -> Result<Vec<MigrationStatus>, MigrationError> {
        runner::status(db, &self.bookkeeping, &self.migrations()?).await
    }

    /// Rolls back every applied migration.
    ///
    /// # Errors
    /// As [`down`](Self::down).
    pub async fn reset(&self, db: &DatabaseConnection) -> Result<Report, MigrationError> {
        self.down(db, None).await
    }

    /// Rolls back every applied migration, then applies them all.
    ///
    /// # Errors
    /// As [`up`](Self::up).
    pub async fn refresh(&self, db: &DatabaseConnection) -> Result<Report, MigrationError> {
        let down = self.reset(db).await?;
        let mut up = self.up(db, None).await?;
        up.rolled_back = down.rolled_back;
        Ok(up)
    }

    /// Drops every table, view and function, then applies every migration.
    ///
    /// # Errors
    /// As [`up`](Self::up).
    pub async fn fresh(&self, db: &DatabaseConnection) -> Result<Report, MigrationError> {
        runner::drop_everything(db, &self.bookkeeping).await?;
        self.up(db, None).await
    }

    /// Every migration's up SQL as this database's server would run it
    /// (optional extensions resolved), one script.
    ///
    /// # Errors
    /// The migrations cannot be loaded, or the server's extensions read.
    pub async fn sql(&self, db: &DatabaseConnection) -> Result<String, MigrationError> {
        runner::script_for(db, &self.migrations()?).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/x"),
            "postgres://app:***@db:5432/x"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/x"),
            "postgres://postgres@127.0.0.1/x"
        );
        assert_eq!(
            redact("sqlite://hingecraft.db?mode=rwc"),
            "sqlite://hingecraft.db?mode=rwc"
        );
    }

    #[test]
    fn the_default_database_is_named_after_the_project() {
        assert_eq!(
            default_database_url("starter"),
            "sqlite://starter.db?mode=rwc"
        );
    }
}
