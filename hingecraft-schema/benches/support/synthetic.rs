//! Synthetic schemas for benchmarks: `tables` tables spread over `modules`
//! modules, each table declared by two modules with overlapping, compatible
//! column sets (so the merger has real work: unions, widenings, provenance).

use hingecraft_schema::model::{
    Check, CheckKind, Column, ColumnType, DefaultValue, ForeignKey, Index, IndexMethod, IndexPart,
    Literal, Module, ReferentialAction, Stage, Table, TableFlags, Unique, naming,
};

fn table(i: usize, module: &str, variant: usize) -> Table {
    let name = format!("t{i:05}");
    let mut t = Table::new(&name, module);
    t.doc = Some(format!("Synthetic table {i}."));
    t.columns
        .push(Column::new("id", ColumnType::Uuid).default(DefaultValue::RandomUuid));
    t.primary_key.push("id".into());
    // Both declarations share `name` (with different lengths: a widening) and `status`.
    let len = if variant == 0 { 100 } else { 255 };
    t.columns
        .push(Column::new("name", ColumnType::Varchar { len }).doc("Display name."));
    t.columns.push(
        Column::new("status", ColumnType::Text)
            .default(DefaultValue::Literal(Literal::Text("active".into()))),
    );
    let values = if variant == 0 {
        vec!["active", "archived"]
    } else {
        vec!["active", "suspended"]
    };
    t.checks.push(Check {
        name: naming::check(&name, "status", "in"),
        kind: CheckKind::OneOf {
            column: "status".into(),
            values: values
                .into_iter()
                .map(|v| Literal::Text(v.into()))
                .collect(),
        },
    });
    // Each declaration adds columns of its own.
    for c in 0..4 {
        let col = format!("v{variant}_c{c}");
        t.columns.push(
            Column::new(
                &col,
                if c % 2 == 0 {
                    ColumnType::Text
                } else {
                    ColumnType::Jsonb
                },
            )
            .nullable(),
        );
    }
    if i > 0 {
        let target = format!("t{:05}", i / 2);
        t.columns
            .push(Column::new("parent_id", ColumnType::Uuid).nullable());
        t.foreign_keys.push(ForeignKey {
            name: naming::foreign_key(&name, &["parent_id"]),
            columns: vec!["parent_id".into()],
            ref_table: target,
            ref_columns: vec!["id".into()],
            on_delete: ReferentialAction::SetNull,
            on_update: ReferentialAction::NoAction,
        });
    }
    t.columns
        .push(Column::new("workspace_id", ColumnType::Uuid));
    t.columns
        .push(Column::new("created_at", ColumnType::TimestampTz).default(DefaultValue::Now));
    t.uniques.push(Unique {
        name: naming::unique(&name, &["name"]),
        columns: vec!["name".into()],
    });
    t.indexes.push(Index {
        name: naming::index(&name, &["created_at"]),
        parts: vec![IndexPart::column("created_at")],
        unique: false,
        method: IndexMethod::Btree,
        predicate: None,
    });
    t.flags = TableFlags {
        audit: i.is_multiple_of(3),
        soft_delete: variant == 1 && i.is_multiple_of(2),
        versioned: i.is_multiple_of(5),
        timestamps: true,
        tenant_column: Some("workspace_id".into()),
        ..TableFlags::default()
    };
    t
}

/// `tables` tables over `modules` modules; every table is declared twice.
pub(crate) fn modules(tables: usize, modules: usize) -> Vec<Module> {
    let mut out: Vec<Module> = (0..modules)
        .map(|m| Module::new(format!("m{m:04}"), Stage::Prototype))
        .collect();
    for i in 0..tables {
        let (a, b) = (i % modules, (i * 7 + 1) % modules);
        let b = if a == b { (b + 1) % modules } else { b };
        let name_a = out[a].name.clone();
        let name_b = out[b].name.clone();
        out[a].tables.push(table(i, &name_a, 0));
        out[b].tables.push(table(i, &name_b, 1));
    }
    out
}
