//! SQLite: an in-memory database or a temporary file, foreign keys enforced.

use std::ops::Deref;
use std::path::{Path, PathBuf};

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
};

/// A new, empty in-memory SQLite database with `PRAGMA foreign_keys = ON`.
///
/// Every connection to an in-memory database is a different database, so
/// the pool holds exactly one connection that is never closed for being
/// idle or old: data and the pragma persist across queries. A consequence:
/// while a transaction is open, only the transaction can run queries.
///
/// Panics if the database cannot be opened.
pub async fn sqlite_memory() -> DatabaseConnection {
    let mut opts = ConnectOptions::new("sqlite::memory:");
    opts.max_connections(1)
        .min_connections(1)
        .idle_timeout(None::<std::time::Duration>)
        .max_lifetime(None::<std::time::Duration>)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| o.foreign_keys(true));
    let db = Database::connect(opts)
        .await
        .unwrap_or_else(|e| panic!("could not open an in-memory SQLite database: {e}"));
    enable_foreign_keys(&db, "in-memory SQLite database").await;
    db
}

/// A new SQLite database in a temporary file, removed (with its `-wal`,
/// `-shm` and `-journal` companions) when dropped. Foreign keys are
/// enforced on every connection. Derefs to its [`DatabaseConnection`].
#[derive(Debug)]
pub struct SqliteFileDb {
    conn: DatabaseConnection,
    path: PathBuf,
    url: String,
}

impl SqliteFileDb {
    /// The connection pool (one connection).
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `sqlite://` URL of the database file (for subprocesses).
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Deref for SqliteFileDb {
    type Target = DatabaseConnection;

    fn deref(&self) -> &DatabaseConnection {
        &self.conn
    }
}

impl Drop for SqliteFileDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut file = self.path.clone().into_os_string();
            file.push(suffix);
            // Missing companions are normal; nothing else can be done here.
            let _ = std::fs::remove_file(file);
        }
    }
}

/// Create a [`SqliteFileDb`] in the system temporary directory.
///
/// Panics if the file cannot be created or opened.
pub async fn sqlite_file() -> SqliteFileDb {
    let path =
        std::env::temp_dir().join(format!("hc_test_{}.sqlite", uuid::Uuid::new_v4().simple()));
    let Some(text) = path.to_str() else {
        panic!("temporary path {} is not UTF-8", path.display());
    };
    let url = format!("sqlite://{}?mode=rwc", percent_encode_path(text));
    let mut opts = ConnectOptions::new(url.as_str());
    opts.max_connections(1)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| o.foreign_keys(true));
    let conn = Database::connect(opts)
        .await
        .unwrap_or_else(|e| panic!("could not create SQLite database {url}: {e}"));
    let db = SqliteFileDb { conn, path, url };
    enable_foreign_keys(&db.conn, &db.url).await;
    db
}

async fn enable_foreign_keys(db: &DatabaseConnection, what: &str) {
    db.execute_unprepared("PRAGMA foreign_keys = ON")
        .await
        .unwrap_or_else(|e| panic!("PRAGMA foreign_keys = ON on {what} failed: {e}"));
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA foreign_keys",
        ))
        .await
        .unwrap_or_else(|e| panic!("reading PRAGMA foreign_keys on {what} failed: {e}"));
    let on: Option<i64> = row.and_then(|row| row.try_get_by_index(0).ok());
    assert_eq!(
        on,
        Some(1),
        "PRAGMA foreign_keys did not stay on for {what}"
    );
}

/// Escape what SQLite URLs would read as syntax (`%`, `?`, `#`) or reject.
fn percent_encode_path(path: &str) -> String {
    path.chars()
        .map(|c| match c {
            '%' | '?' | '#' | ' ' => format!("%{:02X}", u32::from(c)),
            _ => c.to_string(),
        })
        .collect()
}
