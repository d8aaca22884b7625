//! The codex functions on a Postgres database built by `migration up`: one
//! test per function, asserting what its documentation promises
//! (`gamification`, `intelligence`, `alerts`), and here the tests that
//! every function of the production schema exists with a fixed
//! `search_path` and that SQLite lists them as left out.

mod alerts;
mod gamification;
mod intelligence;

use hingecraft::query::{Scope, ScopeKey};
use hingecraft_platform::migration::migrator;
use hingecraft_test_harness::pg_test_db;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, FromQueryResult,
    Statement,
};
use uuid::Uuid;

/// A workspace with an owner, an admin and a member, all active.
pub(crate) struct Fixture {
    pub(crate) ws: Uuid,
    pub(crate) owner: Uuid,
    pub(crate) admin: Uuid,
    pub(crate) member: Uuid,
}

pub(crate) async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql).await.unwrap();
}

pub(crate) async fn setup(db: &DatabaseConnection) -> Fixture {
    migrator().up(db, None).await.unwrap();
    let f = Fixture {
        ws: Uuid::from_u128(0x100),
        owner: Uuid::from_u128(1),
        admin: Uuid::from_u128(2),
        member: Uuid::from_u128(3),
    };
    for (id, name) in [(f.owner, "owner"), (f.admin, "admin"), (f.member, "member")] {
        exec(db, &format!("INSERT INTO users (id, email, status) VALUES ('{id}', '{name}@example.org', 'active')")).await;
    }
    exec(db, &format!("INSERT INTO workspaces (id, slug, name, owner_id) VALUES ('{}', 'studio', 'Studio', '{}')", f.ws, f.owner)).await;
    for (id, role) in [(f.owner, "owner"), (f.admin, "admin"), (f.member, "member")] {
        exec(db, &format!("INSERT INTO workspace_members (workspace_id, user_id, role, status) VALUES ('{}', '{id}', '{role}', 'active')", f.ws)).await;
    }
    exec(
        db,
        &format!(
            "INSERT INTO scope_keys (key_id, secret) VALUES ('{KEY_ID}', '\\x{}')",
            "5c".repeat(32)
        ),
    )
    .await;
    f
}

/// The id of the key the tests sign scopes with.
pub(crate) const KEY_ID: &str = "codex-test";

/// The key of [`setup`]'s database.
pub(crate) fn key() -> ScopeKey {
    ScopeKey::new(KEY_ID, vec![0x5c; 32]).unwrap()
}

/// A pool of one connection whose session carries the signed token of
/// `scope` (set for the session, not a transaction, so every call of the
/// test runs under it and commits as it goes).
pub(crate) async fn session(url: &str, scope: Scope) -> DatabaseConnection {
    let mut options = ConnectOptions::new(url.to_owned());
    options.max_connections(1).min_connections(1);
    let db = Database::connect(options).await.unwrap();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT set_config('app.scope', $1, false)",
        [key().sign(&scope).into()],
    ))
    .await
    .unwrap();
    db
}

#[derive(Debug, FromQueryResult)]
struct Count {
    n: i64,
}

pub(crate) async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    Count::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .n
}

#[derive(Debug, FromQueryResult)]
struct Proc {
    name: String,
    config: Option<String>,
    definer: bool,
}

#[tokio::test]
async fn every_production_function_exists_after_migration_up_with_its_search_path() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    migrator().up(db, None).await.unwrap();
    let production = hingecraft_platform::project().production().unwrap();
    let procs = Proc::find_by_statement(Statement::from_string(
        db.get_database_backend(),
        "SELECT p.proname AS name, array_to_string(p.proconfig, ',') AS config, p.prosecdef AS definer
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public'",
    ))
    .all(db)
    .await
    .unwrap();
    let codex: Vec<String> = hingecraft_platform::entities::modules::codex::functions::functions()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(codex.len(), 13);
    for function in &production.schema.functions {
        let found = procs
            .iter()
            .find(|p| p.name == function.name)
            .unwrap_or_else(|| panic!("function `{}` missing from pg_proc", function.name));
        let config = found.config.as_deref().unwrap_or("");
        assert!(
            config.starts_with("search_path="),
            "`{}`: {config}",
            function.name
        );
        if function.security_definer {
            assert!(config.ends_with("pg_temp"), "`{}`: {config}", function.name);
        }
        assert_eq!(
            found.definer, function.security_definer,
            "`{}`",
            function.name
        );
    }
    for name in &codex {
        assert!(
            production.schema.functions.iter().any(|f| &f.name == name),
            "{name} not in production"
        );
    }
    let definers: Vec<&str> = procs
        .iter()
        .filter(|p| p.definer)
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>();
    assert!(
        definers.contains(&"send_user_notification") && definers.contains(&"create_system_alert")
    );
}

#[test]
fn sqlite_lists_every_codex_function_as_skipped() {
    use hingecraft::render::{Dialect, Sqlite};
    let production = hingecraft_platform::project().production().unwrap();
    let ddl = Sqlite.render(&production.schema).unwrap();
    let skipped: Vec<String> = ddl.skipped.iter().map(ToString::to_string).collect();
    for function in hingecraft_platform::entities::modules::codex::functions::functions() {
        let line = format!("function `{}`: not created", function.name);
        assert!(
            skipped.iter().any(|s| s.starts_with(&line)),
            "{line} missing"
        );
    }
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("trigger `update_experience_level_user_stats`"))
    );
}
