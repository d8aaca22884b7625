//! The generator on a scratch migrations directory: a baseline from the
//! production schema, then a migration holding exactly what changed.

use std::path::PathBuf;

use hingecraft::generate::{self, GenerateError};
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
        generate::next(&dir, &schema, "nothing", false)
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

    let migration = generate::next(&dir, &changed, "add_nickname", false)
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
    generate::write(&dir, &migration).unwrap();
    generate::check(&dir, &changed).unwrap();
    assert!(
        generate::next(&dir, &changed, "again", false)
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
    let err = generate::next(&dir, &changed, "drop", false).unwrap_err();
    assert!(matches!(err, GenerateError::Destructive { .. }), "{err}");
    assert!(
        err.to_string()
            .contains(&format!("drop column users.{dropped}")),
        "{err}"
    );
    let migration = generate::next(&dir, &changed, "drop", true)
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
fn the_checked_in_baseline_is_what_the_generator_writes() {
    // Migrations are generated files: regenerating the baseline from the
    // last snapshot reproduces it byte for byte.
    let migrations = hingecraft_migration::migrator().migrations().unwrap();
    let first = &migrations[0];
    let schema = hingecraft::snapshot::from_json(first.snapshot()).unwrap();
    let again = generate::render_migration(1, "baseline", &Default::default(), &schema, false)
        .unwrap()
        .unwrap();
    assert_eq!(again.dir, first.name);
    for (a, b) in again.files.iter().zip(&first.files) {
        assert!(a == b, "the baseline differs from a regenerated one");
    }
}
