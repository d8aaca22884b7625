//! `verify` against real databases: none on a freshly migrated one, and
//! exactly each change made by hand.

use hingecraft::verify::{
    self, Aspect, Drift, Subject, VerifyOptions, VerifyReport, compare, introspect,
};
use hingecraft_migration::migrator;
use hingecraft_test_harness::{PgTestDb, pg_test_db, sqlite_file};
use sea_orm::ConnectionTrait;

async fn migrated_pg(pg: &PgTestDb) {
    migrator().up(pg.conn(), None).await.unwrap();
}

async fn report(url: &str) -> VerifyReport {
    verify::verify(url, &migrator()).await.unwrap()
}

/// The drift after running `sql` on a freshly migrated Postgres database.
async fn drift_after(pg: &PgTestDb, sql: &str) -> Vec<Drift> {
    migrated_pg(pg).await;
    pg.execute_unprepared(sql).await.unwrap();
    report(pg.url()).await.drift
}

fn column(table: &str, column: &str) -> Subject {
    Subject::Column {
        table: table.into(),
        column: column.into(),
    }
}

#[tokio::test]
async fn a_freshly_migrated_postgres_database_has_no_drift() {
    let Some(pg) = pg_test_db!() else { return };
    migrated_pg(&pg).await;
    let dir = std::env::temp_dir().join(format!("hc-verify-test-{}", std::process::id()));
    let cached = VerifyOptions::default().with_cache_dir(&dir);
    // Built in a scratch database, then stored, then read back from the cache.
    let fresh = verify::verify_with(
        pg.url(),
        &migrator(),
        &VerifyOptions::default().without_cache(),
    )
    .await
    .unwrap();
    let stored = verify::verify_with(pg.url(), &migrator(), &cached)
        .await
        .unwrap();
    let reused = verify::verify_with(pg.url(), &migrator(), &cached)
        .await
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();

    assert_eq!(fresh.drift, Vec::<Drift>::new(), "{fresh}");
    assert_eq!(fresh.expected, fresh.found);
    assert!(fresh.found.tables > 50, "{fresh}");
    assert!(
        fresh.found.policies > 0 && fresh.found.triggers > 0,
        "{fresh}"
    );
    assert!(
        fresh.found.foreign_keys > 0 && fresh.found.functions > 0,
        "{fresh}"
    );
    assert_eq!(stored, fresh);
    assert_eq!(reused, fresh);
}

#[tokio::test]
async fn a_freshly_migrated_sqlite_database_has_no_drift_and_an_extra_column_is_reported() {
    let db = sqlite_file().await;
    migrator().up(&db, None).await.unwrap();
    let clean = report(db.url()).await;
    assert_eq!(clean.drift, Vec::<Drift>::new(), "{clean}");
    assert_eq!(clean.expected, clean.found);
    assert!(
        clean.found.tables > 50 && clean.found.indexes > 0,
        "{clean}"
    );
    assert!(clean.found.foreign_keys > 0, "{clean}");

    db.execute_unprepared("ALTER TABLE accounts ADD COLUMN nickname text")
        .await
        .unwrap();
    assert_eq!(
        report(db.url()).await.drift,
        [Drift::Unexpected {
            subject: column("accounts", "nickname"),
            found: "text, nullable".into(),
        }]
    );
}

#[tokio::test]
async fn an_extra_column_is_reported() {
    let Some(pg) = pg_test_db!() else { return };
    let drift = drift_after(&pg, "ALTER TABLE accounts ADD COLUMN nickname text").await;
    assert_eq!(
        drift,
        [Drift::Unexpected {
            subject: column("accounts", "nickname"),
            found: "text, nullable".into(),
        }]
    );
    assert_eq!(
        drift[0].to_string(),
        "table accounts: column nickname: unexpected (text, nullable)"
    );
}

#[tokio::test]
async fn a_dropped_index_is_reported() {
    let Some(pg) = pg_test_db!() else { return };
    let drift = drift_after(&pg, "DROP INDEX idx_users_status").await;
    assert_eq!(
        drift,
        [Drift::Missing {
            subject: Subject::Index {
                table: "users".into(),
                name: "idx_users_status".into(),
            },
        }]
    );
    assert_eq!(
        drift[0].to_string(),
        "table users: index idx_users_status: missing"
    );
}

#[tokio::test]
async fn disabled_row_level_security_is_reported() {
    let Some(pg) = pg_test_db!() else { return };
    let drift = drift_after(
        &pg,
        "ALTER TABLE wallets DISABLE ROW LEVEL SECURITY, NO FORCE ROW LEVEL SECURITY",
    )
    .await;
    assert_eq!(
        drift,
        [Drift::Differs {
            subject: Subject::RowLevelSecurity {
                table: "wallets".into(),
            },
            aspect: None,
            expected: "enabled and forced".into(),
            found: "disabled".into(),
        }]
    );
    assert_eq!(
        drift[0].to_string(),
        "table wallets: row-level security: expected enabled and forced, found disabled"
    );
}

#[tokio::test]
async fn an_altered_policy_is_reported() {
    let Some(pg) = pg_test_db!() else { return };
    migrated_pg(&pg).await;
    let before = introspect(
        pg.conn(),
        migrator().bookkeeping(),
        &VerifyOptions::default(),
    )
    .await
    .unwrap();
    let using = before.tables["accounts"].policies["accounts_owner_or_admin"]
        .using
        .clone()
        .unwrap();
    pg.execute_unprepared(
        "ALTER POLICY accounts_owner_or_admin ON accounts USING (owner_id IS NOT NULL)",
    )
    .await
    .unwrap();
    let drift = report(pg.url()).await.drift;
    assert_eq!(
        drift,
        [Drift::Differs {
            subject: Subject::Policy {
                table: "accounts".into(),
                name: "accounts_owner_or_admin".into(),
            },
            aspect: Some(Aspect::Using),
            expected: using.clone(),
            found: "(owner_id IS NOT NULL)".into(),
        }]
    );
    assert_eq!(
        drift[0].to_string(),
        format!(
            "table accounts: policy accounts_owner_or_admin: USING differs: \
             expected {using}, found (owner_id IS NOT NULL)"
        )
    );
}

#[tokio::test]
async fn a_dropped_trigger_is_reported() {
    let Some(pg) = pg_test_db!() else { return };
    let drift = drift_after(&pg, "DROP TRIGGER audit_accounts ON accounts").await;
    assert_eq!(
        drift,
        [Drift::Missing {
            subject: Subject::Trigger {
                table: "accounts".into(),
                name: "audit_accounts".into(),
            },
        }]
    );
    assert_eq!(
        drift[0].to_string(),
        "table accounts: trigger audit_accounts: missing"
    );
}

/// Objects the production schema does not declare yet: read generically,
/// reported as unexpected, and compared when changed.
#[tokio::test]
async fn functions_views_and_partitions_are_introspected_and_compared() {
    let Some(pg) = pg_test_db!() else { return };
    migrated_pg(&pg).await;
    pg.execute_unprepared(
        "CREATE FUNCTION answer() RETURNS integer LANGUAGE sql IMMUTABLE \
           SET search_path = pg_catalog AS 'SELECT 42';
         CREATE VIEW active_users AS SELECT id FROM users WHERE status = 'active';
         CREATE MATERIALIZED VIEW user_counts AS SELECT status, count(*) AS n FROM users GROUP BY status;
         CREATE UNIQUE INDEX user_counts_status ON user_counts (status);
         CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL) PARTITION BY RANGE (at);
         CREATE TABLE events_2026_11 PARTITION OF events
           FOR VALUES FROM ('2026-11-01 00:00+00') TO ('2026-12-01 00:00+00');",
    )
    .await
    .unwrap();

    let drift: Vec<String> = report(pg.url())
        .await
        .drift
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        drift,
        [
            "function answer(): unexpected (returns integer, language sql)",
            "table events: unexpected (2 columns)",
            "view active_users: unexpected (view)",
            "view user_counts: unexpected (materialized)",
        ]
    );

    let before = introspect(
        pg.conn(),
        migrator().bookkeeping(),
        &VerifyOptions::default(),
    )
    .await
    .unwrap();
    let answer = &before.functions["answer()"];
    assert_eq!(answer.config.as_deref(), Some("search_path=pg_catalog"));
    assert_eq!(
        (answer.volatility.as_str(), answer.body.as_str()),
        ("immutable", "SELECT 42")
    );
    let counts = &before.views["user_counts"];
    assert!(counts.materialized);
    assert!(
        counts.indexes["user_counts_status"].starts_with("CREATE UNIQUE INDEX user_counts_status")
    );
    assert!(!before.views["active_users"].materialized);
    let events = &before.tables["events"];
    assert_eq!(events.partition_key.as_deref(), Some("RANGE (at)"));
    assert!(events.partitions["events_2026_11"].starts_with("FOR VALUES FROM ('2026-11-01"));
    assert!(
        !before.tables.contains_key("events_2026_11"),
        "a partition is listed under its parent"
    );

    pg.execute_unprepared(
        "DROP TABLE events_2026_11;
         CREATE OR REPLACE FUNCTION answer() RETURNS integer LANGUAGE sql IMMUTABLE \
           SET search_path = pg_catalog AS 'SELECT 43';
         DROP INDEX user_counts_status;",
    )
    .await
    .unwrap();
    let after = introspect(
        pg.conn(),
        migrator().bookkeeping(),
        &VerifyOptions::default(),
    )
    .await
    .unwrap();
    let drift: Vec<String> = compare(&before, &after)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        drift,
        [
            "function answer(): body differs: expected SELECT 42, found SELECT 43",
            "table events: partition events_2026_11: missing",
            "table user_counts: index user_counts_status: missing",
        ]
    );
}
