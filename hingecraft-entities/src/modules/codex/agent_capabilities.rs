use hingecraft::prelude::*;

/// One ability of an agent of the registry, and how well the agent performs
/// it across the platform. Global like the registry: readable by every
/// session, written by administrators.
#[table(
    name = "agent_capabilities",
    module = "codex",
    timestamps,
    unique(agent_id, capability_key)
)]
pub struct AgentCapability {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The agent; its capabilities go with it.
    #[hc(references = "agent_registry", on_delete = "cascade")]
    pub agent_id: Uuid,
    /// Stable key of the capability, unique for the agent (`summarise-signals`).
    #[hc(max_len = 100, check = "capability_key ~ '^[a-z0-9][a-z0-9_-]*$'")]
    pub capability_key: String,
    /// Name shown to members.
    #[hc(max_len = 255)]
    pub name: String,
    pub description: Option<String>,
    /// The area the capability belongs to.
    #[hc(
        one_of("research", "analysis", "content", "outreach", "automation", "monitoring", "planning"),
        indexed
    )]
    pub category: String,
    /// How well the agent does it, 0 to 100, as last benchmarked.
    #[hc(min = 0, max = 100)]
    pub proficiency: Option<i16>,
    /// Share of runs of this capability that succeed, in percent.
    #[hc(precision = 5, scale = 2, min = 0, max = 100)]
    pub success_rate: Option<Decimal>,
    /// Typical run time, in milliseconds.
    #[hc(min = 0)]
    pub avg_duration_ms: Option<i32>,
    /// JSON Schema of the capability's input, when it differs from the agent's.
    #[hc(default = "{}")]
    pub input_schema: Json,
    /// Whether the agent offers the capability now.
    #[hc(default = true)]
    pub is_enabled: bool,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
