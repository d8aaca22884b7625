//! The names a project's database uses for what hardening and the migrator
//! create or read: session settings, the audit table, the extensions'
//! schema, the migrator's bookkeeping table and lock.
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
//! assert_eq!(conventions.session.workspace, "app.workspace_id");
//! ```

use serde::{Deserialize, Serialize};

/// The names a project's database uses (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Conventions {
    /// The session settings row-level security and the audit trigger read.
    pub session: SessionSettings,
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
            audit_table: "audit_logs".into(),
            extensions_schema: "extensions".into(),
            bookkeeping: Bookkeeping::default(),
        }
    }
}

/// The session settings (`SET LOCAL name = value` in each transaction) that
/// row-level security policies and the audit trigger read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionSettings {
    /// The current workspace, a uuid (`app.workspace_id`).
    pub workspace: String,
    /// The current user, a uuid (`app.user_id`).
    pub user: String,
    /// The current application role (`app.role`).
    pub role: String,
    /// The value of [`role`](Self::role) that makes the session an
    /// administrator (`admin`).
    pub admin_role: String,
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            workspace: "app.workspace_id".into(),
            user: "app.user_id".into(),
            role: "app.role".into(),
            admin_role: "admin".into(),
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
