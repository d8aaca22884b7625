//! The names hardening gives what it creates, and the session settings its
//! SQL reads.
//!
//! Services and tests use them too: to set the session, to name the audit
//! table in a query, to recognise a trigger.

/// The schema every extension is installed into (never `public`, where any
/// role could shadow an extension's functions on Postgres < 15).
pub const EXTENSIONS_SCHEMA: &str = "extensions";

/// The table the audit trigger writes to.
pub const AUDIT_TABLE: &str = "audit_logs";

/// The audit trigger function (`AFTER INSERT OR UPDATE OR DELETE`).
pub const AUDIT_FUNCTION: &str = "audit_changes";

/// The trigger function stamping `updated_at` (`BEFORE UPDATE`).
/// The function that adds monthly partitions ahead of time.
pub const CREATE_PARTITIONS_FUNCTION: &str = "create_monthly_partitions";

pub const SET_UPDATED_AT_FUNCTION: &str = "set_updated_at";

/// The trigger function enforcing optimistic locking (`BEFORE UPDATE`).
pub const OPTIMISTIC_LOCK_FUNCTION: &str = "optimistic_lock";

/// The session setting holding the current workspace (a uuid).
pub const WORKSPACE_SETTING: &str = "app.workspace_id";

/// The session setting holding the current user (a uuid).
pub const USER_SETTING: &str = "app.user_id";

/// The session setting holding the current application role.
pub const ROLE_SETTING: &str = "app.role";

/// The value of [`ROLE_SETTING`] that makes the session an administrator.
pub const ADMIN_ROLE: &str = "admin";

/// The `search_path` every function created by hardening runs with.
///
/// `pg_catalog` first, so that no object of another schema can shadow a
/// built-in; `pg_temp` last and explicit, because an unlisted `pg_temp` is
/// searched *first* for tables, which would let any session shadow
/// `audit_logs` inside a `SECURITY DEFINER` function.
pub const FUNCTION_SEARCH_PATH: [&str; 3] = ["pg_catalog", "public", "pg_temp"];

/// The audit trigger of a table: `audit_<table>`.
pub fn audit_trigger(table: &str) -> String {
    crate::model::naming::shorten(format!("audit_{table}"))
}

/// The `updated_at` trigger of a table: `set_updated_at_<table>`.
pub fn set_updated_at_trigger(table: &str) -> String {
    crate::model::naming::shorten(format!("set_updated_at_{table}"))
}

/// The optimistic-locking trigger of a table: `optimistic_lock_<table>`.
pub fn optimistic_lock_trigger(table: &str) -> String {
    crate::model::naming::shorten(format!("optimistic_lock_{table}"))
}

/// The Wix sync trigger of a table, and its function: `wix_sync_<table>`.
///
/// Postgres fires triggers of one timing in name order, and `wix_sync_`
/// sorts after `set_updated_at_`, so the Wix copy sees the final
/// `updated_at`.
pub fn wix_sync(table: &str) -> String {
    crate::model::naming::shorten(format!("wix_sync_{table}"))
}

/// The function refreshing a materialized view.
pub fn refresh_function(view: &str) -> String {
    crate::model::naming::shorten(format!("refresh_{view}"))
}
