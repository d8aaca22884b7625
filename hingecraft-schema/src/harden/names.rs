//! The names hardening gives what it creates.
//!
//! Services and tests use them too: to recognise a trigger or a function.
//! The names a project chooses (the audit table, the extensions' schema,
//! the session settings its SQL reads, the administrator role) are not
//! here: they are its [`Conventions`](crate::model::Conventions).

/// The audit trigger function (`AFTER INSERT OR UPDATE OR DELETE`).
pub const AUDIT_FUNCTION: &str = "audit_changes";

/// The function that adds monthly partitions ahead of time.
pub const CREATE_PARTITIONS_FUNCTION: &str = "create_monthly_partitions";

/// The trigger function stamping `updated_at` (`BEFORE UPDATE`).
pub const SET_UPDATED_AT_FUNCTION: &str = "set_updated_at";

/// The trigger function enforcing optimistic locking (`BEFORE UPDATE`).
pub const OPTIMISTIC_LOCK_FUNCTION: &str = "optimistic_lock";

/// The `search_path` every function created by hardening runs with.
///
/// `pg_catalog` first, so that no object of another schema can shadow a
/// built-in; `pg_temp` last and explicit, because an unlisted `pg_temp` is
/// searched *first* for tables, which would let any session shadow the
/// audit table inside a `SECURITY DEFINER` function. None of these
/// functions uses an extension, so the extensions' schema is not on it.
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
