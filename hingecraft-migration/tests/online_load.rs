//! The load test: a table of 1,000,000 rows, four writers inserting and
//! updating it in a loop, while a generated migration adds an index, a
//! unique constraint, a foreign key, a check and a `NOT NULL` to it; the
//! online plan against the same changes as one blocking transaction, in
//! the same run. It takes minutes, so it is ignored in the normal suite
//! (`online.rs` runs a smaller one always); `scripts/bench-online.sh` runs
//! it and prints its last line.

mod support;

use hingecraft::diff::{Change, diff};
use hingecraft::render::{Dialect, Postgres};
use hingecraft_test_harness::{PgTestDb, pg_test_db};
use sea_orm::{ConnectOptions, ConnectionTrait, Database};

use support::load::{Load, under_load};
use support::{after, before, fill_sql, migrations, migrator};

const ROWS: u64 = 1_000_000;
const WRITERS: usize = 4;

/// Today's simple DDL of the same changes, as a migration writes it for a
/// table it creates itself (nothing waits on such a table).
fn blocking_statements() -> Vec<String> {
    let (old, new) = (before(), after());
    let items = new.table("items").unwrap().clone();
    let mut context = vec![Change::CreateTable { table: items }];
    context.extend(diff(&old, &new));
    Postgres
        .render_changes(&context, &old, &new)
        .unwrap()
        .into_iter()
        .skip(1)
        .flat_map(|r| r.sql())
        .collect()
}

async fn filled(pg: &PgTestDb, dir: &std::path::Path) {
    migrator(dir).up(pg.conn(), Some(1)).await.unwrap();
    for sql in fill_sql(ROWS) {
        pg.execute_unprepared(&sql).await.unwrap();
    }
}

#[tokio::test]
#[ignore = "minutes: run by scripts/bench-online.sh"]
async fn a_million_rows_four_writers_online_against_blocking() {
    let Some(online_db) = pg_test_db!() else {
        return;
    };
    let Some(blocking_db) = pg_test_db!() else {
        return;
    };
    let (dir, _) = migrations();

    filled(&online_db, &dir).await;
    let (report, online) = under_load(
        online_db.url(),
        WRITERS,
        migrator(&dir).up(online_db.conn(), None),
    )
    .await;
    report.unwrap();

    filled(&blocking_db, &dir).await;
    let mut options = ConnectOptions::new(blocking_db.url().to_owned());
    options.max_connections(1).sqlx_logging(false);
    let one = Database::connect(options).await.unwrap();
    let script: String = blocking_statements()
        .iter()
        .map(|s| format!("{s};\n"))
        .collect();
    let work = async {
        one.execute_unprepared(&format!("BEGIN;\n{script}COMMIT;"))
            .await
            .unwrap();
    };
    let ((), blocking) = under_load(blocking_db.url(), WRITERS, work).await;
    let _ = one.close().await;

    let line = |l: &Load| {
        format!(
            "failed writes {}, max stall {} ms",
            l.failed,
            l.max_stall.as_millis()
        )
    };
    eprintln!(
        "writes: online {}, blocking {}",
        online.writes, blocking.writes
    );
    println!("online: {}; blocking: {}", line(&online), line(&blocking));
    assert_eq!(online.failed, 0, "{online:?}");
    assert!(online.max_stall.as_millis() < 1000, "{online:?}");
    std::fs::remove_dir_all(dir).unwrap();
    online_db.drop_db().await;
    blocking_db.drop_db().await;
}
