//! Foreign key indexes: an index behind every foreign key.
//!
//! Postgres indexes the referenced side of a foreign key (it must be a
//! key) but not the referencing side. Without an index there, deleting or
//! re-keying a referenced row scans the whole referencing table, under a
//! lock, and joins along the key do the same.
//!
//! Each foreign key gets a b-tree `idx_<table>_<columns>` unless the
//! primary key, a UNIQUE constraint or a non-partial b-tree index already
//! leads with its columns (in any order). A partial index does not count:
//! the lookups a delete makes must see every row, soft-deleted ones too.
//! This pass runs after the query indexes, so that it sees the partial
//! unique indexes soft delete turns constraints into.

use super::report::{FindingKind, ObjectKind, Recorder};
use super::support::{btree_leads, relation_names};
use crate::model::{Index, IndexMethod, IndexPart, Schema, naming};

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    let mut taken = relation_names(schema);
    for table in &mut schema.tables {
        let mut keys: Vec<Vec<String>> = table
            .foreign_keys
            .iter()
            .map(|fk| fk.columns.clone())
            .collect();
        keys.sort();
        keys.dedup();
        for columns in keys {
            let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
            if btree_leads(table, &columns, false) {
                continue;
            }
            let name = naming::index(&table.name, &columns);
            if !taken.insert(name.clone()) {
                rec.finding(
                    Some(&table.name),
                    FindingKind::Misconfigured,
                    format!(
                        "index name `{name}` is already used; the foreign key index was not added"
                    ),
                );
                continue;
            }
            rec.added(
                &table.name,
                ObjectKind::Index,
                &name,
                "a foreign key: deleting a referenced row looks up its referencing rows",
            );
            table.indexes.push(Index {
                name,
                parts: columns.iter().map(|c| IndexPart::column(*c)).collect(),
                unique: false,
                method: IndexMethod::Btree,
                predicate: None,
            });
        }
    }
}
