//! A service imports the typed models (`starter-entities`) and runs the
//! migrations (`starter-migration`): neither compiles the generators.

use std::path::Path;
use std::process::Command;

/// The packages `package` depends on (normal and build edges), one a line.
fn tree(package: &str) -> String {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
        ])
        .args(["--package", package, "--manifest-path"])
        .arg(&manifest)
        .output()
        .expect("cargo runs");
    let tree = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{tree}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tree
}

fn has(tree: &str, package: &str) -> bool {
    tree.lines().any(|l| l.starts_with(&format!("{package} ")))
}

#[test]
fn the_entities_and_the_migrations_compile_none_of_the_generators() {
    for package in ["starter-entities", "starter-migration"] {
        let tree = tree(package);
        assert!(has(&tree, "hingecraft-runtime"), "{tree}");
        for unwanted in [
            "hingecraft-tools",
            "hingecraft-schema",
            "hingecraft-entities",
        ] {
            assert!(
                !has(&tree, unwanted),
                "{package} depends on {unwanted}:\n{tree}"
            );
        }
    }
    // The tools are where they belong: in the `starter` binary.
    let tools = tree("starter");
    assert!(has(&tools, "hingecraft-tools"), "{tools}");
}
