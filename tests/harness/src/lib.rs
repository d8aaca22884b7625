//! Test support shared by the HingeCraft crates: a real database per test,
//! never a mock.
//!
//! # SQLite
//!
//! [`sqlite_memory`] opens a fresh in-memory database; [`sqlite_file`] a
//! temporary file database removed on drop. Both enforce foreign keys.
//!
//! # MySQL and MariaDB
//!
//! [`MysqlTestDb`] creates a uniquely named database (`hc_test_<8 hex>`,
//! `utf8mb4` with binary collation) on `TEST_MYSQL_URL` or
//! `mysql://root@127.0.0.1:3306` and drops it afterwards; with no server the
//! test is skipped loudly, unless `HINGECRAFT_REQUIRE_MYSQL=1`.
//!
//! # Postgres
//!
//! [`PgTestDb`] creates a uniquely named database (`hc_test_<8 hex>`) on the
//! server in use and drops it afterwards. The server is found once per
//! process (see [`pg_server`]):
//!
//! 1. `TEST_DATABASE_URL`, a URL to an admin database, if set;
//! 2. else `postgres://postgres@127.0.0.1:5432/postgres` if it answers;
//! 3. else a throwaway cluster started with `initdb`/`pg_ctl` (as user
//!    `postgres` via `runuser` when running as root), stopped and deleted
//!    when the process exits.
//!
//! `HINGECRAFT_PG_THROWAWAY=1` skips 1 and 2 and always uses a throwaway
//! cluster. When no server is available the test is skipped with a line
//! `SKIPPED (no Postgres): <test> — <why>` on stderr, unless
//! `HINGECRAFT_REQUIRE_PG=1`, which turns that into a panic.
//!
//! ```no_run
//! use hingecraft_test_harness::{pg_columns, pg_test_db, sqlite_columns, sqlite_memory};
//! use sea_orm::ConnectionTrait;
//!
//! #[tokio::test]
//! async fn same_columns_on_both_backends() {
//!     let Some(pg) = pg_test_db!() else { return };
//!     pg.execute_unprepared("CREATE TABLE t (id integer PRIMARY KEY)").await.unwrap();
//!     let lite = sqlite_memory().await;
//!     lite.execute_unprepared("CREATE TABLE t (id integer PRIMARY KEY)").await.unwrap();
//!
//!     let pg_names: Vec<_> = pg_columns(&*pg, "t").await.into_iter().map(|c| c.name).collect();
//!     let lite_names: Vec<_> = sqlite_columns(&lite, "t").await.into_iter().map(|c| c.name).collect();
//!     assert_eq!(pg_names, lite_names);
//!     pg.drop_db().await; // optional: dropping `pg` does the same
//! }
//! ```

mod catalog;
mod cluster;
mod mysql;
mod pg;
mod sqlite;
mod vector;

pub use catalog::{
    CatalogColumn, mysql_columns, mysql_tables, pg_columns, pg_tables, sqlite_columns,
    sqlite_tables,
};
pub use mysql::{
    DEFAULT_MYSQL_URL, ENV_REQUIRE_MYSQL, ENV_TEST_MYSQL_URL, MysqlTestDb, mysql_required,
    mysql_server_url,
};
pub use pg::{
    DEFAULT_ADMIN_URL, ENV_REQUIRE_PG, ENV_TEST_DATABASE_URL, ENV_THROWAWAY, PgServer, PgSource,
    PgTestDb, pg_admin_url, pg_db_url, pg_required, pg_server, pg_throwaway_dir, pg_url_with_db,
};
pub use sqlite::{SqliteFileDb, sqlite_file, sqlite_memory};
pub use vector::{ENV_PGVECTOR_BIN, ENV_REQUIRE_PGVECTOR, pgvector_admin_url};

/// Full path of the enclosing function, e.g. `my_crate::tests::creates_tables`
/// (closure and async-block segments removed). Used for skip messages.
#[macro_export]
macro_rules! test_name {
    () => {{
        fn __hc_here() {}
        $crate::__clean_test_name(::std::any::type_name_of_val(&__hc_here))
    }};
}

/// `PgTestDb::for_vector_test(<enclosing test>).await`: a fresh database on
/// a Postgres with pgvector, or `None` (after a loud skip line).
#[macro_export]
macro_rules! pgvector_test_db {
    () => {
        $crate::PgTestDb::for_vector_test(&$crate::test_name!()).await
    };
}

/// `MysqlTestDb::for_test(<enclosing test>).await`: a fresh MySQL/MariaDB
/// database, or `None` (after a loud skip line) when no server answers.
#[macro_export]
macro_rules! mysql_test_db {
    () => {
        $crate::MysqlTestDb::for_test(&$crate::test_name!()).await
    };
}

/// `PgTestDb::for_test(<enclosing test>).await`: a fresh Postgres database,
/// or `None` (after a loud skip line) when no server is available.
/// Use inside an async test: `let Some(pg) = pg_test_db!() else { return };`.
#[macro_export]
macro_rules! pg_test_db {
    () => {
        $crate::PgTestDb::for_test(&$crate::test_name!()).await
    };
}

#[doc(hidden)]
pub fn __clean_test_name(raw: &str) -> String {
    raw.trim_end_matches("::__hc_here")
        .split("::")
        .filter(|segment| !segment.starts_with("{{"))
        .collect::<Vec<_>>()
        .join("::")
}

#[cfg(test)]
mod tests {
    #[test]
    fn test_name_is_the_enclosing_function() {
        assert_eq!(
            test_name!(),
            "hingecraft_test_harness::tests::test_name_is_the_enclosing_function"
        );
    }

    #[tokio::test]
    async fn test_name_works_in_async_tests() {
        assert_eq!(
            test_name!(),
            "hingecraft_test_harness::tests::test_name_works_in_async_tests"
        );
    }
}
