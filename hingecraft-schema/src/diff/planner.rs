//! The planner: objects matched by name (or declared rename), changes put
//! in application phases.

use std::collections::{BTreeMap, BTreeSet};

use super::Change;
use super::phase::{Phase, Plan, renames};
use super::table::diff_table;
use crate::model::{Function, Schema, Table};
use crate::order::{TableOrder, dependency_order, needs_tables};

/// The changes that turn `old` into `new`, in application order.
///
/// `diff(a, a)` is empty; the SQL of `diff(new, old)` undoes that of
/// `diff(old, new)` (renames included: a `renamed_from` is read in both
/// directions).
pub fn diff(old: &Schema, new: &Schema) -> Vec<Change> {
    let mut plan = Plan::default();
    extensions(old, new, &mut plan);
    functions(old, new, &mut plan);
    let changed_tables = tables(old, new, &mut plan);
    views(old, new, &changed_tables, &mut plan);
    plan.finish()
}

fn extensions(old: &Schema, new: &Schema, plan: &mut Plan) {
    let before: BTreeMap<&str, _> = old
        .extensions
        .iter()
        .map(|e| (e.name.as_str(), e))
        .collect();
    let after: BTreeMap<&str, _> = new
        .extensions
        .iter()
        .map(|e| (e.name.as_str(), e))
        .collect();
    for (name, extension) in before.iter().rev() {
        if !after.contains_key(name) {
            let extension = (*extension).clone();
            plan.push(Phase::DropExtension, Change::DropExtension { extension });
        }
    }
    for (name, extension) in &after {
        if !before.contains_key(name) {
            let extension = (*extension).clone();
            plan.push(
                Phase::CreateExtension,
                Change::CreateExtension { extension },
            );
        }
    }
}

/// Whether the function can only be created once the tables exist: Postgres
/// checks SQL bodies at creation, and a signature or `%ROWTYPE` naming a
/// table needs its row type (the same rule as the full-schema renderer).
fn late(function: &Function, schema: &Schema) -> bool {
    needs_tables(function, schema)
}

fn signature(f: &Function) -> (Vec<&str>, &str) {
    (f.args.iter().map(|a| a.ty.as_str()).collect(), &f.returns)
}

fn functions(old: &Schema, new: &Schema, plan: &mut Plan) {
    let create_phase = |f: &Function| {
        if late(f, new) {
            Phase::CreateSqlFunction
        } else {
            Phase::CreateFunction
        }
    };
    // Drops in reverse declaration order: a later function may call an earlier one.
    for function in old.functions.iter().rev() {
        let kept = new.function(&function.name);
        if kept.is_none_or(|n| signature(n) != signature(function)) {
            let function = function.clone();
            plan.push(Phase::DropFunction, Change::DropFunction { function });
        }
    }
    for function in &new.functions {
        let doc_changed = match old.function(&function.name) {
            None => {
                let change = Change::CreateFunction {
                    function: function.clone(),
                };
                plan.push(create_phase(function), change);
                function.doc.is_some()
            }
            Some(prev) if signature(prev) != signature(function) => {
                let change = Change::CreateFunction {
                    function: function.clone(),
                };
                plan.push(create_phase(function), change);
                function.doc.is_some()
            }
            Some(prev) => {
                let mut same = prev.clone();
                same.doc.clone_from(&function.doc);
                if same != *function {
                    let change = Change::ReplaceFunction {
                        from: prev.clone(),
                        to: function.clone(),
                    };
                    plan.push(create_phase(function), change);
                }
                prev.doc != function.doc
            }
        };
        if doc_changed {
            let change = Change::CommentFunction {
                function: function.clone(),
                doc: function.doc.clone(),
            };
            plan.push(Phase::Comment, change);
        }
    }
}

/// Table changes; returns the names (old and new) of every table changed,
/// dropped, renamed or created, for the views that depend on them.
fn tables(old: &Schema, new: &Schema, plan: &mut Plan) -> BTreeSet<String> {
    let renamed = renames(
        &old.tables,
        &new.tables,
        |t: &Table| t.name.as_str(),
        |t: &Table| t.renamed_from.as_deref(),
    );
    let new_name = |old: &str| renamed.get(old).copied().unwrap_or(old).to_owned();
    let matched: BTreeMap<String, &Table> = old
        .tables
        .iter()
        .map(|t| (new_name(&t.name), t))
        .filter(|(n, _)| new.table(n).is_some())
        .collect();
    let mut touched = BTreeSet::new();

    // Dropped tables, dependents first.
    let old_order = dependency_order(old);
    for table in old_order.tables.iter().rev() {
        if !matched.contains_key(&new_name(&table.name)) {
            touched.insert(table.name.clone());
            let table = (*table).clone();
            plan.push(Phase::DropTable, Change::DropTable { table });
        }
    }
    for (from, to) in &renamed {
        touched.extend([(*from).to_owned(), (*to).to_owned()]);
        plan.push(
            Phase::RenameTable,
            Change::RenameTable {
                from: (*from).to_owned(),
                to: (*to).to_owned(),
            },
        );
    }

    // Created tables in foreign-key order, among themselves; their keys
    // that close a cycle are added once all exist.
    let created = Schema::from_tables(
        new.tables
            .iter()
            .filter(|t| !matched.contains_key(&t.name))
            .cloned(),
    );
    let order = dependency_order(&created);
    for table in &order.tables {
        touched.insert(table.name.clone());
        create_table(table, &order, plan);
    }

    // Changed tables, in the new schema's order.
    for table in dependency_order(new).tables {
        if let Some(before) = matched.get(&table.name)
            && diff_table(before, table, plan)
        {
            touched.extend([before.name.clone(), table.name.clone()]);
        }
    }
    touched
}

fn create_table(table: &Table, order: &TableOrder<'_>, plan: &mut Plan) {
    let name = table.name.clone();
    let mut inline = table.clone();
    inline
        .foreign_keys
        .retain(|fk| !order.is_deferred(&table.name, &fk.name));
    inline.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
    plan.push(Phase::CreateTable, Change::CreateTable { table: inline });
    for (t, fk) in &order.deferred {
        if t.name == table.name {
            let change = Change::AddForeignKey {
                table: name.clone(),
                foreign_key: (*fk).clone(),
            };
            plan.push(Phase::AddForeignKey, change);
        }
    }
    let mut indexes: Vec<_> = table.indexes.iter().collect();
    indexes.sort_by(|a, b| a.name.cmp(&b.name));
    for index in indexes {
        let change = Change::CreateIndex {
            table: name.clone(),
            index: index.clone(),
            new_table: true,
        };
        plan.push(Phase::CreateIndex, change);
    }
    if table.rls_enabled {
        let change = Change::SetRowLevelSecurity {
            table: name.clone(),
            enabled: true,
        };
        plan.push(Phase::CreateSecurity, change);
    }
    let mut policies: Vec<_> = table.policies.iter().collect();
    policies.sort_by(|a, b| a.name.cmp(&b.name));
    for policy in policies {
        let change = Change::CreatePolicy {
            table: name.clone(),
            policy: policy.clone(),
        };
        plan.push(Phase::CreateSecurity, change);
    }
    let mut triggers: Vec<_> = table.triggers.iter().collect();
    triggers.sort_by(|a, b| a.name.cmp(&b.name));
    for trigger in triggers {
        let change = Change::CreateTrigger {
            table: name.clone(),
            trigger: trigger.clone(),
        };
        plan.push(Phase::CreateTrigger, change);
    }
    if table.doc.is_some() {
        let change = Change::CommentTable {
            table: name.clone(),
            doc: table.doc.clone(),
        };
        plan.push(Phase::Comment, change);
    }
    for column in &table.columns {
        if column.doc.is_some() {
            let change = Change::CommentColumn {
                table: name.clone(),
                column: column.name.clone(),
                doc: column.doc.clone(),
            };
            plan.push(Phase::Comment, change);
        }
    }
}

fn views(old: &Schema, new: &Schema, touched: &BTreeSet<String>, plan: &mut Plan) {
    let depends_on_touched =
        |v: &crate::model::View| v.depends_on.iter().any(|t| touched.contains(t));
    // Views in declaration order (a view may read one declared before it),
    // dropped in reverse.
    for view in old.views.iter().rev() {
        let recreate = new
            .view(&view.name)
            .is_none_or(|n| n != view || depends_on_touched(n));
        if recreate {
            let view = view.clone();
            plan.push(Phase::DropView, Change::DropView { view });
        }
    }
    for view in &new.views {
        let create = old
            .view(&view.name)
            .is_none_or(|o| o != view || depends_on_touched(view));
        if create {
            let view = view.clone();
            plan.push(Phase::CreateView, Change::CreateView { view });
        }
    }
}
