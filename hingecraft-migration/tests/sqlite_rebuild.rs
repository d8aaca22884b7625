//! SQLite alterations it cannot make in place, on tables with rows: each
//! a table rebuild that keeps every row the new schema accepts, with
//! `foreign_key_check` clean, or a migration rolled back whole.

mod support;

use hingecraft::generate::{self, GenerateOptions};
use hingecraft::migrate::MigrationError;
use hingecraft::model::{Check, CheckKind, ColumnType, ForeignKey, ReferentialAction, Schema};
use hingecraft_test_harness::sqlite_file;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use support::{before, migrator, scratch_dir};

async fn rows(db: &impl ConnectionTrait, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql.to_owned()))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect()
}

fn items(schema: &mut Schema) -> &mut hingecraft::model::Table {
    schema
        .tables
        .iter_mut()
        .find(|t| t.name == "items")
        .unwrap()
}

/// Every row of both tables, as text, in a stable order.
async fn snapshot(db: &impl ConnectionTrait) -> Vec<String> {
    let mut out = rows(db, "SELECT id || '|' || name FROM accounts ORDER BY id").await;
    out.extend(
        rows(
            db,
            "SELECT id || '|' || account_id || '|' || sku || '|' || CAST(qty AS text) || '|' || \
             coalesce(note, '<null>') FROM items ORDER BY id",
        )
        .await,
    );
    out
}

#[tokio::test]
async fn each_rebuild_keeps_every_row_and_foreign_keys_check_clean() {
    let db = sqlite_file().await;
    let dir = scratch_dir("sqlite-rebuild");
    let all = GenerateOptions::default()
        .allow_destructive(true)
        .allow_rewrite(true);
    let mut schema = before();
    items(&mut schema)
        .columns
        .push(hingecraft::model::Column::new("legacy", ColumnType::Varchar { len: 20 }).nullable());
    let base = generate::render_migration(1, "fixture", &Schema::default(), &schema, all)
        .unwrap()
        .unwrap();
    generate::write(&dir, &base).unwrap();
    migrator(&dir).up(&db, None).await.unwrap();
    for a in 0..3 {
        db.execute_unprepared(&format!(
            "INSERT INTO accounts VALUES ('a{a}', 'account {a}')"
        ))
        .await
        .unwrap();
    }
    for i in 0..30 {
        db.execute_unprepared(&format!(
            "INSERT INTO items VALUES ('i{i:02}', 'a{}', 'sku-{i}', '{}', 'note {i}', 'old {i}')",
            i % 3,
            i * 2
        ))
        .await
        .unwrap();
    }
    let kept = snapshot(&*db).await;
    assert_eq!(kept.len(), 33);

    // One migration per alteration, each a rebuild of `items`.
    type Alteration = Box<dyn Fn(&mut Schema)>;
    let steps: Vec<(&str, Alteration)> = vec![
        (
            "qty_bigint",
            Box::new(|s| items(s).columns[3].ty = ColumnType::BigInt),
        ),
        (
            "note_not_null",
            Box::new(|s| items(s).columns[4].nullable = false),
        ),
        (
            "account_key",
            Box::new(|s| {
                items(s).foreign_keys.push(ForeignKey {
                    name: "fk_items_account_id".into(),
                    columns: vec!["account_id".into()],
                    ref_table: "accounts".into(),
                    ref_columns: vec!["id".into()],
                    on_delete: ReferentialAction::Cascade,
                    on_update: ReferentialAction::NoAction,
                })
            }),
        ),
        (
            "qty_check",
            Box::new(|s| {
                items(s).checks.push(Check {
                    name: "ck_items_qty_range".into(),
                    kind: CheckKind::Range {
                        column: "qty".into(),
                        min: Some(0),
                        max: None,
                    },
                })
            }),
        ),
        (
            "drop_legacy",
            Box::new(|s| items(s).columns.retain(|c| c.name != "legacy")),
        ),
    ];
    for (name, change) in steps {
        change(&mut schema);
        let m = generate::next(&dir, &schema, name, all).unwrap().unwrap();
        // `legacy` is a varchar, whose length check names it: SQLite cannot
        // drop it in place either.
        assert!(
            m.files[2].contains("INSERT INTO \"_hingecraft_new_items\""),
            "{name} rebuilds items:\n{}",
            m.files[2]
        );
        assert!(!m.files[2].contains("left out"), "{name}:\n{}", m.files[2]);
        generate::write(&dir, &m).unwrap();
        let report = migrator(&dir).up(&db, None).await.unwrap();
        assert_eq!(report.applied.len(), 1, "{name}");
        let now = snapshot(&*db).await;
        if name == "drop_legacy" {
            assert_eq!(now.len(), kept.len());
        } else {
            assert_eq!(now, kept, "{name} changed rows");
        }
        assert!(
            rows(&*db, "SELECT 'x' FROM pragma_foreign_key_check")
                .await
                .is_empty()
        );
        let fk: Vec<String> = rows(
            &*db,
            "SELECT CAST(foreign_keys AS text) FROM pragma_foreign_keys",
        )
        .await;
        assert_eq!(fk, ["1"], "foreign keys back on");
    }
    // The new rules hold: a row breaking the check or the key is refused.
    assert!(
        db.execute_unprepared("INSERT INTO items VALUES ('bad', 'a0', 's', -1, 'n')")
            .await
            .is_err()
    );
    db.execute_unprepared("PRAGMA foreign_keys = ON")
        .await
        .unwrap();
    assert!(
        db.execute_unprepared("INSERT INTO items VALUES ('bad', 'nobody', 's', 1, 'n')")
            .await
            .is_err()
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn a_row_the_new_schema_refuses_rolls_the_migration_back_and_keeps_the_rows() {
    let db = sqlite_file().await;
    let dir = scratch_dir("sqlite-refused");
    let options = GenerateOptions::default();
    let base = generate::render_migration(1, "fixture", &Schema::default(), &before(), options)
        .unwrap()
        .unwrap();
    generate::write(&dir, &base).unwrap();
    migrator(&dir).up(&db, None).await.unwrap();
    db.execute_unprepared("INSERT INTO accounts VALUES ('a0', 'account')")
        .await
        .unwrap();
    db.execute_unprepared(
        "INSERT INTO items VALUES ('i0', 'a0', 's0', 1, 'ok'), ('i1', 'gone', 's1', 2, 'orphan')",
    )
    .await
    .unwrap();
    let kept = snapshot(&*db).await;
    let mut schema = before();
    items(&mut schema).foreign_keys.push(ForeignKey {
        name: "fk_items_account_id".into(),
        columns: vec!["account_id".into()],
        ref_table: "accounts".into(),
        ref_columns: vec!["id".into()],
        on_delete: ReferentialAction::Cascade,
        on_update: ReferentialAction::NoAction,
    });
    let m = generate::next(&dir, &schema, "account_key", options)
        .unwrap()
        .unwrap();
    generate::write(&dir, &m).unwrap();
    let err = migrator(&dir).up(&db, None).await.unwrap_err();
    assert!(
        matches!(err, MigrationError::ForeignKeyCheck { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("table `items`"), "{err}");
    assert_eq!(snapshot(&*db).await, kept, "rolled back whole");
    let status = migrator(&dir).status(&db).await.unwrap();
    assert!(!status[1].applied);
    std::fs::remove_dir_all(dir).unwrap();
}
