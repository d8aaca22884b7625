//! The changes within one table kept from the old schema to the new one.

use std::collections::BTreeMap;

use super::Change;
use super::phase::{Phase, Plan, renames};
use crate::model::{Column, Table};

/// Whether two columns differ in what the database stores (docs, origins
/// and rename notes aside).
fn same_storage(a: &Column, b: &Column) -> bool {
    a.ty == b.ty && a.nullable == b.nullable && a.default == b.default && a.generated == b.generated
}

/// Named objects of one kind: those only in `before` are dropped, those
/// only in `after` added, those that differ dropped then added.
fn by_name<T: Clone + PartialEq>(
    before: &[T],
    after: &[T],
    name: impl Fn(&T) -> &str,
    mut drop: impl FnMut(T),
    mut add: impl FnMut(T),
) -> bool {
    let old: BTreeMap<&str, &T> = before.iter().map(|x| (name(x), x)).collect();
    let new: BTreeMap<&str, &T> = after.iter().map(|x| (name(x), x)).collect();
    let mut changed = false;
    for (n, x) in &old {
        if new.get(n).is_none_or(|y| y != x) {
            drop((*x).clone());
            changed = true;
        }
    }
    for (n, x) in &new {
        if old.get(n).is_none_or(|y| y != x) {
            add((*x).clone());
            changed = true;
        }
    }
    changed
}

/// Pushes the changes from `before` to `after` (the same table, maybe
/// renamed); returns whether there were any besides comments.
pub(super) fn diff_table(before: &Table, after: &Table, plan: &mut Plan) -> bool {
    // Drops name the table as it is then (before any rename), creates as it will be.
    let old = before.name.as_str();
    let new = after.name.as_str();
    let mut changed = before.name != after.name;

    let renamed = renames(
        &before.columns,
        &after.columns,
        |c: &Column| c.name.as_str(),
        |c: &Column| c.renamed_from.as_deref(),
    );
    for (from, to) in &renamed {
        changed = true;
        let change = Change::RenameColumn {
            table: new.to_owned(),
            from: (*from).to_owned(),
            to: (*to).to_owned(),
        };
        plan.push(Phase::RenameColumn, change);
    }
    let new_name = |c: &str| renamed.get(c).copied().unwrap_or(c).to_owned();
    let kept: BTreeMap<String, &Column> = before
        .columns
        .iter()
        .map(|c| (new_name(&c.name), c))
        .collect();
    for column in &before.columns {
        if after.column(&new_name(&column.name)).is_none() {
            changed = true;
            let change = Change::DropColumn {
                table: old.to_owned(),
                column: column.clone(),
            };
            plan.push(Phase::DropColumn, change);
        }
    }
    for column in &after.columns {
        match kept.get(&column.name) {
            None => {
                changed = true;
                let change = Change::AddColumn {
                    table: new.to_owned(),
                    column: column.clone(),
                };
                plan.push(Phase::AddColumn, change);
                if column.doc.is_some() {
                    comment_column(new, column, plan);
                }
            }
            Some(prev) => {
                if !same_storage(prev, column) {
                    changed = true;
                    let mut from = (*prev).clone();
                    from.name.clone_from(&column.name);
                    let change = Change::AlterColumn {
                        table: new.to_owned(),
                        from,
                        to: column.clone(),
                    };
                    plan.push(Phase::AlterColumn, change);
                }
                if prev.doc != column.doc {
                    comment_column(new, column, plan);
                }
            }
        }
    }
    if before.primary_key != after.primary_key {
        changed = true;
        let change = Change::SetPrimaryKey {
            table: new.to_owned(),
            from: before.primary_key.clone(),
            to: after.primary_key.clone(),
        };
        plan.push(Phase::AlterColumn, change);
    }
    if before.partition != after.partition {
        changed = true;
        let change = Change::SetPartitioning {
            table: new.to_owned(),
            from: before.partition.clone(),
            to: after.partition.clone(),
        };
        plan.push(Phase::AlterColumn, change);
    }

    let mut p = |phase: Phase, change: Change| plan.push(phase, change);
    let t = |s: &str| s.to_owned();
    changed |= by_name(
        &before.foreign_keys,
        &after.foreign_keys,
        |x| &x.name,
        |foreign_key| {
            let table = t(old);
            p(
                Phase::DropForeignKey,
                Change::DropForeignKey { table, foreign_key },
            )
        },
        |_| {},
    );
    changed |= by_name(
        &before.uniques,
        &after.uniques,
        |x| &x.name,
        |unique| {
            p(
                Phase::DropConstraint,
                Change::DropUnique {
                    table: t(old),
                    unique,
                },
            )
        },
        |_| {},
    );
    changed |= by_name(
        &before.checks,
        &after.checks,
        |x| &x.name,
        |check| {
            p(
                Phase::DropConstraint,
                Change::DropCheck {
                    table: t(old),
                    check,
                },
            )
        },
        |_| {},
    );
    changed |= by_name(
        &before.indexes,
        &after.indexes,
        |x| &x.name,
        |index| {
            p(
                Phase::DropIndex,
                Change::DropIndex {
                    table: t(old),
                    index,
                },
            )
        },
        |_| {},
    );
    changed |= by_name(
        &before.policies,
        &after.policies,
        |x| &x.name,
        |policy| {
            p(
                Phase::DropSecurity,
                Change::DropPolicy {
                    table: t(old),
                    policy,
                },
            )
        },
        |_| {},
    );
    changed |= by_name(
        &before.triggers,
        &after.triggers,
        |x| &x.name,
        |trigger| {
            p(
                Phase::DropTrigger,
                Change::DropTrigger {
                    table: t(old),
                    trigger,
                },
            )
        },
        |_| {},
    );
    // The additions, in a second pass so that each closure borrows the plan alone.
    by_name(
        &before.foreign_keys,
        &after.foreign_keys,
        |x| &x.name,
        |_| {},
        |foreign_key| {
            p(
                Phase::AddForeignKey,
                Change::AddForeignKey {
                    table: t(new),
                    foreign_key,
                },
            )
        },
    );
    by_name(
        &before.uniques,
        &after.uniques,
        |x| &x.name,
        |_| {},
        |unique| {
            p(
                Phase::AddConstraint,
                Change::AddUnique {
                    table: t(new),
                    unique,
                },
            )
        },
    );
    by_name(
        &before.checks,
        &after.checks,
        |x| &x.name,
        |_| {},
        |check| {
            p(
                Phase::AddConstraint,
                Change::AddCheck {
                    table: t(new),
                    check,
                },
            )
        },
    );
    by_name(
        &before.indexes,
        &after.indexes,
        |x| &x.name,
        |_| {},
        |index| {
            let change = Change::CreateIndex {
                table: t(new),
                index,
                new_table: false,
            };
            p(Phase::CreateIndex, change)
        },
    );
    by_name(
        &before.policies,
        &after.policies,
        |x| &x.name,
        |_| {},
        |policy| {
            p(
                Phase::CreateSecurity,
                Change::CreatePolicy {
                    table: t(new),
                    policy,
                },
            )
        },
    );
    by_name(
        &before.triggers,
        &after.triggers,
        |x| &x.name,
        |_| {},
        |trigger| {
            p(
                Phase::CreateTrigger,
                Change::CreateTrigger {
                    table: t(new),
                    trigger,
                },
            )
        },
    );

    if before.rls_enabled != after.rls_enabled {
        changed = true;
        let (phase, table) = if after.rls_enabled {
            (Phase::CreateSecurity, new)
        } else {
            (Phase::DropSecurity, old)
        };
        let change = Change::SetRowLevelSecurity {
            table: table.to_owned(),
            enabled: after.rls_enabled,
        };
        plan.push(phase, change);
    }
    if before.doc != after.doc {
        let change = Change::CommentTable {
            table: new.to_owned(),
            doc: after.doc.clone(),
        };
        plan.push(Phase::Comment, change);
    }
    changed
}

fn comment_column(table: &str, column: &Column, plan: &mut Plan) {
    let change = Change::CommentColumn {
        table: table.to_owned(),
        column: column.name.clone(),
        doc: column.doc.clone(),
    };
    plan.push(Phase::Comment, change);
}
