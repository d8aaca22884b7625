//! The runner: applies and rolls back migrations, each in its own
//! transaction, under a Postgres advisory lock, with checksums.
//!
//! Why not sea-orm-migration's `MigratorTrait`: it has neither a lock nor
//! checksums, and its migrations are Rust code, not stored SQL. This runner
//! works on SeaORM's connection and keeps its own table (the project's
//! [`Bookkeeping`]; `hingecraft_migrations` by default),
//! `(version, name, checksum, applied_at)`.
//!
//! On Postgres the whole run holds `pg_advisory_xact_lock` in a transaction
//! of its own (a second pooled connection; so the pool needs two), so
//! concurrent runs queue: the second waits, then finds nothing pending. A
//! killed runner's connections close, which releases the lock and rolls
//! back the migration in progress: the database is always at a migration
//! boundary. SQLite serialises writers by itself.

use std::collections::BTreeSet;
use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait};

use hingecraft_model::Bookkeeping;

use super::MigrationError;
use super::files::Migration;
use super::script::{self, resolve};

/// Fault injection for tests: milliseconds to sleep after each statement.
pub const DELAY_ENV: &str = "HINGECRAFT_MIGRATION_STATEMENT_DELAY_MS";

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Migrations applied, in order.
    pub applied: Vec<String>,
    /// Migrations rolled back, in order.
    pub rolled_back: Vec<String>,
    /// Statements left out because the server lacks an optional extension.
    pub left_out: Vec<String>,
    /// How many migrations are applied at the end.
    pub total_applied: usize,
}

/// A migration and whether the database has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    /// The migration (`0001_baseline`).
    pub name: String,
    /// Whether it is applied.
    pub applied: bool,
}

/// One row of the migrations table.
#[derive(Debug)]
struct Applied {
    version: u32,
    name: String,
    checksum: String,
}

fn raw(backend: DbBackend, sql: impl Into<String>) -> Statement {
    Statement::from_string(backend, sql.into())
}

fn text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The bookkeeping table's name as SQL: schema-qualified on Postgres.
fn table(backend: DbBackend, b: &Bookkeeping) -> String {
    match backend {
        DbBackend::Postgres => format!("{}.{}", ident(&b.schema), ident(&b.table)),
        _ => ident(&b.table),
    }
}

fn check_backend(db: &DatabaseConnection) -> Result<DbBackend, MigrationError> {
    match db.get_database_backend() {
        b @ (DbBackend::Postgres | DbBackend::Sqlite) => Ok(b),
        other => Err(MigrationError::Backend {
            backend: format!("{other:?}"),
        }),
    }
}

async fn ensure_table(
    db: &DatabaseConnection,
    backend: DbBackend,
    b: &Bookkeeping,
) -> Result<(), DbErr> {
    let applied_at = match backend {
        DbBackend::Postgres => "timestamptz NOT NULL DEFAULT now()",
        _ => "text NOT NULL DEFAULT CURRENT_TIMESTAMP",
    };
    if backend == DbBackend::Postgres && b.schema != "public" {
        db.execute_unprepared(&format!("CREATE SCHEMA IF NOT EXISTS {}", ident(&b.schema)))
            .await?;
    }
    db.execute_unprepared(&format!(
        "CREATE TABLE IF NOT EXISTS {} (version integer PRIMARY KEY, name text NOT NULL, \
         checksum text NOT NULL, applied_at {applied_at})",
        table(backend, b)
    ))
    .await?;
    Ok(())
}

async fn applied(
    db: &DatabaseConnection,
    backend: DbBackend,
    b: &Bookkeeping,
) -> Result<Vec<Applied>, DbErr> {
    let rows = db
        .query_all_raw(raw(
            backend,
            format!(
                "SELECT version, name, checksum FROM {} ORDER BY version",
                table(backend, b)
            ),
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Applied {
                version: u32::try_from(r.try_get::<i32>("", "version")?).unwrap_or_default(),
                name: r.try_get("", "name")?,
                checksum: r.try_get("", "checksum")?,
            })
        })
        .collect()
}

/// The applied migrations, each checked against the known ones.
fn verify<'a>(
    known: &'a [Migration],
    applied: &[Applied],
) -> Result<Vec<&'a Migration>, MigrationError> {
    applied
        .iter()
        .map(|a| {
            let m = known
                .iter()
                .find(|m| m.version == a.version)
                .ok_or_else(|| MigrationError::Unknown {
                    migration: a.name.clone(),
                })?;
            let current = m.checksum();
            if current != a.checksum {
                return Err(MigrationError::Modified {
                    migration: m.name.clone(),
                    applied: a.checksum.clone(),
                    current,
                });
            }
            Ok(m)
        })
        .collect()
}

/// The extensions the Postgres server can create.
pub async fn available_extensions(db: &impl ConnectionTrait) -> Result<BTreeSet<String>, DbErr> {
    let rows = db
        .query_all_raw(raw(
            DbBackend::Postgres,
            "SELECT name FROM pg_available_extensions",
        ))
        .await?;
    rows.iter()
        .map(|r| r.try_get::<String>("", "name"))
        .collect()
}

/// The statements of one direction of a migration for this database.
async fn statements(
    db: &DatabaseConnection,
    backend: DbBackend,
    migration: &Migration,
    up: bool,
    report: &mut Report,
) -> Result<Vec<String>, DbErr> {
    let text = match (backend, up) {
        (DbBackend::Postgres, true) => migration.postgres_up(),
        (DbBackend::Postgres, false) => migration.postgres_down(),
        (_, true) => migration.sqlite_up(),
        (_, false) => migration.sqlite_down(),
    };
    let parsed = script::parse(text);
    let available = if backend == DbBackend::Postgres && parsed.iter().any(|s| s.guard.is_some()) {
        Some(available_extensions(db).await?)
    } else {
        None
    };
    let (run, left_out) = resolve(&parsed, available.as_ref());
    for l in left_out {
        let head: String = l.sql.chars().take(80).collect();
        let instead = if l.replaced {
            "ran its fallback without it"
        } else {
            "left out"
        };
        report.left_out.push(format!(
            "{}: {head}... (needs extension `{}`, which this server does not offer: {instead})",
            migration.name, l.extension
        ));
    }
    Ok(run)
}

/// Runs one direction of a migration in a transaction, with its bookkeeping.
async fn apply(
    db: &DatabaseConnection,
    backend: DbBackend,
    b: &Bookkeeping,
    migration: &Migration,
    up: bool,
    report: &mut Report,
) -> Result<(), MigrationError> {
    let statements = statements(db, backend, migration, up, report).await?;
    let delay = std::env::var(DELAY_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map(Duration::from_millis);
    let failed = |statement: &str, source| MigrationError::Statement {
        migration: migration.name.clone(),
        statement: statement.to_owned(),
        source,
    };
    let txn = db.begin().await?;
    if delay.is_none() && !statements.is_empty() {
        // Fast path: the whole migration in one round trip (simple query
        // protocol, many statements). On failure, the statements are run one
        // by one in a fresh transaction, only to name the one that fails.
        let script: String = statements.iter().map(|s| format!("{s};\n")).collect();
        if txn.execute_unprepared(&script).await.is_err() {
            txn.rollback().await?;
            let txn = db.begin().await?;
            for sql in &statements {
                txn.execute_unprepared(sql)
                    .await
                    .map_err(|e| failed(sql, e))?;
            }
            // Every statement succeeded alone: report the script's own error.
            let e = txn.execute_unprepared(&script).await.err();
            return Err(failed(
                "(the migration as one script)",
                e.unwrap_or_else(|| DbErr::Custom("the script failed once, then passed".into())),
            ));
        }
    } else {
        for sql in &statements {
            txn.execute_unprepared(sql)
                .await
                .map_err(|e| failed(sql, e))?;
            if let Some(delay) = delay {
                tokio::time::sleep(delay).await;
            }
        }
    }
    let bookkeeping = if up {
        format!(
            "INSERT INTO {} (version, name, checksum) VALUES ({}, {}, {})",
            table(backend, b),
            migration.version,
            text(&migration.name),
            text(&migration.checksum())
        )
    } else {
        format!(
            "DELETE FROM {} WHERE version = {}",
            table(backend, b),
            migration.version
        )
    };
    txn.execute_unprepared(&bookkeeping)
        .await
        .map_err(|e| failed(&bookkeeping, e))?;
    txn.commit().await?;
    Ok(())
}

/// Runs `work` with the migration lock held (Postgres), after making sure
/// the migrations table exists.
async fn locked<T>(
    db: &DatabaseConnection,
    b: &Bookkeeping,
    work: impl AsyncFnOnce(DbBackend) -> Result<T, MigrationError>,
) -> Result<T, MigrationError> {
    let backend = check_backend(db)?;
    if backend != DbBackend::Postgres {
        ensure_table(db, backend, b).await?;
        return work(backend).await;
    }
    let lock = db.begin().await?;
    lock.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({})", b.lock_key))
        .await?;
    let result = async {
        ensure_table(db, backend, b).await?;
        work(backend).await
    }
    .await;
    // Committing or rolling back the lock's transaction releases the lock.
    lock.commit().await?;
    result
}

/// Applies up to `num` pending migrations (all when `None`), in order.
pub async fn up(
    db: &DatabaseConnection,
    b: &Bookkeeping,
    known: &[Migration],
    num: Option<u32>,
) -> Result<Report, MigrationError> {
    locked(db, b, async |backend| {
        let done = applied(db, backend, b).await?;
        verify(known, &done)?;
        let mut report = Report {
            total_applied: done.len(),
            ..Report::default()
        };
        let limit = num.map_or(usize::MAX, |n| n as usize);
        let pending = known
            .iter()
            .filter(|m| done.iter().all(|a| a.version != m.version))
            .take(limit);
        for m in pending {
            apply(db, backend, b, m, true, &mut report).await?;
            report.applied.push(m.name.clone());
            report.total_applied += 1;
        }
        Ok(report)
    })
    .await
}

/// Rolls back up to `num` applied migrations (all when `None`), latest first.
pub async fn down(
    db: &DatabaseConnection,
    b: &Bookkeeping,
    known: &[Migration],
    num: Option<u32>,
) -> Result<Report, MigrationError> {
    locked(db, b, async |backend| {
        let done = applied(db, backend, b).await?;
        let applied_migrations = verify(known, &done)?;
        let mut report = Report {
            total_applied: done.len(),
            ..Report::default()
        };
        let limit = num.map_or(usize::MAX, |n| n as usize);
        for m in applied_migrations.into_iter().rev().take(limit) {
            apply(db, backend, b, m, false, &mut report).await?;
            report.rolled_back.push(m.name.clone());
            report.total_applied -= 1;
        }
        Ok(report)
    })
    .await
}

/// Every known migration and whether it is applied; an error when an
/// applied one changed or is unknown.
pub async fn status(
    db: &DatabaseConnection,
    b: &Bookkeeping,
    known: &[Migration],
) -> Result<Vec<MigrationStatus>, MigrationError> {
    locked(db, b, async |backend| {
        let done = applied(db, backend, b).await?;
        verify(known, &done)?;
        Ok(known
            .iter()
            .map(|m| MigrationStatus {
                name: m.name.clone(),
                applied: done.iter().any(|a| a.version == m.version),
            })
            .collect())
    })
    .await
}

/// Drops every table, view and function of the current schema (Postgres)
/// or database (SQLite), and the migrations table. Extensions stay.
pub async fn drop_everything(
    db: &DatabaseConnection,
    b: &Bookkeeping,
) -> Result<(), MigrationError> {
    let backend = check_backend(db)?;
    let query = match backend {
        DbBackend::Postgres => {
            "SELECT format('DROP VIEW IF EXISTS %I CASCADE', viewname) AS sql FROM pg_views \
               WHERE schemaname = current_schema() \
             UNION ALL SELECT format('DROP MATERIALIZED VIEW IF EXISTS %I CASCADE', matviewname) \
               FROM pg_matviews WHERE schemaname = current_schema() \
             UNION ALL SELECT format('DROP TABLE IF EXISTS %I CASCADE', tablename) FROM pg_tables \
               WHERE schemaname = current_schema() \
             UNION ALL SELECT format('DROP FUNCTION IF EXISTS %s CASCADE', p.oid::regprocedure) \
               FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
               WHERE n.nspname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_depend d \
               WHERE d.objid = p.oid AND d.deptype = 'e')"
        }
        _ => {
            "SELECT 'DROP TABLE IF EXISTS \"' || replace(name, '\"', '\"\"') || '\"' AS sql \
             FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
    };
    let rows = db.query_all_raw(raw(backend, query)).await?;
    let statements: Vec<String> = rows
        .iter()
        .map(|r| r.try_get::<String>("", "sql"))
        .collect::<Result<_, _>>()?;
    if backend == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA foreign_keys = OFF").await?;
    }
    for sql in &statements {
        db.execute_unprepared(sql).await?;
    }
    // The bookkeeping table may live in another schema than the current one.
    db.execute_unprepared(&format!("DROP TABLE IF EXISTS {}", table(backend, b)))
        .await?;
    if backend == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA foreign_keys = ON").await?;
    }
    Ok(())
}

/// Every migration's up statements as this server runs them (the extensions
/// it offers decide the guarded ones), each with its migration's name: what
/// `up` on an empty database would run.
pub async fn up_statements(
    db: &impl ConnectionTrait,
    migrations: &[Migration],
) -> Result<Vec<(String, Vec<String>)>, DbErr> {
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    let available = if postgres {
        Some(available_extensions(db).await?)
    } else {
        None
    };
    Ok(migrations
        .iter()
        .map(|m| {
            let text = if postgres {
                m.postgres_up()
            } else {
                m.sqlite_up()
            };
            let (run, _) = resolve(&script::parse(text), available.as_ref());
            (m.name.clone(), run)
        })
        .collect())
}

/// [`up_statements`] as one script, each migration headed by its name.
pub(crate) async fn script_for(
    db: &impl ConnectionTrait,
    migrations: &[Migration],
) -> Result<String, MigrationError> {
    let mut out = String::new();
    for (name, statements) in up_statements(db, migrations).await? {
        out.push_str(&format!("-- {name}\n"));
        for sql in statements {
            out.push_str(&sql);
            out.push_str(";\n");
        }
    }
    Ok(out)
}
