//! The runtime side of the typed query helpers that `#[table]` generates
//! per table: tenancy scopes, optimistic locking, keyset pagination, text
//! and vector search, and the connection helper for services.
//!
//! # Tenancy
//!
//! Row-level security (the `rls` pass of `hingecraft-schema`'s hardening)
//! reads the session's scope from a token the application signs and the
//! database verifies (`app.scope`, the project's `Conventions::session`):
//! the workspace, the user, the workspace and platform administrator
//! claims and an expiry, under HMAC-SHA-256 with a [`ScopeKey`] the
//! service holds. A [`Scoped`] handle is a transaction that set the token
//! with `SET LOCAL` (`set_config(.., true)`), so every statement run
//! through it is bound by the policies, and the token ends with the
//! transaction, never leaking to the next user of a pooled connection.
//!
//! Every generated entity implements [`Tenancy`]: tables with a `tenant`
//! or `owner` column have `Scope = `[`Tenant`], others [`Global`]. The
//! helpers of a tenant table are bounded by [`ScopeFor<Tenant>`], which
//! only [`Scoped`] implements: calling them with a bare connection does not
//! compile. Tenant helpers also filter on the tenant column themselves,
//! so a scope holds even where RLS does not bind (SQLite, a superuser).
//!
//! ```compile_fail
//! # use hingecraft_runtime::query::{ScopeFor, Tenant};
//! fn needs_scope<C: ScopeFor<Tenant>>(_: &C) {}
//! fn forgot(db: &sea_orm::DatabaseConnection) {
//!     needs_scope(db); // a bare connection is not a tenant scope
//! }
//! ```
//!
//! # What `#[table]` generates
//!
//! | declared | generated |
//! |---|---|
//! | always | `Entity::find_by_pk`, `find_by_<col>` per unique column, `find_by_<a>_and_<b>` per composite unique key or unique index |
//! | a single-column primary key | `Entity::page_after(db, after, limit)`; with `created_at`, `Entity::page_by_created_after(db, (at, key), limit)` (keyset pages) |
//! | a foreign key `user_id` → `users` | `row.user(db)` on the child; the trait `<Children>Of<User>` with `user.<children>(db)`, exported from the child's module |
//! | `soft_delete` and a `deleted_at` column | finders skip deleted rows; `Entity::active()`, `with_deleted()`, `only_deleted()`; `row.soft_delete(db)`, `row.restore(db)`, `row.hard_delete(db)` |
//! | `versioned` and a `version` column | `ActiveModel::update_versioned(db)`: [`VersionedError::Conflict`] on a stale version, nothing written |
//! | a `tenant` column | helpers take a [`Scoped`] handle and filter on the column; `ActiveModel::insert_scoped(&scoped)` |
//! | a `tsvector` column | `Entity::search(db, "web search", limit)`, ranked by `ts_rank` |
//! | a `vector(n)` column | `Entity::nearest(db, &embedding, k)`, by cosine distance `<=>` |
//!
//! Navigation to the parent is an inherent method; to the children it
//! cannot be, since the parent's macro does not know them: the child's
//! expansion implements a trait for the parent's `Model` instead, which the
//! caller imports. SeaORM's own `Entity::find()` and `delete_by_id` stay
//! available and know nothing of soft delete or scopes; the generated
//! helpers are the ones that do.
//!
//! ```no_run
//! mod workspaces {
//!     use hingecraft_runtime::prelude::*;
//!     #[table(name = "workspaces", module = "docs")]
//!     pub struct Workspace {
//!         #[hc(primary_key, default_sql = "gen_random_uuid()")]
//!         pub id: Uuid,
//!     }
//! }
//! mod users {
//!     use hingecraft_runtime::prelude::*;
//!     #[table(name = "users", module = "docs")]
//!     pub struct User {
//!         #[hc(primary_key, default_sql = "gen_random_uuid()")]
//!         pub id: Uuid,
//!         #[hc(unique)]
//!         pub email: String,
//!     }
//! }
//! mod notes {
//!     use hingecraft_runtime::prelude::*;
//!     #[table(name = "notes", module = "docs", soft_delete, versioned)]
//!     pub struct Note {
//!         #[hc(primary_key, default_sql = "gen_random_uuid()")]
//!         pub id: Uuid,
//!         #[hc(tenant, references = "workspaces")]
//!         pub workspace_id: Uuid,
//!         #[hc(references = "users")]
//!         pub author_id: Uuid,
//!         pub title: String,
//!         #[hc(sql_type = "tsvector")]
//!         pub search_vector: Option<String>,
//!         #[hc(default = 1)]
//!         pub version: i32,
//!         #[hc(default_sql = "now()")]
//!         pub created_at: DateTimeWithTimeZone,
//!         pub deleted_at: Option<DateTimeWithTimeZone>,
//!     }
//! }
//! use hingecraft_runtime::query::{Scope, ScopeKey, Scoped, VersionedError};
//! use notes::NotesOfAuthor as _;
//! use sea_orm::{ActiveValue::Set, IntoActiveModel};
//!
//! # async fn run(db: &sea_orm::DatabaseConnection, workspace: uuid::Uuid) -> Result<(), Box<dyn std::error::Error>> {
//! let user = users::Entity::find_by_email(db, "ada@example.com").await?.unwrap();
//! let key = ScopeKey::from_env()?;
//! let scoped = Scoped::begin(db, &key, Scope::workspace(workspace).user(user.id)).await?;
//! let page = notes::Entity::page_after(&scoped, None, 20).await?;
//! let hits = notes::Entity::search(&scoped, "rust macros", 10).await?;
//! let mine = user.notes(&scoped).await?; // children, through the imported trait
//! let note = &page[0];
//! assert_eq!(note.author(&scoped).await?.map(|u| u.id), Some(user.id));
//! let mut edit = note.clone().into_active_model();
//! edit.title = Set("edited".into());
//! match edit.update_versioned(&scoped).await {
//!     Ok(saved) => assert_eq!(saved.version, note.version + 1),
//!     Err(VersionedError::Conflict(c)) => eprintln!("{c}: read again"),
//!     Err(e) => return Err(e.into()),
//! }
//! note.soft_delete(&scoped).await?;
//! note.restore(&scoped).await?;
//! scoped.commit().await?;
//! # let _ = (hits, mine);
//! # Ok(()) }
//! # fn main() {}
//! ```

mod connect;
mod scoped;
mod search;
mod stale;
mod token;
mod versioned;

pub use connect::{ConnectError, PoolOptions, connect};
pub use scoped::Scoped;
pub use search::{nearest, search};
pub use stale::{STALE_VERSION_SQLSTATE, StaleVersion, stale_version};
pub use token::{DEFAULT_TOKEN_TTL, Scope, ScopeKey, ScopeKeyError, install_key};
pub use versioned::{VersionConflict, VersionedError, versioned_update};

use sea_orm::ConnectionTrait;
use uuid::Uuid;

/// The scope of a table that rows of one workspace or one user live in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tenant;

/// The scope of a table whose rows belong to no workspace or user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Global;

/// Which scope a table's helpers need; implemented by every generated `Entity`.
pub trait Tenancy {
    /// [`Tenant`] or [`Global`].
    type Scope;
}

/// A connection the helpers of a table of scope `S` accept: any connection
/// for [`Global`] tables, only a [`Scoped`] handle for [`Tenant`] ones.
pub trait ScopeFor<S>: ConnectionTrait {
    /// The workspace the connection is scoped to, if any.
    fn workspace(&self) -> Option<Uuid>;
}

impl<C: ConnectionTrait> ScopeFor<Global> for C {
    fn workspace(&self) -> Option<Uuid> {
        None
    }
}

impl ScopeFor<Tenant> for Scoped {
    fn workspace(&self) -> Option<Uuid> {
        Some(self.scope().workspace_id)
    }
}

/// The current time, as generated code stamps `deleted_at`: a bound value,
/// so that every backend stores the same type.
pub fn now() -> sea_orm::prelude::DateTimeWithTimeZone {
    chrono::Utc::now().fixed_offset()
}
