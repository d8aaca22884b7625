//! `generate`'s migration half: the next migration in
//! `hingecraft-migration/migrations/` when the production schema changed
//! since the last snapshot, or a check that none is missing.

use hingecraft::migration::generate::{self, GenerateError};
use hingecraft::migration::migrations_dir;
use hingecraft::model::Schema;

/// What `generate` was asked to do with migrations.
#[derive(Debug, Clone)]
pub(crate) struct MigrationArgs {
    /// The name of a new migration (`add_tags`).
    pub(crate) name: String,
    /// Write a migration even when a change deletes data.
    pub(crate) allow_destructive: bool,
    /// Replace every migration by a regenerated baseline.
    pub(crate) rebaseline: bool,
}

/// Writes the next migration (or the baseline) and prints what it did.
pub(crate) fn write(schema: &Schema, args: &MigrationArgs) -> Result<(), GenerateError> {
    let dir = migrations_dir();
    if args.rebaseline {
        let written = generate::rebaseline(dir, schema)?;
        println!("regenerated the baseline: {}", written.display());
        return Ok(());
    }
    match generate::next(dir, schema, &args.name, args.allow_destructive)? {
        None => println!("migrations are up to date (the schema matches the last snapshot)"),
        Some(migration) => {
            let written = generate::write(dir, &migration)?;
            println!(
                "wrote migration {} ({} change(s)):",
                written.display(),
                migration.changes.len()
            );
            for change in &migration.changes {
                println!("  {change}");
            }
        }
    }
    Ok(())
}

/// Fails when the schema changed and no migration says so.
pub(crate) fn check(schema: &Schema) -> Result<(), GenerateError> {
    generate::check(migrations_dir(), schema)?;
    println!("migrations are up to date");
    Ok(())
}
