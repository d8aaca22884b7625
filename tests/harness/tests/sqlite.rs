//! SQLite databases keep their data and enforce foreign keys.

use hingecraft_test_harness::{sqlite_file, sqlite_memory, sqlite_tables};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

const SCHEMA: &str = "CREATE TABLE parent (id INTEGER PRIMARY KEY NOT NULL);
     CREATE TABLE child (id INTEGER PRIMARY KEY NOT NULL,
                         parent_id INTEGER NOT NULL REFERENCES parent (id));";

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!("SELECT count(*) FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index(0).unwrap()
}

async fn assert_keeps_data_and_enforces_foreign_keys(db: &DatabaseConnection) {
    db.execute_unprepared(SCHEMA).await.unwrap();
    db.execute_unprepared("INSERT INTO parent (id) VALUES (1)")
        .await
        .unwrap();
    db.execute_unprepared("INSERT INTO child (id, parent_id) VALUES (1, 1)")
        .await
        .unwrap();
    let orphan = db
        .execute_unprepared("INSERT INTO child (id, parent_id) VALUES (2, 99)")
        .await;
    let err = orphan
        .expect_err("an orphan row must be rejected")
        .to_string();
    assert!(err.contains("FOREIGN KEY"), "unexpected error: {err}");
    let delete = db
        .execute_unprepared("DELETE FROM parent WHERE id = 1")
        .await;
    assert!(delete.is_err(), "deleting a referenced parent must fail");

    assert_eq!(count(db, "parent").await, 1);
    assert_eq!(count(db, "child").await, 1);
    assert_eq!(sqlite_tables(db).await, ["child", "parent"]);
}

#[tokio::test]
async fn memory_keeps_data_and_enforces_foreign_keys() {
    let db = sqlite_memory().await;
    assert_keeps_data_and_enforces_foreign_keys(&db).await;
}

#[tokio::test]
async fn memory_survives_concurrent_queries_and_clones() {
    let db = sqlite_memory().await;
    db.execute_unprepared(SCHEMA).await.unwrap();
    let tasks: Vec<_> = (1..=20)
        .map(|id| {
            let db = db.clone();
            tokio::spawn(async move {
                db.execute_unprepared(&format!("INSERT INTO parent (id) VALUES ({id})"))
                    .await
                    .unwrap();
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(count(&db, "parent").await, 20);
    let fk = db
        .execute_unprepared("INSERT INTO child (id, parent_id) VALUES (1, 999)")
        .await;
    assert!(fk.is_err(), "foreign keys must still be enforced");
}

#[tokio::test]
async fn memory_databases_are_independent() {
    let a = sqlite_memory().await;
    let b = sqlite_memory().await;
    a.execute_unprepared("CREATE TABLE only_in_a (id INTEGER)")
        .await
        .unwrap();
    assert_eq!(sqlite_tables(&a).await, ["only_in_a"]);
    assert!(sqlite_tables(&b).await.is_empty());
}

#[tokio::test]
async fn file_database_works_and_is_removed_on_drop() {
    let db = sqlite_file().await;
    let path = db.path().to_owned();
    assert!(path.exists(), "{} should exist", path.display());
    assert!(db.url().starts_with("sqlite://"));
    assert_keeps_data_and_enforces_foreign_keys(&db).await;
    drop(db);
    assert!(
        !path.exists(),
        "{} should be removed on drop",
        path.display()
    );
}
