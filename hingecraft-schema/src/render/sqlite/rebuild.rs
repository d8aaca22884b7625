//! SQLite's table rebuild, for every alteration it cannot make in place
//! (<https://www.sqlite.org/lang_altertable.html#otheralter>): a new
//! table with the new definition, the rows copied, the old table dropped,
//! the new one renamed, its indexes created. SQLite has no triggers or
//! views from the schema, so there is nothing else to recreate.
//!
//! The migration runs with foreign keys off (`PRAGMA foreign_keys` is a
//! no-op inside a transaction, so the runner turns them off before it) and
//! checks them with `PRAGMA foreign_key_check` before it commits: a row
//! that breaks a new key fails the migration, which rolls back whole.
//!
//! All the changes of one table that a rebuild covers are done by one
//! rebuild, placed at the first of them; the later ones render nothing.

use std::collections::{BTreeMap, BTreeSet};

use sea_query::SqliteQueryBuilder;

use super::ddl::{create_table, indexes};
use crate::diff::Change;
use crate::model::{CheckKind, Column, ColumnType, DefaultValue, Schema, Table};
use crate::render::Skipped;
use crate::render::plan::{Held, Lock, LockMode, PlannedStatement};
use crate::render::statements::{iden, quoted};

const SQLITE: SqliteQueryBuilder = SqliteQueryBuilder;

fn q(name: &str) -> String {
    quoted(&SQLITE, name)
}

/// Whether a constraint of the table (as SQLite created it) names the
/// column, so that `DROP COLUMN` would fail.
pub(super) fn constrained(table: &Table, column: &str) -> bool {
    table.primary_key.iter().any(|c| c == column)
        || table
            .uniques
            .iter()
            .any(|u| u.columns.iter().any(|c| c == column))
        || table
            .foreign_keys
            .iter()
            .any(|f| f.columns.iter().any(|c| c == column))
        || table.checks.iter().any(|c| match &c.kind {
            CheckKind::Sql(_) => false,
            kind => kind.column() == Some(column),
        })
        || table
            .column(column)
            .is_some_and(|c| matches!(c.ty, ColumnType::Varchar { .. }))
}

/// Whether `ALTER TABLE ADD COLUMN` can add the column: SQLite refuses a
/// `NOT NULL` column without a default and an expression default.
fn addable(column: &Column) -> bool {
    match &column.default {
        None => column.nullable,
        Some(DefaultValue::Now) => false,
        Some(_) => true,
    }
}

/// Whether SQLite must rebuild the table for this change (of a table that
/// exists before the migration).
fn needs_rebuild(change: &Change, old: &Schema) -> bool {
    use Change::*;
    match change {
        AlterColumn { .. }
        | SetPrimaryKey { .. }
        | AddForeignKey { .. }
        | DropForeignKey { .. }
        | AddUnique { .. }
        | DropUnique { .. }
        | AddCheck { .. }
        | DropCheck { .. } => true,
        AddColumn { column, .. } => column.generated.is_none() && !addable(column),
        DropColumn { table, column } => old
            .table(table)
            .is_some_and(|t| constrained(t, &column.name)),
        _ => false,
    }
}

/// The rebuilds of a plan: for each change index where one happens, the
/// statements; and the indexes of the changes it covers.
#[derive(Debug, Default)]
pub(super) struct Rebuilds {
    /// Statements of the rebuild placed at a change's index.
    pub(super) at: BTreeMap<usize, (Vec<PlannedStatement>, Vec<Skipped>)>,
    /// Changes done by a rebuild placed earlier.
    pub(super) covered: BTreeSet<usize>,
}

/// Plans the rebuilds of `changes` (from `old` to `new`).
pub(super) fn plan(changes: &[Change], old: &Schema, new: &Schema) -> Rebuilds {
    let mut out = Rebuilds::default();
    let created: BTreeSet<&str> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateTable { table } => Some(table.name.as_str()),
            _ => None,
        })
        .collect();
    // Each kept table: its names in the old and the new schema.
    let mut done: BTreeSet<String> = BTreeSet::new();
    for (i, change) in changes.iter().enumerate() {
        let Some(name) = change.table() else { continue };
        if created.contains(name) || !needs_rebuild(change, old) {
            continue;
        }
        let Some((before, after)) = identify(changes, old, new, name) else {
            continue;
        };
        if !done.insert(after.name.clone()) {
            continue;
        }
        let belongs = |c: &Change| {
            c.table()
                .is_some_and(|t| t == before.name || t == after.name)
                && covers(c)
        };
        let source = state_at(&before, &changes[..i], &after.name);
        let renames: BTreeMap<&str, &str> = changes[i..]
            .iter()
            .filter_map(|c| match c {
                Change::RenameColumn { from, to, .. } if belongs(c) => {
                    Some((to.as_str(), from.as_str()))
                }
                _ => None,
            })
            .collect();
        out.at.insert(i, statements(&source, after, &renames));
        for (j, c) in changes.iter().enumerate().skip(i + 1) {
            if belongs(c) {
                out.covered.insert(j);
            }
        }
    }
    out
}

/// The kinds of change a rebuild of their table covers.
fn covers(change: &Change) -> bool {
    use Change::*;
    matches!(
        change,
        RenameTable { .. }
            | AddColumn { .. }
            | DropColumn { .. }
            | RenameColumn { .. }
            | AlterColumn { .. }
            | SetPrimaryKey { .. }
            | AddForeignKey { .. }
            | DropForeignKey { .. }
            | AddUnique { .. }
            | DropUnique { .. }
            | AddCheck { .. }
            | DropCheck { .. }
            | DropIndex { .. }
    ) || matches!(
        change,
        CreateIndex {
            new_table: false,
            ..
        }
    )
}

/// The table named `name` by a change, as it is in `old` and in `new`
/// (following a declared rename either way).
fn identify<'a>(
    changes: &[Change],
    old: &'a Schema,
    new: &'a Schema,
    name: &str,
) -> Option<(Table, &'a Table)> {
    let renamed_to = |n: &str| {
        changes.iter().find_map(|c| match c {
            Change::RenameTable { from, to } if from == n => Some(to.clone()),
            _ => None,
        })
    };
    let renamed_from = |n: &str| {
        changes.iter().find_map(|c| match c {
            Change::RenameTable { from, to } if to == n => Some(from.clone()),
            _ => None,
        })
    };
    let (old_name, new_name) = match (old.table(name), new.table(name)) {
        (Some(_), Some(_)) => (name.to_owned(), name.to_owned()),
        (Some(_), None) => (name.to_owned(), renamed_to(name)?),
        (None, Some(_)) => (renamed_from(name)?, name.to_owned()),
        (None, None) => return None,
    };
    Some((old.table(&old_name)?.clone(), new.table(&new_name)?))
}

/// The table as the changes before the rebuild left it (renames, columns
/// added and dropped in place).
fn state_at(old: &Table, before: &[Change], new_name: &str) -> Table {
    let mut t = old.clone();
    for change in before {
        match change {
            Change::RenameTable { from, to } if *from == t.name => t.name.clone_from(to),
            Change::RenameColumn { table, from, to } if *table == t.name || table == new_name => {
                if let Some(c) = t.columns.iter_mut().find(|c| c.name == *from) {
                    c.name.clone_from(to);
                }
            }
            Change::AddColumn { table, column } if *table == t.name || table == new_name => {
                t.columns.push(column.clone());
            }
            Change::DropColumn { table, column } if *table == t.name || table == new_name => {
                t.columns.retain(|c| c.name != column.name);
            }
            _ => {}
        }
    }
    t
}

/// The rebuild from `source` (as the database has it) to `target`.
/// `renames` maps a target column to its source column where they differ.
fn statements(
    source: &Table,
    target: &Table,
    renames: &BTreeMap<&str, &str>,
) -> (Vec<PlannedStatement>, Vec<Skipped>) {
    let scratch = format!("_hingecraft_new_{}", target.name);
    // Rendered under its final name (constraint names derive from it),
    // created under the scratch one. What SQLite cannot hold of the table
    // itself was listed when it was created.
    let mut incidental = Vec::new();
    let create = create_table(target, &mut incidental).replacen(
        &format!("CREATE TABLE {} ", q(&target.name)),
        &format!("CREATE TABLE {} ", q(&scratch)),
        1,
    );
    let copied: Vec<(&str, &str)> = target
        .columns
        .iter()
        .filter(|c| c.generated.is_none())
        .filter_map(|c| {
            let from = renames.get(c.name.as_str()).copied().unwrap_or(&c.name);
            source
                .column(from)
                .filter(|s| s.generated.is_none())
                .map(|_| (c.name.as_str(), from))
        })
        .collect();
    let list = |cols: Vec<&str>| cols.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ");
    let insert = format!(
        "INSERT INTO {} ({}) SELECT {} FROM {}",
        q(&scratch),
        list(copied.iter().map(|(to, _)| *to).collect()),
        list(copied.iter().map(|(_, from)| *from).collect()),
        q(&source.name)
    );
    let lock = || Lock::on(&target.name, LockMode::Database, Held::WhileRewriting);
    let purpose = |what: &str| format!("rebuild {}: {what}", target.name);
    let mut out = vec![
        PlannedStatement::new(create, purpose("the new table"), lock()),
        PlannedStatement::new(insert, purpose("copy the rows"), lock()),
        PlannedStatement::new(
            sea_query::Table::drop()
                .table(iden(&source.name))
                .to_string(SQLITE),
            purpose("drop the old table"),
            lock(),
        ),
        PlannedStatement::new(
            sea_query::Table::rename()
                .table(iden(&scratch), iden(&target.name))
                .to_string(SQLITE),
            purpose("rename the new table"),
            lock(),
        ),
    ];
    let mut skipped = Vec::new();
    for sql in indexes(target, &mut skipped) {
        out.push(PlannedStatement::new(sql, purpose("its indexes"), lock()));
    }
    // Indexes SQLite could not hold before were reported when they were
    // declared; only new ones are this change's to report.
    let known: BTreeSet<&str> = source.indexes.iter().map(|i| i.name.as_str()).collect();
    skipped.retain(|s| match s {
        Skipped::IndexMethod { index, .. }
        | Skipped::OperatorClass { index, .. }
        | Skipped::IndexPredicate { index, .. } => !known.contains(index.as_str()),
        _ => true,
    });
    (out, skipped)
}
