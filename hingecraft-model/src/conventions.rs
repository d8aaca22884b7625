//! The names a project's database uses for what hardening and the migrator
//! create or read: the session's signed scope and its functions, the
//! membership table, the audit table, the extensions' schema, the
//! migrator's bookkeeping table and lock.
//!
//! Every field has a default (the values the HingeCraft platform uses), so a
//! project changes only what it must:
//!
//! ```
//! use hingecraft_model::Conventions;
//!
//! let conventions = Conventions {
//!     audit_table: "change_log".into(),
//!     ..Conventions::default()
//! };
//! assert_eq!(conventions.session.token, "app.scope");
//! ```

use serde::{Deserialize, Serialize};

/// The names a project's database uses (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Conventions {
    /// The session's signed scope, and the functions that verify and read it.
    pub session: SessionSettings,
    /// The membership table that bounds administrators and users' rows.
    pub membership: Membership,
    /// The table the audit trigger writes to (`audit_logs`).
    pub audit_table: String,
    /// The schema extensions are installed into (`extensions`): never
    /// `public`, where any role could shadow an extension's functions.
    pub extensions_schema: String,
    /// Where the migrator records what it applied, and the lock it takes.
    pub bookkeeping: Bookkeeping,
}

impl Default for Conventions {
    fn default() -> Self {
        Self {
            session: SessionSettings::default(),
            membership: Membership::default(),
            audit_table: "audit_logs".into(),
            extensions_schema: "extensions".into(),
            bookkeeping: Bookkeeping::default(),
        }
    }
}

/// The session's scope: a token the application signs and the database
/// verifies, and the names of what hardening creates to verify and read it.
///
/// The application sets one setting per transaction (`SET LOCAL app.scope =
/// '<token>'`); the token names the workspace, the user, the claims
/// (`workspace_admin`, `platform_admin`) and an expiry, and is signed with
/// HMAC-SHA-256 under a key the database holds in the key table. Policies
/// never read a setting directly: they call the scope functions, which
/// return the verified scope or NULL. A setting a session sets by hand is
/// worth nothing without the key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionSettings {
    /// The setting holding the signed token (`app.scope`).
    pub token: String,
    /// The table of signing keys, `(key_id, secret, created_at,
    /// revoked_at)` (`scope_keys`): readable only by its owner.
    pub key_table: String,
    /// The `SECURITY DEFINER` function verifying the token
    /// (`verified_scope`): the scope as JSON, NULL without a token, an
    /// error for a token that does not verify.
    pub verify_function: String,
    /// The function signing a token with the newest key (`scope_sign`): it
    /// runs with its caller's rights, so only the key table's owner (a
    /// `SECURITY DEFINER` function of the schema) can use it.
    pub sign_function: String,
    /// The verified workspace, a uuid (`scope_workspace_id`).
    pub workspace_function: String,
    /// The verified user, a uuid (`scope_user_id`).
    pub user_function: String,
    /// Whether the verified scope administers its workspace
    /// (`scope_is_workspace_admin`).
    pub workspace_admin_function: String,
    /// Whether the verified scope administers the platform
    /// (`scope_is_platform_admin`).
    pub platform_admin_function: String,
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            token: "app.scope".into(),
            key_table: "scope_keys".into(),
            verify_function: "verified_scope".into(),
            sign_function: "scope_sign".into(),
            workspace_function: "scope_workspace_id".into(),
            user_function: "scope_user_id".into(),
            workspace_admin_function: "scope_is_workspace_admin".into(),
            platform_admin_function: "scope_is_platform_admin".into(),
        }
    }
}

/// Who belongs to which workspace: the table policies consult to keep
/// administrators and the users table within the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Membership {
    /// The membership table (`workspace_members`).
    pub table: String,
    /// Its workspace column (`workspace_id`).
    pub workspace_column: String,
    /// Its user column (`user_id`).
    pub user_column: String,
    /// The users table (`users`), keyed by `id`: a row is visible to its
    /// user and to members of the current workspace.
    pub users_table: String,
}

impl Default for Membership {
    fn default() -> Self {
        Self {
            table: "workspace_members".into(),
            workspace_column: "workspace_id".into(),
            user_column: "user_id".into(),
            users_table: "users".into(),
        }
    }
}

/// The migrator's own state in a database: the table recording applied
/// migrations, its schema, and the advisory lock key of a run.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Bookkeeping {
    /// The table of applied migrations (`hingecraft_migrations`).
    pub table: String,
    /// Its schema on Postgres (`public`); SQLite has one schema.
    pub schema: String,
    /// The Postgres advisory lock key a migration run holds
    /// (`0x6869_6e67_6563_7261`, "hingecra" in ASCII).
    pub lock_key: i64,
}

impl Default for Bookkeeping {
    fn default() -> Self {
        Self {
            table: "hingecraft_migrations".into(),
            schema: "public".into(),
            lock_key: 0x6869_6e67_6563_7261,
        }
    }
}

/// The files of a migration directory `NNNN_name/`, in the order they are
/// checksummed and embedded: the SQL of each backend and direction, then
/// the schema snapshot after the migration. The runner reads them, the
/// `embed_migrations!` macro embeds them and `generate` writes them.
pub const MIGRATION_FILES: [&str; 5] = [
    "postgres.up.sql",
    "postgres.down.sql",
    "sqlite.up.sql",
    "sqlite.down.sql",
    "snapshot.json",
];
