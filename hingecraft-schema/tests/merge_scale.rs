//! The merger at platform scale: 10,000 tables over 1,000 modules.
//!
//! Ignored by default (it measures time); run it in release:
//! `cargo test --release -p hingecraft-schema --test merge_scale -- --ignored --nocapture`.

use std::time::{Duration, Instant};

use hingecraft_schema::merge;
use hingecraft_schema::model::{
    Check, CheckKind, Column, ColumnType, Index, IndexMethod, IndexPart, Literal, Module, Stage,
    Table, naming,
};

/// 1,000 modules of 20 tables each over 10,000 table names: every table is
/// declared by two modules, whose columns overlap and differ (lengths,
/// nullability, docs), so that the merge takes tens of thousands of decisions.
fn modules() -> Vec<Module> {
    (0..1000usize)
        .map(|m| {
            let mut module = Module::new(format!("module-{m:04}"), Stage::Prototype);
            for k in 0..20usize {
                let t = (m * 10 + k * 503) % 10_000;
                let name = format!("table_{t:05}");
                let mut table = Table::new(name.clone(), "unused");
                table.primary_key = vec!["id".into()];
                table.doc = Some(format!("Table {t}."));
                table.columns = (0..10usize)
                    .map(|c| {
                        let ty = match c {
                            0 => ColumnType::Uuid,
                            c if c % 3 == 0 => ColumnType::Varchar {
                                len: if (m + c) % 10 == 0 { 100 } else { 50 },
                            },
                            _ => ColumnType::Text,
                        };
                        let mut col = Column::new(format!("col_{}", (c + k) % 14), ty);
                        col.nullable = c % 2 == 0;
                        col.doc = Some(format!("Column {c}."));
                        col
                    })
                    .collect();
                table.columns[0].name = "id".into();
                table.checks = vec![Check {
                    name: naming::check(&name, "col_3", "in"),
                    kind: CheckKind::OneOf {
                        column: "col_3".into(),
                        values: vec![Literal::Text("a".into()), Literal::Text("b".into())],
                    },
                }];
                table.indexes = vec![Index {
                    name: naming::index(&name, &["col_1"]),
                    parts: vec![IndexPart::column("col_1")],
                    unique: false,
                    method: IndexMethod::Btree,
                    predicate: None,
                }];
                table.flags.audit = k % 2 == 0;
                module.tables.push(table);
            }
            module
        })
        .collect()
}

#[test]
#[ignore = "measures time; run in release"]
fn ten_thousand_tables_over_a_thousand_modules() {
    let modules = modules();
    // The best of three runs: the machine may be busy with something else.
    let mut merged = Duration::MAX;
    let mut result = None;
    for _ in 0..3 {
        let start = Instant::now();
        let r = merge::merge(&modules, &[]).expect("compatible modules");
        merged = merged.min(start.elapsed());
        result = Some(r);
    }
    let (schema, report) = result.expect("ran");
    let start = Instant::now();
    let markdown = report.to_markdown();
    let decisions: usize = report.tables.iter().map(|t| t.decisions.len()).sum();
    println!(
        "{} tables, {decisions} decisions: merged in {merged:?}, report in {:?}",
        schema.tables.len(),
        start.elapsed()
    );
    assert_eq!(schema.tables.len(), 10_000);
    assert!(!markdown.is_empty());
    if !cfg!(debug_assertions) {
        assert!(merged < Duration::from_secs(1), "merge took {merged:?}");
    }
}
