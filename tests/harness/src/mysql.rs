//! MySQL and MariaDB: one freshly created, uniquely named database per test.

use std::io::Write as _;
use std::ops::Deref;
use std::sync::OnceLock;
use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};

use crate::cluster;
use crate::pg::redact_url;

/// Server URL tried when [`ENV_TEST_MYSQL_URL`] is not set.
pub const DEFAULT_MYSQL_URL: &str = "mysql://root@127.0.0.1:3306";
/// URL of the MySQL or MariaDB server to use, with a user allowed to create
/// and drop databases, e.g. `mysql://root@127.0.0.1:3306`.
pub const ENV_TEST_MYSQL_URL: &str = "TEST_MYSQL_URL";
/// Set to `1` to make a missing MySQL/MariaDB server a test failure instead of a skip.
pub const ENV_REQUIRE_MYSQL: &str = "HINGECRAFT_REQUIRE_MYSQL";

const TEST_POOL_SIZE: u32 = 4;
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

static SERVER: OnceLock<Result<String, String>> = OnceLock::new();

/// The URL of the MySQL or MariaDB server the tests of this process use
/// ([`ENV_TEST_MYSQL_URL`], else [`DEFAULT_MYSQL_URL`]), checked once per
/// process; the error says what was tried. There is no throwaway server:
/// `.ci/run` starts the machine's MariaDB.
pub fn mysql_server_url() -> Result<&'static str, &'static str> {
    SERVER
        .get_or_init(|| {
            std::thread::Builder::new()
                .name("hc-mysql-resolve".into())
                .spawn(resolve)
                .map_err(|e| format!("could not spawn a thread to find a server: {e}"))?
                .join()
                .unwrap_or_else(|_| Err("finding a MySQL server panicked".into()))
        })
        .as_ref()
        .map(String::as_str)
        .map_err(String::as_str)
}

/// Whether [`ENV_REQUIRE_MYSQL`] is `1`.
pub fn mysql_required() -> bool {
    std::env::var(ENV_REQUIRE_MYSQL).is_ok_and(|v| v.trim() == "1")
}

fn resolve() -> Result<String, String> {
    let url = match std::env::var(ENV_TEST_MYSQL_URL) {
        Ok(url) if !url.trim().is_empty() => url.trim().trim_end_matches('/').to_owned(),
        _ => DEFAULT_MYSQL_URL.to_owned(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("could not build a runtime to find a server: {e}"))?;
    runtime.block_on(async {
        use sea_orm::sqlx::{Connection as _, mysql::MySqlConnection};
        let attempt = async {
            let mut conn = MySqlConnection::connect(&url).await?;
            conn.ping().await?;
            conn.close().await
        };
        match tokio::time::timeout(PROBE_TIMEOUT, attempt).await {
            Ok(Ok(())) => Ok(url.clone()),
            Ok(Err(e)) => Err(format!("{} did not answer: {e}", redact_url(&url))),
            Err(_) => Err(format!(
                "{} did not answer within {PROBE_TIMEOUT:?}",
                redact_url(&url)
            )),
        }
    })
}

/// A database created for one test on the MySQL/MariaDB server, dropped by
/// [`MysqlTestDb::drop_db`] or, failing that, when the value is dropped.
#[derive(Debug)]
pub struct MysqlTestDb {
    conn: DatabaseConnection,
    name: String,
    url: String,
    server_url: String,
    dropped: bool,
}

impl MysqlTestDb {
    /// A fresh database for the test named `test_name`, or `None` after a
    /// loud skip line when no server answers (a panic under
    /// [`ENV_REQUIRE_MYSQL`]`=1`).
    pub async fn for_test(test_name: &str) -> Option<Self> {
        let server = match mysql_server_url() {
            Ok(url) => url,
            Err(why) => {
                if mysql_required() {
                    panic!(
                        "{ENV_REQUIRE_MYSQL}=1 but no MySQL server is available for {test_name}: {why}"
                    );
                }
                let _ = writeln!(
                    std::io::stderr(),
                    "SKIPPED (no MySQL): {test_name} — {why} (set {ENV_REQUIRE_MYSQL}=1 to fail instead)"
                );
                return None;
            }
        };
        match Self::create(server).await {
            Ok(db) => Some(db),
            Err(e) => panic!("{test_name}: {e}"),
        }
    }

    async fn create(server_url: &str) -> Result<Self, String> {
        let admin = connect(server_url, 1).await?;
        let name = format!("hc_test_{}", cluster::short_hex());
        let sql = format!(
            "CREATE DATABASE {} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
            quote_ident(&name)
        );
        admin
            .execute_unprepared(&sql)
            .await
            .map_err(|e| format!("`{sql}` on {} failed: {e}", redact_url(server_url)))?;
        let _ = admin.close().await;
        let url = format!("{server_url}/{name}");
        match connect(&url, TEST_POOL_SIZE).await {
            Ok(conn) => Ok(Self {
                conn,
                name,
                url,
                server_url: server_url.to_owned(),
                dropped: false,
            }),
            Err(e) => {
                let _ = drop_database(server_url, &name).await;
                Err(e)
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

    /// Close the pool and drop the database now. Panics if the drop fails.
    pub async fn drop_db(mut self) {
        self.dropped = true;
        let _ = self.conn.close_by_ref().await;
        if let Err(e) = drop_database(&self.server_url, &self.name).await {
            panic!("{e}");
        }
    }
}

impl Deref for MysqlTestDb {
    type Target = DatabaseConnection;

    fn deref(&self) -> &DatabaseConnection {
        &self.conn
    }
}

impl Drop for MysqlTestDb {
    /// Drops the database from a thread with its own runtime (Drop cannot
    /// await); a failure is reported on stderr.
    fn drop(&mut self) {
        if self.dropped {
            return;
        }
        self.dropped = true;
        let server_url = self.server_url.clone();
        let name = self.name.clone();
        let outcome = std::thread::Builder::new()
            .name("hc-mysql-drop".into())
            .spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| format!("could not build a runtime to drop {name}: {e}"))?
                    .block_on(drop_database(&server_url, &name))
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

async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, String> {
    let mut opts = ConnectOptions::new(url);
    opts.max_connections(max_connections)
        .min_connections(0)
        .connect_timeout(Duration::from_secs(30))
        .sqlx_logging(false);
    Database::connect(opts)
        .await
        .map_err(|e| format!("could not connect to {}: {e}", redact_url(url)))
}

async fn drop_database(server_url: &str, name: &str) -> Result<(), String> {
    let admin = connect(server_url, 1).await?;
    let sql = format!("DROP DATABASE IF EXISTS {}", quote_ident(name));
    let result = admin
        .execute_unprepared(&sql)
        .await
        .map(drop)
        .map_err(|e| format!("`{sql}` on {} failed: {e}", redact_url(server_url)));
    let _ = admin.close().await;
    result
}

/// A MySQL identifier between backticks, backticks doubled.
fn quote_ident(ident: &str) -> String {
    format!("`{}`", ident.replace('`', "``"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_ident_doubles_backticks() {
        assert_eq!(quote_ident("a`b"), "`a``b`");
    }

    #[tokio::test]
    async fn each_test_gets_a_database_of_its_own_that_is_dropped() {
        let Some(a) = crate::mysql_test_db!() else {
            return;
        };
        let b = MysqlTestDb::for_test("second").await.unwrap();
        assert_ne!(a.name(), b.name());
        a.execute_unprepared("CREATE TABLE t (id int PRIMARY KEY)")
            .await
            .unwrap();
        b.execute_unprepared("CREATE TABLE t (id int PRIMARY KEY)")
            .await
            .unwrap();
        let (name_a, name_b) = (a.name().to_owned(), b.name().to_owned());
        a.drop_db().await;
        drop(b);
        let admin = connect(mysql_server_url().unwrap(), 1).await.unwrap();
        for name in [name_a, name_b] {
            let left = admin
                .query_all_raw(sea_orm::Statement::from_string(
                    sea_orm::DbBackend::MySql,
                    format!("SHOW DATABASES LIKE '{name}'"),
                ))
                .await
                .unwrap();
            assert!(left.is_empty(), "{name} was not dropped");
        }
    }
}
