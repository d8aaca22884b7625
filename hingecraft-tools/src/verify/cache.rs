//! A cache of expected catalogs. Building the expected schema in a scratch
//! database (hundreds of tables and indexes, then dropping the database)
//! takes seconds; reading its catalog back takes milliseconds. The expected
//! catalog is a pure function of the DDL applied and the server's version
//! (which decides how Postgres prints definitions), so it is stored under a
//! hash of both and reused: a verification after the first one only reads
//! the live database. A cache that cannot be read or written is not an
//! error: the scratch database is built as if there were none.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use super::catalog::Catalog;

/// Bumped whenever [`Catalog`] or the introspection queries change shape.
const FORMAT: &str = "hingecraft-verify-catalog-1";

/// The default cache directory: `hingecraft-verify` in the system temporary directory.
pub(crate) fn default_dir() -> PathBuf {
    std::env::temp_dir().join("hingecraft-verify")
}

/// FNV-1a, 64 bits: stable across builds and platforms, unlike `std`'s hasher.
fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The cache key of the catalog `ddl` produces on a server of `version`.
pub(crate) fn key(ddl: &str, version: &str) -> String {
    let parts = [FORMAT, env!("CARGO_PKG_VERSION"), version, ddl];
    // Lengths keep `("ab", "c")` and `("a", "bc")` apart.
    let bytes = parts
        .iter()
        .flat_map(|p| (p.len() as u64).to_le_bytes().into_iter().chain(p.bytes()));
    format!("{:016x}", fnv1a(bytes))
}

fn path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.json"))
}

/// The cached catalog under `key`, if any and readable.
pub(crate) fn load(dir: &Path, key: &str) -> Option<Catalog> {
    let text = std::fs::read_to_string(path(dir, key)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Stores `catalog` under `key`; written to a unique file and renamed, so
/// concurrent runs never read half a file. Failures are ignored (see module docs).
pub(crate) fn store(dir: &Path, key: &str, catalog: &Catalog) {
    let Ok(text) = serde_json::to_string(catalog) else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    // Unique per process and per call: tests verify concurrently in threads.
    static CALLS: AtomicU32 = AtomicU32::new(0);
    let n = CALLS.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!("{key}.{}.{n}.tmp", std::process::id()));
    if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, path(dir, key)).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_depends_on_the_ddl_and_the_server_version() {
        let k = key("CREATE TABLE t ()", "150004");
        assert_eq!(k, key("CREATE TABLE t ()", "150004"));
        assert_ne!(k, key("CREATE TABLE u ()", "150004"));
        assert_ne!(k, key("CREATE TABLE t ()", "160000"));
        assert_ne!(key("ab", "c"), key("a", "bc"));
    }

    #[test]
    fn a_stored_catalog_reads_back_equal() {
        let dir = std::env::temp_dir().join(format!("hc-verify-cache-{}", std::process::id()));
        let mut catalog = Catalog::default();
        catalog.extensions.insert("pg_trgm".into());
        store(&dir, "k", &catalog);
        assert_eq!(load(&dir, "k"), Some(catalog));
        assert_eq!(load(&dir, "missing"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
