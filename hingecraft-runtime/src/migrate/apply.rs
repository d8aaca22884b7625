//! Applying one direction of one migration, step by step, on the runner's
//! session.
//!
//! A step in a transaction runs in one round trip with its record, and
//! commits; a step outside a transaction runs alone, then is recorded. A
//! statement whose lock is not granted within `lock_timeout` fails fast
//! (other sessions do not queue behind it) and the step is tried again
//! after an exponential backoff with jitter; after the last try, the error
//! names the table and the session holding it. Any other error is the
//! first one the server reported, with its statement.

use std::collections::BTreeSet;
use std::hash::BuildHasher;
use std::time::Duration;

use sea_orm::DbBackend;
use sea_orm::sqlx;

use hingecraft_model::Bookkeeping;

use super::MigrationError;
use super::files::Migration;
use super::records;
use super::report::Report;
use super::script::{Statement, resolve};
use super::session::{LockPolicy, Session, available_extensions, db_err, lock_not_granted};
use super::steps::{Script, Step};
use hingecraft_model::sql::{quote_ident, quote_literal};

/// What a run knows while it applies migrations.
pub(crate) struct Run<'a> {
    pub(crate) bookkeeping: &'a Bookkeeping,
    pub(crate) policy: LockPolicy,
    pub(crate) steps_table: bool,
    /// `(version, up, step)` done.
    pub(crate) done: Vec<(u32, bool, u32)>,
}

fn file(backend: DbBackend, migration: &Migration, up: bool) -> &str {
    match (backend, up) {
        (DbBackend::Postgres, true) => migration.postgres_up(),
        (DbBackend::Postgres, false) => migration.postgres_down(),
        (_, true) => migration.sqlite_up(),
        (_, false) => migration.sqlite_down(),
    }
}

/// The name a preamble statement sets (`SET search_path TO ...`,
/// `PRAGMA foreign_keys = OFF`).
fn setting(sql: &str) -> Option<String> {
    let mut words = sql.split_whitespace();
    let first = words.next()?.to_ascii_uppercase();
    let mut name = words.next()?;
    if first == "SET" && name.eq_ignore_ascii_case("SESSION") {
        name = words.next()?;
    }
    let name = name.split('=').next()?.trim();
    matches!(first.as_str(), "SET" | "PRAGMA").then(|| name.to_ascii_lowercase())
}

/// A pause before try `attempt` (from 1): doubling from the policy's
/// first backoff, capped, each drawn between half and all of it.
fn backoff(policy: &LockPolicy, attempt: u32) -> Duration {
    let full = policy
        .backoff
        .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)))
        .min(policy.max_backoff);
    let random = std::collections::hash_map::RandomState::new().hash_one(attempt);
    let half = full / 2;
    half + Duration::from_nanos(random % (half.as_nanos().max(1) as u64))
}

impl Run<'_> {
    /// Applies (`up`) or rolls back one migration.
    pub(crate) async fn migration(
        &mut self,
        s: &mut Session,
        migration: &Migration,
        up: bool,
        report: &mut Report,
    ) -> Result<(), MigrationError> {
        let backend = s.backend();
        let script = Script::parse(&migration.name, file(backend, migration, up))?;
        let failed = |statement: &str, e: sqlx::Error| MigrationError::Statement {
            migration: migration.name.clone(),
            statement: statement.to_owned(),
            source: db_err(e),
        };
        let guarded = script
            .steps
            .iter()
            .any(|st| st.statements.iter().any(|x| x.guard.is_some()));
        let available = if backend == DbBackend::Postgres && guarded {
            Some(available_extensions(s).await.map_err(db_err)?)
        } else {
            None
        };
        for statement in &script.preamble {
            let applied = match setting(&statement.sql) {
                Some(name) => s.set(&name, &statement.sql).await,
                None => s.execute(&statement.sql).await,
            };
            applied.map_err(|e| failed(&statement.sql, e))?;
        }
        if backend == DbBackend::Postgres {
            let ms = self.policy.lock_timeout.as_millis();
            s.set("lock_timeout", &format!("SET lock_timeout = '{ms}ms'"))
                .await
                .map_err(|e| failed("SET lock_timeout", e))?;
            // A killed runner's server session stops what it runs (an index
            // build) within this interval instead of finishing it unseen
            // (Postgres 14 and later).
            let version = s
                .value("SELECT current_setting('server_version_num')")
                .await
                .map_err(|e| failed("SHOW server_version_num", e))?;
            if version
                .and_then(|v| v.parse::<u32>().ok())
                .is_some_and(|v| v >= 140_000)
            {
                let sql = "SET client_connection_check_interval = '250ms'";
                s.set("client_connection_check_interval", sql)
                    .await
                    .map_err(|e| failed(sql, e))?;
            }
        }
        let total = script.steps.len() as u32;
        if total > 1 && !self.steps_table {
            records::ensure_steps_table(s, self.bookkeeping)
                .await
                .map_err(db_err)?;
            self.steps_table = true;
        }
        let done: BTreeSet<u32> = self
            .done
            .iter()
            .filter(|(v, u, _)| *v == migration.version && *u == up)
            .map(|(_, _, n)| *n)
            .collect();
        for step in &script.steps {
            if done.contains(&step.marker.number) {
                continue;
            }
            let (run, left_out) = resolve(&step.statements, available.as_ref());
            report_left_out(report, migration, left_out);
            let record = if step.marker.number == total {
                records::migration_done(backend, self.bookkeeping, migration, up, self.steps_table)
            } else {
                vec![records::step_done(
                    backend,
                    self.bookkeeping,
                    migration.version,
                    up,
                    step.marker.number,
                )]
            };
            if step.marker.outside_transaction {
                self.outside(s, migration, step, &run, report).await?;
                self.transaction(s, migration, step, &[], &record, report)
                    .await?;
            } else {
                self.transaction(s, migration, step, &run, &record, report)
                    .await?;
            }
        }
        if script.steps.is_empty() {
            let record =
                records::migration_done(backend, self.bookkeeping, migration, up, self.steps_table);
            let none = Step {
                marker: Default::default(),
                statements: Vec::<Statement>::new(),
            };
            self.transaction(s, migration, &none, &[], &record, report)
                .await?;
        }
        s.restore_settings().await.map_err(db_err)?;
        Ok(())
    }

    /// A step in a transaction with its record: one round trip, committed,
    /// tried again while a lock is not granted.
    async fn transaction(
        &self,
        s: &mut Session,
        migration: &Migration,
        step: &Step,
        run: &[String],
        record: &[String],
        report: &mut Report,
    ) -> Result<(), MigrationError> {
        let begin = match s.backend() {
            DbBackend::Sqlite => "BEGIN IMMEDIATE",
            _ => "BEGIN",
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            s.execute(begin)
                .await
                .map_err(|e| MigrationError::Database(db_err(e)))?;
            let outcome = self.body(s, migration, run, record).await;
            let outcome = match outcome {
                Ok(()) => s
                    .execute("COMMIT")
                    .await
                    .map_err(|e| (String::from("COMMIT"), Some(e))),
                Err(e) => Err(e),
            };
            let (statement, error) = match outcome {
                Ok(()) => return Ok(()),
                Err(failure) => failure,
            };
            // The transaction is over or aborted either way.
            let _ = s.execute("ROLLBACK").await;
            if let Some(error) = error {
                self.retry_or_fail(s, migration, step, &statement, error, attempt, report)
                    .await?;
            } else {
                return Err(MigrationError::ForeignKeyCheck {
                    migration: migration.name.clone(),
                    violations: statement.lines().map(str::to_owned).collect(),
                });
            }
        }
    }

    /// The statements and record of a step inside its transaction. SQLite's
    /// `PRAGMA foreign_key_check` fails the step when it returns a row.
    async fn body(
        &self,
        s: &mut Session,
        _migration: &Migration,
        run: &[String],
        record: &[String],
    ) -> Result<(), (String, Option<sqlx::Error>)> {
        let mut chunk: Vec<String> = Vec::new();
        let all = run.iter().chain(record);
        for sql in all {
            if s.backend() == DbBackend::Sqlite
                && sql.eq_ignore_ascii_case("PRAGMA foreign_key_check")
            {
                s.script(&chunk)
                    .await
                    .map_err(|(i, e)| (chunk[i].clone(), Some(e)))?;
                chunk.clear();
                let rows = s.rows(sql).await.map_err(|e| (sql.clone(), Some(e)))?;
                if !rows.is_empty() {
                    let lines = rows
                        .iter()
                        .map(|r| {
                            let cell = |i: usize| r.get(i).cloned().flatten().unwrap_or_default();
                            format!(
                                "table `{}` rowid {} references `{}` (foreign key {}), which has no such row",
                                cell(0),
                                cell(1),
                                cell(2),
                                cell(3)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    return Err((lines, None));
                }
                continue;
            }
            chunk.push(sql.clone());
        }
        s.script(&chunk)
            .await
            .map_err(|(i, e)| (chunk[i].clone(), Some(e)))
    }

    /// A step outside a transaction: an INVALID index a killed build left
    /// is dropped first, then the statement runs, tried again while a lock
    /// is not granted.
    async fn outside(
        &self,
        s: &mut Session,
        migration: &Migration,
        step: &Step,
        run: &[String],
        report: &mut Report,
    ) -> Result<(), MigrationError> {
        if let Some(index) = &step.marker.builds_index
            && self
                .drop_if_invalid(s, migration, step, index, report)
                .await?
        {
            report.notes.push(format!(
                "{} step {}: index `{index}` was INVALID (an interrupted build); dropped and built again",
                migration.name, step.marker.number
            ));
        }
        for sql in run {
            let mut attempt = 0;
            loop {
                attempt += 1;
                match s.execute(sql).await {
                    Ok(()) => break,
                    Err(e) => {
                        if !lock_not_granted(&e)
                            && let Some(index) = &step.marker.builds_index
                        {
                            // A failed build leaves an INVALID index that
                            // costs every write: drop it (best effort).
                            let _ = self
                                .drop_if_invalid(s, migration, step, index, report)
                                .await;
                        }
                        self.retry_or_fail(s, migration, step, sql, e, attempt, report)
                            .await?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Drops `index` if it exists and is INVALID; whether it did.
    async fn drop_if_invalid(
        &self,
        s: &mut Session,
        migration: &Migration,
        step: &Step,
        index: &str,
        report: &mut Report,
    ) -> Result<bool, MigrationError> {
        let quoted = quote_literal(&quote_ident(index));
        let invalid = s
            .value(&format!(
                "SELECT NOT indisvalid FROM pg_index WHERE indexrelid = to_regclass({quoted})"
            ))
            .await
            .map_err(db_err)?;
        if invalid.as_deref() != Some("true") {
            return Ok(false);
        }
        let sql = format!("DROP INDEX CONCURRENTLY IF EXISTS {}", quote_ident(index));
        let mut attempt = 0;
        loop {
            attempt += 1;
            match s.execute(&sql).await {
                Ok(()) => return Ok(true),
                Err(e) => {
                    self.retry_or_fail(s, migration, step, &sql, e, attempt, report)
                        .await?
                }
            }
        }
    }

    /// After a failed try: waits and returns to try again when a lock was
    /// not granted and tries are left; the error otherwise.
    #[allow(clippy::too_many_arguments)]
    async fn retry_or_fail(
        &self,
        s: &mut Session,
        migration: &Migration,
        step: &Step,
        statement: &str,
        error: sqlx::Error,
        attempt: u32,
        report: &mut Report,
    ) -> Result<(), MigrationError> {
        if !lock_not_granted(&error) {
            return Err(MigrationError::Statement {
                migration: migration.name.clone(),
                statement: statement.to_owned(),
                source: db_err(error),
            });
        }
        if attempt <= self.policy.retries {
            let pause = backoff(&self.policy, attempt);
            report.lock_retries.push(format!(
                "{} step {}: a lock was not granted within {} ms; try {} in {} ms",
                migration.name,
                step.marker.number,
                self.policy.lock_timeout.as_millis(),
                attempt + 1,
                pause.as_millis()
            ));
            tokio::time::sleep(pause).await;
            return Ok(());
        }
        let (table, holder) = blocker(s, &step.marker.locks).await;
        Err(MigrationError::LockTimeout {
            migration: migration.name.clone(),
            step: step.marker.number,
            table,
            holder,
            tries: attempt,
            lock_timeout_ms: self.policy.lock_timeout.as_millis() as u64,
            statement: statement.to_owned(),
        })
    }
}

fn report_left_out(
    report: &mut Report,
    migration: &Migration,
    left_out: Vec<super::script::LeftOut>,
) {
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
}

/// The table another session holds a lock on, among `tables` (any table
/// when the step names none), and that session (`pid 123: <its query>`).
async fn blocker(s: &mut Session, tables: &[String]) -> (String, String) {
    let filter = if tables.is_empty() {
        "c.relkind IN ('r', 'p') AND c.relnamespace NOT IN \
         ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)"
            .to_owned()
    } else {
        format!(
            "c.relname IN ({})",
            tables
                .iter()
                .map(|t| quote_literal(t))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let sql = format!(
        "SELECT c.relname, a.pid::text, left(coalesce(a.query, ''), 120) \
         FROM pg_locks l JOIN pg_class c ON c.oid = l.relation \
         JOIN pg_stat_activity a ON a.pid = l.pid \
         WHERE l.granted AND l.pid <> pg_backend_pid() \
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) \
           AND {filter} ORDER BY c.relname LIMIT 1"
    );
    match s.rows(&sql).await {
        Ok(rows) if !rows.is_empty() => {
            let cell = |i: usize| rows[0].get(i).cloned().flatten().unwrap_or_default();
            (cell(0), format!(" (pid {}: {})", cell(1), cell(2)))
        }
        _ => (
            tables
                .first()
                .cloned()
                .unwrap_or_else(|| "(unknown)".to_owned()),
            String::new(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preamble_statement_names_its_setting() {
        assert_eq!(
            setting("SET search_path TO public, extensions").as_deref(),
            Some("search_path")
        );
        assert_eq!(
            setting("SET lock_timeout = '1s'").as_deref(),
            Some("lock_timeout")
        );
        assert_eq!(
            setting("SET statement_timeout=0").as_deref(),
            Some("statement_timeout")
        );
        assert_eq!(
            setting("PRAGMA foreign_keys = OFF").as_deref(),
            Some("foreign_keys")
        );
        assert_eq!(setting("SET SESSION x.y TO 1").as_deref(), Some("x.y"));
        assert_eq!(setting("CREATE TABLE t (a int)"), None);
    }

    #[test]
    fn the_backoff_doubles_up_to_its_cap_with_jitter() {
        let policy = LockPolicy {
            lock_timeout: Duration::from_millis(100),
            retries: 10,
            backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
        };
        for (attempt, full) in [(1, 100), (2, 200), (3, 400), (4, 800), (5, 1000), (9, 1000)] {
            let b = backoff(&policy, attempt).as_millis();
            assert!(
                b >= full / 2 && b <= full,
                "try {attempt}: {b} ms, full {full}"
            );
        }
    }
}
