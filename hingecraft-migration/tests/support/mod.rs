//! A small fixture schema and its online change, generated into a scratch
//! migrations directory, shared by the online-migration tests.

#![allow(dead_code, unreachable_pub)] // each test file uses part of it

pub mod load;

use std::path::{Path, PathBuf};

use hingecraft::generate::{self, GenerateOptions, NewMigration};
use hingecraft::migrate::{MigrationSource, Migrator};
use hingecraft::model::{
    Check, CheckKind, Column, ColumnType, ForeignKey, Index, IndexMethod, IndexPart,
    ReferentialAction, Schema, Table, Unique,
};

pub fn scratch_dir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hc-{what}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `accounts` and `items`, as they are before the change: no index, key,
/// check or `NOT NULL` beyond the primary keys.
pub fn before() -> Schema {
    let mut accounts = Table::new("accounts", "fixture");
    accounts.columns = vec![
        Column::new("id", ColumnType::Uuid),
        Column::new("name", ColumnType::Text),
    ];
    accounts.primary_key = vec!["id".into()];
    let mut items = Table::new("items", "fixture");
    items.columns = vec![
        Column::new("id", ColumnType::Uuid),
        Column::new("account_id", ColumnType::Uuid),
        Column::new("sku", ColumnType::Text),
        Column::new("qty", ColumnType::Integer),
        Column::new("note", ColumnType::Text).nullable(),
    ];
    items.primary_key = vec!["id".into()];
    Schema::from_tables([accounts, items])
}

/// The change the load test makes to a busy `items`: an index, a unique
/// constraint, a foreign key, a check and a `NOT NULL`.
pub fn after() -> Schema {
    let mut schema = before();
    let items = schema
        .tables
        .iter_mut()
        .find(|t| t.name == "items")
        .unwrap();
    items.indexes.push(Index {
        name: "idx_items_qty".into(),
        parts: vec![IndexPart::column("qty")],
        unique: false,
        method: IndexMethod::Btree,
        predicate: None,
    });
    items.uniques.push(Unique {
        name: "uq_items_sku".into(),
        columns: vec!["sku".into()],
    });
    items.foreign_keys.push(ForeignKey {
        name: "fk_items_account_id".into(),
        columns: vec!["account_id".into()],
        ref_table: "accounts".into(),
        ref_columns: vec!["id".into()],
        on_delete: ReferentialAction::Cascade,
        on_update: ReferentialAction::NoAction,
    });
    items.checks.push(Check {
        name: "ck_items_qty_range".into(),
        kind: CheckKind::Range {
            column: "qty".into(),
            min: Some(0),
            max: None,
        },
    });
    let note = items.columns.iter_mut().find(|c| c.name == "note").unwrap();
    note.nullable = false;
    schema
}

/// Writes migrations `0001_fixture` (the schema before) and
/// `0002_online` (the change) into a new directory.
pub fn migrations() -> (PathBuf, NewMigration) {
    let dir = scratch_dir("online");
    let options = GenerateOptions::default();
    let base = generate::render_migration(1, "fixture", &Schema::default(), &before(), options)
        .unwrap()
        .unwrap();
    generate::write(&dir, &base).unwrap();
    let online = generate::next(&dir, &after(), "online", options)
        .unwrap()
        .unwrap();
    generate::write(&dir, &online).unwrap();
    (dir, online)
}

pub fn migrator(dir: &Path) -> Migrator {
    Migrator::new(MigrationSource::directory(dir))
}

/// Fills `accounts` (100 rows) and `items` (`rows` rows, each valid under
/// the new schema) with SQL set operations: seconds for a million.
pub fn fill_sql(rows: u64) -> Vec<String> {
    vec![
        "INSERT INTO accounts (id, name) SELECT gen_random_uuid(), 'account ' || n \
         FROM generate_series(1, 100) AS n"
            .to_owned(),
        format!(
            "WITH a AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM accounts) \
             INSERT INTO items (id, account_id, sku, qty, note) \
             SELECT gen_random_uuid(), a.id, 'sku-' || n, n % 50, 'note ' || n \
             FROM generate_series(1, {rows}) AS n JOIN a ON a.k = n % 100"
        ),
        "ANALYZE items".to_owned(),
    ]
}
