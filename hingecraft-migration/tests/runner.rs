//! The runner under concurrency, faults, rollbacks and edited files: the
//! built `migration` binary against real Postgres and SQLite.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// The default bookkeeping table (`Bookkeeping::default().table`).
const TABLE: &str = "hingecraft_migrations";
use hingecraft_test_harness::{pg_tables, pg_test_db};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hc-runner-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn command(url: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_migration"));
    cmd.args(args)
        .env("DATABASE_URL", url)
        .env_remove("HINGECRAFT_LOCK_TIMEOUT_MS");
    cmd
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn run_ok(url: &str, args: &[&str]) -> String {
    let out = command(url, args).output().unwrap();
    assert!(
        out.status.success(),
        "migration {args:?} failed:\n{}",
        text(&out)
    );
    text(&out)
}

async fn applied_versions(db: &impl ConnectionTrait) -> Vec<i32> {
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("SELECT version FROM {TABLE} ORDER BY version"),
        ))
        .await
        .unwrap_or_default();
    rows.iter()
        .map(|r| r.try_get::<i32>("", "version").unwrap())
        .collect()
}

fn migration_count() -> usize {
    hingecraft_migration::migrator().migrations().unwrap().len()
}

#[tokio::test]
async fn eight_concurrent_runs_apply_each_migration_once() {
    let Some(pg) = pg_test_db!() else { return };
    let children: Vec<_> = (0..8)
        .map(|_| {
            command(pg.url(), &["up"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for out in &outputs {
        assert!(
            out.status.success(),
            "a concurrent run failed:\n{}",
            text(out)
        );
    }
    let appliers = outputs
        .iter()
        .filter(|o| text(o).contains("applied: 0001_baseline"))
        .count();
    assert_eq!(appliers, 1, "exactly one run applies the baseline");
    let idle = outputs
        .iter()
        .filter(|o| text(o).contains("nothing to do"))
        .count();
    assert_eq!(idle, 7, "the others wait, then find nothing pending");
    let versions = applied_versions(pg.conn()).await;
    assert_eq!(versions.len(), migration_count());
    assert!(pg_tables(pg.conn()).await.contains(&"users".to_owned()));
    pg.drop_db().await;
}

#[tokio::test]
async fn a_killed_run_leaves_a_migration_boundary_and_the_next_up_completes() {
    let Some(pg) = pg_test_db!() else { return };
    // The production path, nothing slowed down: the baseline goes in one
    // round trip. Kills land before, during and after it; each run waits
    // for the lock the previous (killed) one held until its server
    // session noticed.
    for kill_after_ms in [40, 120, 250, 450, 800, 1500] {
        let mut child = command(pg.url(), &["up"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(kill_after_ms));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // The server notices the closed connection and rolls back.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let versions = applied_versions(pg.conn()).await;
        let tables = pg_tables(pg.conn()).await;
        if versions.is_empty() {
            assert!(
                tables.iter().all(|t| t == TABLE),
                "killed after {kill_after_ms} ms: no migration recorded, yet tables exist: {tables:?}"
            );
        } else {
            assert!(tables.contains(&"users".to_owned()), "{tables:?}");
        }
    }
    let out = run_ok(pg.url(), &["up"]);
    assert!(
        out.contains("applied: 0001_baseline") || out.contains("nothing to do"),
        "{out}"
    );
    assert_eq!(applied_versions(pg.conn()).await.len(), migration_count());
    assert!(
        pg_tables(pg.conn())
            .await
            .contains(&"workspace_members".to_owned())
    );
    pg.drop_db().await;
}

fn pg_dump(url: &str) -> String {
    let bin = Path::new("/usr/lib/postgresql/15/bin/pg_dump");
    let bin = if bin.exists() {
        bin.to_owned()
    } else {
        PathBuf::from("pg_dump")
    };
    let out = Command::new(bin)
        .args(["--schema-only", "--no-owner", "--no-privileges", "-d", url])
        .output()
        .unwrap();
    assert!(out.status.success(), "pg_dump failed: {}", text(&out));
    // Recent pg_dump brackets its output with a random `\restrict` key.
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("\\restrict") && !l.starts_with("\\unrestrict"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn up_down_to_zero_and_up_again_gives_the_same_schema() {
    let Some(pg) = pg_test_db!() else { return };
    run_ok(pg.url(), &["up"]);
    let before = pg_dump(pg.url());
    assert!(
        before.contains("CREATE TABLE public.users"),
        "the dump holds the schema"
    );
    let n = migration_count().to_string();
    let down = run_ok(pg.url(), &["down", "-n", &n]);
    assert!(down.contains("rolled back: 0001_baseline"), "{down}");
    assert_eq!(
        pg_tables(pg.conn()).await,
        [TABLE],
        "down to zero drops every table"
    );
    run_ok(pg.url(), &["up"]);
    let after = pg_dump(pg.url());
    if before != after {
        let first = before
            .lines()
            .zip(after.lines())
            .find(|(a, b)| a != b)
            .map(|(a, b)| format!("before: {a}\nafter:  {b}"));
        panic!("pg_dump differs after up, down, up:\n{first:?}");
    }
    pg.drop_db().await;
}

/// A copy of the built-in migrations, to edit.
fn copy_migrations(to: &Path) {
    for m in hingecraft_migration::migrator().migrations().unwrap() {
        let dir = to.join(&m.name);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in hingecraft::migrate::files::FILE_NAMES.iter().zip(&m.files) {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
}

#[test]
fn editing_an_applied_migration_is_refused_by_up_and_status() {
    let dir = scratch_dir();
    let migrations = dir.join("migrations");
    copy_migrations(&migrations);
    let url = format!("sqlite://{}?mode=rwc", dir.join("db.sqlite").display());
    let flag = format!("--migrations-dir={}", migrations.display());
    run_ok(&url, &[&flag, "up"]);
    assert!(run_ok(&url, &[&flag, "status"]).contains("applied   0001_baseline"));

    let file = migrations.join("0001_baseline/sqlite.up.sql");
    let edited = std::fs::read_to_string(&file).unwrap() + "\n-- a harmless-looking edit\n";
    std::fs::write(&file, edited).unwrap();
    for args in [&[flag.as_str(), "up"][..], &[flag.as_str(), "status"]] {
        let out = command(&url, args).output().unwrap();
        assert!(
            !out.status.success(),
            "{args:?} must refuse: {}",
            text(&out)
        );
        let message = text(&out);
        assert!(
            message.contains("migration `0001_baseline`") && message.contains("checksum"),
            "{message}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sqlite_goes_up_down_and_up_again() {
    let dir = scratch_dir();
    let url = format!("sqlite://{}?mode=rwc", dir.join("db.sqlite").display());
    assert!(run_ok(&url, &["up"]).contains("applied: 0001_baseline"));
    assert!(run_ok(&url, &["down", "-n", "2"]).contains("rolled back: 0001_baseline"));
    assert!(run_ok(&url, &["status"]).contains("pending   0001_baseline"));
    assert!(run_ok(&url, &["up"]).contains("applied: 0001_baseline"));
    std::fs::remove_dir_all(&dir).unwrap();
}
