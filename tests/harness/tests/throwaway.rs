//! The throwaway-cluster path, run for real in a child process with
//! `HINGECRAFT_PG_THROWAWAY=1`, and its cleanup at process exit.

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use hingecraft_test_harness::{
    ENV_TEST_DATABASE_URL, ENV_THROWAWAY, PgSource, pg_server, pg_test_db,
};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

const INNER: &str = "throwaway_cluster_inner";

#[tokio::test]
async fn throwaway_cluster_starts_serves_and_is_removed_at_exit() {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(&exe)
        .args([
            INNER,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ENV_THROWAWAY, "1")
        .env_remove(ENV_TEST_DATABASE_URL)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{} {INNER} failed ({}):\nstdout:\n{stdout}\nstderr:\n{stderr}",
        exe.display(),
        out.status
    );
    if let Some(why) = stderr
        .lines()
        .find(|l| l.starts_with("SKIPPED (no Postgres)"))
    {
        eprintln!("{why}");
        return;
    }
    let field = |key: &str| {
        stdout
            .lines()
            .find_map(|l| l.split_once(key).map(|(_, value)| value))
            .unwrap_or_else(|| panic!("no {key} in child stdout:\n{stdout}\nstderr:\n{stderr}"))
            .to_owned()
    };
    let dir = PathBuf::from(field("HC_DIR="));
    let port: u16 = field("HC_PORT=").parse().unwrap();
    assert_ne!(port, 5432);

    // The child has exited: its reaper stops the server and removes the directory.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let listening = TcpStream::connect(("127.0.0.1", port)).is_ok();
        if !listening && !dir.exists() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "after the child exited: port {port} listening = {listening}, {} exists = {}",
            dir.display(),
            dir.exists()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Run by the test above in a child process.
#[tokio::test]
#[ignore = "run in a child process by throwaway_cluster_starts_serves_and_is_removed_at_exit"]
async fn throwaway_cluster_inner() {
    assert_eq!(
        std::env::var(ENV_THROWAWAY).as_deref(),
        Ok("1"),
        "run through throwaway_cluster_starts_serves_and_is_removed_at_exit"
    );
    let Some(pg) = pg_test_db!() else { return };
    let PgSource::Throwaway { dir, port } = pg_server().unwrap().source().clone() else {
        panic!("expected a throwaway cluster, got {:?}", pg_server());
    };
    assert!(dir.join("data").join("PG_VERSION").exists());
    assert!(
        pg.url()
            .contains(&format!("127.0.0.1:{port}/{}", pg.name()))
    );

    let row = pg
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT 1::int4",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get_by_index::<i32>(0).unwrap(), 1);
    pg.execute_unprepared("CREATE TABLE t (id integer PRIMARY KEY)")
        .await
        .unwrap();
    pg.drop_db().await;

    println!("HC_DIR={}", dir.display());
    println!("HC_PORT={port}");
}
