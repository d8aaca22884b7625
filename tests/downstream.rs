//! A crate outside the workspace (`tests/downstream/`), a HingeCraft service:
//! it imports the typed production models and runs the platform's
//! migrations, built and run here, sharing this build's target directory so
//! that nothing is built twice. Its dependency tree holds none of the
//! generators.

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

#[test]
fn a_service_compiles_none_of_the_generators() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = root.join("tests/downstream/Cargo.toml");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--manifest-path",
        ])
        .arg(&manifest)
        .output()
        .expect("cargo runs");
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{tree}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(tree.contains("hingecraft-runtime"), "{tree}");
    for generator in ["hingecraft-schema", "hingecraft-tools"] {
        assert!(
            !tree
                .lines()
                .any(|l| l.starts_with(&format!("{generator} "))),
            "a service depends on {generator}:\n{tree}"
        );
    }
}
