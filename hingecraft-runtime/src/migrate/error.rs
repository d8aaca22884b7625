//! What can go wrong while loading, generating or applying migrations.

use sea_orm::DbErr;

/// An error of the migrator, naming the migration at fault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MigrationError {
    /// The database refused a statement or could not be reached.
    #[error("migration `{migration}`: {source}\n  in: {statement}")]
    Statement {
        /// The migration (`0001_baseline`).
        migration: String,
        /// The statement that failed.
        statement: String,
        /// What the database said.
        source: DbErr,
    },
    /// The database failed outside any migration's statements.
    #[error("database error: {0}")]
    Database(#[from] DbErr),
    /// An applied migration's files are not the ones that were applied.
    #[error(
        "migration `{migration}` was applied with checksum {applied} but its files now have checksum {current}: \
         an applied migration must never change; restore its files and put the change in a new migration"
    )]
    Modified {
        /// The migration.
        migration: String,
        /// The checksum stored when it was applied.
        applied: String,
        /// The checksum of the files now.
        current: String,
    },
    /// The database has a migration this build does not know.
    #[error("migration `{migration}` is applied to the database but unknown to this build")]
    Unknown {
        /// The migration as recorded.
        migration: String,
    },
    /// A migration directory is missing a file or cannot be read.
    #[error("migration `{migration}`: cannot read `{file}`: {reason}")]
    Files {
        /// The migration directory.
        migration: String,
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// The migrations directory cannot be read.
    #[error("cannot read the migrations directory `{}`: {reason}", path.display())]
    Directory {
        /// The directory.
        path: std::path::PathBuf,
        /// Why.
        reason: String,
    },
    /// A directory in `migrations/` is not named `NNNN_name`.
    #[error("`{dir}` is not a migration directory name (`NNNN_name`)")]
    BadName {
        /// The directory name.
        dir: String,
    },
    /// A migration file's steps are malformed.
    #[error("migration `{migration}`: {reason}")]
    Format {
        /// The migration.
        migration: String,
        /// What is wrong.
        reason: String,
    },
    /// Another session held a table's lock through every try of a step.
    #[error(
        "migration `{migration}`, step {step}: table `{table}` stayed locked by another session{holder} \
         through {tries} tries of lock_timeout {lock_timeout_ms} ms; nothing of the step was applied, \
         run again once that session is done\n  in: {statement}"
    )]
    LockTimeout {
        /// The migration.
        migration: String,
        /// The step, from 1.
        step: u32,
        /// The table whose lock was not granted.
        table: String,
        /// The session holding it (` (pid 123: <its query>)`), when found.
        holder: String,
        /// How many times the step was tried.
        tries: u32,
        /// The lock timeout of each try, in milliseconds.
        lock_timeout_ms: u64,
        /// The statement that waited.
        statement: String,
    },
    /// A run stopped in the middle of a migration and the other direction
    /// was asked for.
    #[error(
        "migration `{migration}` is partly {state} ({done} of {total} steps): \
         run `{finish}` to finish it first"
    )]
    Partial {
        /// The migration.
        migration: String,
        /// Steps done.
        done: usize,
        /// Steps in all.
        total: usize,
        /// `applied` or `rolled back`.
        state: String,
        /// The command that finishes it.
        finish: String,
    },
    /// Rows break a foreign key once a SQLite migration rebuilt a table:
    /// the migration was rolled back, every row kept.
    #[error(
        "migration `{migration}` was rolled back: rows break foreign keys\n  {}",
        violations.join("\n  ")
    )]
    ForeignKeyCheck {
        /// The migration.
        migration: String,
        /// Each row at fault.
        violations: Vec<String>,
    },
    /// The backend is neither Postgres nor SQLite.
    #[error("backend {backend} is not supported; use Postgres or SQLite")]
    Backend {
        /// The backend.
        backend: String,
    },
}

impl From<MigrationError> for DbErr {
    fn from(e: MigrationError) -> Self {
        match e {
            MigrationError::Database(e) => e,
            other => DbErr::Migration(other.to_string()),
        }
    }
}
