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
//! use hingecraft_runtime::migrate::{MigrationSource, Migrator};
//! # async fn run() -> Result<(), hingecraft_tools::verify::VerifyError> {
//! let migrator = Migrator::new(MigrationSource::directory("migrations"));
//! let report = hingecraft_tools::verify::verify("postgres://postgres@127.0.0.1/app", &migrator).await?;
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

use hingecraft_runtime::migrate::{Bookkeeping, Migrator, redact};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr};

pub use catalog::{
    Catalog, ColumnState, ConstraintKind, ConstraintState, Counts, FunctionState, PolicyState, Rls,
    TableState, TriggerState, ViewState,
};
pub use compare::compare;
pub use report::{Aspect, Drift, Subject, VerifyReport};

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

/// Reads the schema of the database `db` is connected to, leaving out the
/// migrator's bookkeeping table.
pub async fn introspect(
    db: &DatabaseConnection,
    bookkeeping: &Bookkeeping,
    options: &VerifyOptions,
) -> Result<Catalog, VerifyError> {
    let catalog = match db.get_database_backend() {
        DbBackend::Postgres => postgres::introspect(db, &options.search_path()).await?,
        DbBackend::Sqlite => sqlite::introspect(db).await?,
        other => {
            return Err(VerifyError::Unsupported {
                backend: format!("{other:?}"),
            });
        }
    };
    let key = match db.get_database_backend() {
        DbBackend::Postgres if bookkeeping.schema != "public" => {
            format!("{}.{}", bookkeeping.schema, bookkeeping.table)
        }
        _ => bookkeeping.table.clone(),
    };
    Ok(expected::without_bookkeeping(catalog, &key))
}

/// How to verify.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifyOptions {
    /// Where expected catalogs are cached (Postgres); `None`: always build
    /// the scratch database. Default: `hingecraft-verify` in the system
    /// temporary directory.
    pub cache_dir: Option<PathBuf>,
    /// The schema extensions live in (the project's
    /// `Conventions::extensions_schema`): Postgres names are resolved with
    /// `search_path = public, <it>`, as the migrations resolve them.
    pub extensions_schema: String,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self {
            cache_dir: Some(cache::default_dir()),
            extensions_schema: "extensions".into(),
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

    /// Extensions live in schema `schema`.
    pub fn with_extensions_schema(mut self, schema: impl Into<String>) -> Self {
        self.extensions_schema = schema.into();
        self
    }

    fn search_path(&self) -> String {
        let ident = hingecraft_schema::model::sql::quote_ident;
        if self.extensions_schema == "public" {
            ident("public")
        } else {
            format!("{}, {}", ident("public"), ident(&self.extensions_schema))
        }
    }
}

/// Compares the database at `database_url` with the schema the migrations
/// of `migrator` should have produced, with the default [`VerifyOptions`].
pub async fn verify(database_url: &str, migrator: &Migrator) -> Result<VerifyReport, VerifyError> {
    verify_with(database_url, migrator, &VerifyOptions::default()).await
}

/// Compares the database at `database_url` with the schema its migrations
/// should have produced. On Postgres, unless the expected catalog is
/// cached, the role must be allowed to create databases (the expected
/// schema is built in a scratch one, dropped after).
pub async fn verify_with(
    database_url: &str,
    migrator: &Migrator,
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
    let result = verify_connected(&db, database_url, migrator, options).await;
    let _ = db.close().await;
    result
}

async fn verify_connected(
    db: &DatabaseConnection,
    database_url: &str,
    migrator: &Migrator,
    options: &VerifyOptions,
) -> Result<VerifyReport, VerifyError> {
    let migrations = migrator
        .migrations()
        .map_err(|e| VerifyError::Expected(DbErr::Custom(e.to_string())))?;
    let (backend, expected) = match db.get_database_backend() {
        DbBackend::Postgres => (
            "postgres",
            expected::postgres(
                db,
                database_url,
                &migrations,
                &options.search_path(),
                options.cache_dir.as_deref(),
            )
            .await?,
        ),
        DbBackend::Sqlite => ("sqlite", expected::sqlite(&migrations).await?),
        other => {
            return Err(VerifyError::Unsupported {
                backend: format!("{other:?}"),
            });
        }
    };
    // The live database's bookkeeping table is the migrator's, not the schema's.
    let found = introspect(db, migrator.bookkeeping(), options).await?;
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
