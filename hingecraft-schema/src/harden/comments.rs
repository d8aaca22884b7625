//! Comments: docs for what hardening manages, and a list of what has none.
//!
//! The Postgres renderer turns every doc into `COMMENT ON`; this pass only
//! fills docs that are missing:
//! - the system columns (`created_at`, `updated_at`, `created_by`,
//!   `updated_by` on tables flagged `timestamps` or `audit`, `deleted_at`
//!   on `soft_delete` tables, `version` on `versioned` ones), whether
//!   hardening added them or a module declared them without a doc;
//! - the Wix columns, wherever they are;
//! - the audit log table (the conventions' audit table, `audit_logs` by
//!   default) and its columns;
//! - the key table of the scope tokens (`scope_keys` by default) and its
//!   columns;
//! - the functions hardening creates (`audit_changes`, `set_updated_at`,
//!   `optimistic_lock`, `wix_sync_<table>`, `create_monthly_partitions`,
//!   `refresh_<view>`, the scope's `verified_scope`, `scope_sign` and
//!   readers).
//!
//! A doc a module wrote is never replaced. Tables, columns and functions
//! still without a doc afterwards are reported, one finding per table.

use super::names::{
    AUDIT_FUNCTION, CREATE_PARTITIONS_FUNCTION, OPTIMISTIC_LOCK_FUNCTION, SET_UPDATED_AT_FUNCTION,
    refresh_function, wix_sync,
};
use super::report::{FindingKind, ObjectKind, Recorder};
use crate::model::{Conventions, Schema, Table};

const WHY: &str = "documents what hardening manages";

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    let conventions = rec.conventions;
    let wix_functions: Vec<(String, String)> = schema
        .tables
        .iter()
        .map(|t| (wix_sync(&t.name), t.name.clone()))
        .collect();
    let refresh_functions: Vec<(String, String, bool)> = schema
        .views
        .iter()
        .filter(|v| v.materialized)
        .map(|v| {
            (
                refresh_function(&v.name),
                v.name.clone(),
                !v.unique_key.is_empty(),
            )
        })
        .collect();
    for table in &mut schema.tables {
        if table.doc.is_none() && table.name == conventions.session.key_table {
            table.doc = super::scope::key_table_doc(None).map(str::to_owned);
            rec.added(&table.name, ObjectKind::Comment, &table.name, WHY);
        }
        if table.doc.is_none() && table.name == conventions.audit_table {
            table.doc = Some(
                "One row per change to an audited table, written by the audit_changes() trigger. Read by admins; never updated or deleted."
                    .into(),
            );
            rec.added(&table.name, ObjectKind::Comment, &table.name, WHY);
        }
        for i in 0..table.columns.len() {
            if table.columns[i].doc.is_some() {
                continue;
            }
            if let Some(doc) = column_doc(table, &table.columns[i].name, conventions) {
                let column = &mut table.columns[i];
                column.doc = Some(doc);
                let name = format!("{}.{}", table.name, column.name);
                rec.added(&table.name, ObjectKind::Comment, &name, WHY);
            }
        }
        undocumented(table, rec);
    }

    for function in &mut schema.functions {
        if function.doc.is_some() {
            continue;
        }
        let doc = match function.name.as_str() {
            AUDIT_FUNCTION => Some(format!(
                "Trigger function: writes one {} row per inserted, updated or deleted row, with the old and new row as JSONB and the actor from {}() (the verified scope).",
                conventions.audit_table, conventions.session.user_function
            )),
            SET_UPDATED_AT_FUNCTION => {
                Some("Trigger function: sets updated_at to now() on every UPDATE.".to_owned())
            }
            OPTIMISTIC_LOCK_FUNCTION => Some(
                "Trigger function: fails an UPDATE whose version differs from the row's (SQLSTATE 40001), then increments the version.".to_owned(),
            ),
            CREATE_PARTITIONS_FUNCTION => Some(
                "Creates the monthly partitions of a range-partitioned table from the current month to months_ahead months later, those that do not exist yet; returns how many it created.".to_owned(),
            ),
            name if super::scope::function_doc(name, conventions).is_some() => {
                super::scope::function_doc(name, conventions)
            }
            name => wix_functions
                .iter()
                .find(|(f, _)| f == name)
                .map(|(_, t)| format!("Trigger function: copies the id, owner and timestamps of {t} into its Wix fields."))
                .or_else(|| {
                    refresh_functions.iter().find(|(f, _, _)| f == name).map(|(_, v, concurrently)| {
                        format!(
                            "Recomputes the materialized view {v}{}.",
                            if *concurrently { " without blocking its readers" } else { "" }
                        )
                    })
                }),
        };
        match doc {
            Some(doc) => {
                function.doc = Some(doc);
                rec.action(
                    None,
                    ObjectKind::Comment,
                    &format!("{}()", function.name),
                    super::report::ActionKind::Added,
                    WHY,
                );
            }
            None => rec.finding(
                None,
                FindingKind::Undocumented,
                format!("function `{}` has no doc", function.name),
            ),
        }
    }
}

/// The doc of a column hardening manages on this table, if it is one.
fn column_doc(table: &Table, column: &str, conventions: &Conventions) -> Option<String> {
    let flags = &table.flags;
    if table.name == conventions.session.key_table {
        return super::scope::key_table_doc(Some(column)).map(str::to_owned);
    }
    if table.name == conventions.audit_table {
        let doc = match column {
            "id" => "The log entry.",
            "table_name" => "The table the change was made to.",
            "operation" => "INSERT, UPDATE or DELETE.",
            "record_id" => {
                "The primary key of the changed row as text; a composite key as a JSON object."
            }
            "old_data" => "The row before the change (UPDATE, DELETE).",
            "new_data" => "The row after the change (INSERT, UPDATE).",
            "actor_id" => {
                return Some(format!(
                    "The user who made the change ({}(), the verified scope), when known.",
                    conventions.session.user_function
                ));
            }
            "workspace_id" => "The workspace of the changed row, else of the session.",
            "created_at" => "When the change was made.",
            _ => return None,
        };
        return Some(doc.to_owned());
    }
    let doc = match column {
        "created_at" if flags.timestamps || flags.audit => "When the row was created.",
        "updated_at" if flags.timestamps || flags.audit => {
            "When the row was last changed; set by the database on every update."
        }
        "created_by" if flags.timestamps || flags.audit => {
            "The user who created the row; NULL once that user is deleted."
        }
        "updated_by" if flags.timestamps || flags.audit => {
            "The user who last changed the row; NULL once that user is deleted."
        }
        "deleted_at" if flags.soft_delete => {
            "When the row was deleted; NULL while it is live. A deleted row stays for audit."
        }
        "version" if flags.versioned => {
            "The row version for optimistic locking: an update carries the version it read and fails if the row has changed since."
        }
        "_id" => "Wix system field: the primary key as text.",
        "_owner" => "Wix system field: the owner as text.",
        "_createdDate" => "Wix system field: when the row was created.",
        "_updatedDate" => "Wix system field: when the row was last changed.",
        _ => return None,
    };
    Some(doc.to_owned())
}

fn undocumented(table: &Table, rec: &mut Recorder<'_>) {
    let columns: Vec<&str> = table
        .columns
        .iter()
        .filter(|c| c.doc.is_none())
        .map(|c| c.name.as_str())
        .collect();
    let mut parts = Vec::new();
    if table.doc.is_none() {
        parts.push("the table has no doc".to_owned());
    }
    if !columns.is_empty() {
        parts.push(format!("columns without doc: {}", columns.join(", ")));
    }
    if !parts.is_empty() {
        rec.finding(
            Some(&table.name),
            FindingKind::Undocumented,
            parts.join("; "),
        );
    }
}
