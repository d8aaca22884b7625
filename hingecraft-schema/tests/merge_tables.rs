//! Merge rules for tables: keys, checks, indexes, policies, triggers, flags,
//! and the conflicts and resolutions about them.

use hingecraft_schema::merge::{
    self, Conflict, ConflictKind, DecisionKind, MergeReport, Resolution,
};
use hingecraft_schema::model::{
    Check, CheckKind, Column, ColumnType, ForeignKey, Index, IndexMethod, IndexPart, Literal,
    Module, Policy, PolicyCommand, ReferentialAction, Schema, Stage, Table, Trigger, TriggerEvent,
    TriggerTiming, Unique, naming,
};

fn module(name: &str, table: Table) -> Module {
    Module::new(name, Stage::Prototype).table(table)
}

/// `things(id, status, score, owner_id)` with `f` applied.
fn things(f: impl FnOnce(&mut Table)) -> Table {
    let mut t = Table::new("things", "unused");
    t.columns = vec![
        Column::new("id", ColumnType::Uuid),
        Column::new("status", ColumnType::Text),
        Column::new("score", ColumnType::Integer),
        Column::new("owner_id", ColumnType::Uuid),
    ];
    t.primary_key = vec!["id".into()];
    f(&mut t);
    t
}

fn merge2(
    a: Table,
    b: Table,
    resolutions: &[Resolution],
) -> Result<(Schema, MergeReport), Vec<Conflict>> {
    merge::merge(&[module("alpha", a), module("beta", b)], resolutions)
}

fn ok(r: Result<(Schema, MergeReport), Vec<Conflict>>) -> (Table, MergeReport) {
    match r {
        Ok((mut s, report)) => (s.tables.remove(0), report),
        Err(cs) => panic!(
            "unexpected conflicts:\n{}",
            cs.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// The single conflict, checked to name the table, column and both modules.
fn only_conflict(
    r: Result<(Schema, MergeReport), Vec<Conflict>>,
    column: Option<&str>,
) -> Conflict {
    let mut cs = r.unwrap_err();
    assert_eq!(cs.len(), 1, "{cs:?}");
    let c = cs.remove(0);
    let msg = c.to_string();
    assert_eq!(c.table, "things");
    assert_eq!(c.column.as_deref(), column, "{msg}");
    assert!(msg.starts_with("table `things`"), "{msg}");
    if let Some(col) = column {
        assert!(msg.contains(&format!("column `{col}`")), "{msg}");
    }
    for m in ["alpha", "beta"] {
        assert!(msg.contains(&format!("module `{m}`")), "{msg}");
        assert!(
            c.declarations
                .iter()
                .any(|d| d.modules.contains(&m.to_owned())),
            "{c:?}"
        );
    }
    c
}

fn one_of(values: &[&str]) -> Check {
    Check {
        name: naming::check("things", "status", "in"),
        kind: CheckKind::OneOf {
            column: "status".into(),
            values: values.iter().map(|v| Literal::Text((*v).into())).collect(),
        },
    }
}

fn range(min: i64, max: i64) -> Check {
    Check {
        name: naming::check("things", "score", "range"),
        kind: CheckKind::Range {
            column: "score".into(),
            min: Some(min),
            max: Some(max),
        },
    }
}

fn sql(expr: &str) -> Check {
    Check {
        name: naming::check("things", "status", "expr"),
        kind: CheckKind::Sql(expr.into()),
    }
}

#[test]
fn one_of_values_are_unioned_in_first_seen_order() {
    let (t, report) = ok(merge2(
        things(|t| t.checks = vec![one_of(&["b", "a"])]),
        things(|t| t.checks = vec![one_of(&["a", "c"])]),
        &[],
    ));
    assert_eq!(t.checks.len(), 1);
    let CheckKind::OneOf { values, .. } = &t.checks[0].kind else {
        panic!()
    };
    let text = |s: &str| Literal::Text(s.into());
    assert_eq!(values, &[text("b"), text("a"), text("c")]);
    let d = &report.tables[0].decisions[0];
    assert_eq!(d.column.as_deref(), Some("status"));
    assert_eq!(d.modules, ["alpha", "beta"]);
    assert!(matches!(&d.kind, DecisionKind::ValuesUnioned { to, .. } if to == "('b', 'a', 'c')"));
}

#[test]
fn identical_checks_become_one_and_different_ranges_conflict() {
    let (t, report) = ok(merge2(
        things(|t| t.checks = vec![range(0, 10)]),
        things(|t| t.checks = vec![range(0, 10)]),
        &[],
    ));
    assert_eq!(t.checks, [range(0, 10)]);
    assert!(report.tables[0].decisions.is_empty());

    let a = things(|t| t.checks = vec![range(0, 10)]);
    let b = things(|t| t.checks = vec![range(1, 5)]);
    let c = only_conflict(merge2(a.clone(), b.clone(), &[]), Some("score"));
    assert!(matches!(&c.kind, ConflictKind::Check { name } if name == "ck_things_score_range"));
    assert!(c.to_string().contains("Resolution::Check for things.score"));

    let resolved = |check: Option<CheckKind>| Resolution::Check {
        table: "things".into(),
        column: "score".into(),
        check,
    };
    let (t, _) = ok(merge2(
        a.clone(),
        b.clone(),
        &[resolved(Some(range(0, 5).kind))],
    ));
    assert_eq!(
        t.checks,
        [Check {
            name: "ck_things_score_range".into(),
            ..range(0, 5)
        }]
    );
    let (t, _) = ok(merge2(a, b, &[resolved(None)]));
    assert!(t.checks.is_empty());
}

#[test]
fn different_sql_checks_of_one_name_conflict_on_their_column() {
    let c = only_conflict(
        merge2(
            things(|t| t.checks = vec![sql("status <> ''")]),
            things(|t| t.checks = vec![sql("length(status) > 1")]),
            &[],
        ),
        Some("status"),
    );
    assert!(matches!(&c.kind, ConflictKind::Check { .. }));
    assert!(c.to_string().contains("`status <> ''`"), "{c}");
}

#[test]
fn foreign_keys_to_different_targets_or_actions_conflict() {
    let fk = |ref_table: &str, on_delete| ForeignKey {
        name: naming::foreign_key("things", &["owner_id"]),
        columns: vec!["owner_id".into()],
        ref_table: ref_table.into(),
        ref_columns: vec!["id".into()],
        on_delete,
        on_update: ReferentialAction::NoAction,
    };
    for (a, b) in [
        (
            fk("users", ReferentialAction::Cascade),
            fk("people", ReferentialAction::Cascade),
        ),
        (
            fk("users", ReferentialAction::Cascade),
            fk("users", ReferentialAction::SetNull),
        ),
    ] {
        let ta = things(|t| t.foreign_keys = vec![a.clone()]);
        let tb = things(|t| t.foreign_keys = vec![b.clone()]);
        let c = only_conflict(merge2(ta.clone(), tb.clone(), &[]), Some("owner_id"));
        assert_eq!(c.kind, ConflictKind::ForeignKey);
        assert!(
            c.to_string()
                .contains("Resolution::ForeignKey for things.owner_id"),
            "{c}"
        );

        let r = Resolution::ForeignKey {
            table: "things".into(),
            column: "owner_id".into(),
            ref_table: "users".into(),
            ref_column: "id".into(),
            on_delete: ReferentialAction::Restrict,
            on_update: ReferentialAction::NoAction,
        };
        let (t, report) = ok(merge2(ta, tb, std::slice::from_ref(&r)));
        assert_eq!(t.foreign_keys, [fk("users", ReferentialAction::Restrict)]);
        assert!(report.tables[0].decisions.iter().any(|d| d.kind
            == DecisionKind::Resolved {
                resolution: r.clone()
            }));
    }
    // One module's foreign key, on a column the other also has: taken, reported.
    let (t, report) = ok(merge2(
        things(|t| t.foreign_keys = vec![fk("users", ReferentialAction::Cascade)]),
        things(|_| {}),
        &[],
    ));
    assert_eq!(t.foreign_keys.len(), 1);
    let d = &report.tables[0].decisions[0];
    assert_eq!(d.modules, ["alpha"]);
    assert!(matches!(&d.kind, DecisionKind::Taken { without, .. } if without == &["beta"]));
}

#[test]
fn uniques_and_indexes_are_unioned_and_deduplicated() {
    let unique = |name: &str| Unique {
        name: name.into(),
        columns: vec!["status".into()],
    };
    let index = |name: &str, unique: bool, method| Index {
        name: name.into(),
        parts: vec![IndexPart::column("status")],
        unique,
        method,
        predicate: None,
    };
    let (t, report) = ok(merge2(
        things(|t| {
            t.uniques = vec![unique("uq_things_status")];
            t.indexes = vec![index("idx_things_status", false, IndexMethod::Btree)];
        }),
        things(|t| {
            t.uniques = vec![unique("uq_status")];
            t.indexes = vec![
                index("idx_things_status", true, IndexMethod::Btree),
                index("idx_things_status_trgm", false, IndexMethod::Gin),
            ];
        }),
        &[],
    ));
    assert_eq!(t.uniques, [unique("uq_things_status")]);
    assert_eq!(
        t.indexes,
        [
            index("idx_things_status", true, IndexMethod::Btree),
            index("idx_things_status_trgm", false, IndexMethod::Gin)
        ]
    );
    let kinds: Vec<&DecisionKind> = report.tables[0].decisions.iter().map(|d| &d.kind).collect();
    assert!(
        kinds.iter().any(
            |k| matches!(k, DecisionKind::NameKept { kept, .. } if kept == "uq_things_status")
        )
    );
    assert!(kinds.iter().any(|k| matches!(k, DecisionKind::UniqueIndex { non_unique_in, .. } if non_unique_in == &["alpha"])));
}

#[test]
fn different_indexes_of_one_name_conflict_until_resolved() {
    let index = |method| Index {
        name: "idx_things_status".into(),
        parts: vec![IndexPart::column("status")],
        unique: false,
        method,
        predicate: None,
    };
    let a = things(|t| t.indexes = vec![index(IndexMethod::Btree)]);
    let b = things(|t| t.indexes = vec![index(IndexMethod::Gin)]);
    let c = only_conflict(merge2(a.clone(), b.clone(), &[]), None);
    assert!(matches!(&c.kind, ConflictKind::Index { name } if name == "idx_things_status"));
    assert!(
        c.to_string()
            .contains("Resolution::Index for things.idx_things_status"),
        "{c}"
    );
    let r = Resolution::Index {
        table: "things".into(),
        name: "idx_things_status".into(),
        index: Some(index(IndexMethod::Gin)),
    };
    let (t, _) = ok(merge2(a, b, &[r]));
    assert_eq!(t.indexes, [index(IndexMethod::Gin)]);
}

#[test]
fn policies_and_triggers_of_one_name_must_have_one_body() {
    let policy = |using: &str| Policy {
        name: "things_owner".into(),
        command: PolicyCommand::All,
        roles: vec![],
        using: Some(using.into()),
        with_check: None,
    };
    let trigger = |function: &str| Trigger {
        name: "trg_things_touch".into(),
        timing: TriggerTiming::Before,
        events: vec![TriggerEvent::Update],
        function: function.into(),
    };
    let (t, _) = ok(merge2(
        things(|t| t.policies = vec![policy("true")]),
        things(|t| t.policies = vec![policy("true")]),
        &[],
    ));
    assert_eq!(t.policies.len(), 1);

    let c = only_conflict(
        merge2(
            things(|t| t.policies = vec![policy("owner_id = me()")]),
            things(|t| t.policies = vec![policy("true")]),
            &[],
        ),
        None,
    );
    assert!(matches!(&c.kind, ConflictKind::Policy { name } if name == "things_owner"));

    let a = things(|t| t.triggers = vec![trigger("touch")]);
    let b = things(|t| t.triggers = vec![trigger("set_updated_at")]);
    let c = only_conflict(merge2(a.clone(), b.clone(), &[]), None);
    assert!(matches!(&c.kind, ConflictKind::Trigger { name } if name == "trg_things_touch"));
    let r = Resolution::Trigger {
        table: "things".into(),
        name: "trg_things_touch".into(),
        trigger: None,
    };
    let (t, _) = ok(merge2(a, b, &[r]));
    assert!(t.triggers.is_empty());
}

#[test]
fn flags_are_unioned_and_rls_enabled_is_ored() {
    let (t, report) = ok(merge2(
        things(|t| {
            t.flags.audit = true;
            t.flags.tenant_column = Some("owner_id".into());
        }),
        things(|t| {
            t.flags.soft_delete = true;
            t.rls_enabled = true;
        }),
        &[],
    ));
    assert!(t.flags.audit && t.flags.soft_delete && t.rls_enabled);
    assert_eq!(t.flags.tenant_column.as_deref(), Some("owner_id"));
    let taken: Vec<&str> = report.tables[0]
        .decisions
        .iter()
        .filter_map(|d| match &d.kind {
            DecisionKind::Taken { what, .. } => Some(what.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        taken,
        [
            "flag audit",
            "flag soft_delete",
            "tenant column",
            "row-level security"
        ]
    );
}

#[test]
fn public_in_one_module_and_rls_in_another_conflict() {
    let a = things(|t| t.flags.public = true);
    let b = things(|t| t.flags.rls = true);
    let c = only_conflict(merge2(a.clone(), b.clone(), &[]), None);
    assert_eq!(c.kind, ConflictKind::PublicAndRls);
    assert!(
        c.to_string().contains("module `alpha` declares public"),
        "{c}"
    );
    assert!(
        c.to_string()
            .contains("module `beta` declares row-level security"),
        "{c}"
    );
    let r = |public| Resolution::Public {
        table: "things".into(),
        public,
    };
    let (t, _) = ok(merge2(a.clone(), b.clone(), &[r(true)]));
    assert!(t.flags.public && !t.flags.rls);
    let (t, _) = ok(merge2(a, b, &[r(false)]));
    assert!(!t.flags.public && t.flags.rls);
    // One module choosing both is its own business.
    ok(merge2(
        things(|t| {
            t.flags.public = true;
            t.flags.rls = true;
        }),
        things(|_| {}),
        &[],
    ));
}

#[test]
fn tenant_owner_primary_key_and_layer_must_agree() {
    type Setter = fn(&mut Table, bool);
    let cases: [(Setter, ConflictKind); 4] = [
        (
            |t, b| t.flags.tenant_column = Some(if b { "owner_id" } else { "id" }.into()),
            ConflictKind::TenantColumn,
        ),
        (
            |t, b| t.flags.owner_column = Some(if b { "owner_id" } else { "id" }.into()),
            ConflictKind::OwnerColumn,
        ),
        (
            |t, b| t.primary_key = vec![if b { "owner_id" } else { "id" }.into()],
            ConflictKind::PrimaryKey,
        ),
        (
            |t, b| t.layer = Some(if b { "01_core" } else { "02_users" }.into()),
            ConflictKind::Layer,
        ),
    ];
    for (set, kind) in cases {
        let a = things(|t| set(t, true));
        let b = things(|t| set(t, false));
        let c = only_conflict(merge2(a, b, &[]), None);
        assert_eq!(c.kind, kind);
    }
    let r = Resolution::PrimaryKey {
        table: "things".into(),
        columns: vec!["id".into()],
    };
    let (t, _) = ok(merge2(
        things(|t| t.primary_key = vec!["owner_id".into()]),
        things(|_| {}),
        &[r],
    ));
    assert_eq!(t.primary_key, ["id"]);
    let r = Resolution::Layer {
        table: "things".into(),
        layer: None,
    };
    let (t, _) = ok(merge2(
        things(|t| t.layer = Some("a".into())),
        things(|t| t.layer = Some("b".into())),
        &[r],
    ));
    assert_eq!(t.layer, None);
}

#[test]
fn the_first_non_empty_table_doc_is_taken() {
    let (t, report) = ok(merge2(
        things(|t| t.doc = Some("Alpha's view.".into())),
        things(|t| t.doc = Some("Beta's view.".into())),
        &[],
    ));
    assert_eq!(t.doc.as_deref(), Some("Alpha's view."));
    let d = &report.tables[0].decisions[0];
    assert_eq!(d.column, None);
    assert_eq!(d.modules, ["beta"]);
    assert!(matches!(&d.kind, DecisionKind::DocNotTaken { .. }));
}

#[test]
fn different_modules_under_one_name_are_a_conflict() {
    use hingecraft_schema::model::{Column, ColumnType, Module, Stage, Table};
    let module = |ty: ColumnType| {
        let mut t = Table::new("things", "m");
        t.columns = vec![Column::new("id", ty)];
        t.primary_key = vec!["id".into()];
        Module::new("m", Stage::Prototype).table(t)
    };
    let (a, b) = (module(ColumnType::Uuid), module(ColumnType::Text));
    let err = hingecraft_schema::merge::merge(&[a.clone(), b.clone()], &[]).unwrap_err();
    assert_eq!(
        err,
        hingecraft_schema::merge::merge(&[b, a.clone()], &[]).unwrap_err(),
        "order-independent"
    );
    assert_eq!(err.len(), 1);
    assert_eq!(
        err[0].to_string(),
        "module `m` is given 2 times with different contents; a module name must name one module"
    );
    // The same module twice counts once.
    assert!(hingecraft_schema::merge::merge(&[a.clone(), a], &[]).is_ok());
}
