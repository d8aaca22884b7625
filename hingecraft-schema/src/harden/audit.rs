//! Audit: every change to an audited table becomes one row of the audit
//! table, the conventions' [`audit_table`](crate::model::Conventions::audit_table)
//! (`audit_logs` by default, the name used below).
//!
//! - `audit_logs` is added when missing; when a module declares it, the
//!   columns below it lacks are added and the rest is kept:
//!   `id` uuid PK DEFAULT gen_random_uuid(), `table_name` text NOT NULL,
//!   `operation` text NOT NULL CHECK IN ('INSERT', 'UPDATE', 'DELETE'),
//!   `record_id` text, `old_data` jsonb, `new_data` jsonb, `actor_id` uuid,
//!   `workspace_id` uuid, `created_at` timestamptz NOT NULL DEFAULT now().
//!   Actor and workspace carry no foreign keys: an audit row outlives the
//!   user and the workspace it names.
//! - `audit_changes()`: one PL/pgSQL trigger function for every table. It
//!   reads the primary key from the catalog (a composite key is recorded as
//!   a JSON object), the row images with `to_jsonb`, the actor from the
//!   session's verified scope (`scope_user_id()`, see [`scope`](super::scope)),
//!   the workspace from the row's `workspace_id` or else the verified
//!   scope's (`scope_workspace_id()`). It is `SECURITY DEFINER`, so that
//!   writing the log needs no privilege on `audit_logs` and no policy the
//!   caller passes, with a fixed `search_path` (see
//!   [`FUNCTION_SEARCH_PATH`](super::names::FUNCTION_SEARCH_PATH)).
//! - `audit_<table>`: `AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW` on
//!   every table flagged `audit`, except `audit_logs` itself.
//!
//! Row-level security of `audit_logs` (readable by administrators, written
//! only from triggers) is the RLS pass's work.

use super::names::{AUDIT_FUNCTION, audit_trigger};
use super::report::{FindingKind, ObjectKind, Recorder};
use super::support::{ensure_function, trigger_function};
use crate::model::sql::bare_or_quoted;
use crate::model::{
    Check, CheckKind, Column, ColumnType, Conventions, DefaultValue, Literal, Schema, Table,
    Trigger, TriggerEvent, TriggerTiming, naming,
};

/// The module recorded on tables hardening creates.
pub(super) const HARDENING_MODULE: &str = "hardening";

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    let conventions = rec.conventions;
    let audit_table = conventions.audit_table.as_str();
    let audited: std::collections::BTreeSet<String> = schema
        .tables
        .iter()
        .filter(|t| t.flags.audit && t.name != audit_table)
        .map(|t| t.name.clone())
        .collect();
    if audited.is_empty() {
        return;
    }
    ensure_audit_table(schema, audit_table, rec);
    ensure_function(
        schema,
        trigger_function(AUDIT_FUNCTION, audit_body(conventions), true),
        &format!("writes one {audit_table} row per changed row of an audited table"),
        rec,
    );
    for table in schema.tables.iter_mut() {
        if !audited.contains(&table.name) {
            continue;
        }
        let name = audit_trigger(&table.name);
        let present = table
            .triggers
            .iter()
            .any(|t| t.name == name || t.function == AUDIT_FUNCTION);
        if present {
            continue;
        }
        rec.added(
            &table.name,
            ObjectKind::Trigger,
            &name,
            "the table is flagged `audit`",
        );
        table.triggers.push(Trigger {
            name,
            timing: TriggerTiming::After,
            events: vec![
                TriggerEvent::Insert,
                TriggerEvent::Update,
                TriggerEvent::Delete,
            ],
            function: AUDIT_FUNCTION.to_owned(),
        });
    }
}

/// The columns `audit_changes()` writes, as the audit table declares them
/// when hardening creates it.
fn audit_columns() -> Vec<Column> {
    vec![
        Column::new("id", ColumnType::Uuid).default(DefaultValue::RandomUuid),
        Column::new("table_name", ColumnType::Text),
        Column::new("operation", ColumnType::Text),
        Column::new("record_id", ColumnType::Text).nullable(),
        Column::new("old_data", ColumnType::Jsonb).nullable(),
        Column::new("new_data", ColumnType::Jsonb).nullable(),
        Column::new("actor_id", ColumnType::Uuid).nullable(),
        Column::new("workspace_id", ColumnType::Uuid).nullable(),
        Column::new("created_at", ColumnType::TimestampTz).default(DefaultValue::Now),
    ]
}

fn operation_check(audit_table: &str) -> Check {
    Check {
        name: naming::check(audit_table, "operation", "in"),
        kind: CheckKind::OneOf {
            column: "operation".into(),
            values: ["INSERT", "UPDATE", "DELETE"]
                .into_iter()
                .map(|v| Literal::Text(v.into()))
                .collect(),
        },
    }
}

/// Adds the audit table `name`, or what a declared one lacks.
fn ensure_audit_table(schema: &mut Schema, name: &str, rec: &mut Recorder<'_>) {
    let Some(table) = schema.tables.iter_mut().find(|t| t.name == name) else {
        let mut table = Table::new(name, HARDENING_MODULE);
        table.columns = audit_columns();
        table.primary_key = vec!["id".into()];
        table.checks = vec![operation_check(name)];
        rec.added(
            name,
            ObjectKind::Table,
            name,
            "audited tables need a log; the schema declares none",
        );
        schema.tables.push(table);
        return;
    };

    for column in audit_columns() {
        match table.column(&column.name) {
            None => {
                // A declared table may already have rows: a column added to
                // it must not be NOT NULL without a default.
                let column = if column.default.is_some() {
                    column
                } else {
                    column.nullable()
                };
                rec.added(
                    name,
                    ObjectKind::Column,
                    &column.name,
                    "audit_changes() writes it",
                );
                table.columns.push(column);
            }
            Some(declared) if declared.ty != column.ty => rec.finding(
                Some(name),
                FindingKind::Misconfigured,
                format!(
                    "column `{}` is declared as {}, but audit_changes() writes {}",
                    column.name,
                    declared.ty.display_name(),
                    column.ty.display_name()
                ),
            ),
            Some(_) => {}
        }
    }
    if table.primary_key.is_empty() {
        rec.finding(
            Some(name),
            FindingKind::Misconfigured,
            "the declared audit log has no primary key".into(),
        );
    }
    let checked = table
        .checks
        .iter()
        .any(|c| c.kind.column() == Some("operation"));
    if !checked {
        let check = operation_check(name);
        rec.added(
            name,
            ObjectKind::Check,
            &check.name,
            "an audit row records one of three operations",
        );
        table.checks.push(check);
    }
}

/// The body of `audit_changes()`: it writes to the conventions' audit
/// table, with the actor and workspace of their session settings.
fn audit_body(conventions: &Conventions) -> String {
    let log = bare_or_quoted(&conventions.audit_table);
    let actor = format!("{}()", bare_or_quoted(&conventions.session.user_function));
    let workspace = format!(
        "{}()",
        bare_or_quoted(&conventions.session.workspace_function)
    );
    format!(
        r#"DECLARE
  v_old jsonb;
  v_new jsonb;
  v_row jsonb;
  v_key text[];
  v_record_id text;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    v_old := to_jsonb(OLD);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    v_new := to_jsonb(NEW);
  END IF;
  v_row := COALESCE(v_new, v_old);
  -- The primary key from the catalog, so that one function serves every table.
  SELECT array_agg(a.attname::text ORDER BY k.ord) INTO v_key
    FROM pg_index i
    CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
   WHERE i.indrelid = TG_RELID AND i.indisprimary;
  IF cardinality(v_key) = 1 THEN
    v_record_id := v_row ->> v_key[1];
  ELSIF cardinality(v_key) > 1 THEN
    SELECT jsonb_object_agg(c, v_row -> c)::text INTO v_record_id FROM unnest(v_key) AS c;
  END IF;
  INSERT INTO {log} (table_name, operation, record_id, old_data, new_data, actor_id, workspace_id)
  VALUES (
    TG_TABLE_NAME,
    TG_OP,
    v_record_id,
    v_old,
    v_new,
    {actor},
    COALESCE(NULLIF(v_row ->> 'workspace_id', '')::uuid, {workspace})
  );
  RETURN NULL;
END"#
    )
}
