//! Properties of the merger: the order of the modules does not matter, a
//! module merged with itself changes nothing, and no input makes it panic.

use hingecraft_schema::merge::{self, PartialFieldPolicy, Resolution};
use hingecraft_schema::model::{
    Check, CheckKind, Column, ColumnType, DefaultValue, ForeignKey, Index, IndexMethod, IndexPart,
    Literal, Module, Policy, PolicyCommand, ReferentialAction, Stage, Table, Trigger, TriggerEvent,
    TriggerTiming, Unique, naming,
};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

const TABLES: [&str; 3] = ["accounts", "contacts", "orders"];
const MODULES: [&str; 5] = ["billing", "crm", "master-view", "reports", "sales"];
const STATUSES: [&str; 4] = ["active", "closed", "draft", "open"];

fn text(s: &str) -> Literal {
    Literal::Text(s.into())
}

// ---------------------------------------------------------------------------
// Compatible modules: every definition of a shared column merges cleanly.

/// A column of the shared pool, in one of its compatible definitions.
fn pool_column(name: &'static str) -> BoxedStrategy<Column> {
    let ty: BoxedStrategy<ColumnType> = match name {
        "id" | "owner_id" => Just(ColumnType::Uuid).boxed(),
        "name" => prop_oneof![
            (1u32..300).prop_map(|len| ColumnType::Varchar { len }),
            Just(ColumnType::Text)
        ]
        .boxed(),
        "qty" => select(vec![
            ColumnType::SmallInt,
            ColumnType::Integer,
            ColumnType::BigInt,
        ])
        .boxed(),
        "amount" => (1u32..20, 0u32..6)
            .prop_map(|(int, scale)| ColumnType::Numeric {
                precision: int + scale,
                scale,
            })
            .boxed(),
        "status" => Just(ColumnType::Text).boxed(),
        _ => Just(ColumnType::TimestampTz).boxed(),
    };
    let default = match name {
        "id" => Some(DefaultValue::RandomUuid),
        "status" => Some(DefaultValue::Literal(text("open"))),
        "created_at" => Some(DefaultValue::Now),
        _ => None,
    };
    (
        ty,
        any::<bool>(),
        any::<bool>(),
        select(vec!["", "What it is.", "What it holds."]),
    )
        .prop_map(move |(ty, nullable, with_default, doc)| Column {
            name: name.into(),
            ty,
            nullable: nullable && name != "id",
            default: default.clone().filter(|_| with_default),
            doc: (!doc.is_empty()).then(|| doc.to_owned()),
            declared_by: Vec::new(),
            generated: None,
            renamed_from: None,
        })
        .boxed()
}

fn compatible_table(name: &'static str) -> impl Strategy<Value = Table> {
    let optional = ["name", "qty", "amount", "status", "owner_id", "created_at"];
    (
        subsequence(optional.to_vec(), 0..=optional.len()),
        subsequence(STATUSES.to_vec(), 1..=STATUSES.len()),
        any::<(bool, bool, bool, bool, bool)>(),
        select(vec!["", "A table.", "Another view of the table."]),
    )
        .prop_flat_map(move |(columns, statuses, flags, doc)| {
            let columns: Vec<BoxedStrategy<Column>> = std::iter::once("id")
                .chain(columns)
                .map(pool_column)
                .collect();
            (columns, Just(statuses), Just(flags), Just(doc))
        })
        .prop_map(
            move |(columns, statuses, (check, fk, unique, audit, rls), doc)| {
                let mut t = Table::new(name, "unused");
                t.doc = (!doc.is_empty()).then(|| doc.to_owned());
                t.primary_key = vec!["id".into()];
                let has = |c: &str| columns.iter().any(|x| x.name == c);
                if check && has("status") {
                    t.checks.push(Check {
                        name: naming::check(name, "status", "in"),
                        kind: CheckKind::OneOf {
                            column: "status".into(),
                            values: statuses.iter().map(|s| text(s)).collect(),
                        },
                    });
                }
                if fk && has("owner_id") {
                    t.foreign_keys.push(ForeignKey {
                        name: naming::foreign_key(name, &["owner_id"]),
                        columns: vec!["owner_id".into()],
                        ref_table: "users".into(),
                        ref_columns: vec!["id".into()],
                        on_delete: ReferentialAction::SetNull,
                        on_update: ReferentialAction::NoAction,
                    });
                }
                if unique && has("name") {
                    t.uniques.push(Unique {
                        name: naming::unique(name, &["name"]),
                        columns: vec!["name".into()],
                    });
                    t.indexes.push(Index {
                        name: naming::index(name, &["name"]),
                        parts: vec![IndexPart::column("name")],
                        unique: false,
                        method: IndexMethod::Btree,
                        predicate: None,
                    });
                }
                t.flags.audit = audit;
                t.flags.rls = rls;
                t.columns = columns;
                t
            },
        )
}

fn compatible_module() -> impl Strategy<Value = Module> {
    (
        select(MODULES.to_vec()),
        subsequence(TABLES.to_vec(), 1..=3),
    )
        .prop_flat_map(|(name, tables)| {
            let tables: Vec<_> = tables.into_iter().map(compatible_table).collect();
            (Just(name), tables)
        })
        .prop_map(|(name, tables)| {
            let mut m = Module::new(name, Stage::Prototype);
            m.tables = tables;
            m
        })
}

// ---------------------------------------------------------------------------
// Arbitrary modules: small pools of names so that things collide.

fn any_type() -> impl Strategy<Value = ColumnType> {
    prop_oneof![
        Just(ColumnType::Uuid),
        Just(ColumnType::Text),
        (0u32..400).prop_map(|len| ColumnType::Varchar { len }),
        Just(ColumnType::SmallInt),
        Just(ColumnType::Integer),
        Just(ColumnType::BigInt),
        (0u32..1200, 0u32..1200)
            .prop_map(|(precision, scale)| ColumnType::Numeric { precision, scale }),
        Just(ColumnType::Jsonb),
        Just(ColumnType::Boolean),
        (0u32..4).prop_map(|dim| ColumnType::Vector { dim }),
    ]
}

fn any_name() -> impl Strategy<Value = String> {
    select(vec!["a", "b", "c", "ck_t_a_expr", ""]).prop_map(str::to_owned)
}

fn any_default() -> impl Strategy<Value = Option<DefaultValue>> {
    prop_oneof![
        Just(None),
        Just(Some(DefaultValue::Now)),
        (0i64..3).prop_map(|i| Some(DefaultValue::Literal(Literal::Int(i)))),
        any_name().prop_map(|s| Some(DefaultValue::Sql(s))),
    ]
}

fn any_column() -> impl Strategy<Value = Column> {
    (
        any_name(),
        any_type(),
        any::<bool>(),
        any_default(),
        proptest::option::of(any_name()),
    )
        .prop_map(|(name, ty, nullable, default, doc)| Column {
            name,
            ty,
            nullable,
            default,
            doc,
            declared_by: Vec::new(),
            generated: None,
            renamed_from: None,
        })
}

fn any_check() -> impl Strategy<Value = Check> {
    let kind = prop_oneof![
        (any_name(), proptest::collection::vec(any_name(), 0..3)).prop_map(|(column, v)| {
            CheckKind::OneOf {
                column,
                values: v.into_iter().map(Literal::Text).collect(),
            }
        }),
        (
            any_name(),
            proptest::option::of(0i64..3),
            proptest::option::of(0i64..3)
        )
            .prop_map(|(column, min, max)| CheckKind::Range { column, min, max }),
        (any_name(), 0u32..3).prop_map(|(column, max)| CheckKind::MaxLength { column, max }),
        any_name().prop_map(CheckKind::Sql),
    ];
    (any_name(), kind).prop_map(|(name, kind)| Check { name, kind })
}

fn any_table() -> impl Strategy<Value = Table> {
    let names = || proptest::collection::vec(any_name(), 0..3);
    let keys = (
        proptest::collection::vec((names(), any_name(), names(), any::<bool>()), 0..2),
        proptest::collection::vec(names(), 0..2),
        proptest::collection::vec((any_name(), names(), any::<bool>(), any::<bool>()), 0..3),
    );
    let security = (
        proptest::collection::vec((any_name(), proptest::option::of(any_name())), 0..2),
        proptest::collection::vec((any_name(), any_name()), 0..2),
        any::<(bool, bool, bool, bool)>(),
        proptest::option::of(any_name()),
        proptest::option::of(any_name()),
    );
    (
        (
            select(vec!["t", "u"]),
            proptest::collection::vec(any_column(), 0..4),
            names(),
            proptest::collection::vec(any_check(), 0..3),
            proptest::option::of(any_name()),
            proptest::option::of(any_name()),
        ),
        keys,
        security,
    )
        .prop_map(|(basics, keys, security)| {
            let (name, columns, pk, checks, layer, doc) = basics;
            let (fks, uniques, indexes) = keys;
            let (policies, triggers, (public, rls, rls_enabled, audit), tenant, owner) = security;
            let mut t = Table::new(name, "unused");
            t.columns = columns;
            t.primary_key = pk;
            t.checks = checks;
            t.layer = layer;
            t.doc = doc;
            t.foreign_keys = fks
                .into_iter()
                .map(|(columns, ref_table, ref_columns, cascade)| ForeignKey {
                    name: "fk".into(),
                    columns,
                    ref_table,
                    ref_columns,
                    on_delete: if cascade {
                        ReferentialAction::Cascade
                    } else {
                        ReferentialAction::NoAction
                    },
                    on_update: ReferentialAction::NoAction,
                })
                .collect();
            t.uniques = uniques
                .into_iter()
                .map(|columns| Unique {
                    name: "uq".into(),
                    columns,
                })
                .collect();
            t.indexes = indexes
                .into_iter()
                .map(|(name, columns, unique, gin)| Index {
                    name,
                    parts: columns.into_iter().map(IndexPart::column).collect(),
                    unique,
                    method: if gin {
                        IndexMethod::Gin
                    } else {
                        IndexMethod::Btree
                    },
                    predicate: None,
                })
                .collect();
            t.policies = policies
                .into_iter()
                .map(|(name, using)| Policy {
                    name,
                    command: PolicyCommand::All,
                    roles: Vec::new(),
                    using,
                    with_check: None,
                })
                .collect();
            t.triggers = triggers
                .into_iter()
                .map(|(name, function)| Trigger {
                    name,
                    timing: TriggerTiming::Before,
                    events: vec![TriggerEvent::Update],
                    function,
                })
                .collect();
            t.flags.public = public;
            t.flags.rls = rls;
            t.flags.audit = audit;
            t.flags.tenant_column = tenant;
            t.flags.owner_column = owner;
            t.rls_enabled = rls_enabled;
            t
        })
}

fn any_module() -> impl Strategy<Value = Module> {
    (
        select(vec!["m1", "m2", "m3"]),
        proptest::collection::vec(any_table(), 0..3),
    )
        .prop_map(|(name, tables)| {
            let mut m = Module::new(name, Stage::Prototype);
            m.tables = tables;
            m
        })
}

fn any_resolution() -> impl Strategy<Value = Resolution> {
    (
        select(vec!["t", "u"]),
        any_name(),
        any_type(),
        any_default(),
    )
        .prop_flat_map(|(table, column, ty, default)| {
            let table = table.to_owned();
            select(vec![
                Resolution::Type {
                    table: table.clone(),
                    column: column.clone(),
                    ty,
                },
                Resolution::Default {
                    table: table.clone(),
                    column: column.clone(),
                    default,
                },
                Resolution::Check {
                    table: table.clone(),
                    column: column.clone(),
                    check: None,
                },
                Resolution::Public {
                    table: table.clone(),
                    public: true,
                },
                Resolution::Index {
                    table,
                    name: column,
                    index: None,
                },
            ])
        })
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

/// Module names made unique (a name names one module: different modules
/// under one name are a conflict of their own).
fn distinct_names(mut modules: Vec<Module>) -> Vec<Module> {
    for (i, m) in modules.iter_mut().enumerate() {
        m.name = format!("{}-{i}", m.name);
    }
    modules
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_merged_schema_does_not_depend_on_module_order(
        (modules, shuffled) in proptest::collection::vec(compatible_module(), 1..5)
            .prop_map(distinct_names)
            .prop_flat_map(|m| (Just(m.clone()), Just(m).prop_shuffle()))
    ) {
        let a = merge::merge(&modules, &[]);
        let b = merge::merge(&shuffled, &[]);
        prop_assert!(a.is_ok(), "compatible modules conflict: {:?}", a.err());
        prop_assert_eq!(json(&a.unwrap()), json(&b.unwrap()));
    }

    #[test]
    fn any_merge_result_does_not_depend_on_module_order(
        (modules, shuffled) in proptest::collection::vec(any_module(), 1..5)
            .prop_flat_map(|m| (Just(m.clone()), Just(m).prop_shuffle()))
    ) {
        prop_assert_eq!(merge::merge(&modules, &[]), merge::merge(&shuffled, &[]));
    }

    #[test]
    fn merging_a_module_with_itself_changes_nothing(m in any_module()) {
        let once = merge::merge(std::slice::from_ref(&m), &[]);
        let twice = merge::merge(&[m.clone(), m], &[]);
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn merging_a_compatible_module_with_itself_changes_nothing(m in compatible_module()) {
        let once = merge::merge(std::slice::from_ref(&m), &[]).unwrap();
        let twice = merge::merge(&[m.clone(), m], &[]).unwrap();
        prop_assert_eq!(json(&once), json(&twice));
    }

    #[test]
    fn merge_and_complete_never_panic(
        modules in proptest::collection::vec(any_module(), 0..4),
        resolutions in proptest::collection::vec(any_resolution(), 0..3),
        canonical in any_module(),
        error in any::<bool>(),
    ) {
        let policy = if error { PartialFieldPolicy::Error } else { PartialFieldPolicy::Warn };
        match merge::merge(&modules, &resolutions) {
            Ok((schema, report)) => {
                let _ = report.to_markdown();
                match merge::complete(schema, report, &canonical, policy) {
                    Ok((_, report)) => { let _ = report.to_markdown(); }
                    Err(conflicts) => for c in conflicts { let _ = c.to_string(); },
                }
            }
            Err(conflicts) => {
                prop_assert!(!conflicts.is_empty());
                for c in conflicts {
                    if let merge::ConflictKind::DuplicateModule { module } = &c.kind {
                        prop_assert!(c.to_string().starts_with(&format!("module `{module}`")), "{}", c);
                        continue;
                    }
                    let prefix = format!("table `{}`", c.table);
                    prop_assert!(c.to_string().starts_with(&prefix), "{}", c);
                }
            }
        }
    }
}
