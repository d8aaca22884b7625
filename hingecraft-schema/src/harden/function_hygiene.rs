//! Function hygiene: every extension in a schema of its own, every function
//! with a fixed `search_path`.
//!
//! A function without a fixed `search_path` resolves names with the
//! caller's, so a caller who can create objects in a schema on that path
//! can make it call their own `lower()` or read their own `users`. With
//! `SECURITY DEFINER` that runs with the owner's rights. Extensions go to
//! the conventions' extensions schema (`extensions` by default) rather
//! than `public` for the same reason: on Postgres before 15 every role may
//! create objects in `public`.
//!
//! This pass runs first, so that the passes after it (trigram indexes)
//! qualify extension objects with the schema the extension ends up in. The
//! functions those passes create carry their own `search_path`.

use std::collections::BTreeSet;

use super::report::{ActionKind, ObjectKind, Recorder};
use crate::model::{Extension, Function, Schema};

/// Objects a function body may use, per extension: identifiers (functions,
/// types) matched as whole words, operators matched as text. A false match
/// only adds a schema owned by the migration role to the path, so the lists
/// lean towards matching.
const EXTENSION_OBJECTS: &[(&str, &[&str], &[&str])] = &[
    (
        "pgcrypto",
        &[
            "crypt",
            "gen_salt",
            "digest",
            "hmac",
            "gen_random_bytes",
            "pgp_sym_encrypt",
            "pgp_sym_decrypt",
            "pgp_pub_encrypt",
            "pgp_pub_decrypt",
            "pgp_key_id",
            "armor",
            "dearmor",
            "encrypt",
            "decrypt",
            "encrypt_iv",
            "decrypt_iv",
        ],
        &[],
    ),
    (
        "uuid-ossp",
        &[
            "uuid_generate_v1",
            "uuid_generate_v1mc",
            "uuid_generate_v3",
            "uuid_generate_v4",
            "uuid_generate_v5",
            "uuid_nil",
            "uuid_ns_dns",
            "uuid_ns_url",
            "uuid_ns_oid",
            "uuid_ns_x500",
        ],
        &[],
    ),
    (
        "pg_trgm",
        &[
            "similarity",
            "word_similarity",
            "strict_word_similarity",
            "show_trgm",
            "show_limit",
            "set_limit",
        ],
        &["<->", "<%", "%>", "<<%", "%>>"],
    ),
    (
        "vector",
        &[
            "vector",
            "halfvec",
            "sparsevec",
            "l2_distance",
            "l1_distance",
            "cosine_distance",
            "inner_product",
            "vector_dims",
            "vector_norm",
            "l2_normalize",
        ],
        &["<->", "<=>", "<#>", "<+>"],
    ),
    (
        "ltree",
        &[
            "ltree",
            "lquery",
            "ltxtquery",
            "subltree",
            "subpath",
            "nlevel",
            "text2ltree",
            "ltree2text",
            "lca",
        ],
        &["<@", "@>"],
    ),
    // Operator classes only: nothing a function body calls.
    ("btree_gin", &[], &[]),
    ("btree_gist", &[], &[]),
];

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    let target = rec.conventions.extensions_schema.as_str();
    for extension in &mut schema.extensions {
        // A project whose extensions schema is `public` keeps them there.
        if (extension.schema.is_empty() || extension.schema == "public")
            && extension.schema != target
        {
            let from = if extension.schema.is_empty() {
                "no schema (the migration role's first schema, usually public)"
            } else {
                "public"
            };
            extension.schema = target.to_owned();
            rec.action(
                None,
                ObjectKind::Extension,
                &extension.name,
                ActionKind::Changed,
                format!(
                    "moved from {from} to schema `{target}`: objects in public can be created, and so shadowed, by other roles"
                ),
            );
        }
    }

    let extensions = schema.extensions.clone();
    for function in &mut schema.functions {
        if !function.search_path.is_empty() {
            continue;
        }
        function.search_path = search_path(function, &extensions);
        rec.action(
            None,
            ObjectKind::Function,
            &function.name,
            ActionKind::Changed,
            format!(
                "search_path fixed to {}: names in the body no longer resolve through the caller's search_path",
                function.search_path.join(", ")
            ),
        );
    }
}

/// `pg_catalog`, the schemas of the extensions the function uses, `public`,
/// then `pg_temp` (see [`FUNCTION_SEARCH_PATH`](super::names::FUNCTION_SEARCH_PATH)).
/// Extension schemas come before `public` so that nothing created in
/// `public` shadows an extension's function.
fn search_path(function: &Function, extensions: &[Extension]) -> Vec<String> {
    let text = format!(
        "{} {} {}",
        function.body,
        function.returns,
        function
            .args
            .iter()
            .map(|a| a.ty.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    )
    .to_ascii_lowercase();
    let words: BTreeSet<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();

    let used: BTreeSet<&str> = extensions
        .iter()
        .filter(|e| uses(e, &words, &text))
        .map(|e| e.schema.as_str())
        .filter(|s| !s.is_empty() && *s != "public" && *s != "pg_catalog")
        .collect();
    let mut path = vec!["pg_catalog".to_owned()];
    path.extend(used.into_iter().map(str::to_owned));
    path.push("public".to_owned());
    path.push("pg_temp".to_owned());
    path
}

/// Whether the function text uses an object of the extension. An extension
/// this pass knows nothing about counts as used.
fn uses(extension: &Extension, words: &BTreeSet<&str>, text: &str) -> bool {
    match EXTENSION_OBJECTS
        .iter()
        .find(|(name, _, _)| *name == extension.name)
    {
        Some((_, identifiers, operators)) => {
            identifiers.iter().any(|i| words.contains(i))
                || operators.iter().any(|o| text.contains(o))
        }
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Volatility;

    fn function(body: &str) -> Function {
        Function {
            name: "f".into(),
            doc: None,
            args: Vec::new(),
            returns: "void".into(),
            language: "sql".into(),
            body: body.into(),
            volatility: Volatility::Volatile,
            security_definer: false,
            search_path: Vec::new(),
        }
    }

    fn ext(name: &str) -> Extension {
        Extension {
            name: name.into(),
            schema: "extensions".into(),
            optional: false,
        }
    }

    #[test]
    fn extension_schema_only_when_used() {
        let exts = [ext("pg_trgm"), ext("pgcrypto")];
        assert_eq!(
            search_path(&function("SELECT 1"), &exts),
            ["pg_catalog", "public", "pg_temp"]
        );
        assert_eq!(
            search_path(&function("SELECT similarity(a, b) FROM t"), &exts),
            ["pg_catalog", "extensions", "public", "pg_temp"]
        );
        // A word inside another word is not a use.
        assert_eq!(
            search_path(&function("SELECT digests FROM t"), &exts),
            ["pg_catalog", "public", "pg_temp"]
        );
        // Unknown extensions are assumed used.
        assert_eq!(
            search_path(&function("SELECT 1"), &[ext("postgis")]),
            ["pg_catalog", "extensions", "public", "pg_temp"]
        );
    }
}
