//! Query indexes: what the usual queries of a table filter on.
//!
//! | columns                                              | index                                          |
//! |------------------------------------------------------|------------------------------------------------|
//! | status/type columns: a one-of check, named `status`, `type`, `kind`, `state` or `*_status`, `*_type` | b-tree `idx_<table>_<column>` |
//! | `jsonb` columns                                      | GIN `jsonb_path_ops` `idx_<table>_<column>_gin` |
//! | searchable text: `text`/`varchar` named `name`, `title`, `display_name`, `username`, `email`, `slug`, `subject` or `*_name` | GIN `gin_trgm_ops` `idx_<table>_<column>_trgm` (needs `pg_trgm`) |
//! | the audit table's `(table_name, record_id)`          | b-tree: a record's history                     |
//!
//! Each is skipped when an index of its kind already leads with the column.
//! The audit log (the conventions' audit table, `audit_logs` by default)
//! gets only its own index, no GIN (on its row images or its
//! `table_name`): every write to an audited table writes one audit row, and
//! a GIN index makes each of those writes costlier.
//! The trigram operator class is written qualified with the schema of
//! `pg_trgm` (`"extensions".gin_trgm_ops` when it goes to the conventions'
//! default extensions schema), so that no `search_path` is needed to create
//! the index.
//!
//! On a soft-deleted table, every UNIQUE constraint becomes a unique index
//! of the same name `WHERE "deleted_at" IS NULL`: a deleted row frees its
//! value, two live rows still conflict. A constraint a foreign key points at
//! is kept, since a foreign key needs a non-partial unique key.

use std::collections::BTreeSet;

use super::report::{ActionKind, FindingKind, ObjectKind, Recorder};
use super::support::{btree_leads, ensure_extension, extension_schema, relation_names};
use crate::model::sql::quote_ident;
use crate::model::{CheckKind, ColumnType, Index, IndexMethod, IndexPart, Schema, Table, naming};

const TRIGRAM_EXTENSION: &str = "pg_trgm";
const STATUS_NAMES: [&str; 4] = ["status", "type", "kind", "state"];
const SEARCHABLE_NAMES: [&str; 7] = [
    "name",
    "title",
    "display_name",
    "username",
    "email",
    "slug",
    "subject",
];

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    let audit_table = rec.conventions.audit_table.as_str();
    let mut taken = relation_names(schema);
    let trigram = trigram_opclass(schema, rec);
    // Keys foreign keys point at, as (table, sorted columns).
    let referenced: BTreeSet<(String, Vec<String>)> = schema
        .tables
        .iter()
        .flat_map(|t| &t.foreign_keys)
        .map(|fk| {
            let mut columns = fk.ref_columns.clone();
            columns.sort();
            (fk.ref_table.clone(), columns)
        })
        .collect();

    let mut trigram_used = false;
    for table in &mut schema.tables {
        let mut wanted: Vec<(Index, &str)> = Vec::new();
        for column in status_columns(table) {
            if !btree_leads(table, &[column], true) {
                wanted.push((
                    btree(naming::index(&table.name, &[column]), &[column]),
                    "a status/type column: lists filter on it",
                ));
            }
        }
        // The audit log is written on every change of an audited table and
        // read by record: no GIN index on it (see the module doc).
        let columns = if table.name == audit_table {
            &[][..]
        } else {
            &table.columns[..]
        };
        for column in columns {
            let name = column.name.as_str();
            if column.ty == ColumnType::Jsonb && !has_gin(table, name, |_| true) {
                wanted.push((
                    gin(&table.name, name, "gin", "jsonb_path_ops"),
                    "a jsonb column: containment queries (@>) use a GIN index",
                ));
            }
            if searchable(column.ty.is_textual(), name)
                && let Some(opclass) = &trigram
                && !has_gin(table, name, |o| o.ends_with("gin_trgm_ops"))
            {
                wanted.push((
                    gin(&table.name, name, "trgm", opclass),
                    "searchable text: ILIKE and similarity search use a trigram index",
                ));
            }
        }
        if table.name == audit_table
            && table.column("table_name").is_some()
            && table.column("record_id").is_some()
            && !btree_leads(table, &["table_name", "record_id"], true)
        {
            wanted.push((
                btree(
                    naming::index(&table.name, &["table_name", "record_id"]),
                    &["table_name", "record_id"],
                ),
                "a record's history is read by table and record id",
            ));
        }

        wanted.sort_by(|a, b| a.0.name.cmp(&b.0.name));
        for (index, why) in wanted {
            if !taken.insert(index.name.clone()) {
                rec.finding(
                    Some(&table.name),
                    FindingKind::Misconfigured,
                    format!(
                        "index name `{}` is already used; the index was not added",
                        index.name
                    ),
                );
                continue;
            }
            trigram_used |= index.parts.iter().any(|p| {
                p.opclass
                    .as_deref()
                    .is_some_and(|o| o.ends_with("gin_trgm_ops"))
            });
            rec.added(&table.name, ObjectKind::Index, &index.name, why);
            table.indexes.push(index);
        }

        soft_delete_uniques(table, &referenced, rec);
    }
    if trigram_used {
        ensure_extension(
            schema,
            TRIGRAM_EXTENSION,
            "trigram indexes need its operator class gin_trgm_ops",
            rec,
        );
    }
}

/// The trigram operator class, qualified with the schema `pg_trgm` is (or
/// will be: the conventions' extensions schema) in; `None` when `pg_trgm`
/// is declared optional, because an index on it would fail where the
/// extension is missing.
fn trigram_opclass(schema: &Schema, rec: &mut Recorder<'_>) -> Option<String> {
    match extension_schema(schema, TRIGRAM_EXTENSION) {
        Some(ext) if ext.optional => {
            rec.finding(
                None,
                FindingKind::Kept,
                "pg_trgm is declared optional, so no trigram index was added".into(),
            );
            None
        }
        Some(ext) if ext.schema.is_empty() => Some("gin_trgm_ops".into()),
        Some(ext) => Some(format!("{}.gin_trgm_ops", quote_ident(&ext.schema))),
        None => Some(format!(
            "{}.gin_trgm_ops",
            quote_ident(&rec.conventions.extensions_schema)
        )),
    }
}

/// Columns with a one-of check and a status-like name, in column order.
fn status_columns(table: &Table) -> Vec<&str> {
    table
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .filter(|name| {
            STATUS_NAMES.contains(name) || name.ends_with("_status") || name.ends_with("_type")
        })
        .filter(|name| {
            table
                .checks
                .iter()
                .any(|c| matches!(&c.kind, CheckKind::OneOf { column, .. } if column == name))
        })
        .collect()
}

fn searchable(textual: bool, name: &str) -> bool {
    textual && (SEARCHABLE_NAMES.contains(&name) || name.ends_with("_name"))
}

/// Whether a GIN index leads with `column` with an operator class `opclass` accepts.
fn has_gin(table: &Table, column: &str, opclass: impl Fn(&str) -> bool) -> bool {
    table.indexes.iter().any(|i| {
        i.method == IndexMethod::Gin
            && i.parts
                .first()
                .is_some_and(|p| p.column == column && opclass(p.opclass.as_deref().unwrap_or("")))
    })
}

fn btree(name: String, columns: &[&str]) -> Index {
    Index {
        name,
        parts: columns.iter().map(|c| IndexPart::column(*c)).collect(),
        unique: false,
        method: IndexMethod::Btree,
        predicate: None,
    }
}

fn gin(table: &str, column: &str, suffix: &str, opclass: &str) -> Index {
    Index {
        name: naming::index(table, &[column, suffix]),
        parts: vec![IndexPart {
            column: column.to_owned(),
            opclass: Some(opclass.to_owned()),
        }],
        unique: false,
        method: IndexMethod::Gin,
        predicate: None,
    }
}

/// UNIQUE constraints of a soft-deleted table become partial unique indexes.
fn soft_delete_uniques(
    table: &mut Table,
    referenced: &BTreeSet<(String, Vec<String>)>,
    rec: &mut Recorder<'_>,
) {
    if !table.flags.soft_delete || table.column("deleted_at").is_none() {
        return;
    }
    let predicate = format!("{} IS NULL", quote_ident("deleted_at"));
    let uniques = std::mem::take(&mut table.uniques);
    for unique in uniques {
        let mut key = unique.columns.clone();
        key.sort();
        if referenced.contains(&(table.name.clone(), key)) {
            rec.finding(
                Some(&table.name),
                FindingKind::Kept,
                format!(
                    "unique constraint `{}` stays a constraint: a foreign key references its columns, so a deleted row keeps its value",
                    unique.name
                ),
            );
            table.uniques.push(unique);
            continue;
        }
        rec.action(
            Some(&table.name),
            ObjectKind::Index,
            &unique.name,
            ActionKind::Replaced,
            "UNIQUE constraint replaced by a unique index WHERE deleted_at IS NULL: a soft-deleted row frees its value",
        );
        table.indexes.push(Index {
            name: unique.name,
            parts: unique.columns.into_iter().map(IndexPart::column).collect(),
            unique: true,
            method: IndexMethod::Btree,
            predicate: Some(predicate.clone()),
        });
    }
}
