//! The online plan of changes to existing tables: what the generator
//! writes (steps, locks, hazards), squawk's lock rules on it, a rewrite
//! refused, and writers that never fail nor stall while it runs.

mod support;

use std::process::Command;
use std::time::Duration;

use hingecraft::generate::{self, GenerateError, GenerateOptions};
use hingecraft::model::ColumnType;
use hingecraft_test_harness::pg_test_db;
use sea_orm::ConnectionTrait;

use support::load::under_load;
use support::{after, before, fill_sql, migrations, migrator};

/// squawk's rules about locks, none of which may be excluded or silenced.
const LOCK_RULES: [&str; 7] = [
    "require-concurrent-index-creation",
    "require-concurrent-index-deletion",
    "constraint-missing-not-valid",
    "adding-foreign-key-constraint",
    "adding-not-nullable-field",
    "disallowed-unique-constraint",
    "changing-column-type",
];

#[test]
fn the_plan_builds_online_and_names_each_steps_lock() {
    let (dir, online) = migrations();
    let up = &online.files[0];
    for expected in [
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"idx_items_qty\"",
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"uq_items_sku\"",
        "ADD CONSTRAINT \"uq_items_sku\" UNIQUE USING INDEX \"uq_items_sku\"",
        "REFERENCES \"accounts\" (\"id\") ON DELETE CASCADE NOT VALID",
        "VALIDATE CONSTRAINT \"fk_items_account_id\"",
        "CHECK (\"qty\" >= 0) NOT VALID",
        "VALIDATE CONSTRAINT \"ck_items_qty_range\"",
        "CHECK (\"note\" IS NOT NULL) NOT VALID",
        "ALTER COLUMN \"note\" SET NOT NULL",
        ", outside a transaction, builds index uq_items_sku, locks items",
        "-- lock: SHARE UPDATE EXCLUSIVE on items, while it scans the table (reads and writes go on)",
    ] {
        assert!(up.contains(expected), "missing `{expected}` in:\n{up}");
    }
    assert!(!up.contains("squawk-ignore"), "{up}");
    // Each validation is a step of its own: no stronger lock is held while it scans.
    let script = hingecraft::migrate::steps::Script::parse(&online.dir, up).unwrap();
    for step in &script.steps {
        if step.statements.iter().any(|s| s.sql.contains("VALIDATE")) {
            assert_eq!(step.statements.len(), 1, "{step:?}");
        }
    }
    let plan: Vec<String> = online.plan.iter().map(ToString::to_string).collect();
    assert!(
        plan.iter()
            .any(|p| p.starts_with("postgres step") && p.contains("outside a transaction")),
        "{plan:#?}"
    );
    assert!(
        plan.iter().any(|p| p.starts_with("sqlite step 1")),
        "{plan:#?}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// squawk on the generated files, with the project's configuration but the
/// files' own transactions (`BEGIN`/`COMMIT` per step).
#[test]
fn squawk_passes_the_online_migration_with_every_lock_rule_on() {
    if Command::new("squawk").arg("--version").output().is_err() {
        assert!(
            std::env::var("HINGECRAFT_REQUIRE_SQUAWK").as_deref() != Ok("1"),
            "squawk is required (HINGECRAFT_REQUIRE_SQUAWK=1) but not on PATH"
        );
        eprintln!("SKIPPED (no squawk on PATH)");
        return;
    }
    let config = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.squawk.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    for rule in LOCK_RULES {
        let excluded = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .any(|l| l.contains(&format!("\"{rule}\"")));
        assert!(!excluded, "{rule} is excluded in .squawk.toml");
    }
    let (dir, online) = migrations();
    for file in ["postgres.up.sql", "postgres.down.sql"] {
        let path = dir.join(&online.dir).join(file);
        let out = Command::new("squawk")
            .arg("--config")
            .arg(&config)
            .arg("--no-assume-in-transaction")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "squawk fails {file}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The same rules catch the blocking forms: the check has teeth.
    let blocking = dir.join("blocking.sql");
    std::fs::write(
        &blocking,
        "SET lock_timeout = '1s';\nSET statement_timeout = 0;\n\
         CREATE INDEX \"idx_items_qty\" ON \"items\" (\"qty\");\n\
         ALTER TABLE \"items\" ADD CONSTRAINT \"uq_items_sku\" UNIQUE (\"sku\");\n",
    )
    .unwrap();
    let out = Command::new("squawk")
        .arg("--config")
        .arg(&config)
        .arg("--no-assume-in-transaction")
        .arg(&blocking)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{report}");
    assert!(
        report.contains("require-concurrent-index-creation"),
        "{report}"
    );
    assert!(report.contains("disallowed-unique-constraint"), "{report}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_type_change_that_rewrites_the_table_is_refused_with_the_expand_contract_steps() {
    let dir = support::scratch_dir("rewrite");
    let options = GenerateOptions::default();
    let base = generate::render_migration(1, "fixture", &Default::default(), &before(), options)
        .unwrap()
        .unwrap();
    generate::write(&dir, &base).unwrap();
    let mut changed = before();
    let items = changed
        .tables
        .iter_mut()
        .find(|t| t.name == "items")
        .unwrap();
    items
        .columns
        .iter_mut()
        .find(|c| c.name == "qty")
        .unwrap()
        .ty = ColumnType::BigInt;
    let err = generate::next(&dir, &changed, "qty_bigint", options).unwrap_err();
    assert!(matches!(err, GenerateError::Rewrite { .. }), "{err}");
    let message = err.to_string();
    for expected in [
        "--allow-rewrite",
        "alter column items.qty",
        "add column items.qty_new bigint",
        "backfill",
        "rename qty_new to qty",
    ] {
        assert!(
            message.contains(expected),
            "missing `{expected}`:\n{message}"
        );
    }
    let written = generate::next(
        &dir,
        &changed,
        "qty_bigint",
        options.allow_rewrite(true).allow_destructive(true),
    )
    .unwrap()
    .unwrap();
    assert!(
        written.files[0].contains("-- hazard: REWRITES_TABLE"),
        "{}",
        written.files[0]
    );
    // Widening a varchar rewrites nothing: no refusal.
    let mut widened = before();
    let accounts = widened
        .tables
        .iter_mut()
        .find(|t| t.name == "accounts")
        .unwrap();
    accounts.columns[1].ty = ColumnType::Varchar { len: 10 };
    let mut wider = widened.clone();
    let accounts = wider
        .tables
        .iter_mut()
        .find(|t| t.name == "accounts")
        .unwrap();
    accounts.columns[1].ty = ColumnType::Varchar { len: 20 };
    assert!(generate::render_migration(3, "wider", &widened, &wider, options).is_ok());
    std::fs::remove_dir_all(dir).unwrap();
}

/// The always-on version of the load test: a smaller table, the same
/// writers, the same bounds.
#[tokio::test]
async fn writers_never_fail_nor_stall_while_the_online_plan_runs() {
    let Some(pg) = pg_test_db!() else { return };
    let (dir, _) = migrations();
    let migrator = migrator(&dir);
    migrator.up(pg.conn(), Some(1)).await.unwrap();
    for sql in fill_sql(100_000) {
        pg.execute_unprepared(&sql).await.unwrap();
    }
    let (report, load) = under_load(pg.url(), 4, migrator.up(pg.conn(), None)).await;
    let report = report.unwrap();
    assert_eq!(report.applied, ["0002_online"]);
    assert!(load.writes > 100, "{load:?}");
    assert_eq!(load.failed, 0, "{load:?}");
    assert!(load.max_stall < Duration::from_secs(1), "{load:?}");
    // Every constraint is there and valid; the rows the writers added satisfy them.
    let invalid = pg
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT (SELECT count(*) FROM pg_constraint WHERE conrelid = 'items'::regclass AND NOT convalidated) \
             + (SELECT count(*) FROM pg_index WHERE indrelid = 'items'::regclass AND NOT indisvalid) AS n",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert_eq!(invalid, 0);
    let _ = after();
    std::fs::remove_dir_all(dir).unwrap();
    pg.drop_db().await;
}

/// A column with a volatile default on a table with rows: added nullable,
/// backfilled in batches, then given its default and `NOT NULL`; every
/// existing row gets its own value.
#[tokio::test]
async fn a_volatile_default_is_backfilled_row_by_row_then_made_not_null() {
    let Some(pg) = pg_test_db!() else { return };
    let dir = support::scratch_dir("volatile");
    let options = GenerateOptions::default();
    let base = generate::render_migration(1, "fixture", &Default::default(), &before(), options)
        .unwrap()
        .unwrap();
    generate::write(&dir, &base).unwrap();
    let mut with_token = before();
    let items = with_token
        .tables
        .iter_mut()
        .find(|t| t.name == "items")
        .unwrap();
    items.columns.push(
        hingecraft::model::Column::new("token", ColumnType::Uuid)
            .default(hingecraft::model::DefaultValue::RandomUuid),
    );
    let change = generate::next(&dir, &with_token, "token", options)
        .unwrap()
        .unwrap();
    let up = &change.files[0];
    assert!(
        up.contains("\"token\" uuid;") && up.contains("fill items.token in batches"),
        "the column is added nullable, then filled in batches:\n{up}"
    );
    generate::write(&dir, &change).unwrap();

    let migrator = migrator(&dir);
    migrator.up(pg.conn(), Some(1)).await.unwrap();
    for sql in fill_sql(5_000) {
        pg.execute_unprepared(&sql).await.unwrap();
    }
    let report = migrator.up(pg.conn(), None).await.unwrap();
    assert_eq!(report.applied, ["0002_token"]);

    let row = pg
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT count(*) AS n, count(token) AS filled, count(DISTINCT token) AS distinct_tokens, \
             (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'token') AS not_null, \
             (SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef d JOIN pg_attribute a \
                ON a.attrelid = d.adrelid AND a.attnum = d.adnum \
              WHERE d.adrelid = 'items'::regclass AND a.attname = 'token') AS default_expr \
             FROM items",
        ))
        .await
        .unwrap()
        .unwrap();
    let n: i64 = row.try_get("", "n").unwrap();
    assert_eq!(n, 5_000);
    assert_eq!(
        row.try_get::<i64>("", "filled").unwrap(),
        n,
        "every row backfilled"
    );
    assert_eq!(
        row.try_get::<i64>("", "distinct_tokens").unwrap(),
        n,
        "each row its own value, not one value for all"
    );
    assert!(row.try_get::<bool>("", "not_null").unwrap());
    assert_eq!(
        row.try_get::<String>("", "default_expr").unwrap(),
        "gen_random_uuid()"
    );
    // A row written after the migration takes the default.
    pg.execute_unprepared(
        "INSERT INTO items (id, account_id, sku, qty, note) \
         SELECT gen_random_uuid(), id, 'later', 1, 'n' FROM accounts LIMIT 1",
    )
    .await
    .unwrap();
    std::fs::remove_dir_all(dir).unwrap();
    pg.drop_db().await;
}
