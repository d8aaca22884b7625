//! Each `PgTestDb` is a distinct database that is gone after it is dropped.

use hingecraft_test_harness::{PgTestDb, pg_admin_url, pg_db_url, pg_test_db};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};

async fn scalar_string(db: &DatabaseConnection, sql: &str) -> String {
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index(0).unwrap()
}

async fn database_exists(name: &str) -> bool {
    let admin = Database::connect(pg_admin_url().unwrap()).await.unwrap();
    let row = admin
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT count(*) FROM pg_database WHERE datname = $1",
            [name.into()],
        ))
        .await
        .unwrap()
        .unwrap();
    let count: i64 = row.try_get_by_index(0).unwrap();
    admin.close().await.unwrap();
    count == 1
}

#[tokio::test]
async fn two_databases_at_once_are_distinct() {
    let Some(a) = pg_test_db!() else { return };
    let Some(b) = PgTestDb::for_test("two_databases_at_once_are_distinct (b)").await else {
        return;
    };
    assert_ne!(a.name(), b.name());
    assert!(a.name().starts_with("hc_test_") && a.name().len() == "hc_test_".len() + 8);
    assert_eq!(
        scalar_string(&a, "SELECT current_database()::text").await,
        a.name()
    );
    assert_eq!(
        scalar_string(&b, "SELECT current_database()::text").await,
        b.name()
    );

    a.execute_unprepared("CREATE TABLE only_in_a (id integer)")
        .await
        .unwrap();
    let in_b = b.execute_unprepared("SELECT * FROM only_in_a").await;
    assert!(
        in_b.is_err(),
        "a table created in one database leaked into the other"
    );
}

#[tokio::test]
async fn database_is_gone_after_drop() {
    let Some(pg) = pg_test_db!() else { return };
    let name = pg.name().to_owned();
    assert!(database_exists(&name).await);
    drop(pg);
    assert!(
        !database_exists(&name).await,
        "{name} still exists after drop"
    );
}

#[tokio::test]
async fn database_is_gone_after_drop_db() {
    let Some(pg) = PgTestDb::new().await else {
        return;
    };
    let name = pg.name().to_owned();
    // An extra open connection must not prevent the drop.
    let extra = Database::connect(pg.url()).await.unwrap();
    extra.execute_unprepared("SELECT 1").await.unwrap();
    pg.drop_db().await;
    assert!(
        !database_exists(&name).await,
        "{name} still exists after drop_db"
    );
}

#[tokio::test]
async fn urls_point_at_the_test_database() {
    let Some(pg) = pg_test_db!() else { return };
    assert_eq!(pg_db_url(pg.name()).as_deref(), Some(pg.url()));
    assert_eq!(pg_admin_url().as_deref(), Some(pg.admin_url()));
    let other = Database::connect(pg.url()).await.unwrap();
    assert_eq!(
        scalar_string(&other, "SELECT current_database()::text").await,
        pg.name()
    );
    other.close().await.unwrap();
}
