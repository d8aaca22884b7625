//! Snapshots of a small hardened schema: its Postgres DDL and the report,
//! and checks of what each pass adds by name.

mod harden_fixtures;

use harden_fixtures::{apply, fk, one_of, unique};
use hingecraft_schema::harden::{
    ActionKind, FindingKind, HardeningProfile, ObjectKind, Pass, harden,
};
use hingecraft_schema::model::{
    Column, ColumnType, DefaultValue, IndexMethod, PolicyCommand, ReferentialAction, Schema, Table,
};
use hingecraft_schema::render::{Dialect, Postgres};
use hingecraft_test_harness::pg_test_db;

/// Two tables: soft-deleted users with timestamps, and audited, versioned
/// notes that belong to a workspace and an author.
fn small() -> Schema {
    let mut users = Table::new("users", "master");
    users.doc = Some("A person who can sign in.".into());
    users.columns = vec![
        Column::new("id", ColumnType::Uuid).default(DefaultValue::RandomUuid),
        Column::new("email", ColumnType::Varchar { len: 255 }).doc("Sign-in address."),
        Column::new("status", ColumnType::Text),
    ];
    users.primary_key = vec!["id".into()];
    users.uniques = vec![unique("users", &["email"])];
    users.checks = vec![one_of("users", "status", &["active", "suspended"])];
    users.flags.timestamps = true;
    users.flags.soft_delete = true;

    let mut notes = Table::new("notes", "codex");
    notes.columns = vec![
        Column::new("id", ColumnType::Uuid).default(DefaultValue::RandomUuid),
        Column::new("workspace_id", ColumnType::Uuid).nullable(),
        Column::new("author_id", ColumnType::Uuid),
        Column::new("data", ColumnType::Jsonb).nullable(),
    ];
    notes.primary_key = vec!["id".into()];
    notes.foreign_keys = vec![fk(
        "notes",
        "author_id",
        "users",
        ReferentialAction::Cascade,
    )];
    notes.flags.audit = true;
    notes.flags.versioned = true;
    notes.flags.tenant_column = Some("workspace_id".into());
    notes.flags.owner_column = Some("author_id".into());
    Schema::from_tables([users, notes])
}

#[test]
fn postgres_ddl_of_a_small_hardened_schema() {
    let (schema, _) = harden(small(), &HardeningProfile::production());
    insta::assert_snapshot!(Postgres.render(&schema).unwrap().script());
}

#[test]
fn report_of_a_small_hardened_schema() {
    let (_, report) = harden(small(), &HardeningProfile::production());
    insta::assert_snapshot!(report.to_markdown());
}

#[test]
fn report_json_names_every_field() {
    let (_, report) = harden(small(), &HardeningProfile::production());
    let json = serde_json::to_value(&report).unwrap();
    let first = &json["actions"][0];
    assert_eq!(first["pass"], "system_columns");
    assert_eq!(first["object"], "column");
    assert_eq!(first["kind"], "added");
}

#[test]
fn each_pass_adds_what_it_names() {
    let (schema, report) = harden(small(), &HardeningProfile::production());
    let has = |pass: Pass, table: Option<&str>, object: ObjectKind, name: &str| {
        report.actions.iter().any(|a| {
            a.pass == pass && a.table.as_deref() == table && a.object == object && a.name == name
        })
    };
    use ObjectKind::*;
    // System columns, with actors pointing at users.
    for c in [
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "deleted_at",
    ] {
        assert!(has(Pass::SystemColumns, Some("users"), Column, c), "{c}");
    }
    assert!(has(Pass::SystemColumns, Some("notes"), Column, "version"));
    assert!(has(
        Pass::SystemColumns,
        Some("notes"),
        ForeignKey,
        "fk_notes_created_by"
    ));
    // Audit.
    assert!(has(Pass::Audit, Some("audit_logs"), Table, "audit_logs"));
    assert!(has(Pass::Audit, None, Function, "audit_changes"));
    assert!(has(Pass::Audit, Some("notes"), Trigger, "audit_notes"));
    let audit = schema
        .functions
        .iter()
        .find(|f| f.name == "audit_changes")
        .unwrap();
    assert!(audit.security_definer);
    assert_eq!(audit.search_path, ["pg_catalog", "public", "pg_temp"]);
    // Constraints.
    assert!(has(
        Pass::Constraints,
        Some("notes"),
        Check,
        "ck_notes_version_range"
    ));
    assert!(
        report
            .actions
            .iter()
            .any(|a| a.name == "workspace_id" && a.kind == ActionKind::Changed)
    );
    // Indexes.
    assert!(has(
        Pass::QueryIndexes,
        Some("users"),
        Index,
        "idx_users_status"
    ));
    assert!(has(
        Pass::QueryIndexes,
        Some("users"),
        Index,
        "idx_users_email_trgm"
    ));
    assert!(has(
        Pass::QueryIndexes,
        Some("notes"),
        Index,
        "idx_notes_data_gin"
    ));
    assert!(has(
        Pass::QueryIndexes,
        Some("audit_logs"),
        Index,
        "idx_audit_logs_table_name_record_id"
    ));
    assert!(has(Pass::QueryIndexes, None, Extension, "pg_trgm"));
    let users = schema.table("users").unwrap();
    assert!(users.uniques.is_empty());
    let email = users
        .indexes
        .iter()
        .find(|i| i.name == "uq_users_email")
        .unwrap();
    assert!(email.unique && email.predicate.as_deref() == Some("\"deleted_at\" IS NULL"));
    assert!(has(
        Pass::FkIndexes,
        Some("notes"),
        Index,
        "idx_notes_author_id"
    ));
    let trgm = users
        .indexes
        .iter()
        .find(|i| i.method == IndexMethod::Gin)
        .unwrap();
    assert_eq!(
        trgm.parts[0].opclass.as_deref(),
        Some("\"extensions\".gin_trgm_ops")
    );
    // Row-level security.
    assert!(has(
        Pass::Rls,
        Some("notes"),
        Policy,
        "notes_workspace_owner_or_admin"
    ));
    assert!(has(Pass::Rls, Some("users"), Policy, "users_read_all"));
    assert!(has(
        Pass::Rls,
        Some("audit_logs"),
        Policy,
        "audit_logs_admin_read"
    ));
    let notes = schema.table("notes").unwrap();
    assert!(notes.rls_enabled);
    assert_eq!(notes.policies[0].command, PolicyCommand::All);
    assert!(
        notes.policies[0]
            .using
            .as_deref()
            .unwrap()
            .contains("\"workspace_id\" = (SELECT scope_workspace_id())")
    );
    // The verified scope the policies read: the keys and the verifier.
    assert!(has(Pass::Rls, Some("scope_keys"), Table, "scope_keys"));
    assert!(has(Pass::Rls, None, Function, "verified_scope"));
    assert!(
        schema
            .function("verified_scope")
            .is_some_and(|f| f.security_definer)
    );
    // Triggers.
    assert!(has(
        Pass::Triggers,
        Some("users"),
        Trigger,
        "set_updated_at_users"
    ));
    assert!(has(
        Pass::Triggers,
        Some("notes"),
        Trigger,
        "optimistic_lock_notes"
    ));
    assert!(has(Pass::Triggers, None, Function, "optimistic_lock"));
    // Comments.
    assert!(has(
        Pass::Comments,
        Some("users"),
        Comment,
        "users.deleted_at"
    ));
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::Undocumented && f.table.as_deref() == Some("notes"))
    );
}

#[test]
fn public_tables_are_listed() {
    let mut schema = small();
    schema.tables[1].flags = Default::default();
    schema.tables[1].flags.public = true;
    let (out, report) = harden(schema, &HardeningProfile::production());
    assert_eq!(report.public_tables(), ["notes"]);
    let notes = out.table("notes").unwrap();
    assert!(!notes.rls_enabled && notes.policies.is_empty());
}

#[test]
fn declared_policies_are_not_widened() {
    let mut schema = small();
    schema.tables[1]
        .policies
        .push(hingecraft_schema::model::Policy {
            name: "notes_author_only".into(),
            command: PolicyCommand::All,
            roles: Vec::new(),
            using: Some(
                "author_id = (SELECT NULLIF(current_setting('app.user_id', true), '')::uuid)"
                    .into(),
            ),
            with_check: None,
        });
    let (out, report) = harden(schema, &HardeningProfile::production());
    let notes = out.table("notes").unwrap();
    assert!(notes.rls_enabled);
    assert_eq!(notes.policies.len(), 1);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::Kept && f.table.as_deref() == Some("notes"))
    );
}

#[tokio::test]
async fn the_snapshot_schema_applies() {
    let Some(pg) = pg_test_db!() else { return };
    let (schema, _) = harden(small(), &HardeningProfile::production());
    apply(pg.conn(), &schema).await;
}
