//! The service on SQLite, the embedded default: the embedded migrations,
//! then the typed production entities.

mod common;

use hingecraft::DbErrExt as _;
use hingecraft::ViolationKind;
use hingecraft_test_harness::{sqlite_file, sqlite_memory, sqlite_tables};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use starter::entities::production::users;

#[tokio::test]
async fn a_day_of_the_service_on_sqlite() {
    let db = sqlite_memory().await;
    let world = common::a_day_of_the_service(&db).await;

    // A constraint the database refuses comes back typed.
    let err = users::ActiveModel {
        email: Set(world.ada.email.clone()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap_err();
    let violation = err.violation().expect("a duplicate e-mail is a violation");
    assert_eq!(violation.kind, ViolationKind::Unique);
    assert_eq!(violation.column.as_deref(), Some("email"), "{violation}");
}

#[tokio::test]
async fn the_embedded_migrations_create_every_table_and_roll_back() {
    let db = sqlite_file().await;
    let migrator = starter_migration::migrator();
    migrator.up(db.conn(), None).await.unwrap();
    let tables = sqlite_tables(db.conn()).await;
    for table in [
        "audit_logs",
        "contacts",
        "customers",
        "invoices",
        "users",
        "workspaces",
    ] {
        assert!(tables.iter().any(|t| t == table), "{table} in {tables:?}");
    }
    assert!(tables.iter().any(|t| t == "scope_keys"), "{tables:?}");
    let report = migrator.down(db.conn(), Some(2)).await.unwrap();
    assert_eq!(
        report.rolled_back,
        ["0002_tenancy_hardening", "0001_baseline"]
    );
    let left = sqlite_tables(db.conn()).await;
    assert!(
        !left.iter().any(|t| t == "customers"),
        "rolled back: {left:?}"
    );
}
