//! A migration as a plan: statements grouped into steps, each step with
//! how it runs (in a transaction or outside one), the lock it takes and
//! its hazards (pg-schema-diff's idea: statements carry their lock and
//! hazards; atlas's: the planner decides, per driver).
//!
//! The types are backend-neutral: a renderer says, per statement, how it
//! must run and what it locks; [`group`] makes the steps a migration file
//! holds and a runner records one by one.

use serde::{Deserialize, Serialize};

use crate::diff::Hazard;

/// How a statement must run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Execution {
    /// In a transaction it may share with the statements around it: it
    /// holds its lock only for a catalog change.
    Transaction,
    /// In a transaction of its own: it holds its lock while it scans the
    /// table, so no statement before it in the same transaction may have
    /// taken a stronger one.
    OwnTransaction,
    /// Outside any transaction (`CREATE INDEX CONCURRENTLY`, a batched
    /// backfill that commits as it goes). Such a step must be idempotent:
    /// a run killed in it runs it again.
    NoTransaction,
}

/// A table lock mode, weakest first (Postgres's names; SQLite has one
/// lock, on the whole database, for every writer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LockMode {
    /// No lock on a table (an extension, a function).
    None,
    /// `SHARE UPDATE EXCLUSIVE`: reads and writes go on.
    ShareUpdateExclusive,
    /// `SHARE`: reads go on, writes wait.
    Share,
    /// `SHARE ROW EXCLUSIVE`: reads go on, writes wait.
    ShareRowExclusive,
    /// `ACCESS EXCLUSIVE`: reads and writes wait.
    AccessExclusive,
    /// SQLite's database write lock: other writers wait, readers go on.
    Database,
}

impl LockMode {
    /// The mode as the backend names it (`ACCESS EXCLUSIVE`).
    pub fn as_str(self) -> &'static str {
        match self {
            LockMode::None => "none",
            LockMode::ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
            LockMode::Share => "SHARE",
            LockMode::ShareRowExclusive => "SHARE ROW EXCLUSIVE",
            LockMode::AccessExclusive => "ACCESS EXCLUSIVE",
            LockMode::Database => "database write lock",
        }
    }

    /// What waits while the lock is held.
    pub fn blocks(self) -> &'static str {
        match self {
            LockMode::None | LockMode::ShareUpdateExclusive => "reads and writes go on",
            LockMode::Share | LockMode::ShareRowExclusive | LockMode::Database => "writes wait",
            LockMode::AccessExclusive => "reads and writes wait",
        }
    }
}

/// How long a lock is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Held {
    /// For a catalog change only.
    Brief,
    /// While the table is scanned (a validation, an index build).
    WhileScanning,
    /// While every row is rewritten.
    WhileRewriting,
}

impl Held {
    /// The phrase written after the lock (`while it scans`).
    pub fn as_str(self) -> &'static str {
        match self {
            Held::Brief => "brief",
            Held::WhileScanning => "while it scans the table",
            Held::WhileRewriting => "while it rewrites the table",
        }
    }
}

/// The lock a statement takes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Lock {
    /// The strongest mode it takes.
    pub mode: LockMode,
    /// The tables it locks, the altered one first.
    pub tables: Vec<String>,
    /// For how long.
    pub held: Held,
}

impl Lock {
    /// No table lock.
    pub fn none() -> Self {
        Self {
            mode: LockMode::None,
            tables: Vec::new(),
            held: Held::Brief,
        }
    }

    /// `mode` on `table`, held `held`.
    pub fn on(table: &str, mode: LockMode, held: Held) -> Self {
        Self {
            mode,
            tables: vec![table.to_owned()],
            held,
        }
    }

    /// Also locks `table` (the table a foreign key references).
    #[must_use]
    pub fn and(mut self, table: &str) -> Self {
        if !self.tables.iter().any(|t| t == table) {
            self.tables.push(table.to_owned());
        }
        self
    }

    /// The lock as a migration file's comment writes it:
    /// `ACCESS EXCLUSIVE on users, brief (reads and writes wait)`.
    pub fn describe(&self) -> String {
        if self.mode == LockMode::None {
            return "none".to_owned();
        }
        let tables = if self.tables.is_empty() {
            String::new()
        } else {
            format!(" on {}", self.tables.join(", "))
        };
        format!(
            "{}{tables}, {} ({})",
            self.mode.as_str(),
            self.held.as_str(),
            self.mode.blocks()
        )
    }

    /// Whether writes wait for longer than a catalog change.
    pub fn blocks_writes_long(&self) -> bool {
        self.held != Held::Brief && self.mode >= LockMode::Share
    }
}

/// One statement of a change, with how it runs and what it locks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedStatement {
    /// The SQL, without the terminating semicolon.
    pub sql: String,
    /// What it does, in words (`validate foreign key fk_posts_author_id`).
    pub purpose: String,
    /// How it must run.
    pub execution: Execution,
    /// The lock it takes.
    pub lock: Lock,
    /// What it may do beyond its intent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hazards: Vec<Hazard>,
    /// The index it builds concurrently, which a killed build leaves
    /// INVALID: a runner checks it and rebuilds it before the step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builds_index: Option<String>,
}

impl PlannedStatement {
    /// A statement that runs in a shared transaction, with a brief lock.
    pub fn new(sql: impl Into<String>, purpose: impl Into<String>, lock: Lock) -> Self {
        Self {
            sql: sql.into(),
            purpose: purpose.into(),
            execution: Execution::Transaction,
            lock,
            hazards: Vec::new(),
            builds_index: None,
        }
    }

    /// Runs it as `execution`.
    #[must_use]
    pub fn run(mut self, execution: Execution) -> Self {
        self.execution = execution;
        self
    }

    /// Adds hazards (kept sorted and unique).
    #[must_use]
    pub fn hazards(mut self, hazards: impl IntoIterator<Item = Hazard>) -> Self {
        self.hazards.extend(hazards);
        self.hazards.sort();
        self.hazards.dedup();
        self
    }

    /// Marks it as the concurrent build of `index`.
    #[must_use]
    pub fn builds(mut self, index: &str) -> Self {
        self.builds_index = Some(index.to_owned());
        self
    }
}

/// A step of a migration: statements run and recorded together, each
/// with what the caller attached to it (`T`: the change it belongs to).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step<T = String> {
    /// Whether the step runs in a transaction (with its record) or
    /// outside one (a single idempotent statement).
    pub transaction: bool,
    /// The statements, each with what it was given with.
    pub statements: Vec<(T, PlannedStatement)>,
}

impl<T> Step<T> {
    /// The strongest lock of the step's statements.
    pub fn lock(&self) -> Option<&Lock> {
        self.statements
            .iter()
            .map(|(_, s)| &s.lock)
            .max_by(|a, b| (a.mode, a.held != Held::Brief).cmp(&(b.mode, b.held != Held::Brief)))
    }

    /// Every hazard of the step's statements, sorted.
    pub fn hazards(&self) -> Vec<Hazard> {
        let mut out: Vec<Hazard> = self
            .statements
            .iter()
            .flat_map(|(_, s)| s.hazards.iter().copied())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Every table the step locks, in order of appearance.
    pub fn tables(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (_, s) in &self.statements {
            for t in &s.lock.tables {
                if !out.contains(t) {
                    out.push(t.clone());
                }
            }
        }
        out
    }

    fn shares(&self) -> bool {
        self.statements
            .iter()
            .all(|(_, s)| s.execution == Execution::Transaction)
    }
}

/// Groups statements (each with the description of its change) into
/// steps, in order: consecutive [`Execution::Transaction`] statements share
/// one step; an [`Execution::OwnTransaction`] or
/// [`Execution::NoTransaction`] statement is a step alone.
pub fn group<T>(statements: impl IntoIterator<Item = (T, PlannedStatement)>) -> Vec<Step<T>> {
    let mut steps: Vec<Step<T>> = Vec::new();
    for (change, statement) in statements {
        let shares = statement.execution == Execution::Transaction;
        match steps.last_mut() {
            Some(last) if shares && last.transaction && last.shares() => {
                last.statements.push((change, statement));
            }
            _ => steps.push(Step {
                transaction: statement.execution != Execution::NoTransaction,
                statements: vec![(change, statement)],
            }),
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(sql: &str, execution: Execution) -> (String, PlannedStatement) {
        (
            "c".to_owned(),
            PlannedStatement::new(sql, "p", Lock::none()).run(execution),
        )
    }

    #[test]
    fn brief_statements_share_a_step_and_the_others_stand_alone() {
        use Execution::*;
        let steps = group([
            s("a", Transaction),
            s("b", Transaction),
            s("c", NoTransaction),
            s("d", Transaction),
            s("e", OwnTransaction),
            s("f", Transaction),
        ]);
        let shape: Vec<(bool, Vec<&str>)> = steps
            .iter()
            .map(|st| {
                (
                    st.transaction,
                    st.statements.iter().map(|(_, s)| s.sql.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                (true, vec!["a", "b"]),
                (false, vec!["c"]),
                (true, vec!["d"]),
                (true, vec!["e"]),
                (true, vec!["f"]),
            ]
        );
    }

    #[test]
    fn a_lock_describes_its_mode_tables_and_duration() {
        let lock = Lock::on("posts", LockMode::ShareRowExclusive, Held::Brief).and("users");
        assert_eq!(
            lock.describe(),
            "SHARE ROW EXCLUSIVE on posts, users, brief (writes wait)"
        );
        assert!(!lock.blocks_writes_long());
        let scan = Lock::on("posts", LockMode::Share, Held::WhileScanning);
        assert!(scan.blocks_writes_long());
    }
}
