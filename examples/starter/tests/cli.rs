//! The `starter` binary, run as a user runs it: from a fresh directory,
//! without `DATABASE_URL`, then on a Postgres database.

use std::path::Path;
use std::process::{Command, Output};

use hingecraft_test_harness::{pg_test_db, sqlite_tables};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};

/// `starter <args>` in `dir`, with no `DATABASE_URL`. The project root is
/// this crate's directory, as `cargo run` sets it: the binary reads the
/// migrations from `migration/migrations` there.
fn starter(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_starter"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("HINGECRAFT_ROOT")
        .env("CARGO_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the starter binary runs")
}

fn text(out: &Output) -> String {
    format!(
        "status {}\n--- stdout\n{}--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

const TABLES: [&str; 6] = [
    "audit_logs",
    "contacts",
    "customers",
    "invoices",
    "users",
    "workspaces",
];

#[tokio::test]
async fn migrate_up_without_configuration_creates_starter_db_here() {
    let dir = tempfile::tempdir().unwrap();
    let out = starter(dir.path(), &["migrate", "up"]);
    assert!(out.status.success(), "{}", text(&out));
    let file = dir.path().join("starter.db");
    assert!(file.is_file(), "no starter.db in the current directory");

    let db = Database::connect(format!("sqlite://{}?mode=ro", file.display()))
        .await
        .unwrap();
    let tables = sqlite_tables(&db).await;
    for table in TABLES {
        assert!(tables.iter().any(|t| t == table), "{table} in {tables:?}");
    }
    db.close().await.unwrap();

    let again = starter(dir.path(), &["migrate", "up"]);
    assert!(again.status.success(), "{}", text(&again));
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("nothing to do"),
        "{}",
        text(&again)
    );
}

#[tokio::test]
async fn migrate_up_on_postgres_builds_the_hardened_schema_and_verify_finds_no_drift() {
    let Some(pg) = pg_test_db!() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_starter"))
        .args(["migrate", "up"])
        .current_dir(dir.path())
        .env("DATABASE_URL", pg.url())
        .env("CARGO_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        !dir.path().join("starter.db").exists(),
        "DATABASE_URL replaces the default SQLite file"
    );

    // Row-level security, enabled and forced, on every tenant table (and
    // on the global ones, whose writes are for administrators).
    let rls = rows(
        pg.conn(),
        "SELECT c.relname::text AS name, c.relrowsecurity AND c.relforcerowsecurity AS forced \
         FROM pg_catalog.pg_class c \
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' \
         ORDER BY 1",
    )
    .await;
    for table in TABLES {
        let row = rls
            .iter()
            .find(|r| r.try_get::<String>("", "name").unwrap() == table)
            .unwrap_or_else(|| panic!("no table {table}"));
        assert!(
            row.try_get::<bool>("", "forced").unwrap(),
            "RLS not enabled and forced on {table}"
        );
    }
    let tenant_policies = names(
        pg.conn(),
        "SELECT tablename::text || '.' || policyname::text AS name FROM pg_catalog.pg_policies \
         WHERE schemaname = 'public' AND policyname LIKE '%workspace_isolation' ORDER BY 1",
    )
    .await;
    assert_eq!(
        tenant_policies,
        [
            "contacts.contacts_workspace_isolation",
            "customers.customers_workspace_isolation",
            "invoices.invoices_workspace_isolation",
        ]
    );

    // The audit triggers, on every table flagged `audit`.
    let triggers = names(
        pg.conn(),
        "SELECT t.tgname::text AS name FROM pg_catalog.pg_trigger t \
         JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid \
         WHERE NOT t.tgisinternal AND p.proname = 'audit_changes' ORDER BY 1",
    )
    .await;
    assert_eq!(
        triggers,
        [
            "audit_customers",
            "audit_invoices",
            "audit_users",
            "audit_workspaces",
        ]
    );

    // Every foreign key has an index whose leading columns are its columns.
    let foreign_keys = names(
        pg.conn(),
        "SELECT conname::text AS name FROM pg_catalog.pg_constraint \
         WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY 1",
    )
    .await;
    assert!(foreign_keys.len() >= 15, "{foreign_keys:?}");
    let unindexed = names(
        pg.conn(),
        "SELECT c.conname::text AS name FROM pg_catalog.pg_constraint c \
         WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace \
         AND NOT EXISTS ( \
             SELECT 1 FROM pg_catalog.pg_index i \
             WHERE i.indrelid = c.conrelid \
             AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] = c.conkey \
         ) ORDER BY 1",
    )
    .await;
    assert!(
        unindexed.is_empty(),
        "foreign keys without an index: {unindexed:?}"
    );

    // The live database is exactly what the migrations should produce.
    let verify = starter(dir.path(), &["verify", "--database-url", pg.url()]);
    let report = text(&verify);
    assert_eq!(verify.status.code(), Some(0), "{report}");
    assert!(report.contains("no drift"), "{report}");
}

#[test]
fn a_prototype_is_exactly_what_its_module_declares() {
    let dir = tempfile::tempdir().unwrap();
    let billing = starter(
        dir.path(),
        &["sql", "--stage", "prototype", "--module", "billing"],
    );
    assert!(billing.status.success(), "{}", text(&billing));
    let sql = String::from_utf8_lossy(&billing.stdout);
    assert!(
        sql.contains("\"status\" varchar(20) NOT NULL DEFAULT 'active'"),
        "billing's own default: {sql}"
    );
    assert!(!sql.contains("POLICY"), "nothing hardened in a prototype");

    let production = starter(dir.path(), &["sql"]);
    assert!(production.status.success(), "{}", text(&production));
    let sql = String::from_utf8_lossy(&production.stdout);
    assert!(
        sql.contains("\"status\" varchar(20) NOT NULL DEFAULT 'lead'"),
        "the resolved default: {sql}"
    );
    assert!(sql.contains("CREATE POLICY \"customers_workspace_isolation\""));
}

#[test]
fn generated_files_are_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    for verb in ["generate", "docs"] {
        let out = starter(dir.path(), &[verb, "--check"]);
        assert!(
            out.status.success(),
            "run `cargo run -- {verb}`:\n{}",
            text(&out)
        );
    }
}

async fn rows(pg: &impl ConnectionTrait, sql: &str) -> Vec<sea_orm::QueryResult> {
    pg.query_all_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap_or_else(|e| panic!("{e}\n  in: {sql}"))
}

async fn names(pg: &impl ConnectionTrait, sql: &str) -> Vec<String> {
    rows(pg, sql)
        .await
        .iter()
        .map(|r| r.try_get::<String>("", "name").unwrap())
        .collect()
}
