//! Writing the next migration: the diff between the last migration's
//! snapshot and the current schema, rendered for each backend and
//! direction (down = the SQL of `diff(new, old)`).
//!
//! The files are plans for a live database (format 2, written by
//! `generate/write.rs`): steps, each with how it runs, its lock and its hazards. A
//! type change that rewrites a table is refused unless asked for
//! ([`GenerateOptions::allow_rewrite`]); the refusal lists the
//! expand/contract steps that do it online.
//!
//! Postgres files are written for a server offering every extension. A
//! statement that needs an optional extension (pgvector) is guarded by a
//! `-- hingecraft: requires extension X` comment and followed, where the
//! object can exist without it, by its `-- hingecraft: without extension X`
//! fallback (a `vector` column stored as `bytea`, as
//! `render::server::adapt` decides): the runner picks per server. The
//! files are plain SQL otherwise, which `psql` and squawk read as is.

mod write;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hingecraft_schema::diff::{self, Change, Hazard};
use hingecraft_schema::model::{Schema, Table};
use hingecraft_schema::render::RenderError;
use hingecraft_schema::render::server::adapt;
use hingecraft_schema::snapshot::{self, SnapshotError};

use hingecraft_runtime::migrate::MigrationError;
use hingecraft_runtime::migrate::files::{self, FILE_NAMES};

use write::header;

/// The name of the first migration, generated from the empty schema.
pub const BASELINE: &str = "baseline";

/// Why no migration could be generated, or why the check failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GenerateError {
    /// The existing migrations cannot be read.
    #[error(transparent)]
    Migration(#[from] MigrationError),
    /// A migration's snapshot is not a schema.
    #[error("migration `{migration}`: {source}")]
    Snapshot {
        /// The migration.
        migration: String,
        /// Why.
        source: SnapshotError,
    },
    /// A change cannot be rendered.
    #[error("cannot render the migration: {0}")]
    Render(#[from] RenderError),
    /// A change deletes data and `--allow-destructive` was not given.
    #[error(
        "refusing to write a migration that deletes data (pass --allow-destructive to write it anyway):\n  {}",
        changes.join("\n  ")
    )]
    Destructive {
        /// The changes that delete data.
        changes: Vec<String>,
    },
    /// A change rewrites a table under `ACCESS EXCLUSIVE` and
    /// `--allow-rewrite` was not given.
    #[error(
        "refusing to write a migration that rewrites a table while reads and writes wait \
         (pass --allow-rewrite to write it anyway, or make the change online in steps):\n{}",
        changes.join("\n")
    )]
    Rewrite {
        /// Each change, with the expand/contract steps that make it online.
        changes: Vec<String>,
    },
    /// The schema changed since the last migration, and no migration says so.
    #[error(
        "the schema changed since migration `{last}` and no migration was generated for it \
         (run `cargo run -- generate --name <what_changed>`):\n  {}",
        changes.join("\n  ")
    )]
    Stale {
        /// The last migration (`none` when there is none).
        last: String,
        /// The changes, described.
        changes: Vec<String>,
    },
    /// The migration name is not snake_case.
    #[error("migration name `{name}` must be lowercase letters, digits and underscores")]
    BadName {
        /// The name given.
        name: String,
    },
    /// A file could not be written or removed.
    #[error("cannot write `{path}`: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// A migration ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMigration {
    /// The directory name (`0002_add_tags`).
    pub dir: String,
    /// The files, in [`FILE_NAMES`] order.
    pub files: [String; 5],
    /// The changes, described, in application order.
    pub changes: Vec<String>,
    /// The steps of the up files, Postgres's then SQLite's.
    pub plan: Vec<PlanStep>,
}

/// One step of a migration's plan, as `generate` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStep {
    /// `postgres` or `sqlite`.
    pub backend: &'static str,
    /// The step's number, from 1.
    pub number: u32,
    /// Whether it runs in a transaction.
    pub transaction: bool,
    /// The strongest lock it takes, described.
    pub lock: String,
    /// Its hazards.
    pub hazards: Vec<Hazard>,
    /// What it does, statement by statement.
    pub does: Vec<String>,
}

impl std::fmt::Display for PlanStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let run = if self.transaction {
            "in a transaction"
        } else {
            "outside a transaction"
        };
        write!(
            f,
            "{} step {} ({run}): {}\n    lock: {}",
            self.backend,
            self.number,
            self.does.join("; "),
            self.lock
        )?;
        if !self.hazards.is_empty() {
            let hazards: Vec<&str> = self.hazards.iter().map(|h| h.as_str()).collect();
            write!(f, "\n    hazards: {}", hazards.join(", "))?;
        }
        Ok(())
    }
}

/// What `generate` may write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct GenerateOptions {
    /// Write a migration even if a change deletes data.
    pub allow_destructive: bool,
    /// Write a migration even if a change rewrites a table while reads and
    /// writes wait (a column type change Postgres cannot make in place).
    pub allow_rewrite: bool,
}

impl GenerateOptions {
    /// Allows changes that delete data.
    #[must_use]
    pub fn allow_destructive(mut self, allow: bool) -> Self {
        self.allow_destructive = allow;
        self
    }

    /// Allows changes that rewrite a table.
    #[must_use]
    pub fn allow_rewrite(mut self, allow: bool) -> Self {
        self.allow_rewrite = allow;
        self
    }
}

/// The version and schema of the last migration in `dir` (0 and the empty
/// schema when there is none).
pub fn last_snapshot(dir: &Path) -> Result<(u32, String, Schema), GenerateError> {
    let migrations = files::from_dir(dir, true)?;
    let Some(last) = migrations.last() else {
        return Ok((0, "none".to_owned(), Schema::default()));
    };
    let schema =
        snapshot::from_json(last.snapshot()).map_err(|source| GenerateError::Snapshot {
            migration: last.name.clone(),
            source,
        })?;
    Ok((last.version, last.name.clone(), schema))
}

/// The next migration of `dir` for `schema`, or `None` when the schema has
/// not changed since the last snapshot.
pub fn next(
    dir: &Path,
    schema: &Schema,
    name: &str,
    options: GenerateOptions,
) -> Result<Option<NewMigration>, GenerateError> {
    let (version, _, old) = last_snapshot(dir)?;
    render_migration(version + 1, name, &old, schema, options)
}

/// Fails, listing the changes, when `schema` differs from the last snapshot.
pub fn check(dir: &Path, schema: &Schema) -> Result<(), GenerateError> {
    let (_, last, old) = last_snapshot(dir)?;
    let changes = diff::diff(&old, schema);
    if changes.is_empty() {
        return Ok(());
    }
    Err(GenerateError::Stale {
        last,
        changes: changes.iter().map(Change::describe).collect(),
    })
}

/// Writes a migration into `dir`; returns its directory.
pub fn write(dir: &Path, migration: &NewMigration) -> Result<PathBuf, GenerateError> {
    let target = dir.join(&migration.dir);
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| GenerateError::Io { path, source }
    };
    std::fs::create_dir_all(&target).map_err(io(&target))?;
    for (name, text) in FILE_NAMES.iter().zip(&migration.files) {
        let path = target.join(name);
        std::fs::write(&path, text).map_err(io(&path))?;
    }
    Ok(target)
}

/// Replaces every migration of `dir` by one baseline, generated from the
/// empty schema: how the baseline is regenerated while no database outside
/// development has applied it.
pub fn rebaseline(dir: &Path, schema: &Schema) -> Result<PathBuf, GenerateError> {
    for m in files::from_dir(dir, true)? {
        let path = dir.join(&m.name);
        std::fs::remove_dir_all(&path).map_err(|source| GenerateError::Io { path, source })?;
    }
    let baseline = match render_migration(
        1,
        BASELINE,
        &Schema::default(),
        schema,
        GenerateOptions::default(),
    )? {
        Some(m) => m,
        None => empty_migration(schema)?,
    };
    write(dir, &baseline)
}

fn empty_migration(schema: &Schema) -> Result<NewMigration, GenerateError> {
    let name = format!("0001_{BASELINE}");
    Ok(NewMigration {
        files: [
            header(&name, "Postgres, up"),
            header(&name, "Postgres, down"),
            header(&name, "SQLite, up"),
            header(&name, "SQLite, down"),
            snapshot_text(&name, schema)?,
        ],
        dir: name,
        changes: Vec::new(),
        plan: Vec::new(),
    })
}

fn snapshot_text(migration: &str, schema: &Schema) -> Result<String, GenerateError> {
    snapshot::to_json(schema).map_err(|source| GenerateError::Snapshot {
        migration: migration.to_owned(),
        source,
    })
}

/// The migration `version` from `old` to `new`, or `None` when nothing changed.
pub fn render_migration(
    version: u32,
    name: &str,
    old: &Schema,
    new: &Schema,
    options: GenerateOptions,
) -> Result<Option<NewMigration>, GenerateError> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(GenerateError::BadName {
            name: name.to_owned(),
        });
    }
    let up = diff::diff(old, new);
    if up.is_empty() {
        return Ok(None);
    }
    let rewrites: Vec<String> = up
        .iter()
        .filter(|c| c.hazards().contains(&Hazard::RewritesTable))
        .map(expand_contract)
        .collect();
    if !rewrites.is_empty() && !options.allow_rewrite {
        return Err(GenerateError::Rewrite { changes: rewrites });
    }
    let destructive: Vec<String> = up
        .iter()
        .filter(|c| c.deletes_data())
        .map(Change::describe)
        .collect();
    if !destructive.is_empty() && !options.allow_destructive {
        return Err(GenerateError::Destructive {
            changes: destructive,
        });
    }
    let down = diff::diff(new, old);
    let dir = format!("{version:04}_{name}");
    let (pg_up, mut plan) = write::postgres_file(&dir, "Postgres, up", &up, old, new)?;
    let (pg_down, _) = write::postgres_file(&dir, "Postgres, down", &down, new, old)?;
    let (lite_up, lite_plan) = write::sqlite_file(&dir, "SQLite, up", &up, old, new)?;
    let (lite_down, _) = write::sqlite_file(&dir, "SQLite, down", &down, new, old)?;
    plan.extend(lite_plan);
    let files = [
        pg_up,
        pg_down,
        lite_up,
        lite_down,
        snapshot_text(&dir, new)?,
    ];
    Ok(Some(NewMigration {
        dir,
        files,
        changes: up.iter().map(Change::describe).collect(),
        plan,
    }))
}

/// A change that rewrites a table, with the expand/contract steps that
/// make it without blocking (pgroll's pattern), as the refusal lists them.
fn expand_contract(change: &Change) -> String {
    let steps = match change {
        Change::AlterColumn { table, from, to } if from.ty != to.ty => {
            let column = &to.name;
            let ty = to.ty.display_name();
            let new_column = format!("{column}_new");
            vec![
                format!("add column {table}.{new_column} {ty}, nullable (a catalog change)"),
                format!(
                    "keep it in step with {column}: write both from the application, or a trigger \
                     setting {new_column} = {column}::{ty} on insert and update"
                ),
                format!(
                    "backfill {new_column} = {column}::{ty} in batches, then make it NOT NULL \
                     through a validated CHECK if {column} is"
                ),
                format!(
                    "build its indexes and constraints concurrently / NOT VALID, then validate"
                ),
                format!("move readers and writers to {new_column}"),
                format!(
                    "in a later migration, drop {column} and rename {new_column} to {column} \
                     (declare `renamed_from`)"
                ),
            ]
        }
        Change::AlterColumn { table, to, .. } => vec![format!(
            "add a new plain column next to {table}.{}, backfill it in batches, keep it in step \
             with a trigger, then switch to it and drop the old one",
            to.name
        )],
        _ => vec!["create a new table, copy the rows in batches, then switch".to_owned()],
    };
    let mut out = format!(
        "  {} (rewrites every row under ACCESS EXCLUSIVE); online instead:",
        change.describe()
    );
    for (i, step) in steps.iter().enumerate() {
        out.push_str(&format!("\n    {}. {step}", i + 1));
    }
    out
}

/// The optional extensions of either schema, sorted.
pub(crate) fn optional_extensions(old: &Schema, new: &Schema) -> BTreeSet<String> {
    old.extensions
        .iter()
        .chain(&new.extensions)
        .filter(|e| e.optional)
        .map(|e| e.name.clone())
        .collect()
}

/// Every extension either schema or the adapter knows of, but `missing`.
pub(crate) fn available_without(old: &Schema, new: &Schema, missing: &str) -> BTreeSet<String> {
    old.extensions
        .iter()
        .chain(&new.extensions)
        .map(|e| e.name.as_str())
        .chain(["vector", "ltree", "pg_trgm"])
        .filter(|e| *e != missing)
        .map(str::to_owned)
        .collect()
}

/// The change as a server offering only `available` extensions can apply
/// it (`None`: not at all), by `render::server::adapt` on a schema holding
/// just what the change touches.
pub fn adapt_change(change: &Change, available: &BTreeSet<String>) -> Option<Change> {
    let one_table = |table: Table| {
        let (schema, _) = adapt(&Schema::from_tables([table]), available);
        schema.tables.into_iter().next()
    };
    let with_column = |table: &str, column: &hingecraft_schema::model::Column| {
        let mut t = Table::new(table, "");
        t.columns.push(column.clone());
        one_table(t).and_then(|t| t.columns.into_iter().next())
    };
    use Change::*;
    Some(match change {
        CreateExtension { extension } | DropExtension { extension }
            if !available.contains(&extension.name) =>
        {
            return None;
        }
        CreateTable { table } => CreateTable {
            table: one_table(table.clone())?,
        },
        DropTable { table } => DropTable {
            table: one_table(table.clone())?,
        },
        AddColumn { table, column } => AddColumn {
            table: table.clone(),
            column: with_column(table, column)?,
        },
        DropColumn { table, column } => DropColumn {
            table: table.clone(),
            column: with_column(table, column)?,
        },
        AlterColumn { table, from, to } => AlterColumn {
            table: table.clone(),
            from: with_column(table, from)?,
            to: with_column(table, to)?,
        },
        CreateIndex { table, index, .. } | DropIndex { table, index } => {
            let mut t = Table::new(table.clone(), "");
            t.indexes.push(index.clone());
            if one_table(t)?.indexes.is_empty() {
                return None;
            }
            change.clone()
        }
        other => other.clone(),
    })
}
