//! Embedding migrations in a build: each checkout embeds its own files,
//! even when two checkouts share one target directory (as CI caches do),
//! and a missing or empty migrations directory fails the build naming the
//! path.
//!
//! A probe crate (outside the workspace) calls the embedding macro and
//! prints what it embedded; it depends on the macro crate only, and all
//! probes share one target directory under this workspace's, so the macro
//! crate is built once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// The one target directory every probe checkout builds into.
fn shared_target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("embed-checkouts")
}

/// A fresh checkout of the probe crate at `dir`, with `migrations`: each
/// a directory name and the text of its `postgres.up.sql` (`None`: no
/// migrations directory at all).
fn checkout(dir: &Path, package: &str, migrations: Option<&[(&str, &str)]>) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let macros = workspace_root().join("hingecraft-macros");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{package}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [workspace]\n\n[dependencies]\nhingecraft-macros = {{ path = {:?} }}\n",
            macros.display().to_string(),
        ),
    )
    .unwrap();
    // The workspace's lock: the probe resolves to the versions already built.
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(
        dir.join("build.rs"),
        "fn main() { println!(\"cargo:rerun-if-changed=migrations\"); }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        "const MIGRATIONS: &[(&str, [&str; 5])] =\n    \
         hingecraft_macros::embedded_migration_files!(\"migrations\");\n\n\
         fn main() {\n    for (name, files) in MIGRATIONS {\n        \
         println!(\"{name}: {}\", files[0].trim());\n    }\n}\n",
    )
    .unwrap();
    let Some(migrations) = migrations else { return };
    std::fs::create_dir_all(dir.join("migrations")).unwrap();
    for (name, up) in migrations {
        let m = dir.join("migrations").join(name);
        std::fs::create_dir_all(&m).unwrap();
        for file in [
            "postgres.up.sql",
            "postgres.down.sql",
            "sqlite.up.sql",
            "sqlite.down.sql",
            "snapshot.json",
        ] {
            let text = if file == "postgres.up.sql" {
                *up
            } else {
                "-- x"
            };
            std::fs::write(m.join(file), text).unwrap();
        }
    }
}

fn cargo_run(dir: &Path) -> Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
        .args(["run", "--quiet", "--offline", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", shared_target())
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("hc-embed-{name}-{}", std::process::id()))
}

#[test]
fn two_checkouts_sharing_a_target_directory_each_embed_their_own_migrations() {
    let a = scratch("a");
    checkout(&a, "embed-probe", Some(&[("0001_first", "SELECT 'a1'")]));
    let out = cargo_run(&a);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout, "0001_first: SELECT 'a1'\n");
    // The first checkout goes away, as a CI job's does; a second one, of
    // other files, builds into the same target directory.
    std::fs::remove_dir_all(&a).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));

    let b = scratch("b");
    checkout(
        &b,
        "embed-probe",
        Some(&[
            ("0001_first", "SELECT 'b1'"),
            ("0002_second", "SELECT 'b2'"),
        ]),
    );
    let out = cargo_run(&b);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout,
        "0001_first: SELECT 'b1'\n0002_second: SELECT 'b2'\n"
    );

    // A migration added to a checkout is embedded by the next build.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let third = b.join("migrations/0003_third");
    std::fs::create_dir_all(&third).unwrap();
    for file in [
        "postgres.up.sql",
        "postgres.down.sql",
        "sqlite.up.sql",
        "sqlite.down.sql",
        "snapshot.json",
    ] {
        std::fs::write(third.join(file), "SELECT 'b3'").unwrap();
    }
    let out = cargo_run(&b);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.ends_with("0003_third: SELECT 'b3'\n"), "{stdout}");
    std::fs::remove_dir_all(&b).unwrap();
}

#[test]
fn a_missing_or_empty_migrations_directory_fails_the_build_naming_it() {
    let missing = scratch("missing");
    checkout(&missing, "embed-probe-errors", None);
    let out = cargo_run(&missing);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a build without migrations passed");
    let path = missing.join("migrations").display().to_string();
    assert!(
        stderr.contains("cannot read the migrations directory"),
        "{stderr}"
    );
    assert!(stderr.contains(&path), "{stderr}");
    std::fs::remove_dir_all(&missing).unwrap();

    let empty = scratch("empty");
    checkout(&empty, "embed-probe-errors", Some(&[]));
    let out = cargo_run(&empty);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a build with no migration passed");
    assert!(stderr.contains("holds no migration"), "{stderr}");
    assert!(
        stderr.contains(&empty.join("migrations").display().to_string()),
        "{stderr}"
    );
    std::fs::remove_dir_all(&empty).unwrap();
}
