//! The merge of the starter's modules: `billing` and `crm` disagree on the
//! default of `customers.status`, and `project()` settles it.

use hingecraft::Resolution;
use hingecraft::merge::ConflictKind;
use hingecraft::model::{DefaultValue, Literal};

#[test]
fn without_the_resolution_the_conflict_names_the_table_the_column_and_both_modules() {
    let mut project = starter::project();
    let resolution = starter::customer_status_default();
    assert!(project.resolutions.contains(&resolution));
    project.resolutions.retain(|r| *r != resolution);

    let conflicts = project.production().expect_err("billing and crm disagree");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let conflict = &conflicts[0];
    assert_eq!(conflict.table, "customers");
    assert_eq!(conflict.column.as_deref(), Some("status"));
    assert_eq!(conflict.kind, ConflictKind::Default);
    let declared: Vec<(&[String], &str)> = conflict
        .declarations
        .iter()
        .map(|d| (d.modules.as_slice(), d.value.as_str()))
        .collect();
    assert_eq!(
        declared,
        [
            (&["billing".to_owned()][..], "'active'"),
            (&["crm".to_owned()][..], "'lead'"),
        ]
    );
    let message = conflict.to_string();
    for part in [
        "customers",
        "status",
        "`billing`",
        "`crm`",
        "Resolution::Default",
    ] {
        assert!(message.contains(part), "{part} in: {message}");
    }
}

#[test]
fn with_it_the_production_default_is_the_one_chosen_and_the_report_says_so() {
    let production = starter::project()
        .production()
        .expect("project() settles every conflict");
    let customers = production
        .schema
        .tables
        .iter()
        .find(|t| t.name == "customers")
        .expect("customers is a production table");
    let status = customers.column("status").expect("customers.status");
    assert_eq!(
        status.default,
        Some(DefaultValue::Literal(Literal::Text("lead".into())))
    );
    // Completed by the canonical module: a column no sub-module declares.
    assert!(customers.column("legal_name").is_some());
    let report = production.report_markdown();
    assert!(
        report.contains("resolved by Resolution::Default for customers.status: 'lead'"),
        "{report}"
    );
}

#[test]
fn a_resolution_that_settles_nothing_is_refused() {
    let stale = Resolution::Default {
        table: "customers".into(),
        column: "name".into(),
        default: None,
    };
    let conflicts = starter::project()
        .resolution(stale)
        .production()
        .expect_err("a stale resolution is an error");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].column.as_deref(), Some("name"));
    assert!(
        matches!(conflicts[0].kind, ConflictKind::StaleResolution { .. }),
        "{:?}",
        conflicts[0].kind
    );
}
