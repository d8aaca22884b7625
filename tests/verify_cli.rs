//! `hingecraft verify`, run as a user runs it: counts, drift, exit codes.

use std::process::{Command, Output};

use hingecraft_platform::migration::migrator;
use hingecraft_test_harness::pg_test_db;
use sea_orm::ConnectionTrait;

fn verify(url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hingecraft"))
        .args(["verify", "--database-url", url])
        .env_remove("DATABASE_URL")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The expected and found numbers of a count line (`tables  88  88`).
fn count(out: &str, label: &str) -> (usize, usize) {
    let line = out
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no `{label}` line in:\n{out}"));
    let numbers: Vec<usize> = line[label.len()..]
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    (numbers[0], numbers[1])
}

#[tokio::test]
async fn verify_exits_0_when_clean_and_1_on_drift_with_counts_and_each_difference() {
    let Some(pg) = pg_test_db!() else { return };
    migrator().up(pg.conn(), None).await.unwrap();

    let clean = verify(pg.url());
    let text = stdout(&clean);
    assert_eq!(clean.status.code(), Some(0), "{text}");
    assert!(text.contains(&format!("database: {}", pg.url())), "{text}");
    for label in [
        "tables",
        "indexes",
        "foreign keys",
        "RLS policies",
        "triggers",
        "functions",
    ] {
        let (expected, found) = count(&text, label);
        assert_eq!(expected, found, "{label} in:\n{text}");
        assert!(found > 0, "{label} in:\n{text}");
    }
    assert!(text.ends_with("no drift\n"), "{text}");

    pg.execute_unprepared(
        "DROP INDEX idx_users_status; ALTER TABLE accounts ADD COLUMN nickname text",
    )
    .await
    .unwrap();
    let drift = verify(pg.url());
    let text = stdout(&drift);
    assert_eq!(drift.status.code(), Some(1), "{text}");
    let (expected, found) = count(&text, "indexes");
    assert_eq!(expected, found + 1, "{text}");
    let (expected, found) = count(&text, "tables");
    assert_eq!(expected, found, "{text}");
    let tail: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.ends_with("difference(s):"))
        .collect();
    assert_eq!(
        tail,
        [
            "2 difference(s):",
            "table accounts: column nickname: unexpected (text, nullable)",
            "table users: index idx_users_status: missing",
        ],
        "{text}"
    );
}

#[test]
fn verify_exits_2_when_the_database_cannot_be_reached() {
    let out = verify("postgres://nobody@127.0.0.1:1/nothing");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("error: cannot connect to"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
