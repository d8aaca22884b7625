use hingecraft::prelude::*;

/// The platform's agents, one row each: what the agent does, the guild it
/// belongs to and whether it may run. Global, with no workspace: every
/// session reads it, administrators write it. Workspaces enable agents in
/// `agent_assignments`.
#[table(name = "agent_registry", module = "codex", audit, timestamps)]
pub struct AgentRegistry {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// Stable key code and configuration refer to (`market-scout`).
    #[hc(unique, max_len = 100, check = "agent_key ~ '^[a-z0-9][a-z0-9_-]*$'")]
    pub agent_key: String,
    /// Name shown to members.
    #[hc(max_len = 255)]
    pub name: String,
    /// What the agent is for.
    pub description: Option<String>,
    /// The agent's kind of work.
    #[hc(
        one_of("strategist", "analyst", "creator", "operator", "monitor", "orchestrator"),
        indexed
    )]
    pub agent_type: String,
    /// The guild (team of agents) it belongs to, a lower-case key
    /// (`growth`, `intelligence`).
    #[hc(max_len = 50, indexed, check = "guild ~ '^[a-z0-9][a-z0-9_-]*$'")]
    pub guild: String,
    /// `beta`: assignable to opted-in workspaces; `deprecated`: still runs
    /// where assigned, no new assignments; `disabled`: does not run.
    #[hc(one_of("active", "beta", "deprecated", "disabled"), default = "active", indexed)]
    pub status: String,
    /// The agent's own release (`1.4.0`).
    #[hc(max_len = 50)]
    pub agent_version: Option<String>,
    /// Default settings (model, prompts, limits), overridden per workspace
    /// by `agent_assignments.config`.
    #[hc(default = "{}")]
    pub config: Json,
    /// JSON Schema of the agent's input.
    #[hc(default = "{}")]
    pub input_schema: Json,
    /// JSON Schema of the agent's output.
    #[hc(default = "{}")]
    pub output_schema: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
