//! The runner's own connection: one connection taken from the pool for a
//! whole run, so that the advisory lock (a session lock on Postgres), the
//! session settings of a migration's preamble and SQLite's
//! `PRAGMA foreign_keys` all apply to the connection that runs the
//! migration, and a pool of one connection is enough.
//!
//! Settings are read before they are changed and set back after, on every
//! path; a connection that could not be put back as it was (or whose run
//! was cancelled) is closed instead of returned to the pool, which also
//! releases a lock it still holds.

use std::collections::BTreeSet;
use std::time::Duration;

use futures_util::StreamExt;
use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::sqlx::{self, AssertSqlSafe, Postgres, Sqlite};
use sea_orm::{DatabaseConnection, DbBackend, DbErr, RuntimeErr};

use hingecraft_model::sql::quote_literal;

use super::MigrationError;

enum Conn {
    Pg(PoolConnection<Postgres>),
    Sqlite(PoolConnection<Sqlite>),
}

/// A dedicated connection of the pool, with what must be set back.
pub(crate) struct Session {
    conn: Option<Conn>,
    backend: DbBackend,
    /// `(setting, value before)`, restored in reverse order.
    saved: Vec<(String, Option<String>)>,
    locked: Option<i64>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("backend", &self.backend)
            .field("locked", &self.locked)
            .finish_non_exhaustive()
    }
}

/// A sqlx error as SeaORM reports one.
pub(crate) fn db_err(e: sqlx::Error) -> DbErr {
    DbErr::Exec(RuntimeErr::SqlxError(e.into()))
}

/// Whether the error is a lock not granted in time (or a deadlock lost):
/// the statement may succeed when tried again.
pub(crate) fn lock_not_granted(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|c| c == "55P03" || c == "40P01")
}

impl Session {
    /// Takes a connection from `db`'s pool (Postgres or SQLite).
    pub(crate) async fn open(db: &DatabaseConnection) -> Result<Self, MigrationError> {
        let backend = db.get_database_backend();
        let conn = match backend {
            DbBackend::Postgres => Conn::Pg(
                db.get_postgres_connection_pool()
                    .acquire()
                    .await
                    .map_err(db_err)?,
            ),
            DbBackend::Sqlite => Conn::Sqlite(
                db.get_sqlite_connection_pool()
                    .acquire()
                    .await
                    .map_err(db_err)?,
            ),
            other => {
                return Err(MigrationError::Backend {
                    backend: format!("{other:?}"),
                });
            }
        };
        Ok(Self {
            conn: Some(conn),
            backend,
            saved: Vec::new(),
            locked: None,
        })
    }

    pub(crate) fn backend(&self) -> DbBackend {
        self.backend
    }

    fn conn(&mut self) -> &mut Conn {
        self.conn
            .as_mut()
            .expect("the session's connection is held until it is closed")
    }

    /// Runs statements in one round trip (Postgres's simple query protocol
    /// runs them in order and stops at the first error). On failure, the
    /// index of the statement that failed, counted from the completions
    /// the server sent before the error: the real error, of the real
    /// statement, without running anything again.
    pub(crate) async fn script(
        &mut self,
        statements: &[String],
    ) -> Result<(), (usize, sqlx::Error)> {
        if statements.is_empty() {
            return Ok(());
        }
        let script: String = statements.iter().map(|s| format!("{s};\n")).collect();
        let mut done = 0;
        macro_rules! run {
            ($c:expr) => {{
                let mut stream = sqlx::raw_sql(AssertSqlSafe(script)).execute_many(&mut **$c);
                while let Some(result) = stream.next().await {
                    match result {
                        Ok(_) => done += 1,
                        Err(e) => return Err((done.min(statements.len() - 1), e)),
                    }
                }
            }};
        }
        match self.conn() {
            Conn::Pg(c) => run!(c),
            Conn::Sqlite(c) => run!(c),
        }
        Ok(())
    }

    /// Runs one statement.
    pub(crate) async fn execute(&mut self, sql: &str) -> Result<(), sqlx::Error> {
        self.script(&[sql.to_owned()]).await.map_err(|(_, e)| e)
    }

    /// The rows of a query, each column as text (`NULL` as `None`).
    pub(crate) async fn rows(
        &mut self,
        sql: &str,
    ) -> Result<Vec<Vec<Option<String>>>, sqlx::Error> {
        use sqlx::{Row, ValueRef};
        macro_rules! fetch {
            ($c:expr) => {{
                let rows = sqlx::query(AssertSqlSafe(sql.to_owned()))
                    .fetch_all(&mut **$c)
                    .await?;
                rows.iter()
                    .map(|row| {
                        (0..row.columns().len())
                            .map(|i| {
                                if row.try_get_raw(i)?.is_null() {
                                    return Ok(None);
                                }
                                // Whatever the column's type, as text: the
                                // runner reads names, numbers and flags.
                                row.try_get::<String, _>(i)
                                    .or_else(|_| row.try_get::<i64, _>(i).map(|v| v.to_string()))
                                    .or_else(|_| row.try_get::<i32, _>(i).map(|v| v.to_string()))
                                    .or_else(|_| row.try_get::<i16, _>(i).map(|v| v.to_string()))
                                    .or_else(|_| row.try_get::<bool, _>(i).map(|v| v.to_string()))
                                    .map(Some)
                            })
                            .collect::<Result<Vec<_>, sqlx::Error>>()
                    })
                    .collect()
            }};
        }
        match self.conn() {
            Conn::Pg(c) => fetch!(c),
            Conn::Sqlite(c) => fetch!(c),
        }
    }

    /// The first column of the first row, as text.
    pub(crate) async fn value(&mut self, sql: &str) -> Result<Option<String>, sqlx::Error> {
        Ok(self
            .rows(sql)
            .await?
            .into_iter()
            .next()
            .and_then(|r| r.into_iter().next().flatten()))
    }

    /// Takes the Postgres advisory lock `key` for the session, waiting for
    /// another run to release it. It is polled (`pg_try_advisory_lock`),
    /// not waited on in a statement: a waiting statement would hold a
    /// snapshot that `CREATE INDEX CONCURRENTLY` in the running migration
    /// has to wait for.
    pub(crate) async fn lock(&mut self, key: i64) -> Result<(), sqlx::Error> {
        if self.backend != DbBackend::Postgres {
            return Ok(());
        }
        let mut wait = Duration::from_millis(20);
        loop {
            let got = self
                .value(&format!("SELECT pg_try_advisory_lock({key})"))
                .await?;
            if got.as_deref() == Some("true") {
                self.locked = Some(key);
                return Ok(());
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_millis(500));
        }
    }

    /// Sets a session setting (Postgres) or pragma (SQLite), remembering
    /// its value to set it back when the session closes.
    pub(crate) async fn set(&mut self, name: &str, sql: &str) -> Result<(), sqlx::Error> {
        let before = match self.backend {
            DbBackend::Postgres => {
                self.value(&format!(
                    "SELECT current_setting({}, true)",
                    quote_literal(name)
                ))
                .await?
            }
            _ => self.value(&format!("PRAGMA {name}")).await?,
        };
        if !self.saved.iter().any(|(n, _)| n == name) {
            self.saved.push((name.to_owned(), before));
        }
        self.execute(sql).await
    }

    /// Sets back every setting, releases the lock and returns the
    /// connection to the pool; a connection that cannot be set back is
    /// closed instead.
    pub(crate) async fn close(mut self) -> Result<(), MigrationError> {
        let result = self.restore().await;
        if result.is_ok()
            && let Some(conn) = self.conn.take()
        {
            drop(conn); // back to the pool, as it was
        }
        result.map_err(|e| MigrationError::Database(db_err(e)))
    }

    async fn restore(&mut self) -> Result<(), sqlx::Error> {
        self.restore_settings().await?;
        if let Some(key) = self.locked.take() {
            self.execute(&format!("SELECT pg_advisory_unlock({key})"))
                .await?;
        }
        Ok(())
    }

    /// Sets back the settings changed since the session opened (or since
    /// the last call), keeping the lock.
    pub(crate) async fn restore_settings(&mut self) -> Result<(), sqlx::Error> {
        while let Some((name, before)) = self.saved.pop() {
            let sql = match (self.backend, before) {
                (DbBackend::Postgres, Some(v)) => format!(
                    "SELECT set_config({}, {}, false)",
                    quote_literal(&name),
                    quote_literal(&v)
                ),
                (DbBackend::Postgres, None) => format!("RESET {name}"),
                (_, Some(v)) => format!("PRAGMA {name} = {v}"),
                (_, None) => continue,
            };
            self.execute(&sql).await?;
        }
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Not closed (an error on the way, a cancelled future): the
        // connection may hold the lock, a transaction or changed settings.
        // Closing it is the one way to undo all of them.
        if let Some(conn) = self.conn.as_mut() {
            match conn {
                Conn::Pg(c) => c.close_on_drop(),
                Conn::Sqlite(c) => c.close_on_drop(),
            }
        }
    }
}

/// How a run waits for table locks on Postgres.
///
/// Every statement runs with `lock_timeout` set: one that cannot get its
/// lock in time fails instead of queueing the application's reads and
/// writes behind it. Its step is then tried again, `retries` times, after
/// a pause that doubles from `backoff` up to `max_backoff`, drawn between
/// half and all of it (jitter, so that runs and other clients do not retry
/// in step).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockPolicy {
    /// The longest a statement waits for a lock (default 500 ms).
    pub lock_timeout: Duration,
    /// How many times a step is tried again (default 8).
    pub retries: u32,
    /// The first pause (default 200 ms).
    pub backoff: Duration,
    /// The longest pause (default 10 s).
    pub max_backoff: Duration,
}

impl Default for LockPolicy {
    fn default() -> Self {
        Self {
            lock_timeout: Duration::from_millis(500),
            retries: 8,
            backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
        }
    }
}

/// The extensions the server offers (Postgres).
pub(crate) async fn available_extensions(
    s: &mut Session,
) -> Result<BTreeSet<String>, sea_orm::sqlx::Error> {
    Ok(s.rows("SELECT name FROM pg_available_extensions")
        .await?
        .into_iter()
        .filter_map(|r| r.into_iter().next().flatten())
        .collect())
}
