//! Merge rules for columns: types, nullability, defaults, docs, and the
//! conflicts and resolutions about them.

use hingecraft_schema::merge::{
    self, Conflict, ConflictKind, DecisionKind, MergeReport, Resolution,
};
use hingecraft_schema::model::{
    Column, ColumnType, DefaultValue, Literal, Module, Schema, Stage, Table,
};

fn module(name: &str, tables: Vec<Table>) -> Module {
    let mut m = Module::new(name, Stage::Prototype);
    m.tables = tables;
    m
}

fn table(name: &str, columns: Vec<Column>) -> Table {
    let mut t = Table::new(name, "unused");
    t.columns = columns;
    t
}

fn col(name: &str, ty: ColumnType) -> Column {
    Column::new(name, ty)
}

fn ok(r: Result<(Schema, MergeReport), Vec<Conflict>>) -> (Schema, MergeReport) {
    match r {
        Ok(v) => v,
        Err(cs) => panic!(
            "unexpected conflicts:\n{}",
            cs.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// Asserts a conflict names its table, column and modules, in its fields and
/// in its message.
fn assert_names(c: &Conflict, table: &str, column: Option<&str>, modules: &[&str]) {
    let msg = c.to_string();
    assert_eq!(c.table, table, "{msg}");
    assert!(msg.starts_with(&format!("table `{table}`")), "{msg}");
    assert_eq!(c.column.as_deref(), column, "{msg}");
    if let Some(col) = column {
        assert!(msg.contains(&format!("column `{col}`")), "{msg}");
    }
    for m in modules {
        assert!(
            c.declarations
                .iter()
                .any(|d| d.modules.iter().any(|x| x == m)),
            "{m} missing from {:?}",
            c.declarations
        );
        assert!(msg.contains(&format!("`{m}`")), "{m} missing from: {msg}");
    }
}

fn two(a: Column, b: Column) -> Vec<Module> {
    vec![
        module("alpha", vec![table("things", vec![a])]),
        module("beta", vec![table("things", vec![b])]),
    ]
}

fn merged_column(a: Column, b: Column) -> (Column, MergeReport) {
    let (schema, report) = ok(merge::merge(&two(a, b), &[]));
    (schema.tables[0].columns[0].clone(), report)
}

#[test]
fn same_definition_gives_one_column_declared_by_both_modules() {
    let (c, report) = merged_column(col("x", ColumnType::Text), col("x", ColumnType::Text));
    assert_eq!(c.declared_by, ["alpha", "beta"]);
    assert!(report.tables[0].decisions.is_empty());
}

#[test]
fn safe_widenings_are_taken_and_reported() {
    let cases = [
        (
            ColumnType::Varchar { len: 20 },
            ColumnType::Varchar { len: 50 },
            ColumnType::Varchar { len: 50 },
        ),
        (
            ColumnType::Varchar { len: 20 },
            ColumnType::Text,
            ColumnType::Text,
        ),
        (
            ColumnType::SmallInt,
            ColumnType::Integer,
            ColumnType::Integer,
        ),
        (ColumnType::BigInt, ColumnType::SmallInt, ColumnType::BigInt),
        (
            ColumnType::Numeric {
                precision: 10,
                scale: 2,
            },
            ColumnType::Numeric {
                precision: 6,
                scale: 4,
            },
            ColumnType::Numeric {
                precision: 12,
                scale: 4,
            },
        ),
    ];
    for (a, b, want) in cases {
        let (c, report) = merged_column(col("x", a.clone()), col("x", b.clone()));
        assert_eq!(c.ty, want, "{a:?} + {b:?}");
        let d = &report.tables[0].decisions[0];
        assert_eq!(d.column.as_deref(), Some("x"));
        assert_eq!(d.modules, ["alpha", "beta"]);
        let DecisionKind::TypeWidened { declared, to } = &d.kind else {
            panic!("{d:?}")
        };
        assert_eq!(to, &want.display_name());
        assert_eq!(declared[0].modules, ["alpha"]);
        assert_eq!(declared[0].value, a.display_name());
    }
}

#[test]
fn unsafe_type_changes_are_conflicts_naming_table_column_and_modules() {
    let cases = [
        (ColumnType::Uuid, ColumnType::Text),
        (ColumnType::Jsonb, ColumnType::Text),
        (ColumnType::Text, ColumnType::Integer),
        (
            ColumnType::Integer,
            ColumnType::Numeric {
                precision: 10,
                scale: 0,
            },
        ),
    ];
    for (a, b) in cases {
        let conflicts =
            merge::merge(&two(col("x", a.clone()), col("x", b.clone())), &[]).unwrap_err();
        assert_eq!(conflicts.len(), 1);
        let c = &conflicts[0];
        assert_eq!(c.kind, ConflictKind::Type);
        assert_names(c, "things", Some("x"), &["alpha", "beta"]);
        let msg = c.to_string();
        assert!(
            msg.contains(&format!("module `alpha` declares {}", a.display_name())),
            "{msg}"
        );
        assert!(msg.contains("Resolution::Type for things.x"), "{msg}");
    }
}

#[test]
fn the_conflict_message_reads_as_documented() {
    let modules = vec![
        module(
            "master-view",
            vec![table("accounts", vec![col("type", ColumnType::Text)])],
        ),
        module(
            "account-management",
            vec![table("accounts", vec![col("type", ColumnType::Uuid)])],
        ),
    ];
    let conflicts = merge::merge(&modules, &[]).unwrap_err();
    assert_eq!(
        conflicts[0].to_string(),
        "table `accounts`, column `type`: conflicting types: module `account-management` \
         declares uuid, module `master-view` declares text; add a Resolution::Type for accounts.type"
    );
}

#[test]
fn every_conflict_is_collected() {
    let mut a = table(
        "things",
        vec![col("x", ColumnType::Uuid), col("y", ColumnType::Text)],
    );
    a.columns[1].default = Some(DefaultValue::Now);
    let mut b = table(
        "things",
        vec![col("x", ColumnType::Text), col("y", ColumnType::Text)],
    );
    b.columns[1].default = Some(DefaultValue::Sql("'x'".into()));
    let other_a = table("others", vec![col("z", ColumnType::Boolean)]);
    let other_b = table("others", vec![col("z", ColumnType::Date)]);
    let modules = vec![
        module("alpha", vec![a, other_a]),
        module("beta", vec![b, other_b]),
    ];
    let stale = Resolution::Layer {
        table: "things".into(),
        layer: None,
    };
    let conflicts = merge::merge(&modules, &[stale]).unwrap_err();
    let kinds: Vec<(&str, Option<&str>, &ConflictKind)> = conflicts
        .iter()
        .map(|c| (c.table.as_str(), c.column.as_deref(), &c.kind))
        .collect();
    assert_eq!(kinds.len(), 4, "{kinds:?}");
    assert!(kinds.contains(&("others", Some("z"), &ConflictKind::Type)));
    assert!(kinds.contains(&("things", Some("x"), &ConflictKind::Type)));
    assert!(kinds.contains(&("things", Some("y"), &ConflictKind::Default)));
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, ("things", None, ConflictKind::StaleResolution { .. }))),
        "{kinds:?}"
    );
}

#[test]
fn a_type_resolution_settles_the_conflict_and_is_reported() {
    let r = Resolution::Type {
        table: "things".into(),
        column: "x".into(),
        ty: ColumnType::Text,
    };
    let modules = two(col("x", ColumnType::Uuid), col("x", ColumnType::Text));
    let (schema, report) = ok(merge::merge(&modules, std::slice::from_ref(&r)));
    assert_eq!(schema.tables[0].columns[0].ty, ColumnType::Text);
    let d = &report.tables[0].decisions[0];
    assert_eq!(d.modules, ["alpha", "beta"]);
    assert_eq!(d.kind, DecisionKind::Resolved { resolution: r });
    assert!(
        report
            .to_markdown()
            .contains("resolved by Resolution::Type for things.x: text")
    );
}

#[test]
fn a_resolution_that_matches_no_conflict_is_stale() {
    let r = Resolution::Type {
        table: "things".into(),
        column: "x".into(),
        ty: ColumnType::Text,
    };
    let modules = two(col("x", ColumnType::Text), col("x", ColumnType::Text));
    let conflicts = merge::merge(&modules, &[r]).unwrap_err();
    assert_eq!(conflicts.len(), 1);
    let c = &conflicts[0];
    assert!(
        matches!(&c.kind, ConflictKind::StaleResolution { resolution, .. } if resolution == "Resolution::Type")
    );
    assert_eq!(c.table, "things");
    assert_eq!(c.column.as_deref(), Some("x"));
    let msg = c.to_string();
    assert!(
        msg.contains("table `things`, column `x`: stale resolution"),
        "{msg}"
    );
}

#[test]
fn disagreeing_resolutions_are_a_conflict() {
    let r = |ty| Resolution::Type {
        table: "things".into(),
        column: "x".into(),
        ty,
    };
    let modules = two(col("x", ColumnType::Uuid), col("x", ColumnType::Text));
    // The same resolution twice is one resolution.
    ok(merge::merge(
        &modules,
        &[r(ColumnType::Text), r(ColumnType::Text)],
    ));
    let conflicts =
        merge::merge(&modules, &[r(ColumnType::Text), r(ColumnType::Uuid)]).unwrap_err();
    assert_eq!(conflicts.len(), 1);
    assert!(matches!(
        conflicts[0].kind,
        ConflictKind::DuplicateResolution { .. }
    ));
    assert!(conflicts[0].to_string().contains("things.x"));
}

#[test]
fn not_null_wins_and_a_column_of_one_module_keeps_its_nullability() {
    let (c, report) = merged_column(
        col("x", ColumnType::Text).nullable(),
        col("x", ColumnType::Text),
    );
    assert!(!c.nullable);
    let d = &report.tables[0].decisions[0];
    assert_eq!(d.modules, ["beta"]);
    assert_eq!(
        d.kind,
        DecisionKind::NotNull {
            nullable_in: vec!["alpha".into()]
        }
    );

    let modules = vec![
        module(
            "alpha",
            vec![table("things", vec![col("x", ColumnType::Text)])],
        ),
        module(
            "beta",
            vec![table(
                "things",
                vec![
                    col("x", ColumnType::Text),
                    col("y", ColumnType::Text).nullable(),
                ],
            )],
        ),
    ];
    let (schema, _) = ok(merge::merge(&modules, &[]));
    let y = schema.tables[0].column("y").unwrap();
    assert!(y.nullable);
    assert_eq!(y.declared_by, ["beta"]);
}

#[test]
fn defaults_equal_or_declared_once_are_taken() {
    let now = || col("x", ColumnType::TimestampTz).default(DefaultValue::Now);
    let (c, report) = merged_column(now(), now());
    assert_eq!(c.default, Some(DefaultValue::Now));
    assert!(report.tables[0].decisions.is_empty());

    let (c, report) = merged_column(col("x", ColumnType::TimestampTz), now());
    assert_eq!(c.default, Some(DefaultValue::Now));
    let d = &report.tables[0].decisions[0];
    assert_eq!(d.modules, ["beta"]);
    assert!(
        matches!(&d.kind, DecisionKind::Taken { what, value, without }
        if what == "default" && value == "now()" && without == &["alpha"])
    );
}

#[test]
fn different_defaults_conflict_until_resolved() {
    let lit = |s: &str| DefaultValue::Literal(Literal::Text(s.into()));
    let modules = two(
        col("status", ColumnType::Text).default(lit("active")),
        col("status", ColumnType::Text).default(lit("pending")),
    );
    let conflicts = merge::merge(&modules, &[]).unwrap_err();
    assert_eq!(conflicts[0].kind, ConflictKind::Default);
    assert_names(&conflicts[0], "things", Some("status"), &["alpha", "beta"]);
    let msg = conflicts[0].to_string();
    assert!(msg.contains("module `alpha` declares 'active'"), "{msg}");
    assert!(
        msg.contains("Resolution::Default for things.status"),
        "{msg}"
    );

    for default in [Some(lit("pending")), None] {
        let r = Resolution::Default {
            table: "things".into(),
            column: "status".into(),
            default: default.clone(),
        };
        let (schema, _) = ok(merge::merge(&modules, &[r]));
        assert_eq!(schema.tables[0].columns[0].default, default);
    }
}

#[test]
fn the_first_non_empty_doc_is_taken_and_the_others_reported() {
    let (c, report) = merged_column(
        col("x", ColumnType::Text).doc("  "),
        col("x", ColumnType::Text).doc("What x is."),
    );
    assert_eq!(c.doc.as_deref(), Some("What x is."));
    assert!(report.tables[0].decisions.is_empty());

    let (c, report) = merged_column(
        col("x", ColumnType::Text).doc("First."),
        col("x", ColumnType::Text).doc("Second."),
    );
    assert_eq!(c.doc.as_deref(), Some("First."));
    let d = &report.tables[0].decisions[0];
    assert_eq!(d.modules, ["beta"]);
    assert!(
        matches!(&d.kind, DecisionKind::DocNotTaken { doc, taken_from }
        if doc == "Second." && taken_from == &["alpha"])
    );
}

#[test]
fn the_result_does_not_depend_on_module_order_and_a_repeat_counts_once() {
    let modules = two(
        col("x", ColumnType::Varchar { len: 10 }).doc("A."),
        col("x", ColumnType::Text).nullable().doc("B."),
    );
    let forward = ok(merge::merge(&modules, &[]));
    let mut reversed = modules.clone();
    reversed.reverse();
    let json = |v: &(Schema, MergeReport)| serde_json::to_string(v).unwrap();
    assert_eq!(json(&forward), json(&ok(merge::merge(&reversed, &[]))));
    let mut doubled = modules.clone();
    doubled.extend(modules.clone());
    assert_eq!(json(&forward), json(&ok(merge::merge(&doubled, &[]))));
    let t = &forward.0.tables[0];
    assert_eq!(t.module, "alpha");
    assert_eq!(t.declared_by, ["alpha", "beta"]);
    assert_eq!(forward.1.modules, ["alpha", "beta"]);
}
