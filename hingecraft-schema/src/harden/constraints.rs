//! Constraints: what the schema declares is enforced, plus what hardening
//! knows about its own columns.
//!
//! - NOT NULL columns and CHECK constraints, as declared or merged, are
//!   already in the model and rendered as they are; the report lists them
//!   per table, as they stand after this pass (a finding, not a change).
//! - `CHECK (version >= 1)` on versioned tables (`ck_<table>_version_range`):
//!   the optimistic-locking trigger only ever increments it.
//! - Tenant columns become NOT NULL: a row without a workspace would be
//!   invisible to every workspace's policy, or, worse, visible to none and
//!   undeletable by all. This is the one declaration hardening changes, and
//!   it is reported as a change.
//! - A tenant or owner flag naming no column of the table is reported; the
//!   RLS pass then leaves the table with no policy (nothing visible)
//!   rather than guessing.

use super::report::{ActionKind, FindingKind, ObjectKind, Recorder};
use crate::model::{Check, CheckKind, ColumnType, Schema, naming};

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    for table in &mut schema.tables {
        if table.flags.versioned {
            let integer = matches!(
                table.column("version").map(|c| &c.ty),
                Some(ColumnType::Integer | ColumnType::BigInt | ColumnType::SmallInt)
            );
            let name = naming::check(&table.name, "version", "range");
            let bounded = table.checks.iter().any(|c| {
                c.name == name
                    || matches!(&c.kind, CheckKind::Range { column, min: Some(min), .. } if column == "version" && *min >= 1)
            });
            if integer && !bounded {
                rec.added(
                    &table.name,
                    ObjectKind::Check,
                    &name,
                    "version >= 1: versions start at 1 and only grow",
                );
                table.checks.push(Check {
                    name,
                    kind: CheckKind::Range {
                        column: "version".into(),
                        min: Some(1),
                        max: None,
                    },
                });
            }
        }

        if let Some(tenant) = table.flags.tenant_column.clone() {
            match table.columns.iter_mut().find(|c| c.name == tenant) {
                Some(column) if column.nullable => {
                    column.nullable = false;
                    rec.action(
                        Some(&table.name),
                        ObjectKind::Column,
                        &tenant,
                        ActionKind::Changed,
                        "made NOT NULL: a tenant column decides which workspace sees the row",
                    );
                }
                Some(_) => {}
                None => rec.finding(
                    Some(&table.name),
                    FindingKind::Misconfigured,
                    format!("tenant column `{tenant}` is not a column of the table"),
                ),
            }
        }
        if let Some(owner) = &table.flags.owner_column
            && table.column(owner).is_none()
        {
            rec.finding(
                Some(&table.name),
                FindingKind::Misconfigured,
                format!("owner column `{owner}` is not a column of the table"),
            );
        }

        let not_null: Vec<&str> = table
            .columns
            .iter()
            .filter(|c| !c.nullable)
            .map(|c| c.name.as_str())
            .collect();
        let mut checks: Vec<&str> = table.checks.iter().map(|c| c.name.as_str()).collect();
        checks.sort_unstable();
        if !not_null.is_empty() || !checks.is_empty() {
            rec.finding(
                Some(&table.name),
                FindingKind::Enforced,
                format!("NOT NULL: {}; checks: {}", list(&not_null), list(&checks)),
            );
        }
    }
}

fn list(items: &[&str]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}
