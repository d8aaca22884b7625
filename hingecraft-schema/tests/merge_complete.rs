//! Completion with the canonical module: added columns, canonical order,
//! partial fields, and conflicts with the merged tables.

use hingecraft_schema::merge::{
    self, ConflictKind, DecisionKind, MergeReport, PartialFieldPolicy, Resolution,
};
use hingecraft_schema::model::{Column, ColumnType, DefaultValue, Module, Schema, Stage, Table};

fn table(name: &str, columns: Vec<Column>) -> Table {
    let mut t = Table::new(name, "unused");
    t.columns = columns;
    t
}

fn merged() -> (Schema, MergeReport) {
    let alpha = Module::new("alpha", Stage::Prototype).table(table(
        "things",
        vec![
            Column::new("b", ColumnType::Text).nullable(),
            Column::new("extra", ColumnType::Text),
        ],
    ));
    let beta = Module::new("beta", Stage::Prototype)
        .table(table("things", vec![Column::new("a", ColumnType::Uuid)]))
        .table(table("others", vec![Column::new("z", ColumnType::Text)]));
    merge::merge(&[alpha, beta], &[]).unwrap()
}

fn canonical(columns: Vec<Column>) -> Module {
    Module::new("canon", Stage::Production)
        .table(table("things", columns))
        .table(table(
            "unused_here",
            vec![Column::new("q", ColumnType::Text)],
        ))
}

#[test]
fn canonical_columns_come_first_then_the_partial_ones() {
    let (schema, report) = merged();
    let canon = canonical(vec![
        Column::new("a", ColumnType::Uuid),
        Column::new("b", ColumnType::Varchar { len: 10 }),
        Column::new("c", ColumnType::TimestampTz).default(DefaultValue::Now),
    ]);
    let (schema, report) =
        merge::complete(schema, report, &canon, PartialFieldPolicy::Warn).unwrap();
    let things = schema.table("things").unwrap();
    let names: Vec<&str> = things.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["a", "b", "c", "extra"]);
    assert_eq!(things.module, "canon");
    assert_eq!(things.declared_by, ["alpha", "beta", "canon"]);
    let b = things.column("b").unwrap();
    assert_eq!(b.ty, ColumnType::Text, "varchar + text widens to text");
    assert!(!b.nullable, "the canonical NOT NULL is stricter");
    assert_eq!(b.declared_by, ["alpha", "canon"]);
    assert_eq!(things.column("c").unwrap().declared_by, ["canon"]);

    // Untouched: not declared by the canonical module.
    let others = schema.table("others").unwrap();
    assert_eq!(others.module, "beta");
    assert_eq!(others.declared_by, ["beta"]);
    assert_eq!(report.canonical_only, ["unused_here"]);

    let r = report.tables.iter().find(|t| t.table == "things").unwrap();
    assert_eq!(r.modules, ["alpha", "beta", "canon"]);
    let added: Vec<&str> = r
        .decisions
        .iter()
        .filter(|d| d.kind == DecisionKind::ColumnAdded)
        .filter_map(|d| d.column.as_deref())
        .collect();
    assert_eq!(added, ["c"]);
    assert!(
        r.decisions
            .iter()
            .any(|d| d.kind == DecisionKind::ColumnsReordered)
    );
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].column.as_deref(), Some("extra"));
    assert_eq!(r.warnings[0].modules, ["alpha"]);
    assert!(report.to_markdown().contains(
        "- `extra`: partial field: declared by module `alpha`, absent from canonical module `canon`"
    ));
}

#[test]
fn completion_conflicts_name_the_merged_and_canonical_modules() {
    let (schema, report) = merged();
    let canon = canonical(vec![
        Column::new("a", ColumnType::Text),
        Column::new("b", ColumnType::Text),
        Column::new("extra", ColumnType::Text),
    ]);
    let conflicts = merge::complete(
        schema.clone(),
        report.clone(),
        &canon,
        PartialFieldPolicy::Error,
    )
    .unwrap_err();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let c = &conflicts[0];
    assert_eq!(c.kind, ConflictKind::Type);
    assert_eq!(c.column.as_deref(), Some("a"));
    let msg = c.to_string();
    assert!(
        msg.contains("module `beta` declares uuid, module `canon` declares text"),
        "{msg}"
    );

    let r = Resolution::Type {
        table: "things".into(),
        column: "a".into(),
        ty: ColumnType::Uuid,
    };
    let (completed, _) = merge::complete_with(
        schema.clone(),
        report.clone(),
        &canon,
        PartialFieldPolicy::Error,
        std::slice::from_ref(&r),
    )
    .unwrap();
    assert_eq!(
        completed.table("things").unwrap().column("a").unwrap().ty,
        ColumnType::Uuid
    );

    // A resolution completion does not need is stale there too.
    let stale = Resolution::Layer {
        table: "things".into(),
        layer: None,
    };
    let conflicts = merge::complete_with(
        schema,
        report,
        &canon,
        PartialFieldPolicy::Warn,
        &[r, stale],
    )
    .unwrap_err();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert!(matches!(
        conflicts[0].kind,
        ConflictKind::StaleResolution { .. }
    ));
}

#[test]
fn partial_fields_are_conflicts_under_the_error_policy() {
    let (schema, report) = merged();
    let canon = canonical(vec![
        Column::new("a", ColumnType::Uuid),
        Column::new("b", ColumnType::Text),
    ]);
    let conflicts = merge::complete(schema, report, &canon, PartialFieldPolicy::Error).unwrap_err();
    assert_eq!(conflicts.len(), 1);
    let c = &conflicts[0];
    assert_eq!(c.table, "things");
    assert_eq!(c.column.as_deref(), Some("extra"));
    assert_eq!(
        c.kind,
        ConflictKind::PartialField {
            canonical: "canon".into()
        }
    );
    assert_eq!(c.declarations[0].modules, ["alpha"]);
    assert_eq!(
        c.to_string(),
        "table `things`, column `extra`: partial field, absent from canonical module `canon`: \
         module `alpha` declares text; add the column to the canonical module, or complete with \
         PartialFieldPolicy::Warn"
    );
}

#[test]
fn the_canonical_docs_describe_the_completed_table() {
    let (mut schema, report) = merged();
    schema
        .tables
        .iter_mut()
        .find(|t| t.name == "things")
        .unwrap()
        .doc = Some("A partial view.".into());
    let mut canon = canonical(vec![
        Column::new("a", ColumnType::Uuid).doc("The key."),
        Column::new("b", ColumnType::Text).nullable(),
    ]);
    canon.tables[0].doc = Some("A thing, as the business defines it.".into());
    let (schema, report) =
        merge::complete(schema, report, &canon, PartialFieldPolicy::Warn).unwrap();
    let things = schema.table("things").unwrap();
    assert_eq!(
        things.doc.as_deref(),
        Some("A thing, as the business defines it.")
    );
    assert_eq!(things.column("a").unwrap().doc.as_deref(), Some("The key."));
    let decisions = &report
        .tables
        .iter()
        .find(|t| t.table == "things")
        .unwrap()
        .decisions;
    assert!(
        decisions.iter().any(|d| d.column.is_none()
            && matches!(&d.kind, DecisionKind::DocNotTaken { doc, taken_from } if doc == "A partial view." && taken_from == &["canon"])),
        "the replaced doc is reported: {decisions:?}"
    );
}

/// One list of resolutions settles conflicts of both steps: between source
/// modules and between a merged table and the canonical module. Only a
/// resolution that answers neither is stale.
#[test]
fn one_list_of_resolutions_settles_the_merge_and_the_completion() {
    let with_default = |module: &str, default: &str| {
        Module::new(module, Stage::Prototype).table(table(
            "things",
            vec![
                Column::new("id", ColumnType::Uuid),
                Column::new("status", ColumnType::Text).default(DefaultValue::text(default)),
            ],
        ))
    };
    let sources = [with_default("alpha", "new"), with_default("beta", "open")];
    let canon = Module::new("canon", Stage::Production).table(table(
        "things",
        vec![
            Column::new("id", ColumnType::Uuid),
            Column::new("status", ColumnType::Text).default(DefaultValue::text("draft")),
        ],
    ));
    let settle = |default: &str| Resolution::Default {
        table: "things".into(),
        column: "status".into(),
        default: Some(DefaultValue::text(default)),
    };

    // Without a resolution: the merge's conflict names both source modules.
    let err = merge::merge_and_complete(&sources, Some(&canon), PartialFieldPolicy::Warn, &[])
        .unwrap_err();
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(matches!(err[0].kind, ConflictKind::Default), "{err:?}");
    let modules: Vec<&str> = err[0]
        .declarations
        .iter()
        .map(|d| d.modules[0].as_str())
        .collect();
    assert_eq!(modules, ["alpha", "beta"]);

    // The resolution settles the merge, and (the same table and column) the
    // completion against the canonical `draft`: it is used, so not stale.
    let (schema, _) = merge::merge_and_complete(
        &sources,
        Some(&canon),
        PartialFieldPolicy::Warn,
        &[settle("open")],
    )
    .unwrap();
    let status = schema.table("things").unwrap().column("status").unwrap();
    assert_eq!(status.default, Some(DefaultValue::text("open")));

    // A conflict only the completion has: the sources agree, the canonical
    // module does not. Settled from the same list, which `merge` alone
    // would call stale.
    let agreeing = [with_default("alpha", "new"), with_default("beta", "new")];
    let stale = merge::merge(&agreeing, &[settle("draft")]).unwrap_err();
    assert!(
        matches!(stale[0].kind, ConflictKind::StaleResolution { .. }),
        "{stale:?}"
    );
    let (schema, _) = merge::merge_and_complete(
        &agreeing,
        Some(&canon),
        PartialFieldPolicy::Warn,
        &[settle("draft")],
    )
    .unwrap();
    let status = schema.table("things").unwrap().column("status").unwrap();
    assert_eq!(status.default, Some(DefaultValue::text("draft")));

    // A resolution for a column nobody disagrees on is stale after both steps.
    let unused = Resolution::Default {
        table: "things".into(),
        column: "id".into(),
        default: None,
    };
    let err = merge::merge_and_complete(
        &agreeing,
        Some(&canon),
        PartialFieldPolicy::Warn,
        &[settle("draft"), unused],
    )
    .unwrap_err();
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        matches!(err[0].kind, ConflictKind::StaleResolution { .. }),
        "{err:?}"
    );
    assert_eq!(err[0].column.as_deref(), Some("id"));
}
