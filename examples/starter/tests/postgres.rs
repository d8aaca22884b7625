//! The service on Postgres, the production target: the embedded
//! migrations, the typed production entities, and row-level security as
//! the service meets it, logged in as a role that is not a superuser (a
//! superuser bypasses row-level security, forced or not).

mod common;

use hingecraft::DbErrExt as _;
use hingecraft::ViolationKind;
use hingecraft::query::{Scope, Scoped};
use hingecraft_test_harness::{PgTestDb, pg_test_db};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, Database, DatabaseConnection, EntityTrait,
};
use starter::entities::production::{customers, users};
use uuid::Uuid;

#[tokio::test]
async fn a_day_of_the_service_on_postgres() {
    let Some(pg) = pg_test_db!() else { return };
    let world = common::a_day_of_the_service(pg.conn()).await;

    let err = customers::ActiveModel {
        workspace_id: Set(world.acme.id),
        name: Set("Initrode".into()),
        status: Set("prospect".into()),
        ..Default::default()
    }
    .insert(pg.conn())
    .await
    .unwrap_err();
    let violation = err.violation().expect("an unknown status is a violation");
    assert_eq!(violation.kind, ViolationKind::Check);
    assert_eq!(
        violation.constraint.as_deref(),
        Some("ck_customers_status_in")
    );
}

#[tokio::test]
async fn another_workspace_is_invisible_to_the_service_role() {
    let Some(pg) = pg_test_db!() else { return };
    let world = common::a_day_of_the_service(pg.conn()).await;
    // The superuser that migrated sees every workspace's customers.
    assert_eq!(
        customers::Entity::find()
            .all(pg.conn())
            .await
            .unwrap()
            .len(),
        2
    );

    let role = ServiceRole::create(&pg).await;
    let outcome = tokio::spawn(as_the_service(role.url.clone(), world)).await;
    role.drop(&pg).await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn as_the_service(url: String, world: common::World) {
    let db = Database::connect(&url).await.unwrap();

    // Without a scope, a tenant table shows nothing: security fails closed.
    assert!(customers::Entity::find().all(&db).await.unwrap().is_empty());
    // Global tables are readable by all, and written by administrators only.
    assert_eq!(users::Entity::find().all(&db).await.unwrap().len(), 2);
    let err = users::ActiveModel {
        email: Set("mallory@example.com".into()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap_err();
    assert!(err.to_string().contains("row-level security"), "{err}");

    // Scoped to acme, SeaORM's own `find` (no helper's filter, row-level
    // security alone) returns acme's customers only.
    let acme = Scoped::begin(
        &db,
        &common::key(),
        Scope::workspace(world.acme.id).user(world.ada.id),
    )
    .await
    .unwrap();
    let names: Vec<String> = customers::Entity::find()
        .all(&acme)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Initech"]);
    assert!(
        customers::Entity::find_by_id(world.hooli.id)
            .one(&acme)
            .await
            .unwrap()
            .is_none(),
        "globex's customer is invisible from acme"
    );
    // Updating or deleting it through acme's handle touches nothing.
    let gone = customers::Entity::delete_by_id(world.hooli.id)
        .exec(&acme)
        .await
        .unwrap();
    assert_eq!(gone.rows_affected, 0);
    acme.commit().await.unwrap();

    // Writing into globex through acme's handle: the policy refuses it.
    let acme = Scoped::begin(&db, &common::key(), Scope::workspace(world.acme.id))
        .await
        .unwrap();
    let err = customers::ActiveModel {
        workspace_id: Set(world.globex.id),
        name: Set("Intruder".into()),
        ..Default::default()
    }
    .insert(&acme)
    .await
    .unwrap_err();
    assert!(err.to_string().contains("row-level security"), "{err}");
    acme.rollback().await.unwrap();

    // Globex's handle sees Hooli, still there, and only Hooli.
    let globex = Scoped::begin(&db, &common::key(), Scope::workspace(world.globex.id))
        .await
        .unwrap();
    let ids: Vec<Uuid> = customers::Entity::find()
        .all(&globex)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, [world.hooli.id]);
    assert_ne!(world.initech.id, world.hooli.id);
    globex.commit().await.unwrap();
    db.close().await.unwrap();
}

/// A login role as a service uses: not a superuser, no BYPASSRLS, with the
/// table privileges only. Dropped by [`ServiceRole::drop`].
struct ServiceRole {
    name: String,
    url: String,
}

impl ServiceRole {
    async fn create(pg: &PgTestDb) -> Self {
        let name = format!("starter_svc_{}", &Uuid::new_v4().simple().to_string()[..8]);
        for sql in [
            format!("CREATE ROLE {name} LOGIN NOSUPERUSER NOBYPASSRLS"),
            format!("GRANT USAGE ON SCHEMA public TO {name}"),
            format!(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}"
            ),
        ] {
            exec(pg.conn(), &sql).await;
        }
        let url = pg.url().replacen("postgres@", &format!("{name}@"), 1);
        assert_ne!(url, pg.url(), "the test database's URL names user postgres");
        Self { name, url }
    }

    /// Drops what the role was granted in the test database, then the
    /// role (roles belong to the whole server).
    async fn drop(self, pg: &PgTestDb) {
        let name = &self.name;
        exec(
            pg.conn(),
            &format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{name}'"
            ),
        )
        .await;
        exec(pg.conn(), &format!("DROP OWNED BY {name} CASCADE")).await;
        exec(pg.conn(), &format!("DROP ROLE IF EXISTS {name}")).await;
    }
}

async fn exec(db: &DatabaseConnection, sql: &str) {
    if let Err(e) = db.execute_unprepared(sql).await {
        panic!("{e}\n  in: {sql}");
    }
}
