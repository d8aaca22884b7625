//! The production schema on real Postgres, SQLite and MariaDB databases: the same
//! tables, the same columns, and every constraint kind enforced, with the
//! database's refusal returned as a typed value.

use hingecraft::render::{Dialect, Mysql};
use hingecraft::{DbErrExt, ViolationKind};
use hingecraft_platform::entities::modules::{
    codex::workspaces,
    master::{user_profiles, users},
};
use hingecraft_platform::migration::migrator;
use hingecraft_test_harness::{
    MysqlTestDb, pg_columns, pg_tables, pg_test_db, sqlite_columns, sqlite_memory, sqlite_tables,
    test_name,
};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbBackend,
};

/// The generated columns of a production table.
fn generated_columns(table: &str) -> Vec<String> {
    let schema = hingecraft_platform::project().production().unwrap().schema;
    schema
        .table(table)
        .map(|t| {
            t.columns
                .iter()
                .filter(|c| c.generated.is_some())
                .map(|c| c.name.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn production_tables() -> Vec<String> {
    let mut names: Vec<String> = hingecraft_platform::project()
        .production()
        .unwrap()
        .schema
        .tables
        .into_iter()
        .map(|t| t.name)
        .collect();
    names.sort();
    names
}

/// A MariaDB database for `test` with the production schema built by the
/// MySQL dialect (it renders new databases; migrations come later).
async fn mariadb(test: &str) -> Option<MysqlTestDb> {
    let my = MysqlTestDb::for_test(test).await?;
    let schema = hingecraft_platform::project().production().unwrap().schema;
    for sql in Mysql.render(&schema).unwrap().statements {
        sea_orm::ConnectionTrait::execute_unprepared(my.conn(), &sql)
            .await
            .unwrap_or_else(|e| panic!("{e}\n{sql}"));
    }
    Some(my)
}

#[tokio::test]
async fn every_production_table_is_created_in_both_backends() {
    let lite = sqlite_memory().await;
    migrator().up(&lite, None).await.unwrap();
    let mut expected = production_tables();
    expected.push("hingecraft_migrations".into());
    expected.sort();
    assert_eq!(sqlite_tables(&lite).await, expected);

    let Some(pg) = pg_test_db!() else { return };
    migrator().up(pg.conn(), None).await.unwrap();
    // `pg_tables` lists partitioned parents and leaves their partitions out.
    let in_pg = pg_tables(pg.conn()).await;
    assert_eq!(in_pg, expected);
    pg.drop_db().await;
}

#[tokio::test]
async fn a_table_has_the_same_columns_in_postgres_and_sqlite() {
    let Some(pg) = pg_test_db!() else { return };
    let lite = sqlite_memory().await;
    migrator().up(&lite, None).await.unwrap();
    migrator().up(pg.conn(), None).await.unwrap();
    for table in production_tables() {
        let shape = |cols: Vec<hingecraft_test_harness::CatalogColumn>| {
            cols.into_iter()
                .map(|c| (c.name, c.nullable, c.primary_key))
                .collect::<Vec<_>>()
        };
        // SQLite gets no generated (Postgres-computed) columns; it lists them as left out.
        let generated = generated_columns(&table);
        let in_pg = shape(pg_columns(pg.conn(), &table).await);
        let mut stored_on_both = in_pg.clone();
        stored_on_both.retain(|(name, _, _)| !generated.contains(name));
        let in_lite = shape(sqlite_columns(&lite, &table).await);
        assert!(!in_pg.is_empty(), "table `{table}` has columns");
        assert_eq!(
            stored_on_both, in_lite,
            "columns of `{table}` (name, nullable, primary key)"
        );
        let declared = hingecraft_platform::project().production().unwrap().schema;
        let def = declared.table(&table).unwrap();
        let names: Vec<&str> = def.columns.iter().map(|c| c.name.as_str()).collect();
        let found: Vec<&str> = in_pg.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(found, names, "columns of `{table}` as declared, in order");
    }
    pg.drop_db().await;
}

async fn owner(db: &DatabaseConnection, email: &str) -> users::Model {
    let user = users::ActiveModel {
        email: Set(email.into()),
        ..users::ActiveModel::new()
    };
    user.insert(db).await.unwrap()
}

/// Violates each constraint kind once and returns what the database said.
async fn violations(db: &DatabaseConnection) -> Vec<hingecraft::ConstraintViolation> {
    let ada = owner(db, "ada@example.com").await;
    let mut out = Vec::new();

    // UNIQUE: the same e-mail twice.
    let dup = users::ActiveModel {
        email: Set("ada@example.com".into()),
        ..users::ActiveModel::new()
    };
    out.push(
        dup.insert(db)
            .await
            .unwrap_err()
            .violation()
            .expect("unique violation"),
    );

    // FOREIGN KEY: a profile of a user that does not exist.
    let orphan = user_profiles::ActiveModel {
        user_id: Set(uuid::Uuid::new_v4()),
        ..user_profiles::ActiveModel::new()
    };
    out.push(
        orphan
            .insert(db)
            .await
            .unwrap_err()
            .violation()
            .expect("foreign key violation"),
    );

    // CHECK: a status outside its one-of set.
    let bad = users::ActiveModel {
        email: Set("bob@example.com".into()),
        status: Set("bogus".into()),
        ..users::ActiveModel::new()
    };
    out.push(
        bad.insert(db)
            .await
            .unwrap_err()
            .violation()
            .expect("check violation"),
    );

    // NOT NULL: a workspace without a name.
    let nameless = workspaces::ActiveModel {
        slug: Set("acme".into()),
        owner_id: Set(ada.id),
        ..workspaces::ActiveModel::new()
    };
    out.push(
        nameless
            .insert(db)
            .await
            .unwrap_err()
            .violation()
            .expect("not null violation"),
    );

    // Nothing was written by the refused statements.
    assert_eq!(
        users::Entity::find_by_email(db, "bob@example.com")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        users::Entity::find_by_email(db, "ada@example.com")
            .await
            .unwrap()
            .map(|u| u.id),
        Some(ada.id)
    );
    out
}

fn assert_violations(found: &[hingecraft::ConstraintViolation], backend: DbBackend) {
    let kinds: Vec<ViolationKind> = found.iter().map(|v| v.kind).collect();
    assert_eq!(
        kinds,
        [
            ViolationKind::Unique,
            ViolationKind::ForeignKey,
            ViolationKind::Check,
            ViolationKind::NotNull
        ]
    );
    assert_eq!(
        found[2].constraint.as_deref(),
        Some("ck_users_status_in"),
        "{backend:?}: {}",
        found[2]
    );
    assert_eq!(
        found[3].column.as_deref(),
        Some("name"),
        "{backend:?}: {}",
        found[3]
    );
    match backend {
        DbBackend::MySql => {
            assert_eq!(found[0].constraint.as_deref(), Some("uq_users_email"));
            assert_eq!(
                (found[1].constraint.as_deref(), found[1].table.as_deref()),
                (Some("fk_user_profiles_user_id"), Some("user_profiles"))
            );
            assert_eq!(found[2].table.as_deref(), Some("users"));
        }
        DbBackend::Postgres => {
            assert_eq!(found[0].constraint.as_deref(), Some("uq_users_email"));
            assert_eq!(
                found[1].constraint.as_deref(),
                Some("fk_user_profiles_user_id")
            );
            assert_eq!(found[3].table.as_deref(), Some("workspaces"));
        }
        _ => {
            assert_eq!(
                (found[0].table.as_deref(), found[0].column.as_deref()),
                (Some("users"), Some("email"))
            );
            assert_eq!(found[3].table.as_deref(), Some("workspaces"));
        }
    }
}

#[tokio::test]
async fn sqlite_refuses_each_constraint_kind_with_a_typed_error() {
    let lite = sqlite_memory().await;
    migrator().up(&lite, None).await.unwrap();
    let found = violations(&lite).await;
    assert_violations(&found, DbBackend::Sqlite);
}

#[tokio::test]
async fn postgres_refuses_each_constraint_kind_with_a_typed_error() {
    let Some(pg) = pg_test_db!() else { return };
    migrator().up(pg.conn(), None).await.unwrap();
    let found = violations(pg.conn()).await;
    assert_violations(&found, DbBackend::Postgres);
    pg.drop_db().await;
}

#[tokio::test]
async fn mariadb_refuses_each_constraint_kind_with_a_typed_error() {
    let Some(my) = mariadb(&test_name!()).await else {
        return;
    };
    let found = violations(my.conn()).await;
    assert_violations(&found, DbBackend::MySql);
    my.drop_db().await;
}

#[tokio::test]
async fn lookups_and_relations_work_on_both_backends() {
    async fn check(db: &DatabaseConnection) {
        use sea_orm::{EntityTrait, ModelTrait};
        let ada = owner(db, "ada@example.com").await;
        let ws = workspaces::ActiveModel {
            slug: Set("acme".into()),
            name: Set("Acme".into()),
            owner_id: Set(ada.id),
            ..workspaces::ActiveModel::new()
        }
        .insert(db)
        .await
        .unwrap();
        assert_eq!(ws.plan, "free", "the declared default applies");
        assert_eq!(
            workspaces::Entity::find_by_slug(db, "acme")
                .await
                .unwrap()
                .map(|w| w.id),
            Some(ws.id)
        );
        assert_eq!(
            workspaces::Entity::find_by_pk(db, ws.id)
                .await
                .unwrap()
                .map(|w| w.name),
            Some("Acme".into())
        );
        assert_eq!(
            users::Entity::find_by_username(db, "nobody").await.unwrap(),
            None
        );
        let found_owner = ws
            .find_related(users::Entity)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found_owner.id, ada.id);
        assert_eq!(users::Entity::find().all(db).await.unwrap().len(), 1);
    }
    let lite = sqlite_memory().await;
    migrator().up(&lite, None).await.unwrap();
    check(&lite).await;
    if let Some(my) = mariadb(&test_name!()).await {
        check(my.conn()).await;
        my.drop_db().await;
    }
    let Some(pg) = pg_test_db!() else { return };
    migrator().up(pg.conn(), None).await.unwrap();
    check(pg.conn()).await;
    pg.drop_db().await;
}
