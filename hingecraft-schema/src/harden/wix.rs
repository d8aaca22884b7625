//! Wix compatibility: the system fields Wix data collections expect.
//!
//! Every table but the audit log (the conventions' audit table) gets `_id`
//! and `_owner` (text), `_createdDate` and `_updatedDate` (timestamptz),
//! all NULL-able, and a `BEFORE INSERT OR UPDATE` trigger
//! `wix_sync_<table>` with a function of the same name that copies them
//! from the table's own columns on every write: `_id` from the primary key
//! (a composite key as JSON), `_owner` from the owner column, the dates
//! from `created_at` and `updated_at`. A table without those columns gets
//! the time of the insert and of each update instead. One function per
//! table, because the columns it reads differ per table and a trigger
//! function cannot name a column it is given at run time without dynamic
//! SQL.
//!
//! Off in the production profile: the columns duplicate data that exists
//! for a client that may never be used.

use super::names::wix_sync;
use super::report::{ObjectKind, Recorder};
use super::support::{ensure_function, trigger_function};
use crate::model::sql::{quote_ident, quote_literal};
use crate::model::{Column, ColumnType, Schema, Table, Trigger, TriggerEvent, TriggerTiming};

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    let audit_table = rec.conventions.audit_table.as_str();
    let key_table = rec.conventions.session.key_table.as_str();
    let mut functions = Vec::new();
    for table in &mut schema.tables {
        // Neither the log nor the keys are Wix data.
        if table.name == audit_table || table.name == key_table {
            continue;
        }
        for (name, ty) in [
            ("_id", ColumnType::Text),
            ("_owner", ColumnType::Text),
            ("_createdDate", ColumnType::TimestampTz),
            ("_updatedDate", ColumnType::TimestampTz),
        ] {
            if table.column(name).is_none() {
                rec.added(
                    &table.name,
                    ObjectKind::Column,
                    name,
                    "a Wix system field, kept in sync by a trigger",
                );
                table.columns.push(Column::new(name, ty).nullable());
            }
        }
        let name = wix_sync(&table.name);
        functions.push(trigger_function(&name, body(table), false));
        if table.triggers.iter().all(|t| t.name != name) {
            rec.added(
                &table.name,
                ObjectKind::Trigger,
                &name,
                "copies id, owner and timestamps into the Wix fields on every write",
            );
            table.triggers.push(Trigger {
                name: name.clone(),
                timing: TriggerTiming::Before,
                events: vec![TriggerEvent::Insert, TriggerEvent::Update],
                function: name,
            });
        }
    }
    for function in functions {
        ensure_function(
            schema,
            function,
            "copies a table's id, owner and timestamps into its Wix fields",
            rec,
        );
    }
}

/// The body of a table's sync function.
fn body(table: &Table) -> String {
    let new = |column: &str| format!("NEW.{}", quote_ident(column));
    let id = match table.primary_key.as_slice() {
        [] => "NULL".to_owned(),
        [key] => format!("{}::text", new(key)),
        keys => format!(
            "jsonb_build_object({})::text",
            keys.iter()
                .map(|k| format!("{}, {}", quote_literal(k), new(k)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let owner = match &table.flags.owner_column {
        Some(owner) if table.column(owner).is_some() => format!("{}::text", new(owner)),
        _ => "NULL".to_owned(),
    };
    let mut lines = vec![
        "BEGIN".to_owned(),
        format!("  NEW.\"_id\" := {id};"),
        format!("  NEW.\"_owner\" := {owner};"),
    ];
    if table.column("created_at").is_some() {
        lines.push(format!("  NEW.\"_createdDate\" := {};", new("created_at")));
    } else {
        // Without created_at, the insert time; an update keeps it.
        lines.push("  IF TG_OP = 'INSERT' THEN".into());
        lines.push("    NEW.\"_createdDate\" := now();".into());
        lines.push("  ELSE".into());
        lines.push("    NEW.\"_createdDate\" := OLD.\"_createdDate\";".into());
        lines.push("  END IF;".into());
    }
    if table.column("updated_at").is_some() {
        lines.push(format!("  NEW.\"_updatedDate\" := {};", new("updated_at")));
    } else {
        lines.push("  NEW.\"_updatedDate\" := now();".into());
    }
    lines.push("  RETURN NEW;".into());
    lines.push("END".into());
    lines.join("\n")
}
