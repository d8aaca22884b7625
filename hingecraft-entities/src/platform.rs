//! Layer 01 of the master schema: what the platform's database needs before
//! any table: extensions (in their own schema, never `public`) and shared SQL
//! helpers. The updated_at, version and audit trigger functions come from
//! hardening, and so do the readers of the session's verified scope
//! (`scope_workspace_id()`, `scope_user_id()`); the `app_current_*`
//! helpers declared here are their older names.

use hingecraft::model::{Extension, Function, Volatility};

/// The schema extensions are installed into.
pub const EXTENSIONS_SCHEMA: &str = "extensions";

/// The extensions of layer 01. `vector` is optional: a server without
/// pgvector gets the schema without vector search, and the migrator lists
/// what it left out.
pub fn extensions() -> Vec<Extension> {
    let ext = |name: &str, optional: bool| Extension {
        name: name.into(),
        schema: EXTENSIONS_SCHEMA.into(),
        optional,
    };
    vec![
        ext("uuid-ossp", false),
        ext("pgcrypto", false),
        ext("btree_gin", false),
        ext("pg_trgm", false),
        ext("ltree", false),
        ext("vector", true),
    ]
}

/// A reader of the verified scope under an older name. PL/pgSQL, whose
/// body Postgres checks only when it runs: the scope functions hardening
/// adds are created after the platform's own.
fn scope_reader(name: &str, reader: &str, doc: &str) -> Function {
    Function {
        name: name.into(),
        doc: Some(doc.into()),
        args: Vec::new(),
        returns: "uuid".into(),
        language: "plpgsql".into(),
        body: format!("\nBEGIN\n  RETURN {reader}();\nEND\n"),
        volatility: Volatility::Stable,
        security_definer: false,
        search_path: vec!["pg_catalog".into(), "public".into(), "pg_temp".into()],
    }
}

/// The shared SQL helpers of layer 01.
pub fn functions() -> Vec<Function> {
    vec![
        scope_reader(
            "app_current_user_id",
            "scope_user_id",
            "The user of the current transaction's verified scope token (`scope_user_id()`), or NULL.",
        ),
        scope_reader(
            "app_current_workspace_id",
            "scope_workspace_id",
            "The workspace of the current transaction's verified scope token (`scope_workspace_id()`), or NULL.",
        ),
    ]
}
