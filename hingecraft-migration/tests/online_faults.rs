//! The runner under faults on the online plan: a SIGKILL during each step
//! outside a transaction, a table another session keeps locked, a pool of
//! one connection.

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hingecraft::migrate::{LockPolicy, MigrationError, steps::Script};
use hingecraft_test_harness::{PgTestDb, pg_test_db};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DbBackend, Statement, TransactionTrait};

use support::{fill_sql, migrations, migrator};

async fn count(db: &impl ConnectionTrait, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql.to_owned()))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

async fn invalid_indexes(db: &impl ConnectionTrait) -> i64 {
    count(db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid").await
}

async fn prepared(rows: u64) -> Option<(PgTestDb, std::path::PathBuf, String)> {
    let pg = pg_test_db!()?;
    let (dir, online) = migrations();
    migrator(&dir).up(pg.conn(), Some(1)).await.unwrap();
    for sql in fill_sql(rows) {
        pg.execute_unprepared(&sql).await.unwrap();
    }
    Some((pg, dir, online.files[0].clone()))
}

#[tokio::test]
async fn sigkill_during_each_step_outside_a_transaction_then_up_completes_with_no_invalid_index() {
    let Some((pg, dir, up)) = prepared(400_000).await else {
        return;
    };
    let script = Script::parse("0002_online", &up).unwrap();
    let builds: Vec<String> = script
        .steps
        .iter()
        .filter_map(|s| s.marker.builds_index.clone())
        .collect();
    assert!(builds.len() >= 2, "{builds:?}");
    let flag = format!("--migrations-dir={}", dir.display());
    let mut seen_invalid = 0;
    'index: for index in &builds {
        for round in 0..2 {
            let mut child = Command::new(env!("CARGO_BIN_EXE_migration"))
                .args([flag.as_str(), "up"])
                .env("DATABASE_URL", pg.url())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            // The build under way in the runner's session, seen from another.
            let running = format!(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
                 AND state = 'active' AND pid <> pg_backend_pid() \
                 AND query LIKE '%CONCURRENTLY IF NOT EXISTS \"{index}\"%'"
            );
            // A build already complete (the kill of a round came after its
            // end) leaves nothing to kill for this index.
            let built = format!(
                "SELECT count(*) FROM pg_index WHERE indisvalid \
                 AND indexrelid = to_regclass('\"{index}\"')"
            );
            let started = Instant::now();
            while count(pg.conn(), &running).await == 0 {
                if count(pg.conn(), &built).await > 0 {
                    child.kill().unwrap();
                    child.wait().unwrap();
                    continue 'index;
                }
                assert!(
                    started.elapsed() < Duration::from_secs(60),
                    "the build of {index} never started (round {round})"
                );
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            tokio::time::sleep(Duration::from_millis(30)).await;
            child.kill().unwrap(); // SIGKILL, in the middle of the build
            child.wait().unwrap();
            // The server notices the closed connection within the runner's
            // client_connection_check_interval and stops the build.
            let gone = Instant::now();
            while count(pg.conn(), &running).await > 0 {
                assert!(
                    gone.elapsed() < Duration::from_secs(30),
                    "the build of {index} goes on"
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            seen_invalid += invalid_indexes(pg.conn()).await;
        }
    }
    assert!(
        seen_invalid > 0,
        "no kill left an INVALID index: the rebuild path went untested"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_migration"))
        .args([flag.as_str(), "up"])
        .env("DATABASE_URL", pg.url())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("applied: 0002_online"), "{text}");
    assert_eq!(invalid_indexes(pg.conn()).await, 0);
    assert_eq!(
        count(
            pg.conn(),
            "SELECT count(*) FROM pg_constraint WHERE NOT convalidated"
        )
        .await,
        0
    );
    assert_eq!(
        count(pg.conn(), "SELECT count(*) FROM hingecraft_migrations").await,
        2
    );
    std::fs::remove_dir_all(dir).unwrap();
    pg.drop_db().await;
}

fn quick(retries: u32) -> LockPolicy {
    LockPolicy {
        lock_timeout: Duration::from_millis(100),
        retries,
        backoff: Duration::from_millis(50),
        max_backoff: Duration::from_millis(200),
    }
}

#[tokio::test]
async fn a_locked_table_makes_the_step_wait_retry_and_then_succeed_or_fail_naming_it() {
    let Some((pg, dir, _)) = prepared(1_000).await else {
        return;
    };
    let other = Database::connect(pg.url()).await.unwrap();

    // Released after a second: the run retries, then succeeds.
    let holder = other.begin().await.unwrap();
    holder
        .execute_unprepared("LOCK TABLE items IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let patient = migrator(&dir).with_lock_policy(quick(40));
    let release = async {
        tokio::time::sleep(Duration::from_secs(1)).await;
        holder.commit().await.unwrap();
    };
    let (report, ()) = tokio::join!(patient.up(pg.conn(), None), release);
    let report = report.unwrap();
    assert_eq!(report.applied, ["0002_online"]);
    assert!(!report.lock_retries.is_empty(), "{report:?}");
    assert!(
        report.lock_retries[0].contains("0002_online step 1"),
        "{report:?}"
    );

    // Held past the last try: the error names the table and the holder.
    migrator(&dir).down(pg.conn(), Some(1)).await.unwrap();
    let holder = other.begin().await.unwrap();
    holder
        .execute_unprepared("LOCK TABLE items IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let err = migrator(&dir)
        .with_lock_policy(quick(2))
        .up(pg.conn(), None)
        .await
        .unwrap_err();
    holder.rollback().await.unwrap();
    let MigrationError::LockTimeout {
        table,
        tries,
        holder: who,
        ..
    } = &err
    else {
        panic!("expected a lock timeout, got: {err}");
    };
    assert_eq!(table, "items", "{err}");
    assert_eq!(*tries, 3);
    assert!(who.contains("LOCK TABLE items"), "{err}");
    assert!(err.to_string().contains("table `items`"), "{err}");
    // Nothing of the step was applied; the next run applies the migration.
    let report = migrator(&dir).up(pg.conn(), None).await.unwrap();
    assert_eq!(report.applied, ["0002_online"]);
    let _ = other.close().await;
    std::fs::remove_dir_all(dir).unwrap();
    pg.drop_db().await;
}

#[tokio::test]
async fn a_pool_of_one_connection_migrates_up_down_and_up() {
    let Some((pg, dir, _)) = prepared(1_000).await else {
        return;
    };
    let mut options = ConnectOptions::new(pg.url().to_owned());
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let one = Database::connect(options).await.unwrap();
    let m = migrator(&dir);
    assert_eq!(m.up(&one, None).await.unwrap().applied, ["0002_online"]);
    assert!(m.status(&one).await.unwrap().iter().all(|s| s.applied));
    assert_eq!(
        m.down(&one, Some(1)).await.unwrap().rolled_back,
        ["0002_online"]
    );
    assert_eq!(m.up(&one, None).await.unwrap().applied, ["0002_online"]);
    // The connection went back to the pool as it was: usable, its
    // settings its own.
    assert_eq!(
        count(
            &one,
            "SELECT count(*) FROM pg_settings WHERE name = 'lock_timeout' AND setting = '0'"
        )
        .await,
        1
    );
    let own_locks = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' \
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
    assert_eq!(count(&one, own_locks).await, 0);
    let _ = one.close().await;
    std::fs::remove_dir_all(dir).unwrap();
    pg.drop_db().await;
}
