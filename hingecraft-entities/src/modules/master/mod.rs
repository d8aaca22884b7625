//! The master schema: ten layers from core extensions to webhooks, assets and
//! prompts, each table tagged with its layer (`02_users_identity` to
//! `10_webhooks_assets_prompts`). Layer 01 (extensions and shared SQL helpers)
//! has no tables.

pub mod views;
use hingecraft::{Module, Stage};

hingecraft::tables!(
    users,
    user_profiles,
    user_identities,
    user_sessions,
    consents,
    kyc_verifications,
    // 03 design metadata
    designs,
    design_versions,
    design_assets,
    design_tags,
    design_collaborators,
    // 04 community activity
    chat_clubs,
    club_memberships,
    chat_messages,
    comments,
    reactions,
    engagement_events,
    // 05 microfactory integrations
    microfactories,
    production_projects,
    production_orders,
    production_events,
    // 06 content contributions
    articles,
    content,
    contributions,
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
        // Workspace-scoped tables reference codex's `workspaces` (and codex
        // depends on master's `users`): a cycle, which prototypes allow.
        depends_on: vec!["codex".into()],
        tables: tables(),
        functions: Vec::new(),
        views: vec![views::workspace_impact_summary()],
    }
}
