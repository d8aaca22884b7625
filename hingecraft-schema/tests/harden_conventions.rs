//! Hardening with a project's own [`Conventions`]: every name hardening
//! creates or reads (the audit table, the extensions' schema, the session
//! settings, the administrator role) is the project's, and none of the
//! defaults is left anywhere in the DDL.

mod harden_fixtures;

use harden_fixtures::{apply, exec, scalar};
use hingecraft_schema::harden::{HardeningProfile, HardeningReport, harden_with};
use hingecraft_schema::model::{
    CheckKind, Column, ColumnType, Conventions, Literal, Schema, SessionSettings, Table,
};
use hingecraft_schema::render::{Dialect, Postgres};
use hingecraft_test_harness::pg_test_db;
use sea_orm::TransactionTrait;
use uuid::Uuid;

/// Conventions sharing no name with the defaults.
fn conventions() -> Conventions {
    Conventions {
        session: SessionSettings {
            token: "svc.grant".into(),
            key_table: "svc_keys".into(),
            verify_function: "svc_verify".into(),
            sign_function: "svc_sign".into(),
            workspace_function: "svc_tenant".into(),
            user_function: "svc_actor".into(),
            workspace_admin_function: "svc_is_operator".into(),
            platform_admin_function: "svc_is_root".into(),
        },
        audit_table: "change_log".into(),
        extensions_schema: "ext".into(),
        ..Conventions::default()
    }
}

/// The hardening fixtures, with the one `'admin'` they declare themselves
/// (a workspace member's role, nothing to do with the administrator role of
/// the session) renamed, so that any `'admin'` in the DDL is hardening's.
fn schema() -> Schema {
    let mut schema = harden_fixtures::schema();
    for check in schema.tables.iter_mut().flat_map(|t| &mut t.checks) {
        if let CheckKind::OneOf { values, .. } = &mut check.kind {
            for value in values {
                if *value == Literal::Text("admin".into()) {
                    *value = Literal::Text("manager".into());
                }
            }
        }
    }
    schema
}

fn hardened(profile: &HardeningProfile) -> (Schema, HardeningReport) {
    harden_with(schema(), profile, &conventions())
}

fn ddl(schema: &Schema) -> String {
    Postgres.render(schema).expect("renders").script()
}

/// What the default conventions would have put in the DDL.
const DEFAULTS: [&str; 10] = [
    "audit_logs",
    "\"extensions\"",
    "app.scope",
    "scope_keys",
    "verified_scope",
    "scope_sign",
    "scope_workspace_id",
    "scope_user_id",
    "scope_is_workspace_admin",
    "scope_is_platform_admin",
];

#[test]
fn the_fixtures_use_every_default_name_under_the_default_conventions() {
    // Otherwise the absence checks below would prove nothing.
    let (schema, _) = hingecraft_schema::harden(schema(), &HardeningProfile::all());
    let sql = ddl(&schema);
    for name in DEFAULTS {
        assert!(sql.contains(name), "`{name}` missing from the default DDL");
    }
}

#[test]
fn every_name_comes_from_the_conventions() {
    for profile in [HardeningProfile::production(), HardeningProfile::all()] {
        let (schema, _) = hardened(&profile);
        let sql = ddl(&schema);
        for name in DEFAULTS {
            assert!(
                !sql.contains(name),
                "`{name}` is in the DDL with other conventions ({profile:?}):\n{sql}"
            );
        }
        for expected in [
            // The audit table, its check, index, policies and docs.
            "CREATE TABLE \"change_log\" (",
            "CONSTRAINT \"ck_change_log_operation_in\" CHECK",
            "CREATE INDEX \"idx_change_log_table_name_record_id\" ON \"change_log\"",
            "ALTER TABLE \"change_log\" FORCE ROW LEVEL SECURITY;",
            "CREATE POLICY \"change_log_admin_read\" ON \"change_log\"",
            "CREATE POLICY \"change_log_trigger_insert\" ON \"change_log\"",
            "COMMENT ON TABLE \"change_log\" IS",
            "COMMENT ON COLUMN \"change_log\".\"actor_id\" IS 'The user who made the change (svc_actor(), the verified scope), when known.'",
            "writes one change_log row per inserted, updated or deleted row, with the old and new row as JSONB and the actor from svc_actor() (the verified scope).",
            // The audit trigger writes to it, with the session's actor and workspace.
            "INSERT INTO change_log (table_name, operation,",
            "    svc_actor(),",
            "::uuid, svc_tenant())",
            // The token, its keys, its verification.
            "CREATE TABLE \"svc_keys\" (",
            "CREATE POLICY \"svc_keys_owner_only\" ON \"svc_keys\"",
            "NULLIF(current_setting('svc.grant', true), '')",
            "FROM svc_keys k",
            "ext.hmac(convert_to(",
            "SELECT NULLIF(svc_verify() ->> 'workspace_id', '')::uuid",
            // Extensions, their schema, the trigram operator class, and the
            // search_path of a function using pgcrypto.
            "CREATE SCHEMA IF NOT EXISTS \"ext\";",
            "CREATE EXTENSION IF NOT EXISTS \"pg_trgm\" WITH SCHEMA \"ext\";",
            "CREATE EXTENSION IF NOT EXISTS \"pgcrypto\" WITH SCHEMA \"ext\";",
            "\"ext\".gin_trgm_ops",
            "SET search_path = \"pg_catalog\", \"ext\", \"public\", \"pg_temp\"",
            // Row-level security reads the verified scope.
            "\"workspace_id\" = (SELECT svc_tenant())",
            "\"author_id\" = (SELECT svc_actor())",
            "(SELECT svc_is_operator())",
            "(SELECT svc_is_root())",
        ] {
            assert!(
                sql.contains(expected),
                "`{expected}` is missing ({profile:?}):\n{sql}"
            );
        }
    }
}

#[test]
fn the_audit_table_of_the_conventions_is_treated_as_the_audit_log() {
    let (schema, report) = hardened(&HardeningProfile::all());
    assert!(schema.table("audit_logs").is_none());
    let log = schema
        .table("change_log")
        .expect("the audit table is added");
    // No Wix fields, no GIN index, no audit trigger of its own.
    assert!(log.column("_id").is_none(), "Wix skips the audit table");
    assert!(log.triggers.is_empty(), "{:?}", log.triggers);
    assert_eq!(
        log.indexes
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>(),
        ["idx_change_log_table_name_record_id"]
    );
    // Admin-read and trigger-insert only, not the generic policies.
    let mut policies: Vec<&str> = log.policies.iter().map(|p| p.name.as_str()).collect();
    policies.sort_unstable();
    assert_eq!(
        policies,
        ["change_log_admin_read", "change_log_trigger_insert"]
    );
    // Every column documented.
    assert!(log.columns.iter().all(|c| c.doc.is_some()));
    // The report speaks of the same table.
    let text = report.to_markdown();
    assert!(text.contains("writes one change_log row per changed row"));
    assert!(text.contains("to schema `ext`"));
    assert!(!text.contains("audit_logs"), "{text}");
}

#[test]
fn a_declared_audit_table_of_the_conventions_is_completed_not_duplicated() {
    let mut input = schema();
    let mut log = Table::new("change_log", "governance");
    log.columns = vec![
        harden_fixtures::id(),
        Column::new("table_name", ColumnType::Text),
    ];
    log.primary_key = vec!["id".into()];
    input.tables.push(log);
    let (schema, _) = harden_with(input, &HardeningProfile::production(), &conventions());
    assert_eq!(
        schema
            .tables
            .iter()
            .filter(|t| t.name == "change_log")
            .count(),
        1
    );
    let log = schema.table("change_log").unwrap();
    assert_eq!(log.module, "governance", "the declared table is kept");
    for column in ["operation", "record_id", "actor_id", "workspace_id"] {
        assert!(log.column(column).is_some(), "`{column}` added");
    }
    assert!(ddl(&schema).contains("INSERT INTO change_log ("));
}

#[test]
fn hardening_twice_with_the_conventions_is_hardening_once() {
    for profile in [
        HardeningProfile::production(),
        HardeningProfile::all(),
        HardeningProfile::none(),
    ] {
        let (once, first) = hardened(&profile);
        let (twice, second) = harden_with(once.clone(), &profile, &conventions());
        assert_eq!(twice, once, "a second run changed the schema ({profile:?})");
        assert_eq!(
            serde_json::to_string_pretty(&twice).unwrap(),
            serde_json::to_string_pretty(&once).unwrap()
        );
        assert!(
            second.changed_nothing(),
            "a second run reported changes ({profile:?}): {:#?}",
            second.actions
        );
        assert_eq!(second.findings, first.findings);
        assert_eq!(ddl(&twice), ddl(&once));
    }
}

#[test]
fn a_schema_is_as_the_conventions_it_was_hardened_with() {
    // The default conventions give the same schema whether named or not,
    // and other conventions a different one.
    let profile = HardeningProfile::production();
    let (default, _) = hingecraft_schema::harden(schema(), &profile);
    let (named, _) = harden_with(schema(), &profile, &Conventions::default());
    assert_eq!(named, default);
    assert_ne!(hardened(&profile).0, default);
}

#[tokio::test]
async fn the_schema_applies_and_audits_with_the_conventions_settings() {
    let Some(pg) = pg_test_db!() else { return };
    let (schema, _) = hardened(&HardeningProfile::production());
    apply(pg.conn(), &schema).await;
    let conn = pg.conn();

    for extension in ["pg_trgm", "pgcrypto"] {
        let namespace: String = scalar(conn, &format!("SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = '{extension}'")).await;
        assert_eq!(namespace, "ext", "{extension}");
    }
    // The function using pgcrypto finds it through its own search_path.
    let hash: String = scalar(conn, "SELECT hash_token('abc')").await;
    assert_eq!(hash.len(), 64);

    let (actor, user, workspace, note) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );
    exec(
        conn,
        &format!("INSERT INTO workspaces (id, name, slug) VALUES ('{workspace}', 'W', 'w')"),
    )
    .await;
    // A key, and a token the schema's own signer makes with it (the
    // superuser can read the key table).
    exec(
        conn,
        &format!(
            "INSERT INTO svc_keys (key_id, secret) VALUES ('k1', '\\x{}')",
            "ab".repeat(32)
        ),
    )
    .await;
    let txn = conn.begin().await.unwrap();
    exec(
        &txn,
        &format!("SELECT set_config('svc.grant', svc_sign('{workspace}', '{actor}', ''), true)"),
    )
    .await;
    let verified: String = scalar(&txn, "SELECT svc_actor()::text").await;
    assert_eq!(verified, actor.to_string());
    exec(
        &txn,
        &format!("INSERT INTO users (id, email) VALUES ('{user}', 'a@example.com')"),
    )
    .await;
    exec(&txn, &format!("INSERT INTO notes (id, workspace_id, author_id, title) VALUES ('{note}', '{workspace}', '{user}', 'first')")).await;
    txn.commit().await.unwrap();

    // users has no workspace column: the workspace comes from the token.
    let logged: i64 = scalar(conn, &format!("SELECT count(*) FROM change_log WHERE table_name = 'users' AND record_id = '{user}' AND operation = 'INSERT' AND actor_id = '{actor}' AND workspace_id = '{workspace}'")).await;
    assert_eq!(logged, 1);
    let logged: i64 = scalar(conn, &format!("SELECT count(*) FROM change_log WHERE table_name = 'notes' AND record_id = '{note}' AND actor_id = '{actor}'")).await;
    assert_eq!(logged, 1);
    let defaults: i64 = scalar(
        conn,
        "SELECT count(*) FROM pg_class WHERE relname = 'audit_logs'",
    )
    .await;
    assert_eq!(defaults, 0);
}
