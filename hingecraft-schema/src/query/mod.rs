//! The runtime side of the typed query helpers that `#[table]` generates
//! per table: tenancy scopes, optimistic locking, keyset pagination, text
//! and vector search, and the connection helper for services.
//!
//! # Tenancy
//!
//! Row-level security (see [`harden`](mod@crate::harden), pass `rls`) reads
//! `app.workspace_id` and `app.user_id`. A [`Scoped`] handle is a
//! transaction that set both with `SET LOCAL` (`set_config(.., true)`), so
//! every statement run through it is bound by the policies, and the
//! settings end with the transaction, never leaking to the next user of a
//! pooled connection.
//!
//! Every generated entity implements [`Tenancy`]: tables with a `tenant`
//! or `owner` column have `Scope = `[`Tenant`], others [`Global`]. The
//! helpers of a tenant table are bounded by [`ScopeFor<Tenant>`], which
//! only [`Scoped`] implements: calling them with a bare connection does not
//! compile. Tenant helpers also filter on the tenant column themselves,
//! so a scope holds even where RLS does not bind (SQLite, a superuser).
//!
//! ```compile_fail
//! # use hingecraft_schema::query::{ScopeFor, Tenant};
//! fn needs_scope<C: ScopeFor<Tenant>>(_: &C) {}
//! let db = sea_orm::DatabaseConnection::default();
//! needs_scope(&db); // a bare connection is not a tenant scope
//! ```

mod connect;
mod scoped;
mod search;
mod versioned;

pub use connect::{ConnectError, PoolOptions, connect};
pub use scoped::{Scope, Scoped};
pub use search::{nearest, search};
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
