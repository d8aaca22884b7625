//! Hardening twice is hardening once; a pass turned off adds nothing of
//! its kind; no profile is needed to get a schema that renders.

mod harden_fixtures;

use harden_fixtures::schema;
use hingecraft_schema::harden::{HardeningProfile, PASSES, Pass, harden};
use hingecraft_schema::model::{Conventions, IndexMethod, Schema, TableFlags, naming};
use hingecraft_schema::render::{Dialect, Postgres};
use proptest::prelude::*;

fn json(schema: &Schema) -> String {
    serde_json::to_string_pretty(schema).unwrap()
}

/// Hardens twice and checks the second run changes nothing, exactly.
fn assert_idempotent(input: Schema, profile: &HardeningProfile) -> Schema {
    let (once, first) = harden(input, profile);
    let (twice, second) = harden(once.clone(), profile);
    assert_eq!(twice, once, "a second run changed the schema");
    assert_eq!(json(&twice), json(&once));
    assert!(
        second.changed_nothing(),
        "a second run reported changes: {:#?}",
        second.actions
    );
    assert_eq!(second.findings, first.findings);
    once
}

#[test]
fn hardening_twice_is_hardening_once() {
    for profile in [
        HardeningProfile::production(),
        HardeningProfile::all(),
        HardeningProfile::none(),
    ] {
        let hardened = assert_idempotent(schema(), &profile);
        Postgres.render(&hardened).expect("renders");
    }
}

#[test]
fn each_pass_alone_is_idempotent() {
    for pass in PASSES {
        assert_idempotent(schema(), &HardeningProfile::none().with(pass, true));
    }
}

#[test]
fn the_none_profile_changes_nothing() {
    let (out, report) = harden(schema(), &HardeningProfile::none());
    assert_eq!(out, schema());
    assert!(report.actions.is_empty() && report.findings.is_empty());
}

#[test]
fn the_output_is_deterministic() {
    let profile = HardeningProfile::all();
    let (a, ra) = harden(schema(), &profile);
    let (b, rb) = harden(schema(), &profile);
    assert_eq!(json(&a), json(&b));
    assert_eq!(ra.to_markdown(), rb.to_markdown());
}

const SYSTEM_COLUMNS: [&str; 6] = [
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "deleted_at",
    "version",
];

/// What a pass adds, checked on the schema itself, not only on the report.
fn assert_nothing_of_kind(pass: Pass, input: &Schema, out: &Schema) {
    let before = |table: &str| input.table(table);
    match pass {
        Pass::FunctionHygiene => {
            for e in &input.extensions {
                assert!(out.extensions.contains(e), "{} moved", e.name);
            }
            for f in &input.functions {
                let after = out.functions.iter().find(|g| g.name == f.name).unwrap();
                assert_eq!(after.search_path, f.search_path);
            }
        }
        Pass::SystemColumns => {
            for t in &out.tables {
                for c in SYSTEM_COLUMNS {
                    let had = before(&t.name).is_none_or(|b| b.column(c).is_some());
                    assert!(had || t.column(c).is_none(), "{}.{c} added", t.name);
                }
            }
        }
        Pass::Wix => {
            assert!(
                out.tables
                    .iter()
                    .all(|t| t.columns.iter().all(|c| !c.name.starts_with('_')))
            );
            assert!(
                out.functions
                    .iter()
                    .all(|f| !f.name.starts_with("wix_sync"))
            );
        }
        Pass::Audit => {
            assert!(out.table("audit_logs").is_none());
            assert!(out.functions.iter().all(|f| f.name != "audit_changes"));
            assert!(
                out.tables
                    .iter()
                    .all(|t| t.triggers.iter().all(|g| !g.name.starts_with("audit_")))
            );
        }
        Pass::Constraints => {
            assert!(
                out.tables
                    .iter()
                    .all(|t| t.checks.iter().all(|c| !c.name.ends_with("_version_range")))
            );
            assert!(
                out.table("notes")
                    .unwrap()
                    .column("workspace_id")
                    .unwrap()
                    .nullable
            );
        }
        Pass::QueryIndexes => {
            assert!(out.tables.iter().all(|t| {
                t.indexes
                    .iter()
                    .all(|i| i.method != IndexMethod::Gin && i.predicate.is_none())
            }));
            assert_eq!(
                out.table("users").unwrap().uniques,
                input.table("users").unwrap().uniques
            );
            assert!(out.extensions.iter().all(|e| e.name != "pg_trgm"));
        }
        Pass::FkIndexes => {
            for t in &out.tables {
                for fk in &t.foreign_keys {
                    let cols: Vec<&str> = fk.columns.iter().map(String::as_str).collect();
                    let name = naming::index(&t.name, &cols);
                    assert!(t.indexes.iter().all(|i| i.name != name), "{name} added");
                }
            }
        }
        Pass::Rls => {
            // The key table of the scope tokens, which the audit trigger
            // and refresh functions need too, is born protected.
            let keys = Conventions::default().session.key_table;
            assert!(
                out.tables
                    .iter()
                    .filter(|t| t.name != keys)
                    .all(|t| !t.rls_enabled && t.policies.is_empty())
            );
        }
        Pass::Triggers => {
            assert!(
                out.functions
                    .iter()
                    .all(|f| f.name != "set_updated_at" && f.name != "optimistic_lock")
            );
            assert!(out.tables.iter().all(|t| {
                t.triggers
                    .iter()
                    .all(|g| g.function != "set_updated_at" && g.function != "optimistic_lock")
            }));
        }
        Pass::Comments => {
            assert!(out.functions.iter().all(|f| f.doc.is_none()));
            for t in &out.tables {
                for c in &t.columns {
                    let declared = before(&t.name).and_then(|b| b.column(&c.name));
                    let had_doc = declared.is_some_and(|d| d.doc.is_some());
                    assert!(
                        had_doc || c.doc.is_none(),
                        "{}.{} documented",
                        t.name,
                        c.name
                    );
                }
            }
        }
        Pass::Partitions => {
            assert!(
                out.functions
                    .iter()
                    .all(|f| f.name != "create_monthly_partitions")
            );
            assert_eq!(
                out.table("page_views").unwrap().uniques,
                input.table("page_views").unwrap().uniques
            );
        }
        Pass::Views => {
            assert!(
                out.functions
                    .iter()
                    .all(|f| !f.name.starts_with("refresh_"))
            );
        }
        _ => unreachable!("a pass this test does not know"),
    }
}

#[test]
fn a_pass_turned_off_adds_nothing_of_its_kind() {
    let input = schema();
    for pass in PASSES {
        let profile = HardeningProfile::all().with(pass, false);
        let (out, report) = harden(input.clone(), &profile);
        assert_eq!(report.actions_of(pass).count(), 0, "{pass}");
        assert!(report.findings.iter().all(|f| f.pass != pass), "{pass}");
        assert_nothing_of_kind(pass, &input, &out);
        // Every other pass still did its work.
        for other in PASSES.iter().filter(|p| **p != pass) {
            assert!(
                report.actions_of(*other).count() > 0,
                "{other} without {pass}"
            );
        }
    }
}

#[test]
fn declared_columns_are_kept_exactly() {
    let (out, _) = harden(schema(), &HardeningProfile::production());
    let accounts = out.table("accounts").unwrap();
    // The canonical module's choices win over hardening's defaults.
    assert!(!accounts.column("created_by").unwrap().nullable);
    assert!(accounts.column("updated_at").unwrap().nullable);
    // What it lacked was added.
    assert!(accounts.column("updated_by").unwrap().nullable);
    assert!(accounts.column("deleted_at").is_some());
    assert_eq!(
        accounts.column("version").unwrap().ty.display_name(),
        "integer"
    );
    let declared = harden_fixtures::accounts();
    for c in &declared.columns {
        let after = accounts.column(&c.name).unwrap();
        assert_eq!(
            (&after.ty, after.nullable, &after.default),
            (&c.ty, c.nullable, &c.default)
        );
    }
}

fn flags() -> impl Strategy<Value = (TableFlags, bool, bool)> {
    (any::<[bool; 6]>(), any::<bool>(), any::<bool>()).prop_map(|(f, tenant, owner)| {
        (
            TableFlags {
                audit: f[0],
                soft_delete: f[1],
                versioned: f[2],
                timestamps: f[3],
                rls: f[4],
                public: f[5],
                tenant_column: None,
                owner_column: None,
            },
            tenant,
            owner,
        )
    })
}

fn profile() -> impl Strategy<Value = HardeningProfile> {
    any::<[bool; 12]>().prop_map(|on| {
        PASSES
            .iter()
            .zip(on)
            .fold(HardeningProfile::none(), |p, (pass, on)| p.with(*pass, on))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn idempotent_over_random_flags_and_profiles(
        table_flags in proptest::collection::vec(flags(), 8),
        profile in profile(),
    ) {
        let mut input = schema();
        for (table, (mut flags, tenant, owner)) in input.tables.iter_mut().zip(table_flags) {
            // Tenant and owner only where the table has such a column.
            if tenant && table.column("workspace_id").is_some() {
                flags.tenant_column = Some("workspace_id".into());
            }
            if owner {
                flags.owner_column = ["owner_id", "author_id", "user_id"]
                    .into_iter()
                    .find(|c| table.column(c).is_some())
                    .map(Into::into);
            }
            table.flags = flags;
            // A partitioned table's keys need the partitions pass (or a
            // declaration that includes the partition column).
            if !profile.partitions {
                table.partition = None;
            }
        }
        let (once, first) = harden(input, &profile);
        let (twice, second) = harden(once.clone(), &profile);
        prop_assert_eq!(&twice, &once);
        prop_assert_eq!(json(&twice), json(&once));
        prop_assert!(second.changed_nothing(), "{:#?}", second.actions);
        prop_assert_eq!(second.findings, first.findings);
        prop_assert!(Postgres.render(&once).is_ok());
    }
}
