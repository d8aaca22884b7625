//! Rebuilds the crate when a migration directory is added or removed: the
//! `embed_migrations!` in `src/lib.rs` reads the files themselves, and
//! `include_str!` tracks each of them.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
