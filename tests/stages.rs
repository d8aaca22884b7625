//! Every module at its stage: concept modules have no SQL, every prototype
//! module renders alone (with its dependencies) for both backends, and the
//! seed's accounts sub-modules build real databases on their own.

use hingecraft::Stage;
use hingecraft::lifecycle::{StageError, prototype_schema};
use hingecraft::render::{Dialect, Postgres, Sqlite};
use hingecraft_entities::{all_modules, canonical};
use hingecraft_test_harness::{pg_tables, pg_test_db, sqlite_memory, sqlite_tables};
use sea_orm::ConnectionTrait;

#[test]
fn the_canonical_module_is_documentation_only() {
    let modules = all_modules();
    let busm = canonical();
    assert_eq!(busm.stage, Stage::Concept);
    assert_eq!(
        prototype_schema(&modules, &busm.name).unwrap_err(),
        StageError::ConceptHasNoSql {
            module: busm.name.clone()
        }
    );
}

#[test]
fn every_prototype_module_renders_alone_for_both_backends() {
    let modules = all_modules();
    for m in modules.iter().filter(|m| m.stage == Stage::Prototype) {
        let schema =
            prototype_schema(&modules, &m.name).unwrap_or_else(|e| panic!("{}: {e}", m.name));
        for t in &m.tables {
            let found = schema
                .table(&t.name)
                .unwrap_or_else(|| panic!("{}: own table {}", m.name, t.name));
            assert_eq!(
                found, t,
                "a prototype has the module's own view of its tables, nothing added"
            );
        }
        Postgres
            .render(&schema)
            .unwrap_or_else(|e| panic!("{} (postgres): {e}", m.name));
        Sqlite
            .render(&schema)
            .unwrap_or_else(|e| panic!("{} (sqlite): {e}", m.name));
    }
}

#[tokio::test]
async fn the_accounts_sub_modules_build_their_own_databases() {
    let modules = all_modules();
    for name in ["master-view", "service-scheduler", "territories"] {
        let schema = prototype_schema(&modules, name).unwrap();
        let mut expected: Vec<String> = schema.tables.iter().map(|t| t.name.clone()).collect();
        expected.sort();

        let lite = sqlite_memory().await;
        for sql in Sqlite.render(&schema).unwrap().statements {
            lite.execute_unprepared(&sql)
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}\n{sql}"));
        }
        assert_eq!(sqlite_tables(&lite).await, expected, "{name} on SQLite");

        let Some(pg) = pg_test_db!() else { return };
        for sql in Postgres.render(&schema).unwrap().statements {
            pg.execute_unprepared(&sql)
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}\n{sql}"));
        }
        assert_eq!(pg_tables(pg.conn()).await, expected, "{name} on Postgres");
        // Exactly what the module declares: no hardening at the prototype stage.
        let policies = pg
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Postgres,
                "SELECT count(*) AS n FROM pg_policies",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
        assert_eq!(policies, 0, "{name}: a prototype has no policies");
        pg.drop_db().await;
    }
}
