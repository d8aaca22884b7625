//! The session's scope, signed by the application and verified by the
//! database: what the row-level security pass adds before its policies.
//!
//! # The token
//!
//! The application sets one setting per transaction, the conventions'
//! [`token`](crate::model::SessionSettings::token) (`app.scope` by default,
//! the names used below), to
//!
//! ```text
//! v1:<key id>:<workspace uuid or empty>:<user uuid or empty>:<claims>:<expiry>:<signature>
//! ```
//!
//! where the claims are a comma-separated list of `workspace_admin` and
//! `platform_admin` (administering the token's workspace, and the
//! platform's global tables, two different things), the expiry is in Unix
//! seconds, and the signature is the lowercase hex HMAC-SHA-256 of
//! everything before it under the secret of the key id.
//!
//! # What hardening adds
//!
//! - `scope_keys (key_id text PK, secret bytea, created_at, revoked_at)`:
//!   row-level security on and forced, with one policy that lets only the
//!   table's owner (the migration role, and so the `SECURITY DEFINER`
//!   functions it owns) see or write a row. Keys are added by whoever
//!   deploys, as the owner; a key is retired by setting `revoked_at`, and
//!   several keys can be valid at once (rotation).
//! - `verified_scope()`: `SECURITY DEFINER`, `STABLE`, the scope as JSON
//!   (`workspace_id`, `user_id`, `workspace_admin`, `platform_admin`) or
//!   NULL when no token is set; a token that is malformed, names an unknown
//!   or revoked key, has a bad signature or has expired is an error
//!   (`42501`), never a smaller scope. pgcrypto's `hmac` computes the
//!   signature.
//! - `scope_workspace_id()`, `scope_user_id()`,
//!   `scope_is_workspace_admin()`, `scope_is_platform_admin()`: `STABLE`
//!   SQL readers of the verified scope. Policies call them as sub-selects,
//!   `(SELECT scope_workspace_id())`, which Postgres evaluates once per
//!   statement (an init-plan), never once per row.
//! - `scope_sign(workspace, user, claims)`: signs a short-lived token with
//!   the newest key. It runs with its caller's rights, so it works only
//!   where the key table is readable: inside a `SECURITY DEFINER` function
//!   of the schema that must act for a workspace (a notification to
//!   another member), never for an application session.

use super::audit::HARDENING_MODULE;
use super::report::{ObjectKind, Recorder};
use super::support::{ensure_extension, ensure_function, function_search_path, setting};
use crate::model::sql::{bare_or_quoted, quote_literal};
use crate::model::{
    Column, ColumnType, Conventions, DefaultValue, Function, FunctionArg, Policy, PolicyCommand,
    Schema, Table, Volatility,
};

/// The extension whose `hmac` signs and verifies tokens.
const PGCRYPTO: &str = "pgcrypto";

/// Adds the key table and the scope functions, unless present.
pub(super) fn ensure(schema: &mut Schema, rec: &mut Recorder<'_>) {
    let conventions = rec.conventions;
    ensure_extension(
        schema,
        PGCRYPTO,
        "the session's scope token is verified with pgcrypto's hmac",
        rec,
    );
    ensure_key_table(schema, conventions, rec);
    let session = &conventions.session;
    let functions = [
        (
            verify_function(conventions),
            "verifies the session's signed scope token: the one place that reads the keys",
        ),
        (
            sign_function(conventions),
            "signs a scope token; works only where the key table is readable (its owner)",
        ),
        (
            reader(
                &session.workspace_function,
                "uuid",
                &format!(
                    "SELECT NULLIF({}() ->> 'workspace_id', '')::uuid",
                    bare_or_quoted(&session.verify_function)
                ),
            ),
            "the verified workspace, for policies",
        ),
        (
            reader(
                &session.user_function,
                "uuid",
                &format!(
                    "SELECT NULLIF({}() ->> 'user_id', '')::uuid",
                    bare_or_quoted(&session.verify_function)
                ),
            ),
            "the verified user, for policies",
        ),
        (
            reader(
                &session.workspace_admin_function,
                "boolean",
                &format!(
                    "SELECT COALESCE(({}() ->> 'workspace_admin')::boolean, false)",
                    bare_or_quoted(&session.verify_function)
                ),
            ),
            "whether the verified scope administers its workspace",
        ),
        (
            reader(
                &session.platform_admin_function,
                "boolean",
                &format!(
                    "SELECT COALESCE(({}() ->> 'platform_admin')::boolean, false)",
                    bare_or_quoted(&session.verify_function)
                ),
            ),
            "whether the verified scope administers the platform",
        ),
    ];
    for (function, why) in functions {
        ensure_function(schema, function, why, rec);
    }
}

fn ensure_key_table(schema: &mut Schema, conventions: &Conventions, rec: &mut Recorder<'_>) {
    let name = conventions.session.key_table.as_str();
    if schema.table(name).is_some() {
        return;
    }
    let mut table = Table::new(name, HARDENING_MODULE);
    table.columns = vec![
        Column::new("key_id", ColumnType::Text),
        Column::new("secret", ColumnType::Bytea),
        Column::new("created_at", ColumnType::TimestampTz).default(DefaultValue::Now),
        Column::new("revoked_at", ColumnType::TimestampTz).nullable(),
    ];
    table.primary_key = vec!["key_id".into()];
    table.rls_enabled = true;
    table.policies = vec![owner_only(name)];
    rec.added(
        name,
        ObjectKind::Table,
        name,
        "the keys that sign scope tokens, readable by their owner only",
    );
    schema.tables.push(table);
}

/// The key table's one policy: only the role that owns the table (and so
/// the `SECURITY DEFINER` functions that role owns) sees or writes a row.
/// The owner is read from the catalog, so no role name is baked in.
fn owner_only(table: &str) -> Policy {
    let owner = format!(
        "current_user = (SELECT pg_catalog.pg_get_userbyid(c.relowner) FROM pg_catalog.pg_class c WHERE c.oid = {}::regclass)",
        quote_literal(&bare_or_quoted(table))
    );
    Policy {
        name: crate::model::naming::shorten(format!("{table}_owner_only")),
        command: PolicyCommand::All,
        roles: Vec::new(),
        using: Some(owner.clone()),
        with_check: Some(owner),
    }
}

fn reader(name: &str, returns: &str, body: &str) -> Function {
    Function {
        name: name.to_owned(),
        doc: None,
        args: Vec::new(),
        returns: returns.into(),
        language: "sql".into(),
        body: body.to_owned(),
        volatility: Volatility::Stable,
        security_definer: false,
        search_path: function_search_path(),
    }
}

/// `hmac(<text>, <key>, 'sha256')` in hex, with the extension's schema.
fn hmac(conventions: &Conventions, text: &str, key: &str) -> String {
    format!(
        "encode({}.hmac(convert_to({text}, 'UTF8'), {key}, 'sha256'), 'hex')",
        bare_or_quoted(&conventions.extensions_schema)
    )
}

fn verify_function(conventions: &Conventions) -> Function {
    let session = &conventions.session;
    let keys = bare_or_quoted(&session.key_table);
    let signature = hmac(
        conventions,
        "array_to_string(v_parts[1:6], ':')",
        "v_secret",
    );
    let body = format!(
        r#"
DECLARE
  v_token text := {token};
  v_uuid constant text := '^[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$';
  v_parts text[];
  v_secret bytea;
  v_claims text[];
BEGIN
  IF v_token IS NULL THEN
    RETURN NULL;
  END IF;
  v_parts := string_to_array(v_token, ':');
  IF cardinality(v_parts) <> 7 OR v_parts[1] <> 'v1'
     OR (v_parts[3] <> '' AND v_parts[3] !~ v_uuid)
     OR (v_parts[4] <> '' AND v_parts[4] !~ v_uuid)
     OR v_parts[5] !~ '^[a-z_,]*$'
     OR v_parts[6] !~ '^[0-9]{{1,12}}$'
     OR v_parts[7] !~ '^[0-9a-f]{{64}}$' THEN
    RAISE EXCEPTION 'scope token: malformed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT k.secret INTO v_secret FROM {keys} k
   WHERE k.key_id = v_parts[2] AND k.revoked_at IS NULL;
  IF v_secret IS NULL THEN
    RAISE EXCEPTION 'scope token: unknown or revoked key %', v_parts[2]
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF {signature} <> v_parts[7] THEN
    RAISE EXCEPTION 'scope token: bad signature' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_parts[6]::bigint <= extract(epoch FROM statement_timestamp()) THEN
    RAISE EXCEPTION 'scope token: expired' USING ERRCODE = 'insufficient_privilege';
  END IF;
  v_claims := string_to_array(v_parts[5], ',');
  RETURN jsonb_build_object(
    'workspace_id', v_parts[3],
    'user_id', v_parts[4],
    'workspace_admin', 'workspace_admin' = ANY (v_claims),
    'platform_admin', 'platform_admin' = ANY (v_claims));
END
"#,
        token = setting(&session.token),
    );
    Function {
        name: session.verify_function.clone(),
        doc: None,
        args: Vec::new(),
        returns: "jsonb".into(),
        language: "plpgsql".into(),
        body,
        volatility: Volatility::Stable,
        security_definer: true,
        search_path: function_search_path(),
    }
}

fn sign_function(conventions: &Conventions) -> Function {
    let session = &conventions.session;
    let keys = bare_or_quoted(&session.key_table);
    let signature = hmac(conventions, "v_body", "v_secret");
    let body = format!(
        r#"
DECLARE
  v_key text;
  v_secret bytea;
  v_body text;
BEGIN
  SELECT k.key_id, k.secret INTO v_key, v_secret FROM {keys} k
   WHERE k.revoked_at IS NULL
   ORDER BY k.created_at DESC, k.key_id
   LIMIT 1;
  IF v_key IS NULL THEN
    RAISE EXCEPTION 'scope token: no key to sign with' USING ERRCODE = 'insufficient_privilege';
  END IF;
  v_body := concat_ws(':', 'v1', v_key, COALESCE(p_workspace_id::text, ''),
    COALESCE(p_user_id::text, ''), COALESCE(p_claims, ''),
    (extract(epoch FROM statement_timestamp())::bigint + 60)::text);
  RETURN v_body || ':' || {signature};
END
"#
    );
    let arg = |name: &str, ty: &str| FunctionArg {
        name: name.into(),
        ty: ty.into(),
        default: None,
    };
    Function {
        name: session.sign_function.clone(),
        doc: None,
        args: vec![
            arg("p_workspace_id", "uuid"),
            arg("p_user_id", "uuid"),
            arg("p_claims", "text"),
        ],
        returns: "text".into(),
        language: "plpgsql".into(),
        body,
        volatility: Volatility::Volatile,
        security_definer: false,
        search_path: function_search_path(),
    }
}

/// The doc of a function the scope adds, by name (the comments pass).
pub(super) fn function_doc(name: &str, conventions: &Conventions) -> Option<String> {
    let session = &conventions.session;
    let reader = |what: &str| {
        format!(
            "The {what} of the session's verified scope token, for policies (called as a sub-select: once per statement). NULL or false without a token."
        )
    };
    Some(match name {
        _ if name == session.verify_function => format!(
            "The session's scope, verified: the token in {} checked against the key table (HMAC-SHA-256, key id, expiry) and returned as JSON (workspace_id, user_id, workspace_admin, platform_admin). NULL without a token; an error (42501) for a token that does not verify.",
            session.token
        ),
        _ if name == session.sign_function => "Signs a scope token valid for a minute with the newest key. Runs with its caller's rights: only the key table's owner, a SECURITY DEFINER function of the schema, can sign.".into(),
        _ if name == session.workspace_function => reader("workspace"),
        _ if name == session.user_function => reader("user"),
        _ if name == session.workspace_admin_function => reader("workspace administrator claim"),
        _ if name == session.platform_admin_function => reader("platform administrator claim"),
        _ => return None,
    })
}

/// The doc of the key table, and of its columns (the comments pass).
pub(super) fn key_table_doc(column: Option<&str>) -> Option<&'static str> {
    Some(match column {
        None => {
            "The keys that sign the sessions' scope tokens. Readable and writable by the table's owner only: the application signs with its copy of a key, the database verifies with this one."
        }
        Some("key_id") => "The key id a token names.",
        Some("secret") => "The HMAC-SHA-256 secret.",
        Some("created_at") => "When the key was added; the newest valid key signs.",
        Some("revoked_at") => "When the key was retired: tokens under it no longer verify.",
        Some(_) => return None,
    })
}
