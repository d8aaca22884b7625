//! Views: a refresh function for every materialized view.
//!
//! `refresh_<view>()` runs `REFRESH MATERIALIZED VIEW CONCURRENTLY` when
//! the view has a unique key (readers are not blocked), else a plain
//! `REFRESH`. Only a view's owner may refresh it, so the function is
//! `SECURITY DEFINER` with a fixed `search_path`: the application role can
//! refresh an aggregate without owning it, and can do nothing else with
//! the owner's rights.

use super::names::refresh_function;
use super::report::Recorder;
use super::support::{ensure_function, function_search_path};
use crate::model::sql::quote_ident;
use crate::model::{Function, Schema, Volatility};

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    let functions: Vec<Function> = schema
        .views
        .iter()
        .filter(|v| v.materialized)
        .map(|v| {
            let concurrently = if v.unique_key.is_empty() {
                ""
            } else {
                "CONCURRENTLY "
            };
            Function {
                name: refresh_function(&v.name),
                doc: None,
                args: Vec::new(),
                returns: "void".into(),
                language: "plpgsql".into(),
                body: format!(
                    "\nBEGIN\n  REFRESH MATERIALIZED VIEW {concurrently}{};\nEND\n",
                    quote_ident(&v.name)
                ),
                volatility: Volatility::Volatile,
                security_definer: true,
                search_path: function_search_path(),
            }
        })
        .collect();
    for function in functions {
        ensure_function(
            schema,
            function,
            "refreshes a materialized view with its owner's rights",
            rec,
        );
    }
}
