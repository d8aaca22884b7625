use hingecraft::prelude::*;

/// One execution of an agent in a workspace, appended by
/// `record_agent_execution()` and never updated: the log hourly and daily
/// metrics are aggregated from. Rows stay while their agent does: an agent
/// with recorded executions cannot be removed from the registry.
#[table(
    name = "agent_performance",
    module = "codex",
    partition_by = "created_at",
    primary_key(id, created_at),
    index(columns(workspace_id, agent_id, created_at)),
    index(columns(agent_id, created_at))
)]
pub struct AgentPerformance {
    #[hc(default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace it ran in.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The agent that ran.
    #[hc(references = "agent_registry", on_delete = "restrict")]
    pub agent_id: Uuid,
    /// The workspace's assignment it ran under, while that exists.
    #[hc(references = "agent_assignments", on_delete = "set null")]
    pub assignment_id: Option<Uuid>,
    /// The capability exercised, when known and while it exists.
    #[hc(references = "agent_capabilities", on_delete = "set null")]
    pub capability_id: Option<Uuid>,
    /// How the execution ended.
    #[hc(one_of("success", "failure", "timeout", "cancelled"))]
    pub status: String,
    /// When it started.
    pub started_at: Option<DateTimeWithTimeZone>,
    /// Run time, in milliseconds.
    #[hc(min = 0)]
    pub duration_ms: Option<i32>,
    /// Model tokens consumed.
    #[hc(min = 0)]
    pub tokens_used: Option<i64>,
    /// What the execution cost, in US dollars.
    #[hc(precision = 12, scale = 6, min = 0)]
    pub cost_usd: Option<Decimal>,
    /// Why it failed.
    pub error_message: Option<String>,
    /// Other measurements (items processed, quality score, retries).
    #[hc(default = "{}")]
    pub metrics: Json,
    /// When the execution was recorded; the key the log is partitioned by.
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
