//! The master schema: ten layers from core extensions to webhooks, assets and
//! prompts. Tables so far: layer 02 (users and identity), 07 (environmental
//! impact), 08 (crypto treasury), 09 (learning and skills) and 10 (webhooks,
//! assets, prompts).

use hingecraft_schema::{Module, Stage};

tables!(
    users,
    user_profiles,
    user_identities,
    user_sessions,
    consents,
    kyc_verifications,
    // 07 environmental impact
    material_footprints,
    impact_metrics,
    sustainability_reports,
    // 08 crypto treasury
    wallets,
    treasury_accounts,
    transactions,
    donations,
    receipts,
    // 09 learning and skills
    skills,
    user_skills,
    learning_paths,
    learning_modules,
    enrollments,
    // 10 webhooks, assets, prompts
    webhooks,
    webhook_deliveries,
    assets,
    prompts,
    prompt_versions,
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
