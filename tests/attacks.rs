//! A hostile application session against the migrated production schema
//! with the seed loaded: every attack the threat model (`docs/security.md`)
//! lists, each asserted to fail.
//!
//! The attacker is a LOGIN role that is not a superuser and has no
//! `BYPASSRLS`, holding the application's privileges: what SQL injection
//! into a service reaches. It can run any SQL it likes, set any setting,
//! and sign nothing: the scope key is the service's, never in the
//! database's reach of that role. Rows are written as the superuser (the
//! seed) and checked as the superuser afterwards, so that "nothing
//! happened" is measured, not assumed.

use hingecraft::model::SessionSettings;
use hingecraft::query::{Scope, ScopeKey, install_key};
use hingecraft_platform::migration::migrator;
use hingecraft_test_harness::pg_test_db;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement};
use uuid::Uuid;

/// The service's key; the database holds it in `scope_keys`.
fn key() -> ScopeKey {
    ScopeKey::new("attack-suite", vec![0x61; 32]).unwrap()
}

/// The same key id with another secret: what an attacker guessing keys has.
fn forged_key() -> ScopeKey {
    ScopeKey::new("attack-suite", vec![0x62; 32]).unwrap()
}

/// SQLSTATE of a privilege or policy refusal.
const REFUSED: &str = "42501";

/// One transaction of the attacker: a token (or none), then raw settings
/// of its own, then the statement. Rolled back unless `commit`.
#[derive(Debug, Clone, Default)]
struct Attack {
    token: Option<String>,
    settings: Vec<(String, String)>,
}

impl Attack {
    fn none() -> Self {
        Self::default()
    }

    fn scoped(scope: Scope) -> Self {
        Self {
            token: Some(key().sign(&scope)),
            settings: Vec::new(),
        }
    }

    fn token(token: String) -> Self {
        Self {
            token: Some(token),
            settings: Vec::new(),
        }
    }

    fn set(mut self, name: &str, value: impl ToString) -> Self {
        self.settings.push((name.to_owned(), value.to_string()));
        self
    }

    async fn prepare(&self, db: &DatabaseConnection) -> Result<(), DbErr> {
        db.execute_unprepared("BEGIN").await?;
        if let Some(token) = &self.token {
            set(db, "app.scope", token).await?;
        }
        for (name, value) in &self.settings {
            set(db, name, value).await?;
        }
        Ok(())
    }

    /// `SELECT count(*)` of `from`, or the error.
    async fn count(&self, db: &DatabaseConnection, from: &str) -> Result<i64, DbErr> {
        let out = async {
            self.prepare(db).await?;
            let row = db
                .query_one_raw(Statement::from_string(
                    DbBackend::Postgres,
                    format!("SELECT count(*) AS n FROM {from}"),
                ))
                .await?
                .expect("a count");
            row.try_get::<i64>("", "n")
        }
        .await;
        let _ = db.execute_unprepared("ROLLBACK").await;
        out
    }

    /// Runs `sql` and commits it: the rows it affected, or the error.
    async fn write(&self, db: &DatabaseConnection, sql: &str) -> Result<u64, DbErr> {
        let out = async {
            self.prepare(db).await?;
            let r = db.execute_unprepared(sql).await?;
            db.execute_unprepared("COMMIT").await?;
            Ok(r.rows_affected())
        }
        .await;
        if out.is_err() {
            let _ = db.execute_unprepared("ROLLBACK").await;
        }
        out
    }
}

async fn set(db: &DatabaseConnection, name: &str, value: &str) -> Result<(), DbErr> {
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT set_config($1, $2, true)",
        [name.into(), value.into()],
    ))
    .await
    .map(|_| ())
}

fn sqlstate(err: &DbErr) -> Option<String> {
    use sea_orm::{RuntimeErr, sqlx};
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err
    else {
        return None;
    };
    match &**e {
        sqlx::Error::Database(db) => db.code().map(|c| c.into_owned()),
        _ => None,
    }
}

#[track_caller]
fn refused<T: std::fmt::Debug>(what: &str, result: Result<T, DbErr>) {
    match result {
        Err(e) => assert_eq!(
            sqlstate(&e).as_deref(),
            Some(REFUSED),
            "{what}: refused, but not as a privilege error: {e}"
        ),
        Ok(v) => panic!("{what}: allowed ({v:?})"),
    }
}

#[track_caller]
fn fails<T: std::fmt::Debug>(what: &str, result: Result<T, DbErr>) {
    assert!(result.is_err(), "{what}: allowed ({:?})", result.unwrap());
}

async fn scalar_i64(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap_or_else(|e| panic!("{e}\n  in: {sql}"))
        .expect("a row")
        .try_get_by_index::<i64>(0)
        .unwrap()
}

async fn uuids(db: &DatabaseConnection, sql: &str) -> Vec<Uuid> {
    db.query_all_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap_or_else(|e| panic!("{e}\n  in: {sql}"))
        .iter()
        .map(|r| r.try_get_by_index::<Uuid>(0).unwrap())
        .collect()
}

#[tokio::test]
async fn a_hostile_session_reaches_nothing_outside_its_scope() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    migrator().up(db, None).await.unwrap();
    install_key(db, &key(), &SessionSettings::default())
        .await
        .unwrap();
    hingecraft_platform::seed::seed(db, 7, &key())
        .await
        .unwrap();

    let role = format!("hc_attack_{}", &Uuid::new_v4().simple().to_string()[..8]);
    db.execute_unprepared(&format!(
        "CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE"
    ))
    .await
    .unwrap();
    grant_app_privileges(db, &role).await;
    let app_url = pg.url().replacen("postgres@", &format!("{role}@"), 1);
    let outcome = tokio::spawn(attacks(pg.url().to_owned(), app_url)).await;
    // The role owns nothing; what it was granted goes with it.
    let cleanup = Database::connect(pg.url()).await.unwrap();
    let _ = cleanup
        .execute_unprepared(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .await;
    let _ = cleanup
        .execute_unprepared(&format!("DROP OWNED BY {role}; DROP ROLE IF EXISTS {role}"))
        .await;
    let _ = cleanup.close().await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// What the service's role holds on the migrated schema.
async fn grant_app_privileges(db: &DatabaseConnection, role: &str) {
    for sql in [
        format!("GRANT USAGE ON SCHEMA extensions TO {role}"),
        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"),
        format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"),
        format!("REVOKE ALL ON hingecraft_migrations FROM {role}"),
    ] {
        db.execute_unprepared(&sql).await.unwrap();
    }
}

async fn attacks(admin_url: String, app_url: String) {
    let admin = Database::connect(&admin_url).await.unwrap();
    let mut options = sea_orm::ConnectOptions::new(app_url);
    options.max_connections(1).min_connections(1);
    let app = Database::connect(options).await.unwrap();
    let production = hingecraft_platform::project().production().unwrap();

    // The seed's workspaces, and a member of each (no user is in two).
    let workspaces = uuids(&admin, "SELECT id FROM workspaces ORDER BY id").await;
    assert_eq!(workspaces.len(), 3);
    let (ws_a, ws_b) = (workspaces[0], workspaces[1]);
    let member = |ws: Uuid| {
        let admin = &admin;
        async move {
            uuids(
                admin,
                &format!("SELECT user_id FROM workspace_members WHERE workspace_id = '{ws}' ORDER BY user_id LIMIT 1"),
            )
            .await[0]
        }
    };
    let (user_a, user_b) = (member(ws_a).await, member(ws_b).await);
    let in_a = || Attack::scoped(Scope::workspace(ws_a).user(user_a));
    let admin_a = || Attack::scoped(Scope::workspace(ws_a).user(user_a).workspace_admin());

    // The scope works: a member of A sees A's members.
    let members_of_a = format!("workspace_members WHERE workspace_id = '{ws_a}'");
    assert!(in_a().count(&app, &members_of_a).await.unwrap() > 0);

    // 1. Every tenant table: another workspace's rows are neither readable
    //    nor writable, not even by A's administrator.
    let mut seeded_tables = 0;
    for table in production.schema.tables.iter().filter(|t| !t.flags.public) {
        let Some(tenant) = &table.flags.tenant_column else {
            continue;
        };
        let t = &table.name;
        let of_b = format!("{t} WHERE \"{tenant}\" = '{ws_b}'");
        let rows_of_b = scalar_i64(&admin, &format!("SELECT count(*) FROM {of_b}")).await;
        seeded_tables += usize::from(rows_of_b > 0);
        for who in [in_a(), admin_a()] {
            assert_eq!(who.count(&app, &of_b).await.unwrap(), 0, "{t}: read B");
            assert_eq!(
                who.write(
                    &app,
                    &format!(
                        "UPDATE {t} SET \"{tenant}\" = \"{tenant}\" WHERE \"{tenant}\" = '{ws_b}'"
                    )
                )
                .await
                .unwrap(),
                0,
                "{t}: update B"
            );
            assert_eq!(
                who.write(&app, &format!("DELETE FROM {of_b}"))
                    .await
                    .unwrap(),
                0,
                "{t}: delete B"
            );
            // Moving A's rows into B is refused by the policy.
            let moved = who
                .write(
                    &app,
                    &format!(
                        "UPDATE {t} SET \"{tenant}\" = '{ws_b}' WHERE \"{tenant}\" = '{ws_a}'"
                    ),
                )
                .await;
            if let Ok(n) = moved {
                assert_eq!(n, 0, "{t}: moved A's rows into B");
            }
            // Inserting into B fails (a policy, or a constraint first).
            fails(
                &format!("{t}: insert into B"),
                who.write(
                    &app,
                    &format!("INSERT INTO {t} (\"{tenant}\") VALUES ('{ws_b}')"),
                )
                .await,
            );
        }
        assert_eq!(
            scalar_i64(&admin, &format!("SELECT count(*) FROM {of_b}")).await,
            rows_of_b,
            "{t}: B's rows changed"
        );
    }
    assert!(
        seeded_tables >= 8,
        "only {seeded_tables} tenant tables seeded"
    );

    // 2. Settings set by hand grant nothing: neither the old plain
    //    settings, with or without a token, nor a hand-written token.
    for attack in [
        Attack::none()
            .set("app.workspace_id", ws_b)
            .set("app.user_id", user_b)
            .set("app.role", "admin"),
        in_a()
            .set("app.workspace_id", ws_b)
            .set("app.user_id", user_b)
            .set("app.role", "admin"),
    ] {
        assert_eq!(
            attack
                .count(
                    &app,
                    &format!("workspace_members WHERE workspace_id = '{ws_b}'")
                )
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            attack
                .count(&app, &format!("users WHERE id = '{user_b}'"))
                .await
                .unwrap(),
            0
        );
        refused(
            "a global table written with app.role = admin",
            attack
                .write(
                    &app,
                    "INSERT INTO roles (name, description) VALUES ('intruder', 'x')",
                )
                .await,
        );
    }
    let body = format!("v1:attack-suite:{ws_b}:{user_b}:workspace_admin,platform_admin:9999999999");
    for (what, token) in [
        ("a bad signature", format!("{body}:{}", "0".repeat(64))),
        (
            "a token signed with a guessed secret",
            forged_key().sign(&Scope::workspace(ws_b).platform_admin()),
        ),
        (
            "an unknown key id",
            ScopeKey::new("no-such-key", vec![0x61; 32])
                .unwrap()
                .sign(&Scope::workspace(ws_b)),
        ),
        (
            "an expired token",
            key().sign_until(&Scope::workspace(ws_b), 1_000_000_000),
        ),
        ("a malformed token", format!("{ws_b}")),
        (
            "a valid token with its claims edited",
            key()
                .sign(&Scope::workspace(ws_b))
                .replacen(":::", ":workspace_admin::", 1),
        ),
    ] {
        refused(
            what,
            Attack::token(token.clone())
                .count(
                    &app,
                    &format!("workspace_members WHERE workspace_id = '{ws_b}'"),
                )
                .await,
        );
        refused(
            what,
            Attack::token(token)
                .count(&app, &format!("users WHERE id = '{user_b}'"))
                .await,
        );
    }
    // A token of A, then `app.scope` reset to someone else's by hand
    // without the key: the same refusals.
    refused(
        "app.scope replaced by a forged token",
        in_a()
            .set("app.scope", format!("{body}:{}", "a".repeat(64)))
            .count(&app, "workspace_members")
            .await,
    );
    // The signer cannot be used without the key table's rights.
    refused(
        "scope_sign called by the application",
        in_a()
            .count(
                &app,
                &format!("(SELECT scope_sign('{ws_b}', NULL, 'platform_admin')) s"),
            )
            .await,
    );
    nothing_or_refused("the key table read", in_a().count(&app, "scope_keys").await);
    fails(
        "a key added by the application",
        in_a()
            .write(
                &app,
                "INSERT INTO scope_keys (key_id, secret) VALUES ('mine', '\\x00')",
            )
            .await,
    );

    // 3. Every SECURITY DEFINER function refuses another workspace and no
    //    scope.
    let notify = |ws: Uuid| {
        format!("SELECT send_user_notification('{ws}', '{user_b}', 'system', 'x') IS NOT NULL")
    };
    let alert = |ws: Uuid| {
        format!("SELECT (create_system_alert('{ws}', 'quota', 'critical', 'x')).id IS NOT NULL")
    };
    for (what, attack) in [("no scope", Attack::none()), ("A's scope", in_a())] {
        refused(
            &format!("send_user_notification into B with {what}"),
            attack.write(&app, &notify(ws_b)).await,
        );
        refused(
            &format!("create_system_alert into B with {what}"),
            attack.write(&app, &alert(ws_b)).await,
        );
    }
    for view in production.schema.views.iter().filter(|v| v.materialized) {
        let refresh = format!("SELECT refresh_{}()", view.name);
        for attack in [Attack::none(), admin_a()] {
            refused(&refresh, attack.write(&app, &refresh).await);
        }
    }
    let definers: Vec<&str> = production
        .schema
        .functions
        .iter()
        .filter(|f| f.security_definer)
        .map(|f| f.name.as_str())
        .collect();
    for expected in [
        "audit_changes",
        "create_system_alert",
        "send_user_notification",
        "verified_scope",
    ] {
        assert!(definers.contains(&expected), "{expected} in {definers:?}");
    }
    assert_eq!(
        scalar_i64(
            &admin,
            &format!("SELECT count(*) FROM user_notifications WHERE workspace_id = '{ws_b}' AND title = 'x'")
        )
        .await,
        0
    );
    // The audit trigger function is not callable as a function.
    fails(
        "audit_changes() called directly",
        in_a().write(&app, "SELECT audit_changes()").await,
    );
    // The verifier only ever tells a session its own scope.
    assert_eq!(
        in_a()
            .count(
                &app,
                &format!("(SELECT verified_scope() ->> 'workspace_id' AS w) s WHERE w = '{ws_a}'"),
            )
            .await
            .unwrap(),
        1
    );

    // 4. Personal data: the e-mail of a user who shares no workspace.
    assert_eq!(
        in_a()
            .count(&app, &format!("users WHERE id = '{user_b}'"))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        admin_a()
            .count(&app, &format!("users WHERE id = '{user_b}'"))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        in_a()
            .count(&app, &format!("users WHERE id = '{user_a}'"))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        in_a()
            .write(
                &app,
                &format!("UPDATE users SET display_name = 'x' WHERE id = '{user_b}'")
            )
            .await
            .unwrap(),
        0
    );
    // Owner tables keep the workspace boundary for administrators: A's
    // administrator sees no donation of B's member.
    assert_eq!(
        admin_a()
            .count(&app, &format!("donations WHERE user_id = '{user_b}'"))
            .await
            .unwrap(),
        0
    );
    assert!(
        scalar_i64(
            &admin,
            &format!("SELECT count(*) FROM donations WHERE user_id = '{user_b}'")
        )
        .await
            > 0
    );

    // 5. A partition, touched directly: its own row-level security.
    for table in production
        .schema
        .tables
        .iter()
        .filter(|t| t.partition.is_some())
    {
        let partitions = uuids_text(
            &admin,
            &format!(
                "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '{}'::regclass",
                table.name
            ),
        )
        .await;
        assert!(!partitions.is_empty(), "{} has partitions", table.name);
        for partition in partitions {
            for attack in [Attack::none(), admin_a()] {
                assert_eq!(
                    attack.count(&app, &partition).await.unwrap(),
                    0,
                    "{partition} read directly"
                );
                assert_eq!(
                    attack
                        .write(&app, &format!("DELETE FROM {partition}"))
                        .await
                        .unwrap(),
                    0,
                    "{partition} deleted directly"
                );
            }
        }
    }

    // 6. The schema: no object of the attacker's in `public`.
    refused(
        "a table created in public",
        in_a()
            .write(&app, "CREATE TABLE public.shadow (id int)")
            .await,
    );
    refused(
        "a function created in public",
        in_a()
            .write(
                &app,
                "CREATE FUNCTION public.scope_workspace_id(x int) RETURNS uuid LANGUAGE sql AS 'SELECT NULL::uuid'",
            )
            .await,
    );

    // 7. The migrator's bookkeeping table.
    refused(
        "the bookkeeping table read",
        in_a().count(&app, "hingecraft_migrations").await,
    );
    refused(
        "the bookkeeping table written",
        in_a()
            .write(&app, "DELETE FROM hingecraft_migrations")
            .await,
    );

    app.close().await.unwrap();
    admin.close().await.unwrap();
}

/// No row, or a refusal: the outcome of reading what a policy or a
/// missing privilege hides.
#[track_caller]
fn nothing_or_refused(what: &str, result: Result<i64, DbErr>) {
    match result {
        Ok(0) => {}
        Ok(n) => panic!("{what}: {n} rows"),
        Err(e) => assert_eq!(sqlstate(&e).as_deref(), Some(REFUSED), "{what}: {e}"),
    }
}

async fn uuids_text(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap_or_else(|e| panic!("{e}\n  in: {sql}"))
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect()
}
