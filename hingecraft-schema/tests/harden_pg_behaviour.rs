//! A hardened schema on a real Postgres: it applies to a fresh database,
//! and its audit log, optimistic locking, soft delete and Wix fields behave
//! as documented. Row-level security is in `harden_pg_rls.rs`.

mod harden_fixtures;

use harden_fixtures::{add_key, apply, exec, scalar, schema, sign_in, sqlstate};
use hingecraft_runtime::query::stale_version;
use hingecraft_runtime::{DbErrExt, ViolationKind};
use hingecraft_schema::harden::{HardeningProfile, harden};
use hingecraft_schema::model::Schema;
use hingecraft_test_harness::pg_test_db;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, TransactionTrait};
use uuid::Uuid;

fn hardened(profile: &HardeningProfile) -> Schema {
    harden(schema(), profile).0
}

/// A user, a workspace and a note of theirs; returns (user, workspace, note).
async fn seed(conn: &impl ConnectionTrait) -> (Uuid, Uuid, Uuid) {
    let (user, workspace, note) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    exec(
        conn,
        &format!("INSERT INTO users (id, email) VALUES ('{user}', 'u{user}@example.com')"),
    )
    .await;
    exec(
        conn,
        &format!(
            "INSERT INTO workspaces (id, name, slug) VALUES ('{workspace}', 'W', 's{workspace}')"
        ),
    )
    .await;
    exec(conn, &format!("INSERT INTO notes (id, workspace_id, author_id, title) VALUES ('{note}', '{workspace}', '{user}', 'first')")).await;
    (user, workspace, note)
}

#[tokio::test]
async fn the_production_schema_applies_to_a_fresh_database() {
    let Some(pg) = pg_test_db!() else { return };
    let schema = hardened(&HardeningProfile::production());
    apply(pg.conn(), &schema).await;

    let trgm: String = scalar(pg.conn(), "SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'").await;
    assert_eq!(trgm, "extensions");
    let crypto: String = scalar(pg.conn(), "SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pgcrypto'").await;
    assert_eq!(crypto, "extensions");

    // The function using pgcrypto finds it through its own search_path.
    let hash: String = scalar(pg.conn(), "SELECT hash_token('abc')").await;
    assert_eq!(hash.len(), 64);
    let config: String = scalar(
        pg.conn(),
        "SELECT array_to_string(proconfig, ';') FROM pg_proc WHERE proname = 'audit_changes'",
    )
    .await;
    assert_eq!(config, "search_path=pg_catalog, public, pg_temp");

    let policies: i64 = scalar(
        pg.conn(),
        "SELECT count(*) FROM pg_policies WHERE schemaname = 'public'",
    )
    .await;
    let declared: usize = schema.tables.iter().map(|t| t.policies.len()).sum();
    assert_eq!(policies, declared as i64);
    let unprotected: String = scalar(pg.conn(), "SELECT string_agg(relname::text, ',' ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND NOT (relrowsecurity AND relforcerowsecurity)").await;
    assert_eq!(unprotected, "release_notes");

    // Partitions carry copies of their parent's indexes: counted once, on the parent.
    let indexes: i64 = scalar(pg.conn(), "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE 'uq_%' AND tablename NOT IN (SELECT relname FROM pg_class WHERE relispartition)").await;
    let declared: usize = schema
        .tables
        .iter()
        .map(|t| {
            t.indexes
                .iter()
                .filter(|i| !i.name.starts_with("uq_"))
                .count()
        })
        .sum();
    assert_eq!(indexes, declared as i64);
}

#[tokio::test]
async fn audit_writes_one_row_per_change_with_actor_and_row_images() {
    let Some(pg) = pg_test_db!() else { return };
    apply(pg.conn(), &hardened(&HardeningProfile::production())).await;
    add_key(pg.conn()).await;
    let conn = pg.conn();
    let actor = Uuid::new_v4();
    let user = Uuid::new_v4();
    for sql in [
        format!("INSERT INTO users (id, email) VALUES ('{user}', 'a@example.com')"),
        format!("UPDATE users SET display_name = 'Ada' WHERE id = '{user}'"),
        format!("DELETE FROM users WHERE id = '{user}'"),
    ] {
        let txn = conn.begin().await.unwrap();
        sign_in(&txn, None, Some(actor), "").await;
        exec(&txn, &sql).await;
        txn.commit().await.unwrap();
    }
    let of = |op: &str| {
        format!(
            "SELECT count(*) FROM audit_logs WHERE table_name = 'users' AND record_id = '{user}' AND operation = '{op}' AND actor_id = '{actor}'"
        )
    };
    let total: i64 = scalar(
        conn,
        &format!("SELECT count(*) FROM audit_logs WHERE record_id = '{user}'"),
    )
    .await;
    assert_eq!(total, 3);
    let insert: i64 = scalar(
        conn,
        &format!(
            "{} AND old_data IS NULL AND new_data ->> 'email' = 'a@example.com'",
            of("INSERT")
        ),
    )
    .await;
    let update: i64 = scalar(
        conn,
        &format!(
            "{} AND old_data ->> 'display_name' IS NULL AND new_data ->> 'display_name' = 'Ada'",
            of("UPDATE")
        ),
    )
    .await;
    let delete: i64 = scalar(
        conn,
        &format!(
            "{} AND old_data ->> 'display_name' = 'Ada' AND new_data IS NULL",
            of("DELETE")
        ),
    )
    .await;
    assert_eq!((insert, update, delete), (1, 1, 1));

    // No actor set: recorded as NULL, not a failed cast.
    let (_, workspace, note) = seed(conn).await;
    let anonymous: i64 = scalar(conn, &format!("SELECT count(*) FROM audit_logs WHERE record_id = '{note}' AND actor_id IS NULL AND workspace_id = '{workspace}'")).await;
    assert_eq!(anonymous, 1, "the workspace comes from the row");

    // A composite primary key is recorded as a JSON object.
    exec(
        conn,
        &format!("INSERT INTO note_tags (note_id, tag) VALUES ('{note}', 'red')"),
    )
    .await;
    let composite: i64 = scalar(conn, &format!("SELECT count(*) FROM audit_logs WHERE table_name = 'note_tags' AND record_id::jsonb = jsonb_build_object('note_id', '{note}', 'tag', 'red')")).await;
    assert_eq!(composite, 1);
    // The log is not audited itself.
    let own: i64 = scalar(
        conn,
        "SELECT count(*) FROM audit_logs WHERE table_name = 'audit_logs'",
    )
    .await;
    assert_eq!(own, 0);
}

#[tokio::test]
async fn a_stale_version_fails_typed_and_changes_nothing() {
    let Some(pg) = pg_test_db!() else { return };
    apply(pg.conn(), &hardened(&HardeningProfile::production())).await;
    let conn = pg.conn();
    let (_, _, note) = seed(conn).await;

    exec(
        conn,
        &format!("UPDATE notes SET counter = 1, version = 1 WHERE id = '{note}'"),
    )
    .await;
    let version: i32 = scalar(
        conn,
        &format!("SELECT version FROM notes WHERE id = '{note}'"),
    )
    .await;
    assert_eq!(version, 2, "a current version passes and is incremented");

    let err = conn
        .execute_unprepared(&format!(
            "UPDATE notes SET counter = 5, version = 1 WHERE id = '{note}'"
        ))
        .await
        .expect_err("version 1 is stale");
    assert_eq!(sqlstate(&err).as_deref(), Some("40001"));
    let stale = stale_version(&err).expect("typed");
    assert_eq!(stale.table.as_deref(), Some("notes"));
    assert!(
        stale.message.contains("version 2") && stale.message.contains("version 1"),
        "{}",
        stale.message
    );
    let row: String = scalar(
        conn,
        &format!("SELECT counter || '/' || version FROM notes WHERE id = '{note}'"),
    )
    .await;
    assert_eq!(row, "1/2", "the failed update changed nothing");

    // Not every 40001 is a stale version; other errors are not.
    let other = conn.execute_unprepared("SELECT 1/0").await.unwrap_err();
    assert!(stale_version(&other).is_none());

    // An UPDATE that does not mention version passes (documented).
    exec(
        conn,
        &format!("UPDATE notes SET title = 'second' WHERE id = '{note}'"),
    )
    .await;
    let version: i32 = scalar(
        conn,
        &format!("SELECT version FROM notes WHERE id = '{note}'"),
    )
    .await;
    assert_eq!(version, 3);
}

#[tokio::test]
async fn twenty_concurrent_updaters_lose_no_update() {
    let Some(pg) = pg_test_db!() else { return };
    apply(pg.conn(), &hardened(&HardeningProfile::production())).await;
    let (_, _, note) = seed(pg.conn()).await;

    let mut options = ConnectOptions::new(pg.url());
    options.max_connections(20).sqlx_logging(false);
    let pool = Database::connect(options).await.unwrap();
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let pool = pool.clone();
        tasks.push(tokio::spawn(async move {
            let mut retries = 0u32;
            loop {
                let row: String = scalar(
                    &pool,
                    &format!("SELECT counter || ',' || version FROM notes WHERE id = '{note}'"),
                )
                .await;
                let (counter, version) = row.split_once(',').unwrap();
                let counter: i32 = counter.parse().unwrap();
                let sql = format!(
                    "UPDATE notes SET counter = {}, version = {version} WHERE id = '{note}'",
                    counter + 1
                );
                match pool.execute_unprepared(&sql).await {
                    Ok(_) => return retries,
                    Err(e) if stale_version(&e).is_some() => retries += 1,
                    Err(e) => panic!("{e}"),
                }
            }
        }));
    }
    let mut retries = 0;
    for task in tasks {
        retries += task.await.unwrap();
    }
    let row: String = scalar(
        &pool,
        &format!("SELECT counter || ',' || version FROM notes WHERE id = '{note}'"),
    )
    .await;
    assert_eq!(row, "20,21", "after {retries} retries");
    pool.close().await.unwrap();
}

#[tokio::test]
async fn a_soft_deleted_unique_value_can_be_reused() {
    let Some(pg) = pg_test_db!() else { return };
    apply(pg.conn(), &hardened(&HardeningProfile::production())).await;
    let conn = pg.conn();
    exec(
        conn,
        "INSERT INTO users (email) VALUES ('same@example.com')",
    )
    .await;
    exec(
        conn,
        "UPDATE users SET deleted_at = now() WHERE email = 'same@example.com'",
    )
    .await;
    exec(
        conn,
        "INSERT INTO users (email) VALUES ('same@example.com')",
    )
    .await;

    let err = conn
        .execute_unprepared("INSERT INTO users (email) VALUES ('same@example.com')")
        .await
        .expect_err("two live rows conflict");
    let violation = err.violation().expect("a constraint violation");
    assert_eq!(violation.kind, ViolationKind::Unique);
    assert_eq!(violation.constraint.as_deref(), Some("uq_users_email"));
    let rows: i64 = scalar(
        conn,
        "SELECT count(*) FROM users WHERE email = 'same@example.com'",
    )
    .await;
    assert_eq!(rows, 2);
}

#[tokio::test]
async fn wix_fields_follow_the_row() {
    let Some(pg) = pg_test_db!() else { return };
    apply(pg.conn(), &hardened(&HardeningProfile::all())).await;
    let conn = pg.conn();
    let (user, _, note) = seed(conn).await;
    exec(
        conn,
        &format!("UPDATE notes SET title = 'changed', version = 1 WHERE id = '{note}'"),
    )
    .await;
    let synced: bool = scalar(conn, &format!(
        "SELECT \"_id\" = id::text AND \"_owner\" = '{user}' AND \"_createdDate\" = created_at AND \"_updatedDate\" = updated_at FROM notes WHERE id = '{note}'"
    )).await;
    assert!(synced);
    // A table without created_at/updated_at keeps its insert time.
    exec(
        conn,
        "INSERT INTO countries (code, name) VALUES ('FR', 'France')",
    )
    .await;
    exec(
        conn,
        "UPDATE countries SET name = 'République française' WHERE code = 'FR'",
    )
    .await;
    let kept: bool = scalar(conn, "SELECT \"_id\" = 'FR' AND \"_createdDate\" IS NOT NULL AND \"_createdDate\" <= \"_updatedDate\" FROM countries").await;
    assert!(kept);
}

#[tokio::test]
async fn partitioned_tables_route_rows_by_month_and_grow_on_demand() {
    let Some(pg) = pg_test_db!() else { return };
    let schema = hardened(&HardeningProfile::production());
    apply(pg.conn(), &schema).await;
    let (_, workspace, _) = seed(pg.conn()).await;

    // A default partition, this month and the next.
    let partitions: i64 = scalar(
        pg.conn(),
        "SELECT count(*) FROM pg_inherits WHERE inhparent = 'page_views'::regclass",
    )
    .await;
    assert_eq!(partitions, 3);
    let this_month: String = scalar(
        pg.conn(),
        "SELECT 'page_views_p' || to_char(now(), 'YYYY_MM')",
    )
    .await;

    // A row of now lands in this month's partition; one of a month without
    // a partition lands in the default partition.
    exec(pg.conn(), &format!("INSERT INTO page_views (workspace_id, request_id, path) VALUES ('{workspace}', gen_random_uuid(), '/')")).await;
    exec(pg.conn(), &format!("INSERT INTO page_views (workspace_id, request_id, path, created_at) VALUES ('{workspace}', gen_random_uuid(), '/old', now() - interval '2 years')")).await;
    let here: i64 = scalar(pg.conn(), &format!("SELECT count(*) FROM {this_month}")).await;
    assert_eq!(here, 1);
    let default: i64 = scalar(pg.conn(), "SELECT count(*) FROM page_views_default").await;
    assert_eq!(default, 1);

    // The function adds the months ahead that are missing, once.
    let created: i32 = scalar(
        pg.conn(),
        "SELECT create_monthly_partitions('page_views', 3)",
    )
    .await;
    assert_eq!(created, 2);
    let again: i32 = scalar(
        pg.conn(),
        "SELECT create_monthly_partitions('page_views', 3)",
    )
    .await;
    assert_eq!(again, 0);
    // Every partition denies direct access: row-level security on, forced,
    // no policy (the parent's policies apply through the parent).
    let open: i64 = scalar(
        pg.conn(),
        "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid \
         WHERE i.inhparent = 'page_views'::regclass AND NOT (c.relrowsecurity AND c.relforcerowsecurity)",
    )
    .await;
    assert_eq!(open, 0);
    let err = pg
        .conn()
        .execute_unprepared("SELECT create_monthly_partitions('notes', 1)")
        .await
        .expect_err("notes is not partitioned");
    assert_eq!(sqlstate(&err).as_deref(), Some("42809"));
}

#[tokio::test]
async fn a_materialized_view_refreshes_through_its_function() {
    let Some(pg) = pg_test_db!() else { return };
    let schema = hardened(&HardeningProfile::production());
    apply(pg.conn(), &schema).await;
    add_key(pg.conn()).await;
    let (_, workspace, _) = seed(pg.conn()).await;

    // Created with the (empty) data of its tables; refreshed on demand,
    // concurrently since it has a unique key.
    let before: i64 = scalar(pg.conn(), "SELECT count(*) FROM note_counts").await;
    assert_eq!(before, 0);
    // Every workspace's rows: a platform administrator's scope only.
    let refused = pg
        .conn()
        .execute_unprepared("SELECT refresh_note_counts()")
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("platform administrator"),
        "{refused}"
    );
    let txn = pg.conn().begin().await.unwrap();
    sign_in(&txn, None, None, "platform_admin").await;
    exec(&txn, "SELECT refresh_note_counts()").await;
    txn.commit().await.unwrap();
    let notes: i64 = scalar(
        pg.conn(),
        &format!("SELECT notes FROM note_counts WHERE workspace_id = '{workspace}'"),
    )
    .await;
    assert_eq!(notes, 1);
    let definer: bool = scalar(
        pg.conn(),
        "SELECT prosecdef FROM pg_proc WHERE proname = 'refresh_note_counts'",
    )
    .await;
    assert!(definer);
    let body: String = scalar(
        pg.conn(),
        "SELECT prosrc FROM pg_proc WHERE proname = 'refresh_note_counts'",
    )
    .await;
    assert!(body.contains("CONCURRENTLY"), "{body}");
}
