//! The `migration` binary, run as a user runs it.

use std::path::PathBuf;
use std::process::{Command, Output};

use hingecraft_test_harness::{pg_tables, pg_test_db};

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hc-migration-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn migration(dir: &PathBuf, url: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_migration"));
    cmd.current_dir(dir)
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("DATABASE_SCHEMA");
    if let Some(url) = url {
        cmd.env("DATABASE_URL", url);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "migration {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn up_without_configuration_creates_hingecraft_db_and_is_then_a_no_op() {
    let dir = scratch_dir();
    let first = stdout(&migration(&dir, None, &["up"]));
    assert!(
        first.contains("database: sqlite://hingecraft.db?mode=rwc"),
        "{first}"
    );
    assert!(first.contains("applied: 0001_baseline"), "{first}");
    assert!(dir.join("hingecraft.db").is_file());

    let again = stdout(&migration(&dir, None, &[]));
    assert!(again.contains("nothing to do"), "{again}");
    assert!(!again.contains("applied:"), "{again}");

    let status = stdout(&migration(&dir, None, &["status"]));
    assert!(
        status.contains("applied") && status.contains("0001_baseline"),
        "{status}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_subcommand_works_on_sqlite() {
    let dir = scratch_dir();
    for args in [
        &["up"][..],
        &["down"],
        &["up", "-n", "1"],
        &["refresh"],
        &["fresh"],
        &["reset"],
        &["up"],
    ] {
        migration(&dir, None, args);
    }
    let down = stdout(&migration(&dir, None, &["down", "-n", "2"]));
    assert!(
        down.contains("rolled back: 0002_tenancy_hardening"),
        "{down}"
    );
    assert!(down.contains("rolled back: 0001_baseline"), "{down}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn every_subcommand_works_on_postgres() {
    let Some(pg) = pg_test_db!() else { return };
    let dir = scratch_dir();
    let url = pg.url().to_owned();
    let up = stdout(&migration(&dir, Some(&url), &["up"]));
    assert!(up.contains(&format!("database: {url}")), "{up}");
    assert!(up.contains("applied: 0001_baseline"), "{up}");
    assert!(pg_tables(pg.conn()).await.contains(&"users".to_owned()));

    migration(&dir, Some(&url), &["down", "-n", "2"]);
    assert_eq!(
        pg_tables(pg.conn()).await,
        ["hingecraft_migrations"],
        "down drops every table it created"
    );
    for args in [
        &["up"][..],
        &["status"],
        &["refresh"],
        &["fresh"],
        &["reset"],
        &["up"],
    ] {
        migration(&dir, Some(&url), args);
    }
    assert!(
        pg_tables(pg.conn())
            .await
            .contains(&"workspace_members".to_owned())
    );
    assert!(
        !dir.join("hingecraft.db").exists(),
        "Postgres runs leave no SQLite file behind"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    pg.drop_db().await;
}
