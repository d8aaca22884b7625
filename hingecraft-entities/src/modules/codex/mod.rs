//! The codex module (migrations 013 to 017 of the platform): workspaces, their
//! members and cohorts, positioning, campaigns, gamification, agents,
//! intelligence and alerts.
//!
//! - Base: `workspaces`, `workspace_members`, `cohorts`. A cohort is a
//!   rule-defined segment, not a member list.
//! - 013 positioning and campaigns: `positioning`, `message_architecture`,
//!   `campaigns`, `campaign_quests`, `campaign_cohorts`.
//! - 014 gamification: `achievements`, `user_achievements`, `user_stats`.
//! - 015 agent registry: `agent_registry` and `agent_capabilities` (global:
//!   readable by all, written by administrators), `agent_assignments`,
//!   `agent_performance` (an append-only execution log).
//! - 016 intelligence: `intelligence_signals`, `market_insights`, and
//!   `insight_signals` linking each insight to the signals it came from.
//! - 017 alerts: `system_alerts`, `user_notifications`.
//!
//! - The functions of 014 to 017, one file each in [`functions`]; the
//!   `update_experience_level` trigger keeps `user_stats.experience_level`
//!   in step with the points.
//!
//! Every other table is isolated by workspace, through its own
//! `workspace_id` or its parent's; `user_achievements`, `user_stats` and
//! `user_notifications` also by user.

pub mod views;

use hingecraft::model::{Table, Trigger, TriggerEvent, TriggerTiming};
use hingecraft::{Module, Stage};

pub mod functions;

hingecraft::tables!(
    workspaces,
    workspace_members,
    cohorts,
    // 013 positioning and campaigns
    positioning,
    message_architecture,
    campaigns,
    campaign_quests,
    campaign_cohorts,
    // 014 gamification
    achievements,
    user_achievements,
    user_stats,
    // 015 agent registry
    agent_registry,
    agent_capabilities,
    agent_assignments,
    agent_performance,
    // 016 intelligence
    intelligence_signals,
    market_insights,
    insight_signals,
    // 017 alerts
    system_alerts,
    user_notifications,
);

/// The codex module.
pub fn module() -> Module {
    Module {
        name: "codex".into(),
        stage: Stage::Prototype,
        doc: Some("Workspaces and the growth, gamification, agent, intelligence and alert features built on them.".into()),
        depends_on: vec!["master".into()],
        tables: tables().into_iter().map(with_triggers).collect(),
        functions: functions::functions(),
        views: vec![views::leaderboard()],
    }
}

/// The triggers the module's functions maintain, which the `#[table]`
/// attribute does not declare: the level of `user_stats` follows its points
/// on every write, whoever writes.
fn with_triggers(mut table: Table) -> Table {
    if table.name == "user_stats" {
        table.triggers.push(Trigger {
            name: "update_experience_level_user_stats".into(),
            timing: TriggerTiming::Before,
            events: vec![TriggerEvent::Insert, TriggerEvent::Update],
            function: "update_experience_level".into(),
        });
    }
    table
}
