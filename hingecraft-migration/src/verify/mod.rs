//! Live verification: does a database hold the schema its migrations
//! should have produced?
//!
//! [`verify`] introspects the live database (`postgres` through
//! `pg_catalog`, `sqlite` through `sqlite_master` and the pragmas), builds
//! the expected schema by applying the expected DDL to a scratch database on
//! the same server (`expected`), introspects that with the same code, and
//! compares the two [`Catalog`]s ([`compare`]). The [`VerifyReport`] holds
//! the seed-style counts of both sides and every [`Drift`], sorted. The
//! expected catalog depends only on the DDL and the server version, so it
//! is cached ([`VerifyOptions`]): only the first verification pays for the
//! scratch database.
//!
//! ```no_run
//! # async fn run() -> Result<(), hingecraft_migration::verify::VerifyError> {
//! let report = hingecraft_migration::verify::verify("postgres://postgres@127.0.0.1/app").await?;
//! print!("{report}");
//! assert!(report.is_clean());
//! # Ok(()) }
//! ```

mod cache;
mod catalog;
mod compare;
mod expected;
mod postgres;
mod report;
mod sqlite;

use std::path::PathBuf;
use std::time::Duration;

use crate::cli::redact;
use sea_orm_migration::sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr};

pub use catalog::{
    Catalog, ColumnState, ConstraintKind, ConstraintState, Counts, FunctionState, PolicyState, Rls,
    TableState, TriggerState, ViewState,
};
pub use compare::compare;
pub use report::{Aspect, Drift, Subject, VerifyReport};

/// Tables the migrator keeps for itself: never part of the schema.
pub const BOOKKEEPING_TABLES: &[&str] = &[crate::runner::TABLE];

/// What can stop a verification (drift does not: it is the report).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The live database does not answer.
    #[error("cannot connect to {url}: {source}")]
    Connect {
        /// The URL, password hidden.
        url: String,
        /// The driver's error.
        source: DbErr,
    },
    /// The expected schema could not be rendered (the source modules do
    /// not merge, or the backend cannot express it).
    #[error("cannot render the expected schema: {0}")]
    Expected(DbErr),
    /// A catalog query failed.
    #[error("cannot read the database schema: {0}")]
    Introspect(DbErr),
    /// The scratch database holding the expected schema could not be
    /// created, built or dropped.
    #[error("cannot build the expected schema in scratch database {database}: {source}")]
    Scratch {
        /// The scratch database.
        database: String,
        /// The driver's error.
        source: DbErr,
    },
    /// Neither Postgres nor SQLite.
    #[error("backend {backend} is not supported; use Postgres or SQLite")]
    Unsupported {
        /// The backend of the URL.
        backend: String,
    },
}

impl VerifyError {
    fn introspect(e: DbErr) -> Self {
        Self::Introspect(e)
    }
}

/// Reads the schema of the database `db` is connected to.
pub async fn introspect(db: &DatabaseConnection) -> Result<Catalog, VerifyError> {
    match db.get_database_backend() {
        DbBackend::Postgres => postgres::introspect(db).await,
        DbBackend::Sqlite => sqlite::introspect(db).await,
        other => Err(VerifyError::Unsupported {
            backend: format!("{other:?}"),
        }),
    }
}

/// How to verify.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifyOptions {
    /// Where expected catalogs are cached (Postgres); `None`: always build
    /// the scratch database. Default: `hingecraft-verify` in the system
    /// temporary directory.
    pub cache_dir: Option<PathBuf>,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self {
            cache_dir: Some(cache::default_dir()),
        }
    }
}

impl VerifyOptions {
    /// Cache expected catalogs in `dir`.
    pub fn with_cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }

    /// Never read nor write the cache.
    pub fn without_cache(mut self) -> Self {
        self.cache_dir = None;
        self
    }
}

/// Compares the database at `database_url` with the schema its migrations
/// should have produced, with the default [`VerifyOptions`].
pub async fn verify(database_url: &str) -> Result<VerifyReport, VerifyError> {
    verify_with(database_url, &VerifyOptions::default()).await
}

/// Compares the database at `database_url` with the schema its migrations
/// should have produced. On Postgres, unless the expected catalog is
/// cached, the role must be allowed to create databases (the expected
/// schema is built in a scratch one, dropped after).
pub async fn verify_with(
    database_url: &str,
    options: &VerifyOptions,
) -> Result<VerifyReport, VerifyError> {
    let mut opts = ConnectOptions::new(database_url.to_owned());
    opts.max_connections(2)
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let db = Database::connect(opts)
        .await
        .map_err(|source| VerifyError::Connect {
            url: redact(database_url),
            source,
        })?;
    let result = verify_connected(&db, database_url, options).await;
    let _ = db.close().await;
    result
}

async fn verify_connected(
    db: &DatabaseConnection,
    database_url: &str,
    options: &VerifyOptions,
) -> Result<VerifyReport, VerifyError> {
    let (backend, expected) = match db.get_database_backend() {
        DbBackend::Postgres => (
            "postgres",
            expected::postgres(db, database_url, options.cache_dir.as_deref()).await?,
        ),
        DbBackend::Sqlite => ("sqlite", expected::sqlite().await?),
        other => {
            return Err(VerifyError::Unsupported {
                backend: format!("{other:?}"),
            });
        }
    };
    let found = introspect(db).await?;
    Ok(VerifyReport {
        backend,
        expected: expected.counts(),
        found: found.counts(),
        drift: compare(&expected, &found),
    })
}

#[cfg(test)]
mod tests {
    use super::expected::with_database;

    #[test]
    fn the_scratch_url_keeps_server_credentials_and_options() {
        assert_eq!(
            with_database("postgres://u:p@h:5432/app?sslmode=disable", "x"),
            "postgres://u:p@h:5432/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
    }
}
