//! Hardening: a merged schema made ready for production Postgres.
//!
//! [`harden`] runs one pass per concern, each in its own module, in this
//! order (the order of [`Pass`]):
//!
//! 1. function hygiene: extensions in the extensions schema (`extensions`
//!    by default), a fixed `search_path` on every function
//!    ([`function_hygiene`]);
//! 2. system columns: `created_at`, `updated_at`, `created_by`,
//!    `updated_by`, `deleted_at`, `version` ([`system_columns`]);
//! 3. partitions: the partition column in every key of a partitioned
//!    table, `create_monthly_partitions()` ([`partitions`]);
//! 4. Wix fields (off in production) ([`wix`]);
//! 5. audit: the audit table (`audit_logs` by default), `audit_changes()`,
//!    `audit_<table>` ([`audit`]);
//! 6. constraints: `version >= 1`, tenant columns NOT NULL ([`constraints`]);
//! 7. query indexes, and soft-delete unique indexes ([`query_indexes`]);
//! 8. foreign key indexes ([`fk_indexes`]);
//! 9. views: `refresh_<view>()` for materialized views ([`views`]);
//! 10. row-level security and policies ([`rls`]), reading the session's
//!     verified scope ([`scope`]: the key table and the functions that
//!     verify and read a signed token, added before the first pass that
//!     needs them);
//! 11. triggers: `set_updated_at()`, `optimistic_lock()` ([`triggers`]);
//! 12. comments for what hardening manages ([`comments`]).
//!
//! Later passes work on what earlier ones added: the audit log gets its
//! indexes, row-level security and docs like any table.
//!
//! # Guarantees
//!
//! - Additive: a pass adds what is missing and never changes what a table
//!   declares, with three reported exceptions: a nullable tenant column
//!   becomes NOT NULL, on soft-deleted tables a UNIQUE constraint
//!   becomes a unique index of the same name `WHERE deleted_at IS NULL`,
//!   and a partitioned table's keys get its partition column.
//!   Outside tables, an extension declared in `public` moves to the
//!   extensions schema, and a function without a `search_path` gets one.
//!   A declared column, function or policy is kept as declared even where
//!   hardening would have made it differently (the report says so).
//! - Idempotent: every pass recognises what it added by name, so
//!   `harden(harden(s)) == harden(s)` exactly (with the same
//!   conventions), and the second report has no [`Action`] (its findings
//!   describe the schema again).
//! - Deterministic: passes walk tables in schema order and add to each
//!   table in a fixed order; what they add where order carries no meaning
//!   (indexes) is sorted by name, and the report is sorted.
//! - A pass turned off in the [`HardeningProfile`] adds nothing of its kind.
//!
//! # Conventions
//!
//! The names a project's database uses for what hardening creates or reads
//! are its [`Conventions`]: the audit table, the schema extensions go into,
//! the setting holding the signed scope token, the key table, the
//! functions verifying and reading the scope, and the membership table.
//! [`harden`] uses their defaults (the names these docs give:
//! `audit_logs`, `extensions`, `app.scope`, `scope_keys`,
//! `verified_scope()`, `scope_workspace_id()`, `workspace_members`...);
//! [`harden_with`] a project's own.
//!
//! # What the database needs
//!
//! Postgres 13 or later (`gen_random_uuid()` is built in), pgcrypto (its
//! `hmac` verifies tokens; hardening adds the extension), a key in the key
//! table, and the application setting a token signed with that key with
//! `SET LOCAL` in each transaction: see [`scope`] for the token, [`rls`]
//! for how policies read it, [`triggers`] for the optimistic-locking
//! contract, and `docs/security.md` for the threat model.

pub mod audit;
pub mod comments;
pub mod constraints;
pub mod fk_indexes;
pub mod function_hygiene;
pub mod names;
pub mod partitions;
pub mod query_indexes;
mod report;
pub mod rls;
pub mod scope;
mod support;
pub mod system_columns;
pub mod triggers;
pub mod views;
pub mod wix;

use serde::{Deserialize, Serialize};

pub use report::{Action, ActionKind, Finding, FindingKind, HardeningReport, ObjectKind, Pass};

use crate::model::{Conventions, Schema};
use report::Recorder;

/// Which hardening passes run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HardeningProfile {
    /// `created_at`/`updated_at`/actors, `deleted_at`, `version` columns.
    pub system_columns: bool,
    /// `version >= 1` checks, tenant columns NOT NULL.
    pub constraints: bool,
    /// An index behind every foreign key.
    pub fk_indexes: bool,
    /// Status, JSONB and trigram indexes; soft-delete unique indexes.
    pub query_indexes: bool,
    /// Row-level security (enabled and forced) and policies.
    pub rls: bool,
    /// The audit log, its trigger function and the audit triggers.
    pub audit: bool,
    /// `updated_at` and optimistic-locking triggers.
    pub triggers: bool,
    /// Docs for what hardening manages; undocumented objects reported.
    pub comments: bool,
    /// Extensions in their own schema; a fixed `search_path` on functions.
    pub function_hygiene: bool,
    /// Wix system fields kept in sync by triggers.
    pub wix: bool,
    /// Partition columns in the keys of partitioned tables; the function
    /// adding monthly partitions.
    #[serde(default)]
    pub partitions: bool,
    /// Refresh functions for materialized views.
    #[serde(default)]
    pub views: bool,
}

impl HardeningProfile {
    /// Everything a production database needs: every pass but Wix.
    pub fn production() -> Self {
        Self {
            wix: false,
            ..Self::all()
        }
    }

    /// Every pass, Wix included.
    pub fn all() -> Self {
        Self {
            system_columns: true,
            constraints: true,
            fk_indexes: true,
            query_indexes: true,
            rls: true,
            audit: true,
            triggers: true,
            comments: true,
            function_hygiene: true,
            wix: true,
            partitions: true,
            views: true,
        }
    }

    /// No pass: [`harden`] returns the schema unchanged.
    pub fn none() -> Self {
        Self {
            system_columns: false,
            constraints: false,
            fk_indexes: false,
            query_indexes: false,
            rls: false,
            audit: false,
            triggers: false,
            comments: false,
            function_hygiene: false,
            wix: false,
            partitions: false,
            views: false,
        }
    }

    /// Whether a pass runs.
    pub fn runs(&self, pass: Pass) -> bool {
        match pass {
            Pass::FunctionHygiene => self.function_hygiene,
            Pass::SystemColumns => self.system_columns,
            Pass::Wix => self.wix,
            Pass::Audit => self.audit,
            Pass::Constraints => self.constraints,
            Pass::QueryIndexes => self.query_indexes,
            Pass::FkIndexes => self.fk_indexes,
            Pass::Rls => self.rls,
            Pass::Triggers => self.triggers,
            Pass::Comments => self.comments,
            Pass::Partitions => self.partitions,
            Pass::Views => self.views,
        }
    }

    /// This profile with one pass turned on or off.
    #[must_use]
    pub fn with(mut self, pass: Pass, on: bool) -> Self {
        let flag = match pass {
            Pass::FunctionHygiene => &mut self.function_hygiene,
            Pass::SystemColumns => &mut self.system_columns,
            Pass::Wix => &mut self.wix,
            Pass::Audit => &mut self.audit,
            Pass::Constraints => &mut self.constraints,
            Pass::QueryIndexes => &mut self.query_indexes,
            Pass::FkIndexes => &mut self.fk_indexes,
            Pass::Rls => &mut self.rls,
            Pass::Triggers => &mut self.triggers,
            Pass::Comments => &mut self.comments,
            Pass::Partitions => &mut self.partitions,
            Pass::Views => &mut self.views,
        };
        *flag = on;
        self
    }
}

/// Every pass, in the order [`harden`] runs them.
pub const PASSES: [Pass; 12] = [
    Pass::FunctionHygiene,
    Pass::SystemColumns,
    Pass::Partitions,
    Pass::Wix,
    Pass::Audit,
    Pass::Constraints,
    Pass::QueryIndexes,
    Pass::FkIndexes,
    Pass::Views,
    Pass::Rls,
    Pass::Triggers,
    Pass::Comments,
];

/// Hardens a schema for production Postgres: the passes of `profile`, in
/// the order of [`PASSES`], with the default [`Conventions`]. Returns the
/// schema and what was done to it.
pub fn harden(schema: Schema, profile: &HardeningProfile) -> (Schema, HardeningReport) {
    harden_with(schema, profile, &Conventions::default())
}

/// Hardens a schema for production Postgres like [`harden`], with the names
/// of `conventions`: the audit table, the extensions' schema, the session
/// settings and the administrator role. Returns the schema and what was
/// done to it.
pub fn harden_with(
    mut schema: Schema,
    profile: &HardeningProfile,
    conventions: &Conventions,
) -> (Schema, HardeningReport) {
    let mut report = HardeningReport::default();
    // The session's verified scope (the key table and the functions that
    // verify and read the token) comes before every pass: policies read it,
    // and so do the audit trigger and the refresh functions. Reported under
    // the first of those passes that runs.
    let materialized = schema.views.iter().any(|v| v.materialized);
    let protected = schema.tables.iter().any(|t| !t.flags.public);
    let audited = schema.tables.iter().any(|t| t.flags.audit);
    let needs_scope = [
        (Pass::Rls, profile.rls && protected),
        (Pass::Audit, profile.audit && audited),
        (Pass::Views, profile.views && materialized),
    ];
    if let Some((pass, _)) = needs_scope.into_iter().find(|(_, on)| *on) {
        scope::ensure(
            &mut schema,
            &mut Recorder {
                report: &mut report,
                pass,
                conventions,
            },
        );
    }
    for pass in PASSES {
        if !profile.runs(pass) {
            continue;
        }
        let run = match pass {
            Pass::FunctionHygiene => function_hygiene::run,
            Pass::SystemColumns => system_columns::run,
            Pass::Wix => wix::run,
            Pass::Audit => audit::run,
            Pass::Constraints => constraints::run,
            Pass::QueryIndexes => query_indexes::run,
            Pass::FkIndexes => fk_indexes::run,
            Pass::Rls => rls::run,
            Pass::Triggers => triggers::run,
            Pass::Comments => comments::run,
            Pass::Partitions => partitions::run,
            Pass::Views => views::run,
        };
        run(
            &mut schema,
            &mut Recorder {
                report: &mut report,
                pass,
                conventions,
            },
        );
    }
    report.sort();
    (schema, report)
}
