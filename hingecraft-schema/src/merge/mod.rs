//! The schema merger: every sub-module's partial view of the tables becomes
//! one production schema.
//!
//! During the prototype stage each sub-module keeps its own partial tables;
//! `accounts` may be declared by several, with different columns and
//! different definitions of the same column. [`merge`] unions them by the
//! rules below, [`complete`] then fills each merged table with the full
//! field list of the canonical module, and the hardening pass takes it from
//! there.
//!
//! Rules, applied per table and per column:
//! - types: equal, or a safe widening ([`widen`]); else a conflict;
//! - nullability: the stricter (NOT NULL) wins;
//! - defaults, layer, tenant and owner columns, primary key: equal or
//!   declared once; else a conflict;
//! - one-of checks: value sets unioned; range and SQL checks: equal or a
//!   conflict; maximum lengths: the largest;
//! - foreign keys: one target per column list, else a conflict;
//! - uniques, indexes, policies, triggers, flags: unioned, deduplicated;
//!   one name, one body; a table public in one module and under row-level
//!   security in another is a conflict;
//! - docs: the first non-empty one in module order.
//!
//! Every decision is recorded in the [`MergeReport`] with the modules that
//! caused it; every conflict is collected (the merge never stops at the
//! first) and returned unless a [`Resolution`] settles it. The result does
//! not depend on the order of the modules: they are taken sorted by name,
//! and a module given twice counts once.

mod column;
mod complete;
mod conflict;
mod constraint;
mod describe;
mod report;
mod resolution;
mod rules;
mod table;

use std::collections::BTreeMap;

pub use column::widen;
pub use complete::{PartialFieldPolicy, complete, complete_with};
pub use conflict::{Conflict, ConflictKind, Declaration};
pub use report::{
    ColumnOrigin, Decision, DecisionKind, MergeReport, TableReport, Warning, WarningKind,
};
pub use resolution::Resolution;

use crate::model::{Module, Schema, Table};
use resolution::Resolver;
use rules::Part;

/// Merges the modules' tables into one schema.
///
/// Tables of one name become one table, columns of one name one column, by
/// the rules of this module. Returns the schema (tables sorted by name) and
/// the report, or every conflict no rule or resolution settles, including
/// resolutions that match no conflict.
pub fn merge(
    modules: &[Module],
    resolutions: &[Resolution],
) -> Result<(Schema, MergeReport), Vec<Conflict>> {
    let mut resolver = Resolver::new(resolutions);
    let merged = merge_resolving(modules, &mut resolver);
    finish(merged, resolver)
}

/// Merges the source modules, then completes the merged tables with the
/// canonical module (when there is one), settling the conflicts of both
/// steps with one list of resolutions: a resolution may answer a conflict
/// between source modules or one between the merged table and the
/// canonical module, and only one that answers neither is stale.
pub fn merge_and_complete(
    modules: &[Module],
    canonical: Option<&Module>,
    policy: PartialFieldPolicy,
    resolutions: &[Resolution],
) -> Result<(Schema, MergeReport), Vec<Conflict>> {
    let mut resolver = Resolver::new(resolutions);
    let merged = merge_resolving(modules, &mut resolver)?;
    let Some(canonical) = canonical else {
        return finish(Ok(merged), resolver);
    };
    let (schema, report) = merged;
    let completed = complete::complete_resolving(schema, report, canonical, policy, &mut resolver);
    finish(completed, resolver)
}

/// The result of a step, with the resolutions that matched no conflict
/// (and those given twice, differently) added to its conflicts.
fn finish(
    result: Result<(Schema, MergeReport), Vec<Conflict>>,
    resolver: Resolver,
) -> Result<(Schema, MergeReport), Vec<Conflict>> {
    let mut conflicts = result.as_ref().err().cloned().unwrap_or_default();
    conflicts.extend(resolver.finish());
    if conflicts.is_empty() {
        return result;
    }
    conflict::sort(&mut conflicts);
    conflicts.dedup();
    Err(conflicts)
}

/// [`merge`] without the check of unused resolutions, which the caller
/// makes once every step that may use them has run.
fn merge_resolving(
    modules: &[Module],
    resolver: &mut Resolver,
) -> Result<(Schema, MergeReport), Vec<Conflict>> {
    let modules = distinct_modules(modules)?;
    let mut groups: BTreeMap<&str, Vec<Part<'_>>> = BTreeMap::new();
    for m in &modules {
        for t in &m.tables {
            groups.entry(t.name.as_str()).or_default().push(Part {
                table: t,
                modules: std::slice::from_ref(&m.name),
                base: false,
            });
        }
    }
    let mut names: Vec<String> = modules.iter().map(|m| m.name.clone()).collect();
    names.sort();
    names.dedup();

    let mut tables = Vec::with_capacity(groups.len());
    let mut reports = Vec::with_capacity(groups.len());
    let mut conflicts = Vec::new();
    for (name, mut parts) in groups {
        order_parts(&mut parts);
        let merged = table::merge_table(name, &parts, resolver);
        conflicts.extend(merged.conflicts);
        reports.push(TableReport::of(&merged.table, merged.decisions));
        tables.push(merged.table);
    }
    let functions = merge_named(
        &modules,
        |m| &m.functions,
        |f| &f.name,
        |name| ConflictKind::Function { name },
    );
    let views = merge_named(
        &modules,
        |m| &m.views,
        |v| &v.name,
        |name| ConflictKind::View { name },
    );
    let (functions, views) = match (functions, views) {
        (Ok(f), Ok(v)) => (f, v),
        (f, v) => {
            conflicts.extend(f.err().into_iter().flatten());
            conflicts.extend(v.err().into_iter().flatten());
            (Vec::new(), Vec::new())
        }
    };
    if !conflicts.is_empty() {
        conflict::sort(&mut conflicts);
        return Err(conflicts);
    }
    let report = MergeReport {
        modules: names,
        canonical: None,
        tables: reports,
        canonical_only: Vec::new(),
    };
    let mut schema = Schema::from_tables(tables);
    schema.functions = functions;
    schema.views = views;
    Ok((schema, report))
}

/// Functions or views of every module, one per name, sorted by name: the
/// same definition from several modules is taken once; different ones are a
/// conflict naming the modules.
fn merge_named<T: Clone + PartialEq + serde::Serialize>(
    modules: &[&Module],
    items: impl Fn(&Module) -> &Vec<T>,
    name: impl Fn(&T) -> &String,
    kind: impl Fn(String) -> ConflictKind,
) -> Result<Vec<T>, Vec<Conflict>> {
    let mut by_name: BTreeMap<&str, Vec<(&T, &[String])>> = BTreeMap::new();
    for m in modules {
        for item in items(m) {
            by_name
                .entry(name(item).as_str())
                .or_default()
                .push((item, std::slice::from_ref(&m.name)));
        }
    }
    let mut out = Vec::with_capacity(by_name.len());
    let mut conflicts = Vec::new();
    for (item_name, decls) in by_name {
        let first = decls[0].0;
        if decls.iter().all(|(d, _)| *d == first) {
            out.push(first.clone());
        } else {
            conflicts.push(Conflict {
                table: String::new(),
                column: None,
                kind: kind(item_name.to_owned()),
                declarations: conflict::group(
                    decls
                        .iter()
                        .map(|(d, ms)| (*ms, serde_json::to_string(d).unwrap_or_default())),
                ),
            });
        }
    }
    if conflicts.is_empty() {
        Ok(out)
    } else {
        Err(conflicts)
    }
}

/// Puts the declarations of one table in module-name order, and drops exact
/// repeats of a declaration (a module given twice).
///
/// Declarations from modules of one name keep no input order: they are
/// ordered by their serialized form, which only happens when a name repeats.
/// The modules, each once; different modules under one name are a conflict
/// (which one to take would depend on the order they were given in).
fn distinct_modules(modules: &[Module]) -> Result<Vec<&Module>, Vec<Conflict>> {
    let mut by_name: BTreeMap<&str, Vec<&Module>> = BTreeMap::new();
    for m in modules {
        let same = by_name.entry(m.name.as_str()).or_default();
        if !same.contains(&m) {
            same.push(m);
        }
    }
    let mut conflicts = Vec::new();
    for (name, versions) in &by_name {
        if versions.len() > 1 {
            let mut declarations: Vec<Declaration> = versions
                .iter()
                .map(|m| Declaration {
                    modules: vec![(*name).to_owned()],
                    value: serde_json::to_string(m).unwrap_or_default(),
                })
                .collect();
            declarations.sort_by(|a, b| a.value.cmp(&b.value));
            conflicts.push(Conflict {
                table: String::new(),
                column: None,
                kind: ConflictKind::DuplicateModule {
                    module: (*name).to_owned(),
                },
                declarations,
            });
        }
    }
    if conflicts.is_empty() {
        Ok(by_name.into_values().map(|v| v[0]).collect())
    } else {
        Err(conflicts)
    }
}

fn order_parts(parts: &mut Vec<Part<'_>>) {
    parts.sort_by(|a, b| a.modules.cmp(b.modules));
    let mut i = 0;
    while i < parts.len() {
        let mut j = i + 1;
        while j < parts.len() && parts[j].modules == parts[i].modules {
            j += 1;
        }
        if j - i > 1 {
            let run = &mut parts[i..j];
            run.sort_by_cached_key(|p| serialized(p.table));
            let mut kept: Vec<Part<'_>> = Vec::with_capacity(j - i);
            for p in run.iter() {
                if kept.last().is_none_or(|k| k.table != p.table) {
                    kept.push(*p);
                }
            }
            let len = kept.len();
            parts.splice(i..j, kept);
            j = i + len;
        }
        i = j;
    }
}

fn serialized(t: &Table) -> String {
    // A table always serializes (string keys only); the fallback only keeps
    // this total.
    serde_json::to_string(t).unwrap_or_default()
}

impl TableReport {
    fn of(table: &Table, decisions: Vec<report::Decision>) -> Self {
        TableReport {
            table: table.name.clone(),
            modules: table.declared_by.clone(),
            columns: origins(table),
            decisions,
            warnings: Vec::new(),
        }
    }
}

/// Where each column came from, for a table of several modules (for one
/// module's table, every column is that module's: nothing to say).
fn origins(table: &Table) -> Vec<ColumnOrigin> {
    if table.declared_by.len() <= 1 {
        return Vec::new();
    }
    table
        .columns
        .iter()
        .map(|c| ColumnOrigin {
            column: c.name.clone(),
            modules: c.declared_by.clone(),
        })
        .collect()
}
