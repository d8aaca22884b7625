//! Layer 01 of the master schema: what the platform's database needs before
//! any table: extensions (in their own schema, never `public`) and shared SQL
//! helpers. The updated_at, version and audit trigger functions come from
//! hardening; the `app.*` session-setting readers are declared here.

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

fn setting_reader(name: &str, setting: &str, doc: &str) -> Function {
    Function {
        name: name.into(),
        doc: Some(doc.into()),
        args: Vec::new(),
        returns: "uuid".into(),
        language: "sql".into(),
        body: format!("SELECT NULLIF(current_setting('{setting}', true), '')::uuid"),
        volatility: Volatility::Stable,
        security_definer: false,
        search_path: vec!["pg_catalog".into()],
    }
}

/// The shared SQL helpers of layer 01.
pub fn functions() -> Vec<Function> {
    vec![
        setting_reader(
            "app_current_user_id",
            "app.user_id",
            "The user of the current transaction (`SET LOCAL app.user_id`), or NULL.",
        ),
        setting_reader(
            "app_current_workspace_id",
            "app.workspace_id",
            "The workspace of the current transaction (`SET LOCAL app.workspace_id`), or NULL.",
        ),
    ]
}
