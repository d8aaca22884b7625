//! The master schema: ten layers from core extensions to webhooks, assets and
//! prompts. Tables so far: layer 02, users and identity; layer 03, design
//! metadata; layer 04, community activity; layer 05, microfactory
//! integrations; layer 06, content contributions.

use hingecraft_schema::{Module, Stage};

tables!(
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
    contributions
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
