//! A crate outside the workspace (`tests/downstream/`) that depends on
//! `hingecraft` by path, imports the typed production models and runs the
//! Migrator: built and run here, sharing this build's target directory so
//! that nothing is built twice.

use std::path::Path;
use std::process::Command;

#[test]
fn a_downstream_crate_builds_migrates_and_queries() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = root.join("tests/downstream/Cargo.toml");
    let target = std::env::var_os("CARGO_TARGET_DIR").unwrap_or_else(|| root.join("target").into());
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["run", "--quiet", "--manifest-path"])
        .arg(&manifest)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("DATABASE_URL")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "downstream failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("downstream ok: ada@example.com owns Analytical Engines"),
        "{stdout}\n{stderr}"
    );
}
