//! Views: a refresh function for every materialized view.
//!
//! `refresh_<view>()` runs `REFRESH MATERIALIZED VIEW CONCURRENTLY` when
//! the view has a unique key (readers are not blocked), else a plain
//! `REFRESH`. Only a view's owner may refresh it, so the function is
//! `SECURITY DEFINER` with a fixed `search_path`: the application role can
//! refresh an aggregate without owning it, and can do nothing else with
//! the owner's rights. A view holds every workspace's rows, so the
//! function refuses unless the session's verified scope claims
//! `platform_admin` (see [`scope`](super::scope)).

use super::names::refresh_function;
use super::report::Recorder;
use super::support::{ensure_function, function_search_path};
use crate::model::sql::{bare_or_quoted, quote_ident};
use crate::model::{Function, Schema, Volatility};

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    if !schema.views.iter().any(|v| v.materialized) {
        return;
    }
    let platform_admin = bare_or_quoted(&rec.conventions.session.platform_admin_function);
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
                    "\nBEGIN\n  IF NOT {platform_admin}() THEN\n    RAISE EXCEPTION '{}: needs a platform administrator''s scope' USING ERRCODE = 'insufficient_privilege';\n  END IF;\n  REFRESH MATERIALIZED VIEW {concurrently}{};\nEND\n",
                    refresh_function(&v.name),
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
