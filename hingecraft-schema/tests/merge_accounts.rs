//! The lifecycle's own example: `accounts` as master-view and
//! account-management each see it, merged, then completed with the full
//! field list of the business model.

use hingecraft_schema::merge::{self, DecisionKind, PartialFieldPolicy, WarningKind};
use hingecraft_schema::model::{
    Check, CheckKind, Column, ColumnType, DefaultValue, ForeignKey, Literal, Module,
    ReferentialAction, Schema, Stage, Table, Unique, naming,
};

fn varchar(len: u32) -> ColumnType {
    ColumnType::Varchar { len }
}

fn text(s: &str) -> Literal {
    Literal::Text(s.into())
}

fn id() -> Column {
    Column::new("id", ColumnType::Uuid).default(DefaultValue::RandomUuid)
}

fn one_of(table: &str, column: &str, values: &[&str]) -> Check {
    Check {
        name: naming::check(table, column, "in"),
        kind: CheckKind::OneOf {
            column: column.into(),
            values: values.iter().map(|v| text(v)).collect(),
        },
    }
}

fn table(name: &str, module: &str, columns: Vec<Column>) -> Table {
    let mut t = Table::new(name, module);
    t.columns = columns;
    t.primary_key = vec!["id".into()];
    t
}

/// master-view: accounts (partial, loose) and locations.
fn master_view() -> Module {
    let mut accounts = table(
        "accounts",
        "master-view",
        vec![
            id(),
            Column::new("name", varchar(255)).nullable(),
            Column::new("type", varchar(50)).nullable(),
            Column::new("status", varchar(50))
                .nullable()
                .default(DefaultValue::Literal(text("active"))),
            Column::new("phone", varchar(20)).nullable(),
            Column::new("map_pin", varchar(20))
                .nullable()
                .doc("Where the account shows on the map view."),
        ],
    );
    accounts.doc = Some("An account as the master view lists it.".into());
    accounts.checks = vec![
        one_of("accounts", "type", &["customer", "prospect"]),
        one_of("accounts", "status", &["active", "inactive"]),
    ];
    let locations = table(
        "locations",
        "master-view",
        vec![
            id(),
            Column::new("account_id", ColumnType::Uuid),
            Column::new("address", ColumnType::Text),
        ],
    );
    Module::new("master-view", Stage::Prototype)
        .table(accounts)
        .table(locations)
}

/// account-management: accounts (different fields!) and contacts.
fn account_management() -> Module {
    let mut accounts = table(
        "accounts",
        "account-management",
        vec![
            id(),
            Column::new("account_number", varchar(20)),
            Column::new("name", varchar(100)).doc("The account's legal name."),
            Column::new("email", varchar(255)).nullable(),
            Column::new("owner_id", ColumnType::Uuid).nullable(),
        ],
    );
    accounts.uniques = vec![Unique {
        name: naming::unique("accounts", &["account_number"]),
        columns: vec!["account_number".into()],
    }];
    accounts.foreign_keys = vec![ForeignKey {
        name: naming::foreign_key("accounts", &["owner_id"]),
        columns: vec!["owner_id".into()],
        ref_table: "users".into(),
        ref_columns: vec!["id".into()],
        on_delete: ReferentialAction::SetNull,
        on_update: ReferentialAction::NoAction,
    }];
    let contacts = table(
        "contacts",
        "account-management",
        vec![
            id(),
            Column::new("account_id", ColumnType::Uuid),
            Column::new("email", varchar(255)),
        ],
    );
    Module::new("account-management", Stage::Prototype)
        .table(accounts)
        .table(contacts)
}

/// The business model: every field of accounts, in its order.
fn busm() -> Module {
    let mut accounts = table(
        "accounts",
        "busm",
        vec![
            id(),
            Column::new("account_number", varchar(20)),
            Column::new("name", varchar(255)),
            Column::new("type", varchar(50)),
            Column::new("status", varchar(50)).default(DefaultValue::Literal(text("active"))),
            Column::new("email", varchar(255)).nullable(),
            Column::new("phone", varchar(20)).nullable(),
            Column::new("website", ColumnType::Text).nullable(),
            Column::new("owner_id", ColumnType::Uuid).nullable(),
            Column::new("created_at", ColumnType::TimestampTz).default(DefaultValue::Now),
            Column::new("updated_at", ColumnType::TimestampTz).default(DefaultValue::Now),
        ],
    );
    accounts.checks = vec![
        one_of(
            "accounts",
            "type",
            &["customer", "prospect", "partner", "vendor"],
        ),
        one_of("accounts", "status", &["active", "inactive", "suspended"]),
    ];
    let users = table(
        "users",
        "busm",
        vec![id(), Column::new("email", varchar(255))],
    );
    Module::new("busm", Stage::Production)
        .table(accounts)
        .table(users)
}

fn merged_and_completed() -> (Schema, merge::MergeReport) {
    let (schema, report) = merge::merge(&[master_view(), account_management()], &[]).unwrap();
    merge::complete(schema, report, &busm(), PartialFieldPolicy::Warn).unwrap()
}

fn names(t: &Table) -> Vec<&str> {
    t.columns.iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn merged_accounts_is_the_union_with_the_stricter_and_wider_definitions() {
    let (schema, report) = merge::merge(&[master_view(), account_management()], &[]).unwrap();
    let names_of: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names_of, ["accounts", "contacts", "locations"]);

    let accounts = schema.table("accounts").unwrap();
    assert_eq!(accounts.module, "account-management");
    assert_eq!(accounts.declared_by, ["account-management", "master-view"]);
    // First-seen order over the modules sorted by name.
    assert_eq!(
        names(accounts),
        [
            "id",
            "account_number",
            "name",
            "email",
            "owner_id",
            "type",
            "status",
            "phone",
            "map_pin"
        ]
    );
    let name = accounts.column("name").unwrap();
    assert_eq!(name.ty, varchar(255));
    assert!(!name.nullable);
    assert_eq!(name.declared_by, ["account-management", "master-view"]);
    assert_eq!(name.doc.as_deref(), Some("The account's legal name."));
    // Declared by one module only: kept as declared.
    assert!(accounts.column("phone").unwrap().nullable);
    assert_eq!(
        accounts.column("phone").unwrap().declared_by,
        ["master-view"]
    );
    assert_eq!(accounts.uniques.len(), 1);
    assert_eq!(accounts.foreign_keys[0].ref_table, "users");
    assert_eq!(accounts.checks.len(), 2);

    let r = &report.tables[0];
    assert_eq!(r.table, "accounts");
    assert!(
        r.decisions
            .iter()
            .any(|d| d.column.as_deref() == Some("name")
                && matches!(&d.kind, DecisionKind::TypeWidened { to, .. } if to == "varchar(255)"))
    );
    assert!(r.decisions.iter().any(|d| d.column.as_deref() == Some("name")
        && d.modules == ["account-management"]
        && matches!(&d.kind, DecisionKind::NotNull { nullable_in } if nullable_in == &["master-view"])));
}

#[test]
fn completed_accounts_follows_the_canonical_order_and_definitions() {
    let (schema, report) = merged_and_completed();
    let accounts = schema.table("accounts").unwrap();
    assert_eq!(accounts.module, "busm");
    assert_eq!(
        accounts.declared_by,
        ["account-management", "busm", "master-view"]
    );
    assert_eq!(
        names(accounts),
        [
            "id",
            "account_number",
            "name",
            "type",
            "status",
            "email",
            "phone",
            "website",
            "owner_id",
            "created_at",
            "updated_at",
            "map_pin"
        ]
    );
    let ty = accounts.column("type").unwrap();
    assert!(!ty.nullable, "the canonical NOT NULL is stricter");
    assert_eq!(ty.declared_by, ["busm", "master-view"]);
    assert_eq!(accounts.column("website").unwrap().declared_by, ["busm"]);
    let values = accounts
        .checks
        .iter()
        .find_map(|c| match &c.kind {
            CheckKind::OneOf { column, values } if column == "status" => Some(values.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        values,
        [text("active"), text("inactive"), text("suspended")]
    );
    // Tables busm does not declare are left as merged.
    assert_eq!(
        schema.table("contacts").unwrap().module,
        "account-management"
    );
    assert_eq!(report.canonical.as_deref(), Some("busm"));
    assert_eq!(report.canonical_only, ["users"]);
    let warnings = &report.tables[0].warnings;
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].column.as_deref(), Some("map_pin"));
    assert_eq!(warnings[0].modules, ["master-view"]);
    assert!(
        matches!(&warnings[0].kind, WarningKind::PartialField { canonical } if canonical == "busm")
    );
}

#[test]
fn a_partial_field_is_a_conflict_under_the_error_policy() {
    let (schema, report) = merge::merge(&[master_view(), account_management()], &[]).unwrap();
    let conflicts =
        merge::complete(schema, report, &busm(), PartialFieldPolicy::Error).unwrap_err();
    assert_eq!(conflicts.len(), 1);
    let c = &conflicts[0];
    assert_eq!(c.table, "accounts");
    assert_eq!(c.column.as_deref(), Some("map_pin"));
    assert_eq!(c.declarations[0].modules, ["master-view"]);
    let msg = c.to_string();
    assert!(msg.contains("table `accounts`, column `map_pin`"), "{msg}");
    assert!(msg.contains("module `master-view`"), "{msg}");
    assert!(msg.contains("canonical module `busm`"), "{msg}");
}

#[test]
fn the_report_reads_as_markdown() {
    let (_, report) = merged_and_completed();
    insta::assert_snapshot!("accounts_report", report.to_markdown());
}

#[test]
fn the_report_serializes_deterministically() {
    let (schema_a, report_a) = merged_and_completed();
    let (schema_b, report_b) = merged_and_completed();
    let a = serde_json::to_string(&(&schema_a, &report_a)).unwrap();
    let b = serde_json::to_string(&(&schema_b, &report_b)).unwrap();
    assert_eq!(a, b);
    let back: merge::MergeReport =
        serde_json::from_str(&serde_json::to_string(&report_a).unwrap()).unwrap();
    assert_eq!(back, report_a);
}
