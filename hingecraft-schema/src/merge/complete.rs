//! Completion: the canonical module (the business model's full field list)
//! fills in the merged tables.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::conflict::{Conflict, ConflictKind, Declaration};
use super::report::{DecisionKind, MergeReport, TableReport, Warning, WarningKind};
use super::resolution::{Resolution, Resolver};
use super::rules::Part;
use super::{origins, table};
use crate::model::{Column, Module, Schema, Table};

/// What to do with a column of a merged table that the canonical module
/// lacks (a partial field: a sub-module's own addition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartialFieldPolicy {
    /// Keep it, and warn in the report.
    #[default]
    Warn,
    /// Refuse it: a conflict.
    Error,
}

/// Completes a merged schema with the canonical module: [`complete_with`]
/// without resolutions.
pub fn complete(
    schema: Schema,
    report: MergeReport,
    canonical: &Module,
    policy: PartialFieldPolicy,
) -> Result<(Schema, MergeReport), Vec<Conflict>> {
    complete_with(schema, report, canonical, policy, &[])
}

/// Completes a merged schema with the canonical module.
///
/// Each table the canonical module declares is merged with it by the same
/// rules as [`merge`](super::merge) (the merged table first, so its
/// constraint names come first; the canonical docs win): columns it lacks are added, and its column order comes
/// first, followed by the other columns in their merged order. Those other
/// columns are partial fields, handled by `policy`. Tables the canonical
/// module does not declare are left as merged; tables only it declares are
/// left out and listed in [`MergeReport::canonical_only`].
///
/// `resolutions` settle the conflicts completion finds, with the same
/// staleness rule as [`merge`](super::merge).
pub fn complete_with(
    schema: Schema,
    report: MergeReport,
    canonical: &Module,
    policy: PartialFieldPolicy,
    resolutions: &[Resolution],
) -> Result<(Schema, MergeReport), Vec<Conflict>> {
    let mut resolver = Resolver::new(resolutions);
    let mut result = complete_resolving(schema, report, canonical, policy, &mut resolver);
    let stale = resolver.finish();
    if !stale.is_empty() {
        let mut conflicts = result.err().unwrap_or_default();
        conflicts.extend(stale);
        super::conflict::sort(&mut conflicts);
        result = Err(conflicts);
    }
    result
}

/// [`complete_with`] without the check of unused resolutions.
pub(super) fn complete_resolving(
    mut schema: Schema,
    report: MergeReport,
    canonical: &Module,
    policy: PartialFieldPolicy,
    resolver: &mut Resolver,
) -> Result<(Schema, MergeReport), Vec<Conflict>> {
    let canonical_modules = std::slice::from_ref(&canonical.name);
    let mut groups: BTreeMap<&str, Vec<&Table>> = BTreeMap::new();
    for t in &canonical.tables {
        groups.entry(t.name.as_str()).or_default().push(t);
    }
    let positions: HashMap<String, usize> = schema
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let mut reports: BTreeMap<String, TableReport> = report
        .tables
        .into_iter()
        .map(|r| (r.table.clone(), r))
        .collect();
    let mut canonical_only = Vec::new();
    let mut conflicts = Vec::new();

    for (name, canonical_tables) in groups {
        let Some(&position) = positions.get(name) else {
            canonical_only.push(name.to_owned());
            continue;
        };
        let base = &schema.tables[position];
        let base_modules = if base.declared_by.is_empty() {
            vec![base.module.clone()]
        } else {
            base.declared_by.clone()
        };
        let base_columns: HashSet<&str> = base.columns.iter().map(|c| c.name.as_str()).collect();
        let mut parts = vec![Part {
            table: base,
            modules: &base_modules,
            base: true,
        }];
        parts.extend(canonical_tables.iter().map(|t| Part {
            table: t,
            modules: canonical_modules,
            base: false,
        }));
        let mut merged = table::merge_table(name, &parts, resolver);
        let canonical_order = canonical_columns(&canonical_tables);
        // The canonical module defines the entity: its docs describe the
        // production table better than any partial view's.
        let replaced = prefer_canonical_docs(&mut merged.table, &canonical_tables);
        // The merge of the two kept the merged table's docs and reported the
        // canonical ones as not taken; the canonical ones won after all.
        merged.decisions.retain(|d| {
            !matches!(d.kind, DecisionKind::DocNotTaken { .. })
                || d.modules.as_slice() != canonical_modules
        });

        let entry = reports.entry(name.to_owned()).or_default();
        entry.table = name.to_owned();
        for (column, doc) in replaced {
            entry.decisions.push(super::Decision {
                column,
                modules: base_modules.clone(),
                kind: DecisionKind::DocNotTaken {
                    doc,
                    taken_from: canonical_modules.to_vec(),
                },
            });
        }
        for c in &canonical_order {
            if !base_columns.contains(c) {
                entry.decisions.push(super::Decision {
                    column: Some((*c).to_owned()),
                    modules: canonical_modules.to_vec(),
                    kind: DecisionKind::ColumnAdded,
                });
            }
        }
        entry.decisions.append(&mut merged.decisions);
        let before: Vec<String> = merged
            .table
            .columns
            .iter()
            .map(|c| c.name.clone())
            .collect();
        merged.table.columns = reorder(std::mem::take(&mut merged.table.columns), &canonical_order);
        if merged
            .table
            .columns
            .iter()
            .map(|c| &c.name)
            .ne(before.iter())
        {
            entry.decisions.push(super::Decision {
                column: None,
                modules: canonical_modules.to_vec(),
                kind: DecisionKind::ColumnsReordered,
            });
        }
        conflicts.append(&mut merged.conflicts);

        let canonical_set: HashSet<&str> = canonical_order.iter().copied().collect();
        for c in merged
            .table
            .columns
            .iter()
            .filter(|c| !canonical_set.contains(c.name.as_str()))
        {
            partial_field(c, name, &canonical.name, policy, entry, &mut conflicts);
        }
        merged.table.module = canonical.name.clone();
        entry.modules = merged.table.declared_by.clone();
        entry.columns = origins(&merged.table);
        schema.tables[position] = merged.table;
    }
    if !conflicts.is_empty() {
        super::conflict::sort(&mut conflicts);
        return Err(conflicts);
    }
    let report = MergeReport {
        modules: report.modules,
        canonical: Some(canonical.name.clone()),
        tables: reports.into_values().collect(),
        canonical_only,
    };
    Ok((schema, report))
}

/// The canonical columns of a table, in declaration order, once each.
fn canonical_columns<'a>(tables: &[&'a Table]) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    tables
        .iter()
        .flat_map(|t| t.columns.iter())
        .map(|c| c.name.as_str())
        .filter(|n| seen.insert(*n))
        .collect()
}

/// The canonical order first, then the other columns in their merged order.
fn reorder(columns: Vec<Column>, canonical: &[&str]) -> Vec<Column> {
    let mut by_name: HashMap<String, Column> = HashMap::with_capacity(columns.len());
    let mut rest = Vec::new();
    let canonical_set: HashSet<&str> = canonical.iter().copied().collect();
    for c in columns {
        if canonical_set.contains(c.name.as_str()) {
            by_name.insert(c.name.clone(), c);
        } else {
            rest.push(c);
        }
    }
    let mut out: Vec<Column> = canonical
        .iter()
        .filter_map(|n| by_name.remove(*n))
        .collect();
    out.extend(rest);
    out
}

fn partial_field(
    c: &Column,
    table: &str,
    canonical: &str,
    policy: PartialFieldPolicy,
    report: &mut TableReport,
    conflicts: &mut Vec<Conflict>,
) {
    match policy {
        PartialFieldPolicy::Warn => report.warnings.push(Warning {
            column: Some(c.name.clone()),
            modules: c.declared_by.clone(),
            kind: WarningKind::PartialField {
                canonical: canonical.to_owned(),
            },
        }),
        PartialFieldPolicy::Error => conflicts.push(Conflict {
            table: table.to_owned(),
            column: Some(c.name.clone()),
            kind: ConflictKind::PartialField {
                canonical: canonical.to_owned(),
            },
            declarations: vec![Declaration {
                modules: c.declared_by.clone(),
                value: c.ty.display_name(),
            }],
        }),
    }
}

/// The canonical module's table and column docs, where it has them; returns
/// the docs they replaced, by column (`None`: the table's own).
fn prefer_canonical_docs(table: &mut Table, canonical: &[&Table]) -> Vec<(Option<String>, String)> {
    let mut replaced = Vec::new();
    let mut take = |slot: &mut Option<String>, doc: Option<&String>, column: Option<&str>| {
        if let Some(doc) = doc.filter(|d| !d.trim().is_empty())
            && slot.as_ref() != Some(doc)
            && let Some(old) = slot.replace(doc.clone()).filter(|d| !d.trim().is_empty())
        {
            replaced.push((column.map(str::to_owned), old));
        }
    };
    take(
        &mut table.doc,
        canonical.iter().find_map(|t| t.doc.as_ref()),
        None,
    );
    for column in &mut table.columns {
        let doc = canonical
            .iter()
            .find_map(|t| t.column(&column.name).and_then(|c| c.doc.as_ref()));
        let name = column.name.clone();
        take(&mut column.doc, doc, Some(&name));
    }
    replaced
}
