//! Fitting a schema to the Postgres server at hand: what it offers decides
//! what can be created. An extension the server lacks is left out, with
//! everything that needs it: a column of its type is kept (same name, same
//! nullability, so the table's shape and the entities still match) in a
//! plain type, and an index using its operators or access method is left
//! out. Every omission is a [`Skipped`] entry; nothing is dropped silently.
//!
//! Detecting what a server offers (`pg_available_extensions`) is I/O and
//! lives with the migrator; this is the pure part.

use std::collections::BTreeSet;

use super::Skipped;
use crate::model::{ColumnType, Index, IndexMethod, Schema};

/// The extension a column type needs, if any.
pub fn type_extension(ty: &ColumnType) -> Option<&'static str> {
    match ty {
        ColumnType::Vector { .. } => Some("vector"),
        ColumnType::Ltree => Some("ltree"),
        _ => None,
    }
}

/// The extension an index needs (its access method or an operator class), if any.
pub fn index_extension(index: &Index) -> Option<&'static str> {
    if index.method == IndexMethod::Hnsw {
        return Some("vector");
    }
    index.parts.iter().find_map(|p| {
        let op = p.opclass.as_deref()?;
        // Operator classes may be schema-qualified: `"extensions".gin_trgm_ops`.
        let bare = op.rsplit('.').next().unwrap_or(op).trim_matches('"');
        match bare {
            "gin_trgm_ops" | "gist_trgm_ops" => Some("pg_trgm"),
            b if b.starts_with("vector_") || b.starts_with("halfvec_") => Some("vector"),
            "gist_ltree_ops" | "gist__ltree_ops" => Some("ltree"),
            _ => None,
        }
    })
}

/// The schema as a server offering `available` extensions can hold it, and
/// what had to be left out.
pub fn adapt(schema: &Schema, available: &BTreeSet<String>) -> (Schema, Vec<Skipped>) {
    let mut out = schema.clone();
    let mut skipped = Vec::new();
    let missing = |ext: &str| !available.contains(ext);
    out.extensions.retain(|e| {
        let keep = !missing(&e.name);
        if !keep {
            skipped.push(Skipped::ExtensionUnavailable {
                extension: e.name.clone(),
            });
        }
        keep
    });
    for table in &mut out.tables {
        for column in &mut table.columns {
            if let Some(ext) = type_extension(&column.ty)
                && missing(ext)
            {
                skipped.push(Skipped::ColumnWithoutExtension {
                    table: table.name.clone(),
                    column: column.name.clone(),
                    ty: column.ty.clone(),
                    extension: ext.to_owned(),
                    stored_as: "bytea".to_owned(),
                });
                column.ty = ColumnType::Bytea;
                column.default = None;
            }
        }
        let name = table.name.clone();
        table.indexes.retain(|ix| match index_extension(ix) {
            Some(ext) if missing(ext) => {
                skipped.push(Skipped::IndexWithoutExtension {
                    table: name.clone(),
                    index: ix.name.clone(),
                    extension: ext.to_owned(),
                });
                false
            }
            _ => true,
        });
    }
    (out, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Extension, IndexPart, Table};

    fn schema() -> Schema {
        let mut t = Table::new("document_chunks", "rag");
        t.columns = vec![
            Column::new("id", ColumnType::Uuid),
            Column::new("embedding", ColumnType::Vector { dim: 3 }).nullable(),
            Column::new("content", ColumnType::Text),
        ];
        t.primary_key = vec!["id".into()];
        let index = |name: &str, column: &str, method, opclass: &str| Index {
            name: name.into(),
            parts: vec![IndexPart {
                column: column.into(),
                opclass: Some(opclass.into()),
            }],
            unique: false,
            method,
            predicate: None,
        };
        t.indexes = vec![
            index(
                "idx_embedding",
                "embedding",
                IndexMethod::Hnsw,
                "vector_cosine_ops",
            ),
            index(
                "idx_content_trgm",
                "content",
                IndexMethod::Gin,
                "\"extensions\".gin_trgm_ops",
            ),
        ];
        let ext = |name: &str| Extension {
            name: name.into(),
            schema: "extensions".into(),
            optional: false,
        };
        Schema {
            extensions: vec![ext("pg_trgm"), ext("vector")],
            tables: vec![t],
            ..Schema::default()
        }
    }

    #[test]
    fn what_needs_a_missing_extension_is_left_out_and_listed() {
        let available: BTreeSet<String> = ["pg_trgm".to_owned()].into();
        let (adapted, skipped) = adapt(&schema(), &available);
        assert_eq!(adapted.extensions.len(), 1);
        let t = &adapted.tables[0];
        assert_eq!(
            t.columns[1].ty,
            ColumnType::Bytea,
            "the column stays, in a plain type"
        );
        assert!(t.columns[1].nullable);
        assert_eq!(t.indexes.len(), 1, "the trigram index stays");
        let text: Vec<String> = skipped.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 3, "{text:?}");
        assert!(
            text[0].contains("extension `vector`") && text[0].contains("does not offer"),
            "{}",
            text[0]
        );
        assert!(
            text[1].contains("column `embedding`") && text[1].contains("vector(3)"),
            "{}",
            text[1]
        );
        assert!(text[2].contains("index `idx_embedding`"), "{}", text[2]);
    }

    #[test]
    fn a_server_with_everything_changes_nothing() {
        let available: BTreeSet<String> = ["pg_trgm".to_owned(), "vector".to_owned()].into();
        let (adapted, skipped) = adapt(&schema(), &available);
        assert_eq!(adapted, schema());
        assert!(skipped.is_empty());
    }
}
