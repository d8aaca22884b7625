//! The runner's records in the database: the bookkeeping table of applied
//! migrations `(version, name, checksum, applied_at)`, and next to it
//! `<table>_steps` `(version, direction, step, done_at)`, the steps done of
//! a migration of several steps while it is partly applied (or rolled
//! back). The steps table is created by the first migration that has
//! several steps; a migration's rows go when it is fully applied or
//! rolled back, in the same transaction as its bookkeeping row.

use sea_orm::DbBackend;
use sea_orm::sqlx;

use hingecraft_model::Bookkeeping;
use hingecraft_model::sql::{quote_ident, quote_literal};

use super::session::Session;

/// The name of the steps table (`hingecraft_migrations_steps`).
pub(crate) fn steps_name(b: &Bookkeeping) -> String {
    format!("{}_steps", b.table)
}

/// A table of the bookkeeping's schema as SQL: schema-qualified on Postgres.
fn qualified(backend: DbBackend, b: &Bookkeeping, name: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("{}.{}", quote_ident(&b.schema), quote_ident(name)),
        _ => quote_ident(name),
    }
}

pub(crate) fn table(backend: DbBackend, b: &Bookkeeping) -> String {
    qualified(backend, b, &b.table)
}

pub(crate) fn steps_table(backend: DbBackend, b: &Bookkeeping) -> String {
    qualified(backend, b, &steps_name(b))
}

fn timestamp(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "timestamptz NOT NULL DEFAULT now()",
        _ => "text NOT NULL DEFAULT CURRENT_TIMESTAMP",
    }
}

/// Creates the bookkeeping table (and its schema) if missing.
pub(crate) async fn ensure_table(s: &mut Session, b: &Bookkeeping) -> Result<(), sqlx::Error> {
    let backend = s.backend();
    if backend == DbBackend::Postgres && b.schema != "public" {
        s.execute(&format!(
            "CREATE SCHEMA IF NOT EXISTS {}",
            quote_ident(&b.schema)
        ))
        .await?;
    }
    s.execute(&format!(
        "CREATE TABLE IF NOT EXISTS {} (version integer PRIMARY KEY, name text NOT NULL, \
         checksum text NOT NULL, applied_at {})",
        table(backend, b),
        timestamp(backend)
    ))
    .await
}

/// Creates the steps table if missing.
pub(crate) async fn ensure_steps_table(
    s: &mut Session,
    b: &Bookkeeping,
) -> Result<(), sqlx::Error> {
    let backend = s.backend();
    s.execute(&format!(
        "CREATE TABLE IF NOT EXISTS {} (version integer NOT NULL, direction text NOT NULL, \
         step integer NOT NULL, done_at {}, PRIMARY KEY (version, direction, step))",
        steps_table(backend, b),
        timestamp(backend)
    ))
    .await
}

/// Whether the steps table exists.
pub(crate) async fn steps_table_exists(
    s: &mut Session,
    b: &Bookkeeping,
) -> Result<bool, sqlx::Error> {
    let sql = match s.backend() {
        DbBackend::Postgres => format!(
            "SELECT to_regclass({}) IS NOT NULL",
            quote_literal(&steps_table(DbBackend::Postgres, b))
        ),
        _ => format!(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = {}",
            quote_literal(&steps_name(b))
        ),
    };
    Ok(matches!(
        s.value(&sql).await?.as_deref(),
        Some("true" | "1")
    ))
}

/// One row of the bookkeeping table.
#[derive(Debug)]
pub(crate) struct Applied {
    pub(crate) version: u32,
    pub(crate) name: String,
    pub(crate) checksum: String,
}

pub(crate) async fn applied(s: &mut Session, b: &Bookkeeping) -> Result<Vec<Applied>, sqlx::Error> {
    let backend = s.backend();
    let rows = s
        .rows(&format!(
            "SELECT version, name, checksum FROM {} ORDER BY version",
            table(backend, b)
        ))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut r = r.into_iter();
            let mut next = || r.next().flatten().unwrap_or_default();
            Applied {
                version: next().parse().unwrap_or_default(),
                name: next(),
                checksum: next(),
            }
        })
        .collect())
}

/// The steps done, as `(version, up, step)`; none when there is no steps table.
pub(crate) async fn steps_done(
    s: &mut Session,
    b: &Bookkeeping,
) -> Result<Vec<(u32, bool, u32)>, sqlx::Error> {
    if !steps_table_exists(s, b).await? {
        return Ok(Vec::new());
    }
    let backend = s.backend();
    let rows = s
        .rows(&format!(
            "SELECT version, direction, step FROM {} ORDER BY version, direction, step",
            steps_table(backend, b)
        ))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let cell = |i: usize| r.get(i).cloned().flatten().unwrap_or_default();
            (
                cell(0).parse().unwrap_or_default(),
                cell(1) == "up",
                cell(2).parse().unwrap_or_default(),
            )
        })
        .collect())
}

/// What records a step done: its row in the steps table.
pub(crate) fn step_done(
    backend: DbBackend,
    b: &Bookkeeping,
    version: u32,
    up: bool,
    step: u32,
) -> String {
    format!(
        "INSERT INTO {} (version, direction, step) VALUES ({version}, {}, {step})",
        steps_table(backend, b),
        quote_literal(if up { "up" } else { "down" })
    )
}

/// What records a migration applied (`up`) or rolled back: its bookkeeping
/// row written or deleted, its step rows deleted.
pub(crate) fn migration_done(
    backend: DbBackend,
    b: &Bookkeeping,
    migration: &super::Migration,
    up: bool,
    steps_table_exists: bool,
) -> Vec<String> {
    let mut out = vec![if up {
        format!(
            "INSERT INTO {} (version, name, checksum) VALUES ({}, {}, {})",
            table(backend, b),
            migration.version,
            quote_literal(&migration.name),
            quote_literal(&migration.checksum())
        )
    } else {
        format!(
            "DELETE FROM {} WHERE version = {}",
            table(backend, b),
            migration.version
        )
    }];
    if steps_table_exists {
        out.push(format!(
            "DELETE FROM {} WHERE version = {}",
            steps_table(backend, b),
            migration.version
        ));
    }
    out
}
