//! The generator on a scratch migrations directory: a baseline from the
//! production schema, then a migration holding exactly what changed.

use std::path::PathBuf;

use hingecraft::generate::{self, GenerateError, GenerateOptions};
use hingecraft::model::{Column, ColumnType, Index, IndexMethod, IndexPart};

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hc-generate-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_new_column_and_index_make_a_migration_of_just_those() {
    let dir = scratch_dir();
    let schema = hingecraft_platform::project().production().unwrap().schema;
    generate::rebaseline(&dir, &schema).unwrap();
    assert!(
        generate::next(&dir, &schema, "nothing", GenerateOptions::default())
            .unwrap()
            .is_none(),
        "an unchanged schema gets no migration"
    );
    generate::check(&dir, &schema).unwrap();

    let mut changed = schema.clone();
    let users = changed
        .tables
        .iter_mut()
        .find(|t| t.name == "users")
        .unwrap();
    users
        .columns
        .push(Column::new("nickname", ColumnType::Text).nullable());
    users.indexes.push(Index {
        name: "idx_users_nickname".into(),
        parts: vec![IndexPart::column("nickname")],
        unique: false,
        method: IndexMethod::Btree,
        predicate: None,
    });
    let stale = generate::check(&dir, &changed).unwrap_err().to_string();
    assert!(stale.contains("add column users.nickname"), "{stale}");

    let migration = generate::next(&dir, &changed, "add_nickname", GenerateOptions::default())
        .unwrap()
        .unwrap();
    assert_eq!(migration.dir, "0002_add_nickname");
    assert_eq!(
        migration.changes,
        [
            "add column users.nickname",
            "create index users.idx_users_nickname"
        ]
    );
    let statements = |text: &str| {
        hingecraft::migrate::script::parse(text)
            .into_iter()
            .map(|s| s.sql)
            .filter(|s| !s.starts_with("SET LOCAL"))
            .collect::<Vec<_>>()
    };
    let [pg_up, pg_down, lite_up, lite_down, _] = &migration.files;
    insta::assert_snapshot!(
        "add_nickname",
        [pg_up, pg_down, lite_up, lite_down]
            .map(|f| statements(f).join(";\n"))
            .join("\n-----\n")
    );
    // The whole file: each step's marker, lock and hazards.
    insta::assert_snapshot!("add_nickname_postgres_up", pg_up);
    generate::write(&dir, &migration).unwrap();
    generate::check(&dir, &changed).unwrap();
    assert!(
        generate::next(&dir, &changed, "again", GenerateOptions::default())
            .unwrap()
            .is_none()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_change_that_deletes_data_is_refused_unless_allowed_and_is_marked() {
    let dir = scratch_dir();
    let schema = hingecraft_platform::project().production().unwrap().schema;
    generate::rebaseline(&dir, &schema).unwrap();
    let mut changed = schema.clone();
    let users = changed
        .tables
        .iter_mut()
        .find(|t| t.name == "users")
        .unwrap();
    let dropped = users.columns.pop().unwrap().name;
    let err = generate::next(&dir, &changed, "drop", GenerateOptions::default()).unwrap_err();
    assert!(matches!(err, GenerateError::Destructive { .. }), "{err}");
    assert!(
        err.to_string()
            .contains(&format!("drop column users.{dropped}")),
        "{err}"
    );
    let migration = generate::next(
        &dir,
        &changed,
        "drop",
        GenerateOptions::default().allow_destructive(true),
    )
    .unwrap()
    .unwrap();
    assert!(
        migration.files[0].contains(&format!(
            "-- drop column users.{dropped}\n-- hazard: DELETES_DATA\n"
        )),
        "{}",
        migration.files[0]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_checked_in_baseline_runs_the_statements_the_generator_writes() {
    // A migration once written never changes: the baseline keeps the
    // format it was written in (one transaction). The generator now writes
    // steps; for a baseline (every table new) they are the same
    // statements, in the same order, and the same snapshot.
    let migrations = hingecraft_migration::migrator().migrations().unwrap();
    let first = &migrations[0];
    let schema = hingecraft::snapshot::from_json(first.snapshot()).unwrap();
    let again = generate::render_migration(
        1,
        "baseline",
        &Default::default(),
        &schema,
        GenerateOptions::default(),
    )
    .unwrap()
    .unwrap();
    assert_eq!(again.dir, first.name);
    let schema_statements = |text: &str| {
        hingecraft::migrate::script::parse(text)
            .into_iter()
            .map(|s| s.sql)
            .filter(|s| {
                !(s.starts_with("SET ")
                    || s == "BEGIN"
                    || s == "COMMIT"
                    || s.starts_with("PRAGMA foreign_key"))
            })
            .collect::<Vec<_>>()
    };
    for (a, b) in again.files.iter().zip(&first.files).take(4) {
        let (a, b) = (schema_statements(a), schema_statements(b));
        let first_difference = a.iter().zip(&b).find(|(x, y)| x != y);
        assert!(
            a.len() == b.len() && first_difference.is_none(),
            "the baseline's statements differ from a regenerated one's ({} vs {}): {first_difference:?}",
            a.len(),
            b.len()
        );
    }
    assert_eq!(again.files[4], first.files[4], "the snapshot");
    let postgres = hingecraft::migrate::steps::Script::parse(&again.dir, &again.files[0]).unwrap();
    assert_eq!(postgres.format, 2);
    assert_eq!(
        postgres.steps.len(),
        1,
        "a baseline is one step: every table is new"
    );
    let checked_in =
        hingecraft::migrate::steps::Script::parse(&first.name, &first.files[0]).unwrap();
    assert_eq!(
        checked_in.format, 1,
        "the checked-in baseline stays as it was written"
    );
}
