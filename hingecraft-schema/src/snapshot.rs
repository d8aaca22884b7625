//! The canonical JSON snapshot of a schema: what a migration directory
//! stores as `snapshot.json`, and what the next `generate` diffs against.
//!
//! Canonical means byte-identical for equal schemas: object keys sorted,
//! collections whose order carries no meaning sorted by name (tables,
//! extensions, constraints, indexes, policies, triggers), collections whose
//! order does carry meaning kept (columns, key columns, index parts,
//! functions and views: one may use another declared before it), two-space
//! indentation and a final newline.

use crate::model::Schema;

/// Why a snapshot could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SnapshotError {
    /// The text is not a snapshot of a schema, or the schema cannot be written as one.
    #[error("the snapshot is not a valid schema: {0}")]
    Invalid(#[from] serde_json::Error),
}

/// The schema with every order-free collection sorted.
pub fn canonical(schema: &Schema) -> Schema {
    let mut out = schema.clone();
    out.extensions.sort_by(|a, b| a.name.cmp(&b.name));
    out.extensions.dedup_by(|a, b| a.name == b.name);
    out.tables.sort_by(|a, b| a.name.cmp(&b.name));
    for view in &mut out.views {
        view.depends_on.sort();
    }
    for table in &mut out.tables {
        table.declared_by.sort();
        table.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
        table.uniques.sort_by(|a, b| a.name.cmp(&b.name));
        table.checks.sort_by(|a, b| a.name.cmp(&b.name));
        table.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        table.policies.sort_by(|a, b| a.name.cmp(&b.name));
        table.triggers.sort_by(|a, b| a.name.cmp(&b.name));
        for trigger in &mut table.triggers {
            trigger.events.sort();
        }
        for policy in &mut table.policies {
            policy.roles.sort();
        }
        for column in &mut table.columns {
            column.declared_by.sort();
        }
    }
    out
}

/// The canonical snapshot text of a schema.
pub fn to_json(schema: &Schema) -> Result<String, SnapshotError> {
    let value = sorted(serde_json::to_value(canonical(schema))?);
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    Ok(text)
}

/// The value with every object's keys in sorted order, whatever map type
/// `serde_json` was built with (`preserve_order` keeps insertion order).
fn sorted(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The schema a snapshot holds.
pub fn from_json(text: &str) -> Result<Schema, SnapshotError> {
    Ok(serde_json::from_str(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, ColumnType, Table};

    #[test]
    fn snapshots_are_sorted_and_round_trip() {
        let mut a = Table::new("b_table", "m");
        a.columns.push(Column::new("z", ColumnType::Text));
        a.columns.push(Column::new("a", ColumnType::Integer));
        let schema = Schema::from_tables([a, Table::new("a_table", "m")]);
        let text = to_json(&schema).unwrap();
        assert!(text.find("a_table").unwrap() < text.find("b_table").unwrap());
        assert!(
            text.find("\"z\"").unwrap() < text.find("\"a\"").unwrap(),
            "columns keep their order"
        );
        let back = from_json(&text).unwrap();
        assert_eq!(back, canonical(&schema));
        assert_eq!(to_json(&back).unwrap(), text);
    }
}
