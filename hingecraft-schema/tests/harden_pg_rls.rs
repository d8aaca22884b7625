//! Row-level security of a hardened schema, checked as roles that RLS
//! binds: superusers bypass it, so nothing here is checked as `postgres`.
//!
//! Two throwaway roles: `hc_rls_<hex>_owner`, a non-superuser that runs the
//! migration and so owns every table and function, and `hc_rls_<hex>`, the
//! application's login role with table privileges only. Sessions switch to
//! them with `SET LOCAL ROLE` inside a transaction and set `app.*` with
//! `set_config(..., true)` (the same as `SET LOCAL`). Both roles are
//! dropped at the end, whether the checks pass or not.

mod harden_fixtures;

use harden_fixtures::{apply, exec, scalar, schema, sqlstate};
use hingecraft_schema::harden::{HardeningProfile, harden};
use hingecraft_test_harness::pg_test_db;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbErr, TransactionTrait};
use uuid::Uuid;

/// A role, plus a signed scope (and raw settings), for one transaction.
#[derive(Debug, Clone, Default)]
struct Session {
    role: String,
    workspace: Option<Uuid>,
    user: Option<Uuid>,
    claims: Vec<&'static str>,
    settings: Vec<(&'static str, String)>,
}

impl Session {
    fn new(role: &str) -> Self {
        Self {
            role: role.to_owned(),
            ..Self::default()
        }
    }

    /// A raw setting, set after the token: worth nothing to the policies.
    fn set(mut self, name: &'static str, value: impl ToString) -> Self {
        self.settings.push((name, value.to_string()));
        self
    }

    fn workspace(mut self, id: Uuid) -> Self {
        self.workspace = Some(id);
        self
    }

    fn user(mut self, id: Uuid) -> Self {
        self.user = Some(id);
        self
    }

    /// Administrator of the token's workspace.
    fn admin(mut self) -> Self {
        self.claims.push("workspace_admin");
        self
    }

    fn platform_admin(mut self) -> Self {
        self.claims.push("platform_admin");
        self
    }

    /// The token is signed by the schema's own signer while the session
    /// is still the superuser's (the only one, with the owner, that can
    /// read the keys), then the role is switched.
    async fn begin(&self, pool: &DatabaseConnection) -> sea_orm::DatabaseTransaction {
        let txn = pool.begin().await.unwrap();
        if self.workspace.is_some() || self.user.is_some() || !self.claims.is_empty() {
            let uuid = |u: Option<Uuid>| u.map_or("NULL".to_owned(), |u| format!("'{u}'"));
            exec(
                &txn,
                &format!(
                    "SELECT set_config('app.scope', scope_sign({}, {}, '{}'), true)",
                    uuid(self.workspace),
                    uuid(self.user),
                    self.claims.join(",")
                ),
            )
            .await;
        }
        exec(&txn, &format!("SET LOCAL ROLE {}", self.role)).await;
        for (name, value) in &self.settings {
            exec(
                &txn,
                &format!("SELECT set_config('{name}', '{value}', true)"),
            )
            .await;
        }
        txn
    }

    /// `SELECT count(*) FROM <from>` in this session.
    async fn count(&self, pool: &DatabaseConnection, from: &str) -> i64 {
        let txn = self.begin(pool).await;
        let n = scalar(&txn, &format!("SELECT count(*) FROM {from}")).await;
        txn.rollback().await.unwrap();
        n
    }

    /// Runs a write in this session and commits it; the rows it affected.
    async fn write(&self, pool: &DatabaseConnection, sql: &str) -> Result<u64, DbErr> {
        let txn = self.begin(pool).await;
        let result = txn.execute_unprepared(sql).await;
        match result {
            Ok(r) => {
                txn.commit().await.unwrap();
                Ok(r.rows_affected())
            }
            Err(e) => {
                txn.rollback().await.unwrap();
                Err(e)
            }
        }
    }
}

/// The SQLSTATE Postgres raises for a row a policy rejects.
const RLS_VIOLATION: &str = "42501";

fn rejected(result: Result<u64, DbErr>) -> bool {
    matches!(result, Err(e) if sqlstate(&e).as_deref() == Some(RLS_VIOLATION))
}

#[tokio::test]
async fn rls_binds_a_login_role_and_the_owner() {
    let Some(pg) = pg_test_db!() else { return };
    let hex = &Uuid::new_v4().simple().to_string()[..8];
    let owner = format!("hc_rls_{hex}_owner");
    let app = format!("hc_rls_{hex}");
    // One statement, one implicit transaction: both roles or neither.
    exec(
        pg.conn(),
        &format!(
            "CREATE ROLE {owner} LOGIN NOSUPERUSER NOBYPASSRLS; CREATE ROLE {app} LOGIN NOSUPERUSER NOBYPASSRLS"
        ),
    )
    .await;

    // The checks run in their own task with their own pool, so that a
    // failure ends their transactions and connections before the cleanup.
    let outcome = tokio::spawn(checks(
        pg.url().to_owned(),
        pg.name().to_owned(),
        owner.clone(),
        app.clone(),
    ))
    .await;
    drop_roles(pg.url(), &[&owner, &app], outcome.is_err()).await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Drops the roles and everything they own or were granted in the test
/// database. After a failure, other sessions on the database are ended
/// first: a transaction left open by a panic would block `DROP OWNED`.
async fn drop_roles(url: &str, roles: &[&str], failed: bool) {
    let conn = Database::connect(url).await.unwrap();
    if failed {
        let _ = conn
            .execute_unprepared(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
            .await;
    }
    let list = roles.join(", ");
    if let Err(e) = conn
        .execute_unprepared(&format!("DROP OWNED BY {list} CASCADE"))
        .await
    {
        eprintln!("could not drop what {list} own: {e}");
    }
    if let Err(e) = conn
        .execute_unprepared(&format!("DROP ROLE IF EXISTS {list}"))
        .await
    {
        eprintln!("could not drop roles {list}: {e}");
    }
    let _ = conn.close().await;
}

async fn checks(url: String, db: String, owner: String, app: String) {
    let pool = Database::connect(&url).await.unwrap();

    // The migration runs as the non-superuser owner.
    exec(
        &pool,
        &format!("GRANT CREATE ON DATABASE \"{db}\" TO {owner}"),
    )
    .await;
    exec(&pool, &format!("GRANT CREATE ON SCHEMA public TO {owner}")).await;
    let (hardened, _) = harden(schema(), &HardeningProfile::production());
    let txn = Session::new(&owner).begin(&pool).await;
    apply(&txn, &hardened).await;
    exec(&txn, &format!("GRANT USAGE ON SCHEMA extensions TO {app}")).await;
    exec(
        &txn,
        &format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}"),
    )
    .await;
    // The application never writes the log itself; audit_changes() does,
    // as its owner.
    exec(
        &txn,
        &format!("REVOKE INSERT, UPDATE, DELETE ON audit_logs FROM {app}"),
    )
    .await;
    txn.commit().await.unwrap();
    harden_fixtures::add_key(&pool).await;

    // Rows of two workspaces and two users, written as the superuser.
    let [u1, u2, ws_a, ws_b, note_a, note_b, m_a, m_b, acc1, acc2] =
        [(); 10].map(|_| Uuid::new_v4());
    for sql in [
        format!(
            "INSERT INTO users (id, email) VALUES ('{u1}', 'one@example.com'), ('{u2}', 'two@example.com')"
        ),
        format!(
            "INSERT INTO workspaces (id, name, slug) VALUES ('{ws_a}', 'A', 'a'), ('{ws_b}', 'B', 'b')"
        ),
        format!(
            "INSERT INTO workspace_members (id, workspace_id, user_id) VALUES ('{m_a}', '{ws_a}', '{u1}'), ('{m_b}', '{ws_b}', '{u2}')"
        ),
        format!(
            "INSERT INTO notes (id, workspace_id, author_id, title) VALUES ('{note_a}', '{ws_a}', '{u1}', 'a'), ('{note_b}', '{ws_b}', '{u1}', 'b')"
        ),
        format!(
            "INSERT INTO accounts (id, account_number, name, type, owner_id, created_by) VALUES ('{acc1}', 'N1', 'One', 'Residential', '{u1}', '{u1}'), ('{acc2}', 'N2', 'Two', 'Commercial', '{u2}', '{u2}')"
        ),
        "INSERT INTO countries (code, name) VALUES ('FR', 'France')".to_owned(),
        format!("INSERT INTO note_tags (note_id, tag) VALUES ('{note_a}', 'a'), ('{note_b}', 'b')"),
    ] {
        exec(&pool, &sql).await;
    }

    let as_app = || Session::new(&app);
    let members = "workspace_members";

    // Workspace isolation: each workspace sees its own rows only.
    assert_eq!(as_app().workspace(ws_a).count(&pool, members).await, 1);
    assert_eq!(
        as_app()
            .workspace(ws_b)
            .count(&pool, &format!("{members} WHERE id = '{m_a}'"))
            .await,
        0
    );
    // No token matches nothing; the old plain settings grant nothing.
    assert_eq!(as_app().count(&pool, members).await, 0);
    assert_eq!(
        as_app()
            .set("app.workspace_id", ws_a)
            .set("app.user_id", u1)
            .set("app.role", "admin")
            .count(&pool, members)
            .await,
        0
    );
    // ... and another workspace's rows cannot be written.
    let b = as_app().workspace(ws_b);
    assert_eq!(
        b.write(
            &pool,
            &format!("UPDATE {members} SET role = 'admin' WHERE id = '{m_a}'")
        )
        .await
        .unwrap(),
        0
    );
    assert_eq!(
        b.write(&pool, &format!("DELETE FROM {members} WHERE id = '{m_a}'"))
            .await
            .unwrap(),
        0
    );
    assert!(rejected(
        b.write(
            &pool,
            &format!("INSERT INTO {members} (workspace_id, user_id) VALUES ('{ws_a}', '{u2}')")
        )
        .await
    ));
    assert!(rejected(
        b.write(
            &pool,
            &format!("UPDATE {members} SET workspace_id = '{ws_a}' WHERE id = '{m_b}'")
        )
        .await
    ));
    // Admins are bound by the workspace too.
    assert_eq!(
        as_app()
            .workspace(ws_b)
            .admin()
            .count(&pool, &format!("{members} WHERE id = '{m_a}'"))
            .await,
        0
    );

    // FORCE: the owner obeys the policies as well.
    let as_owner = Session::new(&owner);
    assert_eq!(
        as_owner
            .clone()
            .workspace(ws_b)
            .count(&pool, &format!("{members} WHERE id = '{m_a}'"))
            .await,
        0
    );
    assert_eq!(
        as_owner
            .clone()
            .workspace(ws_a)
            .count(&pool, &format!("{members} WHERE id = '{m_a}'"))
            .await,
        1
    );
    assert_eq!(as_owner.count(&pool, "accounts").await, 0);

    // Owner or admin (the seed's account_access): an administrator sees
    // the rows of the members of its own workspace only.
    assert_eq!(as_app().user(u1).count(&pool, "accounts").await, 1);
    assert_eq!(
        as_app()
            .user(u2)
            .count(&pool, &format!("accounts WHERE id = '{acc1}'"))
            .await,
        0
    );
    assert_eq!(
        as_app()
            .workspace(ws_a)
            .admin()
            .count(&pool, "accounts")
            .await,
        1
    );
    assert_eq!(
        as_app()
            .workspace(ws_b)
            .admin()
            .count(&pool, &format!("accounts WHERE id = '{acc1}'"))
            .await,
        0
    );
    assert_eq!(as_app().admin().count(&pool, "accounts").await, 0);
    assert_eq!(as_app().platform_admin().count(&pool, "accounts").await, 0);
    assert_eq!(
        as_app()
            .user(u2)
            .write(
                &pool,
                &format!("UPDATE accounts SET name = 'x', version = 1 WHERE id = '{acc1}'")
            )
            .await
            .unwrap(),
        0
    );
    assert!(rejected(as_app().user(u2).write(&pool, &format!("INSERT INTO accounts (account_number, name, type, owner_id, created_by) VALUES ('N3', 'Three', 'Industrial', '{u1}', '{u2}')")).await));

    // Tenant and owner: the owner, or an admin, within the workspace.
    assert_eq!(
        as_app()
            .workspace(ws_a)
            .user(u1)
            .count(&pool, "notes")
            .await,
        1
    );
    assert_eq!(
        as_app()
            .workspace(ws_a)
            .user(u2)
            .count(&pool, "notes")
            .await,
        0
    );
    assert_eq!(
        as_app().workspace(ws_a).admin().count(&pool, "notes").await,
        1
    );
    assert_eq!(
        as_app()
            .workspace(ws_b)
            .admin()
            .count(&pool, &format!("notes WHERE id = '{note_a}'"))
            .await,
        0
    );

    // Global tables: read by all, written by platform administrators.
    assert_eq!(as_app().count(&pool, "countries").await, 1);
    assert!(rejected(
        as_app()
            .write(
                &pool,
                "INSERT INTO countries (code, name) VALUES ('DE', 'Germany')"
            )
            .await
    ));
    assert_eq!(
        as_app()
            .write(&pool, "UPDATE countries SET name = 'x'")
            .await
            .unwrap(),
        0
    );
    assert!(rejected(
        as_app()
            .workspace(ws_a)
            .admin()
            .write(
                &pool,
                "INSERT INTO countries (code, name) VALUES ('DE', 'Germany')"
            )
            .await
    ));
    assert_eq!(
        as_app()
            .platform_admin()
            .write(
                &pool,
                "INSERT INTO countries (code, name) VALUES ('DE', 'Germany')"
            )
            .await
            .unwrap(),
        1
    );

    // Public tables have no RLS at all.
    assert_eq!(
        as_app()
            .write(&pool, "INSERT INTO release_notes (body) VALUES ('v1')")
            .await
            .unwrap(),
        1
    );
    assert_eq!(as_app().count(&pool, "release_notes").await, 1);

    // The audit log: written by the trigger for the application's change
    // (SECURITY DEFINER, as the non-superuser owner, under FORCE) ...
    let writer = as_app().workspace(ws_a).user(u1);
    assert_eq!(
        writer
            .write(
                &pool,
                &format!("UPDATE notes SET title = 'edited', version = 1 WHERE id = '{note_a}'")
            )
            .await
            .unwrap(),
        1
    );
    let logged = format!(
        "audit_logs WHERE record_id = '{note_a}' AND operation = 'UPDATE' AND actor_id = '{u1}'"
    );
    // ... read by platform administrators only ...
    assert_eq!(as_app().platform_admin().count(&pool, &logged).await, 1);
    assert_eq!(
        as_app().workspace(ws_a).admin().count(&pool, &logged).await,
        0
    );
    assert_eq!(
        as_app()
            .workspace(ws_a)
            .user(u1)
            .count(&pool, "audit_logs")
            .await,
        0
    );
    // ... and never written by a statement, not even the owner's.
    assert!(rejected(as_owner_write(&owner, &pool).await));

    // A child row (no tenant or owner column of its own) is visible and
    // writable where its parent row is.
    let in_a = as_app().workspace(ws_a).user(u1);
    assert_eq!(in_a.count(&pool, "note_tags").await, 1);
    assert_eq!(
        in_a.count(&pool, &format!("note_tags WHERE note_id = '{note_b}'"))
            .await,
        0
    );
    assert_eq!(
        as_app()
            .workspace(ws_b)
            .user(u2)
            .count(&pool, "note_tags")
            .await,
        0,
        "note_b is u1's"
    );
    assert!(rejected(
        in_a.write(
            &pool,
            &format!("INSERT INTO note_tags (note_id, tag) VALUES ('{note_b}', 'x')")
        )
        .await
    ));
    assert_eq!(
        in_a.write(
            &pool,
            &format!("DELETE FROM note_tags WHERE note_id = '{note_b}'")
        )
        .await
        .unwrap(),
        0
    );
    assert_eq!(
        in_a.write(
            &pool,
            &format!("INSERT INTO note_tags (note_id, tag) VALUES ('{note_a}', 'z')")
        )
        .await
        .unwrap(),
        1
    );
    pool.close().await.unwrap();
}

/// The owner inserting into the audit log directly: its INSERT privilege
/// is there, the policy (inserts from triggers only) is what refuses it.
async fn as_owner_write(owner: &str, pool: &DatabaseConnection) -> Result<u64, DbErr> {
    Session::new(owner)
        .platform_admin()
        .write(
            pool,
            "INSERT INTO audit_logs (table_name, operation) VALUES ('notes', 'INSERT')",
        )
        .await
}
