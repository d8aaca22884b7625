// The migrations directory is a string literal, relative to the crate.
const MIGRATIONS: &[(&str, [&str; 5])] = hingecraft_macros::embedded_migration_files!(migrations);

fn main() {
    let _ = MIGRATIONS;
}
