//! Helpers shared by the passes.

use std::collections::BTreeSet;

use super::names::FUNCTION_SEARCH_PATH;
use super::report::{ActionKind, FindingKind, ObjectKind, Recorder};
use crate::model::sql::quote_literal;
use crate::model::{Extension, Function, IndexMethod, Schema, Table, Volatility};

/// A session setting as SQL, NULL when unset or set to the empty string.
///
/// `current_setting(name, true)` is NULL for a setting never set in the
/// session, but the empty string once a `SET LOCAL` of it has ended; both
/// must read as "none", not as a failed cast.
pub(super) fn setting(name: &str) -> String {
    format!("NULLIF(current_setting({}, true), '')", quote_literal(name))
}

/// Whether a key (index parts, unique or primary key columns) starts with
/// exactly `columns`, in any order: Postgres uses such a key for equality
/// lookups on `columns`.
pub(super) fn leads_with<'a>(key: impl IntoIterator<Item = &'a str>, columns: &[&str]) -> bool {
    let prefix: BTreeSet<&str> = key.into_iter().take(columns.len()).collect();
    let wanted: BTreeSet<&str> = columns.iter().copied().collect();
    !columns.is_empty() && prefix.len() == columns.len() && prefix == wanted
}

/// Whether a b-tree (the primary key, a UNIQUE constraint or a b-tree
/// index) leads with `columns`. Partial indexes count only when
/// `partial_ok`: a partial index does not see every row.
pub(super) fn btree_leads(table: &Table, columns: &[&str], partial_ok: bool) -> bool {
    leads_with(table.primary_key.iter().map(String::as_str), columns)
        || table
            .uniques
            .iter()
            .any(|u| leads_with(u.columns.iter().map(String::as_str), columns))
        || table.indexes.iter().any(|i| {
            i.method == IndexMethod::Btree
                && (partial_ok || i.predicate.is_none())
                && leads_with(i.columns(), columns)
        })
}

/// The names of every index and UNIQUE constraint of the schema: both are
/// relations, whose names Postgres requires unique per schema.
pub(super) fn relation_names(schema: &Schema) -> BTreeSet<String> {
    schema
        .tables
        .iter()
        .flat_map(|t| {
            t.indexes
                .iter()
                .map(|i| i.name.clone())
                .chain(t.uniques.iter().map(|u| u.name.clone()))
        })
        .collect()
}

/// The `search_path` of a function hardening creates.
pub(super) fn function_search_path() -> Vec<String> {
    FUNCTION_SEARCH_PATH
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
}

/// A `plpgsql` trigger function with the hardening `search_path`.
pub(super) fn trigger_function(name: &str, body: String, security_definer: bool) -> Function {
    Function {
        name: name.to_owned(),
        doc: None,
        args: Vec::new(),
        returns: "trigger".into(),
        language: "plpgsql".into(),
        body,
        volatility: Volatility::Volatile,
        security_definer,
        search_path: function_search_path(),
    }
}

/// Adds a function unless the schema has one of that name.
///
/// A declared function of the same name is kept as it is (the schema's
/// author may have reasons); the report says so when it differs from the
/// one hardening would have added. Docs are not compared: the comments pass
/// adds them later.
pub(super) fn ensure_function(
    schema: &mut Schema,
    function: Function,
    why: &str,
    rec: &mut Recorder<'_>,
) {
    if let Some(existing) = schema.functions.iter().find(|f| f.name == function.name) {
        let same = Function {
            doc: existing.doc.clone(),
            ..function.clone()
        };
        if *existing != same {
            rec.finding(
                None,
                FindingKind::Kept,
                format!(
                    "function `{}` is declared by the schema and kept; hardening's own version was not added",
                    function.name
                ),
            );
        }
        return;
    }
    rec.action(
        None,
        ObjectKind::Function,
        &function.name,
        ActionKind::Added,
        why,
    );
    schema.functions.push(function);
}

/// The schema an extension is (or will be) installed into, if declared.
pub(super) fn extension_schema<'a>(schema: &'a Schema, name: &str) -> Option<&'a Extension> {
    schema.extensions.iter().find(|e| e.name == name)
}

/// Adds a required extension, in the conventions' extensions schema,
/// unless declared.
pub(super) fn ensure_extension(schema: &mut Schema, name: &str, why: &str, rec: &mut Recorder<'_>) {
    if extension_schema(schema, name).is_some() {
        return;
    }
    schema.extensions.push(Extension {
        name: name.to_owned(),
        schema: rec.conventions.extensions_schema.clone(),
        optional: false,
    });
    schema.extensions.sort_by(|a, b| a.name.cmp(&b.name));
    rec.action(None, ObjectKind::Extension, name, ActionKind::Added, why);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_columns_in_any_order() {
        assert!(leads_with(["a", "b", "c"], &["b", "a"]));
        assert!(leads_with(["a"], &["a"]));
        assert!(!leads_with(["a"], &["a", "b"]));
        assert!(!leads_with(["b", "c"], &["c"]));
        assert!(!leads_with(["a", "b"], &[]));
    }

    #[test]
    fn settings_read_as_null_when_unset() {
        assert_eq!(
            setting("app.user_id"),
            "NULLIF(current_setting('app.user_id', true), '')"
        );
    }
}
