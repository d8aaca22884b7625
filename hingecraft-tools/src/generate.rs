//! Writing the next migration: the diff between the last migration's
//! snapshot and the current schema, rendered for each backend and
//! direction (down = the SQL of `diff(new, old)`).
//!
//! Postgres files are written for a server offering every extension. A
//! statement that needs an optional extension (pgvector) is guarded by a
//! `-- hingecraft: requires extension X` comment and followed, where the
//! object can exist without it, by its `-- hingecraft: without extension X`
//! fallback (a `vector` column stored as `bytea`, as
//! `render::server::adapt` decides): the runner picks per server. The
//! files are plain SQL otherwise, which `psql` and squawk read as is.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hingecraft_schema::diff::{self, Change};
use hingecraft_schema::model::{Schema, Table};
use hingecraft_schema::render::server::adapt;
use hingecraft_schema::render::{Dialect, Postgres, RenderError, RenderedChange, Sqlite};
use hingecraft_schema::snapshot::{self, SnapshotError};

use hingecraft_runtime::migrate::MigrationError;
use hingecraft_runtime::migrate::files::{self, FILE_NAMES};
use hingecraft_runtime::migrate::script::Guard;

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
    allow_destructive: bool,
) -> Result<Option<NewMigration>, GenerateError> {
    let (version, _, old) = last_snapshot(dir)?;
    render_migration(version + 1, name, &old, schema, allow_destructive)
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
    let baseline = match render_migration(1, BASELINE, &Schema::default(), schema, false)? {
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
    allow_destructive: bool,
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
    let destructive: Vec<String> = up
        .iter()
        .filter(|c| c.deletes_data())
        .map(Change::describe)
        .collect();
    if !destructive.is_empty() && !allow_destructive {
        return Err(GenerateError::Destructive {
            changes: destructive,
        });
    }
    let down = diff::diff(new, old);
    let dir = format!("{version:04}_{name}");
    let files = [
        postgres_file(&dir, "Postgres, up", &up, old, new)?,
        postgres_file(&dir, "Postgres, down", &down, new, old)?,
        sqlite_file(&dir, "SQLite, up", &up, old, new)?,
        sqlite_file(&dir, "SQLite, down", &down, new, old)?,
        snapshot_text(&dir, new)?,
    ];
    Ok(Some(NewMigration {
        dir,
        files,
        changes: up.iter().map(Change::describe).collect(),
    }))
}

/// The schema the extensions of either side live in (the project's
/// `Conventions::extensions_schema`; `extensions` when none is declared).
fn extensions_schema(old: &Schema, new: &Schema) -> String {
    new.extensions
        .iter()
        .chain(&old.extensions)
        .map(|e| e.schema.as_str())
        .find(|s| *s != "public")
        .unwrap_or("extensions")
        .to_owned()
}

/// A schema name as a `search_path` entry: bare when it is a plain
/// lowercase identifier, quoted otherwise.
fn search_path_entry(schema: &str) -> String {
    let plain = schema
        .bytes()
        .enumerate()
        .all(|(i, b)| b.is_ascii_lowercase() || b == b'_' || (i > 0 && b.is_ascii_digit()));
    if plain && !schema.is_empty() {
        schema.to_owned()
    } else {
        format!("\"{}\"", schema.replace('"', "\"\""))
    }
}

fn header(dir: &str, what: &str) -> String {
    format!(
        "-- {dir}: {what}.\n-- Generated by `cargo run -- generate` from the schema diff; never edit:\n\
         -- the runner stores its SHA-256 and refuses to run once it changes.\n"
    )
}

fn change_comment(out: &mut String, rendered: &RenderedChange) {
    out.push_str(&format!("\n-- {}\n", rendered.description));
    for hazard in &rendered.hazards {
        out.push_str(&format!("-- hazard: {hazard}\n"));
    }
}

fn statement(out: &mut String, guard: Option<&Guard>, sql: &str) {
    if let Some(guard) = guard {
        out.push_str(&guard.comment());
        out.push('\n');
    }
    out.push_str(sql);
    out.push_str(";\n");
}

fn postgres_file(
    dir: &str,
    what: &str,
    changes: &[Change],
    old: &Schema,
    new: &Schema,
) -> Result<String, GenerateError> {
    let mut out = header(dir, what);
    let extensions = extensions_schema(old, new);
    out.push_str(&format!(
        "-- Written for a server offering every extension: a statement after\n\
         -- `hingecraft: requires extension X` runs only where X is offered, one after\n\
         -- `hingecraft: without extension X` only where it is not.\n\
         -- Extension types and operator classes live in schema `{extensions}`; waiting\n\
         -- on another session's lock fails the migration rather than queueing writes.\n\
         SET LOCAL search_path TO public, {};\n\
         SET LOCAL lock_timeout = '10s';\n\
         SET LOCAL statement_timeout = '30min';\n",
        search_path_entry(&extensions)
    ));
    let created: BTreeSet<&str> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateTable { table } => Some(table.name.as_str()),
            _ => None,
        })
        .collect();
    let full = Postgres.render_changes(changes, old, new)?;
    let optional = optional_extensions(old, new);
    for (change, rendered) in changes.iter().zip(&full) {
        change_comment(&mut out, rendered);
        if let Change::AddForeignKey { table, .. } = change
            && created.contains(table.as_str())
        {
            // A key closing a cycle between tables this migration creates:
            // the table is new and empty, nothing waits on its validation.
            out.push_str(
                "-- squawk-ignore constraint-missing-not-valid, adding-foreign-key-constraint\n",
            );
        }
        let fallback = optional.iter().find_map(|extension| {
            let adapted = adapt_change(change, &available_without(old, new, extension));
            let sql = match adapted {
                None => Ok(Vec::new()),
                Some(c) => Postgres
                    .render_changes(std::slice::from_ref(&c), old, new)
                    .map(|r| r.into_iter().flat_map(|r| r.statements).collect()),
            };
            match sql {
                Ok(sql) if sql == rendered.statements => None,
                other => Some((extension.clone(), other)),
            }
        });
        match fallback {
            None => {
                let new_view = matches!(change, Change::CreateView { .. });
                for sql in &rendered.statements {
                    if new_view && sql.starts_with("CREATE UNIQUE INDEX") {
                        // The key of a materialized view this statement's
                        // migration creates: nothing reads it yet.
                        out.push_str("-- squawk-ignore require-concurrent-index-creation\n");
                    }
                    statement(&mut out, None, sql);
                }
            }
            Some((extension, fallback)) => {
                let requires = Guard::Requires(extension.clone());
                for sql in &rendered.statements {
                    statement(&mut out, Some(&requires), sql);
                }
                let without = Guard::Without(extension);
                for sql in fallback? {
                    statement(&mut out, Some(&without), &sql);
                }
            }
        }
    }
    Ok(out)
}

fn sqlite_file(
    dir: &str,
    what: &str,
    changes: &[Change],
    old: &Schema,
    new: &Schema,
) -> Result<String, GenerateError> {
    let mut out = header(dir, what);
    for rendered in Sqlite.render_changes(changes, old, new)? {
        if rendered.statements.is_empty() && rendered.skipped.is_empty() {
            continue;
        }
        change_comment(&mut out, &rendered);
        for sql in &rendered.statements {
            statement(&mut out, None, sql);
        }
        for skipped in &rendered.skipped {
            out.push_str(&format!("-- left out: {skipped}\n"));
        }
    }
    Ok(out)
}

/// The optional extensions of either schema, sorted.
fn optional_extensions(old: &Schema, new: &Schema) -> BTreeSet<String> {
    old.extensions
        .iter()
        .chain(&new.extensions)
        .filter(|e| e.optional)
        .map(|e| e.name.clone())
        .collect()
}

/// Every extension either schema or the adapter knows of, but `missing`.
fn available_without(old: &Schema, new: &Schema, missing: &str) -> BTreeSet<String> {
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
