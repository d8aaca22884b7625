//! The codex module (migrations 013 to 017 of the platform): workspaces, their
//! members and cohorts, positioning, campaigns, gamification, agents,
//! intelligence and alerts. Tables so far: the workspace base.

use hingecraft_schema::{Module, Stage};

tables!(workspaces, workspace_members);

/// The codex module.
pub fn module() -> Module {
    Module {
        name: "codex".into(),
        stage: Stage::Prototype,
        doc: Some("Workspaces and the growth, gamification, agent, intelligence and alert features built on them.".into()),
        depends_on: vec!["master".into()],
        tables: tables(),
    }
}
