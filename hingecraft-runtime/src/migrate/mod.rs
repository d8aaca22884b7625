//! The migrator: stored SQL migrations applied by a runner that is safe
//! under concurrency and faults.
//!
//! - [`files`]: a migration is a directory `NNNN_name/` with
//!   `postgres.{up,down}.sql`, `sqlite.{up,down}.sql` and `snapshot.json`
//!   (the schema after it), checksummed with SHA-256.
//! - [`MigrationSource`]: the migrations built into the binary
//!   ([`embed_migrations!`](crate::embed_migrations)) or read from a directory.
//! - [`runner`]: applies them, each in its own transaction, under a
//!   Postgres advisory lock, refusing to run when an applied migration's
//!   files changed.
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

#[cfg(feature = "cli")]
pub mod cli;
mod error;
pub mod files;
pub mod runner;
pub mod script;
mod source;

pub use error::MigrationError;
pub use files::Migration;
pub use hingecraft_model::Bookkeeping;
pub use runner::{MigrationStatus, Report};
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
/// On Postgres the connection's pool needs at least two connections: one
/// holds the migration lock while another applies the migrations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrator {
    source: MigrationSource,
    bookkeeping: Bookkeeping,
}

impl Migrator {
    /// The migrations of `source`, recorded in the default bookkeeping table.
    pub fn new(source: MigrationSource) -> Self {
        Self {
            source,
            bookkeeping: Bookkeeping::default(),
        }
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
    /// The first statement the database refuses (the migration is rolled
    /// back), an applied migration whose files changed, or one unknown here.
    pub async fn up(
        &self,
        db: &DatabaseConnection,
        num: Option<u32>,
    ) -> Result<Report, MigrationError> {
        runner::up(db, &self.bookkeeping, &self.migrations()?, num).await
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
        runner::down(db, &self.bookkeeping, &self.migrations()?, num).await
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
