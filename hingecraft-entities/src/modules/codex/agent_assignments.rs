use hingecraft::prelude::*;

/// An agent of the registry enabled in a workspace, with the workspace's own
/// settings for it and running totals of its executions there (kept by
/// `record_agent_execution()`). One row per agent per workspace.
#[table(
    name = "agent_assignments",
    module = "codex",
    audit,
    timestamps,
    unique(workspace_id, agent_id),
    index(columns(workspace_id, status))
)]
pub struct AgentAssignment {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The agent; assignments of an agent removed from the registry go with it.
    #[hc(references = "agent_registry", on_delete = "cascade", indexed)]
    pub agent_id: Uuid,
    /// `paused`: kept but not run; `revoked`: switched off for good.
    #[hc(one_of("active", "paused", "revoked"), default = "active")]
    pub status: String,
    /// Settings for this workspace, over the registry's `config`.
    #[hc(default = "{}")]
    pub config: Json,
    /// When to run on its own, as a cron expression; none: on demand only.
    #[hc(max_len = 100)]
    pub schedule: Option<String>,
    /// Executions recorded in the workspace.
    #[hc(min = 0, default = 0)]
    pub execution_count: i64,
    /// Of which succeeded.
    #[hc(min = 0, default = 0)]
    pub success_count: i64,
    /// Of which failed, timed out or were cancelled.
    #[hc(min = 0, default = 0, check = "success_count + failure_count <= execution_count")]
    pub failure_count: i64,
    /// Mean run time of the recorded executions, in milliseconds.
    #[hc(min = 0)]
    pub avg_duration_ms: Option<i32>,
    /// When it last ran in the workspace.
    pub last_executed_at: Option<DateTimeWithTimeZone>,
    /// The member who enabled it, if they still exist.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub assigned_by: Option<Uuid>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
