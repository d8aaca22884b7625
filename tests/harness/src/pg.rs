//! Postgres: one freshly created, uniquely named database per test.

use std::io::Write as _;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};

use crate::cluster;

/// Admin URL tried when [`ENV_TEST_DATABASE_URL`] is not set.
pub const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
/// URL of an admin database on the server to use, e.g.
/// `postgres://postgres@127.0.0.1:5432/postgres`.
pub const ENV_TEST_DATABASE_URL: &str = "TEST_DATABASE_URL";
/// Set to `1` to make a missing Postgres server a test failure instead of a skip.
pub const ENV_REQUIRE_PG: &str = "HINGECRAFT_REQUIRE_PG";
/// Set to `1` to ignore [`ENV_TEST_DATABASE_URL`] and [`DEFAULT_ADMIN_URL`]
/// and always start a throwaway cluster (used to test that path).
pub const ENV_THROWAWAY: &str = "HINGECRAFT_PG_THROWAWAY";

/// Connections per test database pool.
const TEST_POOL_SIZE: u32 = 4;
/// How long to wait for a server that may not be there.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// Where the Postgres server in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PgSource {
    /// [`ENV_TEST_DATABASE_URL`].
    EnvUrl,
    /// [`DEFAULT_ADMIN_URL`], which answered.
    LocalDefault,
    /// A throwaway cluster started by this process; stopped and removed at exit.
    Throwaway {
        /// Temporary directory holding the cluster (removed at exit).
        dir: PathBuf,
        /// Loopback port it listens on.
        port: u16,
    },
}

/// The Postgres server the tests of this process use.
#[derive(Debug, Clone)]
pub struct PgServer {
    admin_url: String,
    source: PgSource,
}

impl PgServer {
    /// URL of the admin database (where test databases are created from).
    pub fn admin_url(&self) -> &str {
        &self.admin_url
    }

    /// Where the server came from.
    pub fn source(&self) -> &PgSource {
        &self.source
    }
}

static SERVER: OnceLock<Result<PgServer, String>> = OnceLock::new();

/// The Postgres server for this process, resolved on first call:
///
/// 1. [`ENV_TEST_DATABASE_URL`] if set (used as is; not answering is an error);
/// 2. else [`DEFAULT_ADMIN_URL`] if it answers;
/// 3. else a throwaway cluster (`initdb` + `pg_ctl` from `PATH` or
///    `/usr/lib/postgresql/*/bin`), stopped when the process exits.
///
/// [`ENV_THROWAWAY`]`=1` skips 1 and 2. The error says what was tried.
/// The first call blocks the calling thread (seconds, when a cluster is
/// started); the answer is then cached for the whole process.
pub fn pg_server() -> Result<&'static PgServer, &'static str> {
    SERVER
        .get_or_init(|| {
            // Own thread and runtime: the caller may be inside a runtime,
            // where blocking on another one is not allowed.
            std::thread::Builder::new()
                .name("hc-pg-resolve".into())
                .spawn(resolve_server)
                .map_err(|e| format!("could not spawn a thread to find a server: {e}"))?
                .join()
                .unwrap_or_else(|_| Err("finding a Postgres server panicked".into()))
        })
        .as_ref()
        .map_err(String::as_str)
}

/// Admin URL of the server in use (for `psql` and other subprocesses), or
/// `None` when no server is available.
pub fn pg_admin_url() -> Option<String> {
    pg_server().ok().map(|server| server.admin_url.clone())
}

/// URL of database `db_name` on the server in use, or `None` when no server
/// is available.
pub fn pg_db_url(db_name: &str) -> Option<String> {
    pg_server()
        .ok()
        .map(|server| pg_url_with_db(&server.admin_url, db_name))
}

/// Path of the throwaway cluster's directory, if one is in use.
pub fn pg_throwaway_dir() -> Option<&'static Path> {
    match pg_server().ok()?.source() {
        PgSource::Throwaway { dir, .. } => Some(dir),
        _ => None,
    }
}

/// Whether [`ENV_REQUIRE_PG`] is `1`.
pub fn pg_required() -> bool {
    env_flag(ENV_REQUIRE_PG)
}

/// `url` with its database (path) replaced by `db_name`; the query string is kept.
///
/// ```
/// use hingecraft_test_harness::pg_url_with_db;
/// assert_eq!(
///     pg_url_with_db("postgres://u@h:5432/postgres?sslmode=disable", "hc_test_1"),
///     "postgres://u@h:5432/hc_test_1?sslmode=disable",
/// );
/// ```
pub fn pg_url_with_db(url: &str, db_name: &str) -> String {
    let (base, query) = url.split_at(url.find('?').unwrap_or(url.len()));
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let authority_end = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let encoded: String = db_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("{}/{encoded}{query}", &base[..authority_end])
}

/// A fresh database on the server in use, dropped (`WITH (FORCE)`) when this
/// value is dropped or [`drop_db`](Self::drop_db) is called.
///
/// Derefs to its [`DatabaseConnection`] (a pool of up to 4 connections; open
/// more with [`url`](Self::url) if a test needs them).
#[derive(Debug)]
pub struct PgTestDb {
    conn: DatabaseConnection,
    name: String,
    url: String,
    admin_url: String,
    dropped: bool,
}

impl PgTestDb {
    /// Create a database for the current test, named after the test thread
    /// in the skip message. See [`for_test`](Self::for_test).
    pub async fn new() -> Option<Self> {
        Self::for_test(&current_test_name()).await
    }

    /// Create a database for test `test_name`.
    ///
    /// Returns `None` when no server is available, after printing
    /// `SKIPPED (no Postgres): <test_name> — <why>` to stderr (not captured
    /// by the test runner). With [`ENV_REQUIRE_PG`]`=1` it panics instead.
    /// Panics when a server is available but the database cannot be
    /// created or connected to.
    pub async fn for_test(test_name: &str) -> Option<Self> {
        let server = match pg_server() {
            Ok(server) => server,
            Err(why) => {
                skip(test_name, why);
                return None;
            }
        };
        match Self::create(&server.admin_url).await {
            Ok(db) => Some(db),
            Err(e) => panic!("{test_name}: {e}"),
        }
    }

    pub(crate) async fn create_on(admin_url: &str) -> Result<Self, String> {
        Self::create(admin_url).await
    }

    async fn create(admin_url: &str) -> Result<Self, String> {
        let admin = connect(admin_url, 1, PROBE_TIMEOUT)
            .await
            .map_err(|e| format!("could not connect to {}: {e}", redact_url(admin_url)))?;
        let mut attempt = 0;
        let name = loop {
            attempt += 1;
            let name = format!("hc_test_{}", cluster::short_hex());
            let sql = format!("CREATE DATABASE {}", quote_ident(&name));
            match admin.execute_unprepared(&sql).await {
                Ok(_) => break name,
                Err(e) if attempt < 3 && e.to_string().contains("already exists") => continue,
                Err(e) => {
                    return Err(format!("`{sql}` on {} failed: {e}", redact_url(admin_url)));
                }
            }
        };
        let _ = admin.close().await;

        let url = pg_url_with_db(admin_url, &name);
        match connect(&url, TEST_POOL_SIZE, Duration::from_secs(30)).await {
            Ok(conn) => Ok(Self {
                conn,
                name,
                url,
                admin_url: admin_url.to_owned(),
                dropped: false,
            }),
            Err(e) => {
                let _ = drop_database(admin_url, &name).await;
                Err(format!(
                    "could not connect to new database {}: {e}",
                    redact_url(&url)
                ))
            }
        }
    }

    /// The connection pool to this database.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Database name (`hc_test_<8 hex>`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// URL of this database (for subprocesses and extra connections).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// URL of the admin database this one was created from.
    pub fn admin_url(&self) -> &str {
        &self.admin_url
    }

    /// Close the pool and drop the database now. Panics if the drop fails.
    pub async fn drop_db(mut self) {
        self.dropped = true;
        let _ = self.conn.close_by_ref().await;
        if let Err(e) = drop_database(&self.admin_url, &self.name).await {
            panic!("{e}");
        }
    }
}

impl Deref for PgTestDb {
    type Target = DatabaseConnection;

    fn deref(&self) -> &DatabaseConnection {
        &self.conn
    }
}

impl Drop for PgTestDb {
    /// Drops the database from a separate thread with its own runtime (Drop
    /// cannot await) and waits for it. A failure is reported on stderr.
    fn drop(&mut self) {
        if self.dropped {
            return;
        }
        self.dropped = true;
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        let outcome = std::thread::Builder::new()
            .name("hc-pg-drop".into())
            .spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| format!("could not build a runtime to drop {name}: {e}"))?
                    .block_on(drop_database(&admin_url, &name))
            })
            .map_err(|e| format!("could not spawn a thread to drop {}: {e}", self.name))
            .and_then(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err(format!("dropping {} panicked", self.name)))
            });
        if let Err(e) = outcome {
            let _ = writeln!(std::io::stderr(), "hingecraft-test-harness: {e}");
        }
    }
}

async fn drop_database(admin_url: &str, name: &str) -> Result<(), String> {
    let admin = connect(admin_url, 1, PROBE_TIMEOUT).await.map_err(|e| {
        format!(
            "could not connect to {} to drop {name}: {e}",
            redact_url(admin_url)
        )
    })?;
    let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_ident(name));
    let result = admin
        .execute_unprepared(&sql)
        .await
        .map(drop)
        .map_err(|e| format!("`{sql}` on {} failed: {e}", redact_url(admin_url)));
    let _ = admin.close().await;
    result
}

async fn connect(
    url: &str,
    max_connections: u32,
    timeout: Duration,
) -> Result<DatabaseConnection, sea_orm::DbErr> {
    let mut opts = ConnectOptions::new(url);
    opts.max_connections(max_connections)
        .min_connections(0)
        .connect_timeout(timeout)
        .sqlx_logging(false);
    Database::connect(opts).await
}

/// Connect once and ping. A single sqlx connection (not a pool, which
/// retries until it times out) reports the actual cause of a failure.
async fn probe(url: &str) -> Result<(), String> {
    use sea_orm::sqlx::{Connection as _, postgres::PgConnection};

    let attempt = async {
        let mut conn = PgConnection::connect(url).await?;
        conn.ping().await?;
        conn.close().await
    };
    match tokio::time::timeout(PROBE_TIMEOUT, attempt).await {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => Err(format!("no answer within {PROBE_TIMEOUT:?}")),
    }
}

fn resolve_server() -> Result<PgServer, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("could not build a runtime to find a server: {e}"))?;
    let mut tried = Vec::new();

    if env_flag(ENV_THROWAWAY) {
        tried.push(format!(
            "{ENV_THROWAWAY}=1, so {ENV_TEST_DATABASE_URL} and {DEFAULT_ADMIN_URL} were not tried"
        ));
    } else {
        match std::env::var(ENV_TEST_DATABASE_URL) {
            Ok(url) if !url.trim().is_empty() => {
                let url = url.trim().to_owned();
                return match runtime.block_on(probe(&url)) {
                    Ok(()) => Ok(PgServer {
                        admin_url: url,
                        source: PgSource::EnvUrl,
                    }),
                    Err(e) => Err(format!(
                        "{ENV_TEST_DATABASE_URL}={} did not answer: {e}",
                        redact_url(&url)
                    )),
                };
            }
            _ => tried.push(format!("{ENV_TEST_DATABASE_URL} is not set")),
        }
        match runtime.block_on(probe(DEFAULT_ADMIN_URL)) {
            Ok(()) => {
                return Ok(PgServer {
                    admin_url: DEFAULT_ADMIN_URL.to_owned(),
                    source: PgSource::LocalDefault,
                });
            }
            Err(e) => tried.push(format!("{DEFAULT_ADMIN_URL} did not answer: {e}")),
        }
    }

    let started = cluster::start().and_then(|cluster| {
        let url = cluster.admin_url();
        runtime.block_on(probe(&url)).map_err(|e| {
            format!(
                "started in {} but {url} did not answer: {e}",
                cluster.dir.display()
            )
        })?;
        Ok(PgServer {
            admin_url: url,
            source: PgSource::Throwaway {
                dir: cluster.dir,
                port: cluster.port,
            },
        })
    });
    started.map_err(|e| {
        tried.push(format!("a throwaway cluster could not be started: {e}"));
        tried.join("; ")
    })
}

/// Report a skipped test, or panic under [`ENV_REQUIRE_PG`]`=1`.
fn skip(test_name: &str, why: &str) {
    if pg_required() {
        panic!("{ENV_REQUIRE_PG}=1 but no Postgres server is available for {test_name}: {why}");
    }
    // Written to the process's stderr directly: `eprintln!` output of a
    // passing test is captured and never shown.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED (no Postgres): {test_name} — {why} (set {ENV_REQUIRE_PG}=1 to fail instead)"
    );
}

/// Name of the running test, from the thread the test runner names after it.
fn current_test_name() -> String {
    match std::thread::current().name() {
        Some(name) if name != "main" && !name.starts_with("tokio-runtime") => name.to_owned(),
        _ => "<unnamed test>".to_owned(),
    }
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|value| value.trim() == "1")
}

fn quote_ident(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// `url` with the password, if any, replaced by `***`.
pub(crate) fn redact_url(url: &str) -> String {
    let authority_start = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[authority_start..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_owned();
    };
    match rest[..at].find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..authority_start],
            &rest[..colon],
            &rest[at..]
        ),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_with_db_replaces_the_path() {
        assert_eq!(
            pg_url_with_db("postgres://postgres@127.0.0.1:5432/postgres", "hc_test_ab"),
            "postgres://postgres@127.0.0.1:5432/hc_test_ab"
        );
        assert_eq!(
            pg_url_with_db("postgres://u:p@h", "d b"),
            "postgres://u:p@h/d%20b"
        );
        assert_eq!(
            pg_url_with_db("postgres:///postgres?host=/tmp/x", "db"),
            "postgres:///db?host=/tmp/x"
        );
    }

    #[test]
    fn redact_hides_only_the_password() {
        assert_eq!(
            redact_url("postgres://u:secret@h:1/db"),
            "postgres://u:***@h:1/db"
        );
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact_url("postgres://h/db?x=a@b"), "postgres://h/db?x=a@b");
    }

    #[test]
    fn quote_ident_doubles_quotes() {
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
    }
}
