//! The phases changes are applied in, the plan that collects them, and the
//! declared renames: what the planner and the per-table diff share.

use std::collections::{BTreeMap, BTreeSet};

use super::Change;

/// The phases of a plan, in application order. Drops come first, dependents
/// before what they depend on; creates follow, dependencies first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Phase {
    DropTrigger,
    DropSecurity,
    DropView,
    DropIndex,
    DropForeignKey,
    DropConstraint,
    DropColumn,
    DropTable,
    DropFunction,
    DropExtension,
    CreateExtension,
    RenameTable,
    RenameColumn,
    CreateFunction,
    AddColumn,
    CreateTable,
    AlterColumn,
    AddConstraint,
    AddForeignKey,
    CreateIndex,
    CreateSqlFunction,
    CreateSecurity,
    CreateTrigger,
    CreateView,
    Comment,
}

/// Changes collected per phase; flattened in phase order, each phase in
/// the order its changes were pushed (which the planner keeps sorted).
#[derive(Debug, Default)]
pub(super) struct Plan {
    changes: Vec<(Phase, Change)>,
}

impl Plan {
    pub(super) fn push(&mut self, phase: Phase, change: Change) {
        self.changes.push((phase, change));
    }

    pub(super) fn finish(mut self) -> Vec<Change> {
        // A stable sort keeps the order of pushes within a phase.
        self.changes.sort_by_key(|(phase, _)| *phase);
        self.changes.into_iter().map(|(_, c)| c).collect()
    }
}

/// Declared renames, read in both directions: `(old name, new name)`.
pub(super) fn renames<'a, T>(
    old: &'a [T],
    new: &'a [T],
    name: impl Fn(&T) -> &str,
    renamed_from: impl Fn(&T) -> Option<&str>,
) -> BTreeMap<&'a str, &'a str>
where
    T: 'a,
{
    let in_old: BTreeSet<&str> = old.iter().map(&name).collect();
    let in_new: BTreeSet<&str> = new.iter().map(&name).collect();
    let mut out = BTreeMap::new();
    for n in new {
        if let Some(from) = renamed_from(n)
            && in_old.contains(from)
            && !in_new.contains(from)
            && !in_old.contains(name(n))
        {
            out.insert(from, name(n));
        }
    }
    // The reverse direction (down migrations): the old object names the new one.
    for o in old {
        if let Some(to) = renamed_from(o)
            && in_new.contains(to)
            && !in_old.contains(to)
            && !in_new.contains(name(o))
        {
            out.insert(name(o), to);
        }
    }
    out
}
