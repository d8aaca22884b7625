//! The complete schema (seed 001): fourteen core tables declared again as one
//! flat, production-grade view of the platform, with what a consolidated
//! schema adds to them (compliance fields on donations and KYC, on-chain
//! references, Wix sync ids, raw analytics and the audit log). Every table
//! but `analytics_events` and `audit_logs` is also declared by the master
//! module; the production table is the union of both declarations, so each
//! column shared with master keeps master's definition.

use hingecraft::{Module, Stage};

hingecraft::tables!(
    users,
    consents,
    kyc_verifications,
    designs,
    assets,
    microfactories,
    wallets,
    transactions,
    donations,
    receipts,
    content,
    webhooks,
    analytics_events,
    audit_logs,
);

/// The complete-schema module.
pub fn module() -> Module {
    Module {
        name: "complete".into(),
        stage: Stage::Prototype,
        doc: Some(
            "The complete schema: fourteen core tables, a second view of users, donations, wallets and the rest, with raw analytics and the audit log."
                .into(),
        ),
        depends_on: vec!["master".into(), "codex".into()],
        tables: tables(),
        functions: Vec::new(),
        views: Vec::new(),
    }
}
