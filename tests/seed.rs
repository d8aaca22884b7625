//! `hingecraft seed` on both backends: the rows of every table family are
//! there, every foreign key holds, the same seed number gives the same
//! data and another number other data.

use hingecraft::model::SessionSettings;
use hingecraft::query::{ScopeKey, install_key};
use hingecraft_platform::entities::production::{
    achievements, campaigns, designs, donations, knowledge_documents, production_orders, receipts,
    system_alerts, users, workspaces,
};
use hingecraft_platform::migration::migrator;
use hingecraft_platform::seed::{SeedReport, seed};
use hingecraft_test_harness::{PgTestDb, sqlite_memory, test_name};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryOrder, Statement,
};

/// Rows per table every seed writes (receipts depend on which donations
/// completed, so they are checked against the donations).
const FIXED_COUNTS: &[(&str, i64)] = &[
    ("workspaces", 3),
    ("users", 9),
    ("workspace_members", 9),
    ("designs", 9),
    ("design_versions", 9),
    ("microfactories", 6),
    ("production_projects", 3),
    ("production_orders", 9),
    ("donations", 18),
    ("knowledge_documents", 6),
    ("document_chunks", 18),
    ("campaigns", 6),
    ("achievements", 9),
    ("user_achievements", 9),
    ("system_alerts", 9),
];

#[derive(Debug, FromQueryResult)]
struct Count {
    n: i64,
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    Count::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .n
}

async fn check_counts(db: &DatabaseConnection, report: &SeedReport) {
    for (table, rows) in FIXED_COUNTS {
        assert_eq!(
            count(db, &format!("SELECT count(*) AS n FROM {table}")).await,
            *rows,
            "{table}"
        );
        assert_eq!(
            report.rows.get(table).copied(),
            Some(*rows as usize),
            "report for {table}"
        );
    }
    let completed = count(
        db,
        "SELECT count(*) AS n FROM donations WHERE status = 'completed'",
    )
    .await;
    assert!(completed > 0);
    assert_eq!(
        count(db, "SELECT count(*) AS n FROM receipts").await,
        completed
    );
    assert_eq!(
        count(db, "SELECT count(*) AS n FROM receipts r JOIN donations d ON d.id = r.donation_id WHERE r.amount_minor = d.amount_minor").await,
        completed,
        "every receipt is for its donation's amount"
    );
}

// Compared through its Debug text only.
#[allow(dead_code)]
#[derive(Debug, FromQueryResult)]
struct Chunk {
    id: uuid::Uuid,
    document_id: uuid::Uuid,
    chunk_index: i32,
    content: String,
}

/// The seeded rows of the main table families, as text.
async fn dump(db: &DatabaseConnection) -> String {
    macro_rules! rows {
        ($($m:ident),*) => {{
            let mut out = String::new();
            $(
                let rows = $m::Entity::find().order_by_asc($m::Column::Id).all(db).await.unwrap();
                out.push_str(&format!("{}: {rows:?}\n", stringify!($m)));
            )*
            out
        }};
    }
    let mut out = rows!(
        users,
        workspaces,
        designs,
        production_orders,
        donations,
        receipts,
        knowledge_documents,
        campaigns,
        achievements,
        system_alerts
    );
    // Chunks by column: the embedding column is absent where the server
    // has no pgvector.
    let chunks = Chunk::find_by_statement(Statement::from_string(
        db.get_database_backend(),
        "SELECT id, document_id, chunk_index, content FROM document_chunks ORDER BY id",
    ))
    .all(db)
    .await
    .unwrap();
    out.push_str(&format!("document_chunks: {chunks:?}\n"));
    out
}

/// The key the database holds and the seeder signs with.
fn key() -> ScopeKey {
    ScopeKey::new("seed-test", vec![0x42; 32]).unwrap()
}

async fn seeded(db: &DatabaseConnection, n: u64) -> String {
    migrator().up(db, None).await.unwrap();
    install_key(db, &key(), &SessionSettings::default())
        .await
        .unwrap();
    let report = seed(db, n, &key()).await.unwrap();
    check_counts(db, &report).await;
    dump(db).await
}

#[tokio::test]
async fn seed_loads_into_postgres_deterministically() {
    let name = test_name!();
    let Some(a) = PgTestDb::for_test(&format!("{name}_a")).await else {
        return;
    };
    let Some(b) = PgTestDb::for_test(&format!("{name}_b")).await else {
        return;
    };
    let Some(c) = PgTestDb::for_test(&format!("{name}_c")).await else {
        return;
    };
    let first = seeded(a.conn(), 7).await;
    let again = seeded(b.conn(), 7).await;
    let other = seeded(c.conn(), 8).await;
    assert_eq!(first, again, "the same seed gives the same rows");
    assert_ne!(first, other, "another seed gives other rows");

    // Seeding again into the same database is refused, naming the table.
    let err = seed(a.conn(), 7, &key()).await.unwrap_err();
    assert!(err.to_string().contains("seeding table `users`"), "{err}");
    assert_eq!(
        count(a.conn(), "SELECT count(*) AS n FROM users").await,
        9,
        "nothing half-written"
    );
}

#[tokio::test]
async fn seed_loads_into_sqlite_deterministically_with_every_foreign_key_holding() {
    let (a, b, c) = (
        sqlite_memory().await,
        sqlite_memory().await,
        sqlite_memory().await,
    );
    let first = seeded(&a, 7).await;
    let again = seeded(&b, 7).await;
    let other = seeded(&c, 8).await;
    assert_eq!(first, again);
    assert_ne!(first, other);
    let violations = a
        .query_all_raw(Statement::from_string(
            a.get_database_backend(),
            "PRAGMA foreign_key_check",
        ))
        .await
        .unwrap();
    assert!(
        violations.is_empty(),
        "{} foreign key violations",
        violations.len()
    );
    let report = seed(&a, 9, &key()).await;
    assert!(report.is_err(), "a second seed conflicts on unique keys");
}
