//! The master schema: ten layers from core extensions to webhooks, assets and
//! prompts. Tables so far: layer 02, users and identity.

use hingecraft_schema::{Module, Stage};

tables!(
    users,
    user_profiles,
    user_identities,
    user_sessions,
    consents,
    kyc_verifications
);

/// The master module.
pub fn module() -> Module {
    Module {
        name: "master".into(),
        stage: Stage::Prototype,
        doc: Some("The platform's master schema, in ten layers.".into()),
        depends_on: Vec::new(),
        tables: tables(),
    }
}
