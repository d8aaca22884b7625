//! The runner: applies and rolls back migrations under a lock, step by
//! step, with checksums.
//!
//! Why not sea-orm-migration's `MigratorTrait`: it has neither a lock nor
//! checksums, and its migrations are Rust code, not stored SQL. This runner
//! keeps its own table (the project's [`Bookkeeping`];
//! `hingecraft_migrations` by default), `(version, name, checksum,
//! applied_at)`, and for a migration of several steps a steps table next to
//! it (see `records`).
//!
//! A run takes one connection from the pool and does everything on it: on
//! Postgres it holds the session advisory lock `pg_advisory_lock(<lock
//! key>)` there, so concurrent runs queue (the second waits, then finds
//! nothing pending) and a pool of one connection is enough. The lock is
//! released on every path: explicitly at the end, or by closing the
//! connection when the run fails in a way that leaves it unclean; a killed
//! runner's connection closes, which releases it too. A step in a
//! transaction that is killed rolls back; a step outside a transaction is
//! re-runnable (an INVALID index a killed concurrent build left is found
//! and built again). So the database is always at a step boundary, and the
//! next run resumes at the first step not done. SQLite serialises writers
//! by itself.

use std::collections::BTreeSet;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};

use hingecraft_model::Bookkeeping;

use super::MigrationError;
pub use super::report::{MigrationStatus, Report};
pub use super::session::LockPolicy;

use super::apply::Run;
use super::files::Migration;
use super::records::{self, Applied};
use super::script::resolve;
use super::session::{Session, db_err};
use super::steps::Script;

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
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT name FROM pg_available_extensions",
        ))
        .await?;
    rows.iter()
        .map(|r| r.try_get::<String>("", "name"))
        .collect()
}

/// What a locked run reads first.
struct State<'a> {
    run: Run<'a>,
    applied: Vec<Applied>,
}

/// Runs `work` on a session of its own holding the migration lock
/// (Postgres), after making sure the bookkeeping table exists; the session
/// is put back as it was on every path.
async fn locked<'b, T>(
    db: &DatabaseConnection,
    b: &'b Bookkeeping,
    policy: LockPolicy,
    work: impl AsyncFnOnce(&mut Session, State<'b>) -> Result<T, MigrationError>,
) -> Result<T, MigrationError> {
    let mut session = Session::open(db).await?;
    let result = async {
        session.lock(b.lock_key).await.map_err(db_err)?;
        records::ensure_table(&mut session, b)
            .await
            .map_err(db_err)?;
        let applied = records::applied(&mut session, b).await.map_err(db_err)?;
        let steps_table = records::steps_table_exists(&mut session, b)
            .await
            .map_err(db_err)?;
        let done = records::steps_done(&mut session, b).await.map_err(db_err)?;
        let state = State {
            run: Run {
                bookkeeping: b,
                policy,
                steps_table,
                done,
            },
            applied,
        };
        work(&mut session, state).await
    }
    .await;
    match result {
        // Unlocked and returned to the pool; if that fails, the dropped
        // session closes the connection, which releases the lock.
        Ok(value) => session.close().await.map(|()| value),
        Err(e) => {
            // The error is the one to report; the session is closed as it can.
            let _ = session.execute("ROLLBACK").await;
            let _ = session.close().await;
            Err(e)
        }
    }
}

/// Steps done of `version` in direction `up`, and its number of steps.
fn partial(run: &Run<'_>, m: &Migration, backend: DbBackend, up: bool) -> Option<(usize, usize)> {
    let done = run
        .done
        .iter()
        .filter(|(v, u, _)| *v == m.version && *u == up)
        .count();
    if done == 0 {
        return None;
    }
    let text = match (backend, up) {
        (DbBackend::Postgres, true) => m.postgres_up(),
        (DbBackend::Postgres, false) => m.postgres_down(),
        (_, true) => m.sqlite_up(),
        (_, false) => m.sqlite_down(),
    };
    let total = Script::parse(&m.name, text).map_or(0, |s| s.steps.len());
    Some((done, total))
}

/// Applies up to `num` pending migrations (all when `None`), in order; a
/// migration a killed run left partly applied is resumed at its first step
/// not done.
pub async fn up(
    db: &DatabaseConnection,
    b: &Bookkeeping,
    known: &[Migration],
    num: Option<u32>,
    policy: LockPolicy,
) -> Result<Report, MigrationError> {
    locked(db, b, policy, async |session, mut state| {
        let backend = session.backend();
        let applied_migrations = verify(known, &state.applied)?;
        if let Some(m) = applied_migrations.last()
            && let Some((done, total)) = partial(&state.run, m, backend, false)
        {
            return Err(MigrationError::Partial {
                migration: m.name.clone(),
                done,
                total,
                state: "rolled back".into(),
                finish: "down".into(),
            });
        }
        let mut report = Report {
            total_applied: state.applied.len(),
            ..Report::default()
        };
        let limit = num.map_or(usize::MAX, |n| n as usize);
        let pending = known
            .iter()
            .filter(|m| state.applied.iter().all(|a| a.version != m.version))
            .take(limit);
        for m in pending {
            state.run.migration(session, m, true, &mut report).await?;
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
    policy: LockPolicy,
) -> Result<Report, MigrationError> {
    locked(db, b, policy, async |session, mut state| {
        let backend = session.backend();
        let applied_migrations = verify(known, &state.applied)?;
        if let Some(m) = known.iter().find(|m| {
            state.applied.iter().all(|a| a.version != m.version)
                && partial(&state.run, m, backend, true).is_some()
        }) {
            let (done, total) = partial(&state.run, m, backend, true).unwrap_or_default();
            return Err(MigrationError::Partial {
                migration: m.name.clone(),
                done,
                total,
                state: "applied".into(),
                finish: "up".into(),
            });
        }
        let mut report = Report {
            total_applied: state.applied.len(),
            ..Report::default()
        };
        let limit = num.map_or(usize::MAX, |n| n as usize);
        for m in applied_migrations.into_iter().rev().take(limit) {
            state.run.migration(session, m, false, &mut report).await?;
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
    locked(db, b, LockPolicy::default(), async |session, state| {
        let backend = session.backend();
        verify(known, &state.applied)?;
        Ok(known
            .iter()
            .map(|m| {
                let applied = state.applied.iter().any(|a| a.version == m.version);
                MigrationStatus {
                    name: m.name.clone(),
                    applied,
                    partial: partial(&state.run, m, backend, !applied),
                }
            })
            .collect())
    })
    .await
}

/// Drops every table, view and function of the current schema (Postgres)
/// or database (SQLite), and the bookkeeping tables. Extensions stay. On
/// SQLite, foreign keys are off on the runner's own connection while it
/// drops, and back on (as they were) on every path.
pub async fn drop_everything(
    db: &DatabaseConnection,
    b: &Bookkeeping,
) -> Result<(), MigrationError> {
    let mut session = Session::open(db).await?;
    let backend = session.backend();
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
    let work = async {
        let mut statements: Vec<String> = session
            .rows(query)
            .await?
            .into_iter()
            .filter_map(|r| r.into_iter().next().flatten())
            .collect();
        // The bookkeeping tables may live in another schema than the current one.
        for t in [records::table(backend, b), records::steps_table(backend, b)] {
            statements.push(format!("DROP TABLE IF EXISTS {t}"));
        }
        if backend == DbBackend::Sqlite {
            session
                .set("foreign_keys", "PRAGMA foreign_keys = OFF")
                .await?;
        }
        for sql in &statements {
            session.execute(sql).await?;
        }
        Ok::<_, sea_orm::sqlx::Error>(())
    }
    .await;
    match work {
        Ok(()) => session.close().await,
        Err(e) => {
            let _ = session.close().await;
            Err(MigrationError::Database(db_err(e)))
        }
    }
}

/// Every migration's up statements as this server runs them (the extensions
/// it offers decide the guarded ones), each with its migration's name: what
/// `up` on an empty database would run. A format-2 migration gives its
/// preamble and its steps, a step in a transaction between `BEGIN` and
/// `COMMIT`: a script `psql -f` runs as the runner does.
pub async fn up_statements(
    db: &impl ConnectionTrait,
    migrations: &[Migration],
) -> Result<Vec<(String, Vec<String>)>, MigrationError> {
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    let available = if postgres {
        Some(available_extensions(db).await?)
    } else {
        None
    };
    migrations
        .iter()
        .map(|m| {
            let text = if postgres {
                m.postgres_up()
            } else {
                m.sqlite_up()
            };
            let script = Script::parse(&m.name, text)?;
            let mut out: Vec<String> = script.preamble.iter().map(|s| s.sql.clone()).collect();
            for step in &script.steps {
                let (run, _) = resolve(&step.statements, available.as_ref());
                let framed = script.format == 2 && !step.marker.outside_transaction;
                if framed {
                    out.push("BEGIN".to_owned());
                }
                out.extend(run);
                if framed {
                    out.push("COMMIT".to_owned());
                }
            }
            Ok((m.name.clone(), out))
        })
        .collect()
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
