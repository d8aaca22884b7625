//! Keys, checks, indexes, policies and triggers of several declarations of a
//! table: unioned, deduplicated by what they do, conflicts where they differ.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::Hash;

use super::conflict::{ConflictKind, group};
use super::describe;
use super::report::DecisionKind;
use super::resolution::{Class, Resolution};
use super::rules::{Ctx, Decl, Part, Rule, union};
use crate::model::{
    Check, CheckKind, ForeignKey, Index, IndexMethod, IndexPart, Literal, Policy,
    ReferentialAction, Table, Trigger, Unique,
};

/// One declared item, the part that declared it, and the modules behind it.
#[derive(Debug)]
struct Item<'a, V> {
    part: usize,
    value: &'a V,
    modules: Cow<'a, [String]>,
}

/// The items of every part grouped by key, keys in first-seen order.
/// `columns` tells which columns an item is about, for its provenance.
fn keyed<'a, K: Hash + Eq + Clone, V>(
    parts: &[Part<'a>],
    items: impl Fn(&'a Table) -> &'a [V],
    key: impl Fn(&'a V) -> K,
    columns: impl Fn(&'a V) -> Vec<&'a str>,
) -> Vec<(K, Vec<Item<'a, V>>)> {
    let mut out: Vec<(K, Vec<Item<'a, V>>)> = Vec::new();
    let mut index: HashMap<K, usize> = HashMap::new();
    for (i, p) in parts.iter().enumerate() {
        for v in items(p.table) {
            let k = key(v);
            let slot = *index.entry(k.clone()).or_insert_with(|| {
                out.push((k, Vec::new()));
                out.len() - 1
            });
            out[slot].1.push(Item {
                part: i,
                value: v,
                modules: p.modules_of(&columns(v)),
            });
        }
    }
    out
}

/// One declaration per item, plus an empty one for each part that could
/// have declared it (it has all the `columns`) and did not.
fn decls<'a, V, T>(
    parts: &[Part<'a>],
    items: &[Item<'a, V>],
    columns: &[&str],
    value: impl Fn(&'a V) -> T,
) -> Vec<Decl<'a, T>> {
    let mut out = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let mut any = false;
        for item in items.iter().filter(|item| item.part == i) {
            any = true;
            out.push(Decl {
                value: Some(value(item.value)),
                modules: item.modules.clone(),
                base: p.base,
            });
        }
        if !any && columns.iter().all(|c| p.table.column(c).is_some()) {
            out.push(Decl {
                value: None,
                modules: p.modules_of(columns),
                base: p.base,
            });
        }
    }
    out
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The first item's name; other names of the same thing are reported.
fn kept_name<V>(
    ctx: &mut Ctx<'_>,
    column: Option<&str>,
    what: impl FnOnce() -> String,
    items: &[Item<'_, V>],
    name: impl Fn(&V) -> &str,
) -> String {
    let kept = name(items[0].value);
    if items.iter().all(|item| name(item.value) == kept) {
        return kept.to_owned();
    }
    let modules = union(
        items
            .iter()
            .filter(|item| name(item.value) == kept)
            .map(|item| &*item.modules),
    );
    let dropped = group(
        items
            .iter()
            .filter(|item| name(item.value) != kept)
            .map(|item| (&*item.modules, format!("`{}`", name(item.value)))),
    );
    ctx.decide(
        column,
        modules,
        DecisionKind::NameKept {
            what: what(),
            kept: kept.to_owned(),
            dropped,
        },
    );
    kept.to_owned()
}

#[derive(Debug, Clone, PartialEq)]
struct Target {
    ref_table: String,
    ref_columns: Vec<String>,
    on_delete: ReferentialAction,
    on_update: ReferentialAction,
}

/// Foreign keys by referencing columns; the targets must agree.
pub(super) fn foreign_keys(ctx: &mut Ctx<'_>, parts: &[Part<'_>]) -> Vec<ForeignKey> {
    let mut out = Vec::new();
    let fks = keyed(
        parts,
        |t| &t.foreign_keys,
        |fk| fk.columns.clone(),
        |fk| strs(&fk.columns),
    );
    for (columns, items) in fks {
        let key = columns.join(",");
        let decls = decls(parts, &items, &strs(&columns), |fk| Target {
            ref_table: fk.ref_table.clone(),
            ref_columns: fk.ref_columns.clone(),
            on_delete: fk.on_delete,
            on_update: fk.on_update,
        });
        let rule = Rule {
            column: Some(&key),
            what: "foreign key to",
            class: Class::ForeignKey,
            subject: &key,
            kind: ConflictKind::ForeignKey,
        };
        let target = ctx.agree(
            rule,
            &decls,
            |t| describe::foreign_key(&t.ref_table, &t.ref_columns, t.on_delete, t.on_update),
            |r| match r {
                Resolution::ForeignKey {
                    ref_table,
                    ref_column,
                    on_delete,
                    on_update,
                    ..
                } => Some(Target {
                    ref_table,
                    ref_columns: ref_column.split(',').map(|c| c.trim().to_owned()).collect(),
                    on_delete,
                    on_update,
                }),
                _ => None,
            },
        );
        let what = || format!("foreign key {}", describe::columns(&columns));
        let name = kept_name(ctx, Some(&key), what, &items, |fk| &fk.name);
        if let Some(t) = target {
            out.push(ForeignKey {
                name,
                columns,
                ref_table: t.ref_table,
                ref_columns: t.ref_columns,
                on_delete: t.on_delete,
                on_update: t.on_update,
            });
        }
    }
    out
}

/// UNIQUE constraints, one per column list.
pub(super) fn uniques(ctx: &mut Ctx<'_>, parts: &[Part<'_>]) -> Vec<Unique> {
    let mut out = Vec::new();
    let uniques = keyed(
        parts,
        |t| &t.uniques,
        |u| u.columns.clone(),
        |u| strs(&u.columns),
    );
    for (columns, items) in uniques {
        let decls = decls(parts, &items, &strs(&columns), |_| ());
        let what = describe::columns(&columns);
        ctx.presence(None, "unique", || what.clone(), &decls);
        let name = kept_name(ctx, None, || format!("unique {what}"), &items, |u| &u.name);
        out.push(Unique { name, columns });
    }
    out
}

/// What makes two checks the same check: one-of, range and maximum length
/// by column (their values merge), SQL checks by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum CheckKey {
    OneOf(String),
    Range(String),
    MaxLength(String),
    Sql(String),
}

fn check_key(c: &Check) -> CheckKey {
    match &c.kind {
        CheckKind::OneOf { column, .. } => CheckKey::OneOf(column.clone()),
        CheckKind::Range { column, .. } => CheckKey::Range(column.clone()),
        CheckKind::MaxLength { column, .. } => CheckKey::MaxLength(column.clone()),
        CheckKind::Sql(_) => CheckKey::Sql(c.name.clone()),
    }
}

/// The column a SQL check is about, told from its name: declared checks are
/// named `ck_<table>_<column>_expr`.
fn sql_check_column<'n>(table: &str, name: &'n str, columns: &[&str]) -> Option<&'n str> {
    let rest = name
        .strip_prefix("ck_")?
        .strip_prefix(table)?
        .strip_prefix('_')?;
    let column = rest.strip_suffix("_expr")?;
    columns.contains(&column).then_some(column)
}

/// CHECK constraints: value sets unioned, lengths widened, ranges and SQL
/// checks equal or in conflict. `columns` are the merged table's columns,
/// to tell which column a SQL check is about from its name.
pub(super) fn checks(ctx: &mut Ctx<'_>, parts: &[Part<'_>], columns: &[&str]) -> Vec<Check> {
    let table = ctx.table;
    let column_of = |c: &Check| {
        c.kind
            .column()
            .map(str::to_owned)
            .or_else(|| sql_check_column(table, &c.name, columns).map(str::to_owned))
    };
    let checks = keyed(
        parts,
        |t| &t.checks,
        check_key,
        |c| {
            c.kind
                .column()
                .or_else(|| sql_check_column(table, &c.name, columns))
                .into_iter()
                .collect()
        },
    );
    let mut out: Vec<Check> = Vec::new();
    for (key, items) in checks {
        let first = items[0].value;
        let column = column_of(first);
        let key_columns: Vec<&str> = column.as_deref().into_iter().collect();
        let kind = match &key {
            CheckKey::OneOf(c) => Some(one_of(ctx, parts, &items, c)),
            CheckKey::MaxLength(c) => Some(max_length(ctx, parts, &items, c)),
            CheckKey::Range(_) | CheckKey::Sql(_) => {
                let decls = decls(parts, &items, &key_columns, |c| c.kind.clone());
                let rule = Rule {
                    column: column.as_deref(),
                    what: "check",
                    class: Class::Check,
                    // Without a column, a resolution names the check.
                    subject: column.as_deref().unwrap_or(&first.name),
                    kind: ConflictKind::Check {
                        name: first.name.clone(),
                    },
                };
                ctx.agree(rule, &decls, describe::check, |r| match r {
                    Resolution::Check { check, .. } => check,
                    _ => None,
                })
            }
        };
        let what = || format!("check {}", describe::check(&first.kind));
        let name = kept_name(ctx, column.as_deref(), what, &items, |c| &c.name);
        // A resolution may settle two conflicts of one column (a range and a
        // SQL check) with the same check: keep it once.
        if let Some(kind) = kind
            && !out.iter().any(|c| c.kind == kind)
        {
            out.push(Check { name, kind });
        }
    }
    out
}

fn one_of(
    ctx: &mut Ctx<'_>,
    parts: &[Part<'_>],
    items: &[Item<'_, Check>],
    column: &str,
) -> CheckKind {
    let values_of = |c: &Check| match &c.kind {
        CheckKind::OneOf { values, .. } => values.clone(),
        _ => Vec::new(),
    };
    let mut values: Vec<Literal> = Vec::new();
    for item in items {
        for v in values_of(item.value) {
            if !values.contains(&v) {
                values.push(v);
            }
        }
    }
    let to = describe::values(&values);
    if items.iter().any(|item| values_of(item.value) != values) {
        let declared = group(
            items
                .iter()
                .map(|item| (&*item.modules, describe::values(&values_of(item.value)))),
        );
        let modules = union(items.iter().map(|item| &*item.modules));
        ctx.decide(
            Some(column),
            modules,
            DecisionKind::ValuesUnioned {
                declared,
                to: to.clone(),
            },
        );
    }
    let decls = decls(parts, items, &[column], |_| ());
    ctx.presence(Some(column), "check one of", || to, &decls);
    CheckKind::OneOf {
        column: column.to_owned(),
        values,
    }
}

fn max_length(
    ctx: &mut Ctx<'_>,
    parts: &[Part<'_>],
    items: &[Item<'_, Check>],
    column: &str,
) -> CheckKind {
    let max_of = |c: &Check| match &c.kind {
        CheckKind::MaxLength { max, .. } => *max,
        _ => 0,
    };
    let max = items
        .iter()
        .map(|item| max_of(item.value))
        .max()
        .unwrap_or(0);
    if items.iter().any(|item| max_of(item.value) != max) {
        let declared = group(
            items
                .iter()
                .map(|item| (&*item.modules, max_of(item.value).to_string())),
        );
        let modules = union(items.iter().map(|item| &*item.modules));
        ctx.decide(
            Some(column),
            modules,
            DecisionKind::MaxLengthWidened { declared, to: max },
        );
    }
    let decls = decls(parts, items, &[column], |_| ());
    ctx.presence(Some(column), "maximum length", || max.to_string(), &decls);
    CheckKind::MaxLength {
        column: column.to_owned(),
        max,
    }
}

type IndexKey = (Vec<IndexPart>, IndexMethod, Option<String>);

/// Indexes, deduplicated by key parts (with operator classes), method and
/// predicate; unique if any declaration is. Different indexes may not share
/// a name.
pub(super) fn indexes(ctx: &mut Ctx<'_>, parts: &[Part<'_>]) -> Vec<Index> {
    let grouped = keyed(
        parts,
        |t| &t.indexes,
        |ix| -> IndexKey { (ix.parts.clone(), ix.method, ix.predicate.clone()) },
        |ix| ix.columns().collect(),
    );
    // Each merged index with the modules behind it, for the name check below.
    let mut merged: Vec<(Index, Vec<String>)> = Vec::new();
    for ((key_parts, method, predicate), items) in grouped {
        let modules = union(items.iter().map(|item| &*item.modules));
        let mut index = Index {
            name: String::new(),
            parts: key_parts,
            unique: items.iter().any(|item| item.value.unique),
            method,
            predicate,
        };
        let columns: Vec<&str> = index.columns().collect();
        let decls = decls(parts, &items, &columns, |_| ());
        let what = describe::index(&index);
        ctx.presence(None, "index", || what.clone(), &decls);
        index.name = kept_name(ctx, None, || format!("index {what}"), &items, |ix| &ix.name);
        if index.unique && items.iter().any(|item| !item.value.unique) {
            let of = |unique: bool| {
                union(
                    items
                        .iter()
                        .filter(|item| item.value.unique == unique)
                        .map(|item| &*item.modules),
                )
            };
            ctx.decide(
                None,
                of(true),
                DecisionKind::UniqueIndex {
                    index: index.name.clone(),
                    non_unique_in: of(false),
                },
            );
        }
        merged.push((index, modules));
    }
    unique_index_names(ctx, merged)
}

/// Different indexes under one name would clash in the database: each name
/// is settled by a resolution or reported.
fn unique_index_names(ctx: &mut Ctx<'_>, merged: Vec<(Index, Vec<String>)>) -> Vec<Index> {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (ix, _)) in merged.iter().enumerate() {
        by_name.entry(ix.name.as_str()).or_default().push(i);
    }
    let mut out = Vec::new();
    for (i, (ix, _)) in merged.iter().enumerate() {
        let same = &by_name[ix.name.as_str()];
        if same.len() == 1 {
            out.push(ix.clone());
            continue;
        }
        // Settle the whole group once, at its first index.
        if same[0] != i {
            continue;
        }
        let modules = union(same.iter().map(|&j| merged[j].1.as_slice()));
        match ctx.resolver.take(Class::Index, ctx.table, &ix.name) {
            Some(r) => {
                if let Resolution::Index {
                    index: Some(chosen),
                    ..
                } = &r
                {
                    out.push(chosen.clone());
                }
                ctx.decide(None, modules, DecisionKind::Resolved { resolution: r });
            }
            None => {
                let declared = group(
                    same.iter()
                        .map(|&j| (merged[j].1.as_slice(), describe::index(&merged[j].0))),
                );
                let kind = ConflictKind::Index {
                    name: ix.name.clone(),
                };
                ctx.conflict(None, kind, declared);
                out.push(ix.clone());
            }
        }
    }
    out
}

/// Policies by name; one name, one body.
pub(super) fn policies(ctx: &mut Ctx<'_>, parts: &[Part<'_>]) -> Vec<Policy> {
    let mut out = Vec::new();
    for (name, items) in keyed(parts, |t| &t.policies, |p| p.name.clone(), |_| Vec::new()) {
        let decls = decls(parts, &items, &[], Clone::clone);
        let rule = Rule {
            column: None,
            what: "policy",
            class: Class::Policy,
            subject: &name,
            kind: ConflictKind::Policy { name: name.clone() },
        };
        let policy = ctx.agree(
            rule,
            &decls,
            |p| format!("`{}` {}", p.name, describe::policy(p)),
            |r| match r {
                Resolution::Policy { policy, .. } => policy,
                _ => None,
            },
        );
        out.extend(policy);
    }
    out
}

/// Triggers by name; one name, one body.
pub(super) fn triggers(ctx: &mut Ctx<'_>, parts: &[Part<'_>]) -> Vec<Trigger> {
    let mut out = Vec::new();
    for (name, items) in keyed(parts, |t| &t.triggers, |t| t.name.clone(), |_| Vec::new()) {
        let decls = decls(parts, &items, &[], Clone::clone);
        let rule = Rule {
            column: None,
            what: "trigger",
            class: Class::Trigger,
            subject: &name,
            kind: ConflictKind::Trigger { name: name.clone() },
        };
        let trigger = ctx.agree(
            rule,
            &decls,
            |t| format!("`{}` {}", t.name, describe::trigger(t)),
            |r| match r {
                Resolution::Trigger { trigger, .. } => trigger,
                _ => None,
            },
        );
        out.extend(trigger);
    }
    out
}
