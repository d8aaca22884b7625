//! Properties of the diff: a schema against itself has no changes, and the
//! SQL of `diff(a, b)` applied to a database built from `a` gives the
//! catalog of a database built from `b` (real Postgres).

use hingecraft_schema::diff::diff;
use hingecraft_schema::model::{
    Check, CheckKind, Column, ColumnType, ForeignKey, Index, IndexMethod, IndexPart, Policy,
    PolicyCommand, ReferentialAction, Schema, Table, Unique,
};
use hingecraft_schema::render::{Dialect, Postgres};
use hingecraft_test_harness::pg_test_db;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Types that Postgres casts into one another, so any type change applies.
fn column_type() -> impl Strategy<Value = ColumnType> {
    prop_oneof![
        Just(ColumnType::Integer),
        Just(ColumnType::Text),
        Just(ColumnType::Varchar { len: 20 }),
        Just(ColumnType::Varchar { len: 40 }),
        Just(ColumnType::Boolean),
    ]
}

fn table(name: &'static str, parent: Option<&'static str>) -> impl Strategy<Value = Table> {
    let columns = proptest::collection::vec((any::<bool>(), column_type(), any::<bool>()), 3);
    (
        columns,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of("[a-z ]{1,12}"),
    )
        .prop_map(move |(cols, index, unique, check, rls, fk, doc)| {
            let mut t = Table::new(name, "prop");
            t.doc = doc;
            t.columns.push(Column::new("id", ColumnType::Uuid));
            t.primary_key = vec!["id".into()];
            for (i, (present, ty, nullable)) in cols.into_iter().enumerate() {
                if present {
                    let mut c = Column::new(format!("c{i}"), ty);
                    c.nullable = nullable;
                    t.columns.push(c);
                }
            }
            t.columns.push(Column::new("n", ColumnType::Integer));
            let first = t.columns.get(1).map(|c| c.name.clone());
            if let (true, Some(col)) = (index, &first) {
                t.indexes.push(Index {
                    name: format!("idx_{name}_{col}"),
                    parts: vec![IndexPart::column(col.clone())],
                    unique: false,
                    method: IndexMethod::Btree,
                    predicate: None,
                });
            }
            if unique {
                t.uniques.push(Unique {
                    name: format!("uq_{name}_n"),
                    columns: vec!["n".into()],
                });
            }
            if check {
                t.checks.push(Check {
                    name: format!("ck_{name}_n_range"),
                    kind: CheckKind::Range {
                        column: "n".into(),
                        min: Some(0),
                        max: Some(100),
                    },
                });
            }
            if rls {
                t.rls_enabled = true;
                t.policies.push(Policy {
                    name: format!("{name}_all"),
                    command: PolicyCommand::All,
                    roles: vec![],
                    using: Some("true".into()),
                    with_check: None,
                });
            }
            if let (true, Some(parent)) = (fk, parent) {
                t.columns
                    .push(Column::new("parent_id", ColumnType::Uuid).nullable());
                t.foreign_keys.push(ForeignKey {
                    name: format!("fk_{name}_parent_id"),
                    columns: vec!["parent_id".into()],
                    ref_table: parent.into(),
                    ref_columns: vec!["id".into()],
                    on_delete: ReferentialAction::Cascade,
                    on_update: ReferentialAction::NoAction,
                });
            }
            t
        })
}

fn schema() -> impl Strategy<Value = Schema> {
    (
        any::<bool>(),
        table("t1", None),
        table("t2", Some("t1")),
        table("t3", None),
    )
        .prop_map(|(with_t1, t1, mut t2, t3)| {
            let mut tables = vec![t3];
            if with_t1 {
                tables.push(t1);
            } else {
                t2.foreign_keys.clear();
                t2.columns.retain(|c| c.name != "parent_id");
            }
            tables.push(t2);
            Schema::from_tables(tables)
        })
}

proptest! {
    #[test]
    fn a_schema_against_itself_has_no_changes(s in schema()) {
        prop_assert!(diff(&s, &s).is_empty());
    }
}

/// What the catalog says about the current schema: columns (as a set:
/// `ADD COLUMN` appends, so order may differ), constraints, indexes,
/// row-level security, policies and comments.
async fn catalog(db: &impl ConnectionTrait) -> Vec<String> {
    let queries = [
        "SELECT concat_ws('|', table_name, column_name, data_type, character_maximum_length, \
         is_nullable, column_default) FROM information_schema.columns \
         WHERE table_schema = 'public' ORDER BY 1",
        "SELECT concat_ws('|', conrelid::regclass::text, conname, pg_get_constraintdef(oid)) \
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1",
        "SELECT concat_ws('|', tablename, indexname, indexdef) FROM pg_indexes \
         WHERE schemaname = 'public' ORDER BY 1",
        "SELECT concat_ws('|', relname, relrowsecurity, relforcerowsecurity, \
         obj_description(oid, 'pg_class')) FROM pg_class \
         WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1",
        "SELECT concat_ws('|', tablename, policyname, cmd, qual) FROM pg_policies \
         WHERE schemaname = 'public' ORDER BY 1",
    ];
    let mut out = Vec::new();
    for q in queries {
        for row in db
            .query_all_raw(Statement::from_string(DbBackend::Postgres, q))
            .await
            .unwrap()
        {
            out.push(row.try_get_by_index::<String>(0).unwrap());
        }
    }
    out
}

async fn run(db: &impl ConnectionTrait, statements: &[String]) {
    for s in statements {
        db.execute_unprepared(s)
            .await
            .unwrap_or_else(|e| panic!("{e}\n  in: {s}"));
    }
}

async fn reset(db: &impl ConnectionTrait) {
    run(
        db,
        &[
            "DROP SCHEMA public CASCADE".to_owned(),
            "CREATE SCHEMA public".to_owned(),
        ],
    )
    .await;
}

#[tokio::test]
async fn applying_a_diff_gives_the_catalog_of_building_the_target() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    let mut runner = TestRunner::deterministic();
    let pair = (schema(), schema());
    for case in 0..6 {
        let (a, b) = pair.new_tree(&mut runner).unwrap().current();
        let changes = diff(&a, &b);
        let statements: Vec<String> = Postgres
            .render_changes(&changes, &a, &b)
            .unwrap()
            .into_iter()
            .flat_map(|r| r.sql())
            .collect();

        reset(db).await;
        run(db, &Postgres.render(&a).unwrap().statements).await;
        run(db, &statements).await;
        let migrated = catalog(db).await;

        reset(db).await;
        run(db, &Postgres.render(&b).unwrap().statements).await;
        let built = catalog(db).await;
        assert_eq!(migrated, built, "case {case}: {changes:#?}");
    }
    pg.drop_db().await;
}
