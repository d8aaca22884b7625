//! Embeds every migration directory (`migrations/NNNN_name/`) in the binary:
//! writes `$OUT_DIR/migrations.rs`, a sorted list of `include_str!`s.

use std::fmt::Write as _;
use std::path::Path;

const FILES: [&str; 5] = [
    "postgres.up.sql",
    "postgres.down.sql",
    "sqlite.up.sql",
    "sqlite.down.sql",
    "snapshot.json",
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut dirs: Vec<String> = std::fs::read_dir(&root)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    let mut out = String::from(
        "/// Every migration directory, sorted by name.\npub(crate) static EMBEDDED: &[(&str, [&str; 5])] = &[\n",
    );
    for dir in &dirs {
        write!(out, "    ({dir:?}, [").unwrap();
        for file in FILES {
            let path = root.join(dir).join(file);
            println!("cargo:rerun-if-changed={}", path.display());
            if path.is_file() {
                write!(out, "include_str!({:?}), ", path.display().to_string()).unwrap();
            } else {
                // A missing file is reported when the migration is loaded.
                out.push_str("\"\\u{0}missing\", ");
            }
        }
        out.push_str("]),\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("migrations.rs");
    std::fs::write(dest, out).unwrap();
}
