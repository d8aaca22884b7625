//! System columns: when a row was made and changed, by whom, whether it is
//! deleted, and its version.
//!
//! | flag                    | columns added (when missing)                                   |
//! |-------------------------|----------------------------------------------------------------|
//! | `timestamps` or `audit` | `created_at`, `updated_at` timestamptz NOT NULL DEFAULT now()   |
//! |                         | `created_by`, `updated_by` uuid NULL -> users ON DELETE SET NULL |
//! | `soft_delete`           | `deleted_at` timestamptz NULL                                   |
//! | `versioned`             | `version` integer NOT NULL DEFAULT 1                            |
//!
//! The actor columns need a `users` table with a one-column uuid primary
//! key. They are NULL-able and set NULL when the user is deleted, so that
//! deleting a user never fails on, nor deletes, what they once touched.
//! A column the table declares is kept exactly as declared (a canonical
//! module may want `created_by` NOT NULL); no foreign key is added to it.
//! New columns go after the declared ones, in the order of the table above.

use super::report::{FindingKind, ObjectKind, Recorder};
use crate::model::{
    Column, ColumnType, DefaultValue, ForeignKey, Literal, ReferentialAction, Schema, naming,
};

/// The table actors point at.
const USERS_TABLE: &str = "users";

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    let users_key = users_key(schema, rec);
    for table in &mut schema.tables {
        let flags = &table.flags;
        let mut wanted: Vec<(Column, bool, &str)> = Vec::new();
        if flags.timestamps || flags.audit {
            let why = if flags.timestamps {
                "the table is flagged `timestamps`"
            } else {
                "the table is audited: rows carry when and by whom they changed"
            };
            let actor = users_key.is_some();
            wanted.push((timestamp("created_at"), false, why));
            if actor {
                wanted.push((actor_column("created_by"), true, why));
            }
            wanted.push((timestamp("updated_at"), false, why));
            if actor {
                wanted.push((actor_column("updated_by"), true, why));
            }
        }
        if flags.soft_delete {
            wanted.push((
                Column::new("deleted_at", ColumnType::TimestampTz).nullable(),
                false,
                "the table is flagged `soft_delete`: a deleted row is marked, not removed",
            ));
        }
        if flags.versioned {
            wanted.push((
                Column::new("version", ColumnType::Integer)
                    .default(DefaultValue::Literal(Literal::Int(1))),
                false,
                "the table is flagged `versioned`: updates are checked against the version they read",
            ));
        }

        for (column, references_users, why) in wanted {
            if table.column(&column.name).is_some() {
                continue;
            }
            rec.added(&table.name, ObjectKind::Column, &column.name, why);
            if let (true, Some(key)) = (references_users, &users_key) {
                let name = naming::foreign_key(&table.name, &[&column.name]);
                if table.foreign_keys.iter().all(|fk| fk.name != name) {
                    rec.added(
                        &table.name,
                        ObjectKind::ForeignKey,
                        &name,
                        "an actor is a user; SET NULL keeps the row when the user is deleted",
                    );
                    table.foreign_keys.push(ForeignKey {
                        name,
                        columns: vec![column.name.clone()],
                        ref_table: USERS_TABLE.to_owned(),
                        ref_columns: vec![key.clone()],
                        on_delete: ReferentialAction::SetNull,
                        on_update: ReferentialAction::NoAction,
                    });
                }
            }
            table.columns.push(column);
        }
    }
}

/// The primary key column of `users`, when it is one uuid column.
fn users_key(schema: &Schema, rec: &mut Recorder<'_>) -> Option<String> {
    let users = schema.table(USERS_TABLE)?;
    match users.primary_key.as_slice() {
        [key] if matches!(users.column(key), Some(c) if c.ty == ColumnType::Uuid) => {
            Some(key.clone())
        }
        _ => {
            rec.finding(
                Some(USERS_TABLE),
                FindingKind::Misconfigured,
                "the primary key of `users` is not one uuid column, so no created_by/updated_by columns were added".into(),
            );
            None
        }
    }
}

fn timestamp(name: &str) -> Column {
    Column::new(name, ColumnType::TimestampTz).default(DefaultValue::Now)
}

fn actor_column(name: &str) -> Column {
    Column::new(name, ColumnType::Uuid).nullable()
}
