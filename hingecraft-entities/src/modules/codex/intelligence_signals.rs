use hingecraft::prelude::*;

/// A market signal picked up for a workspace (a competitor's launch, a
/// trend in searches, a pattern in customer feedback), with how far it can
/// be trusted and whether anyone has looked at it yet. Signals are
/// synthesised into `market_insights`.
#[table(
    name = "intelligence_signals",
    module = "codex",
    timestamps,
    index(columns(workspace_id, status, confidence_score)),
    index(columns(workspace_id, category)),
    index(columns(workspace_id, detected_at))
)]
pub struct IntelligenceSignal {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// Where the signal came from.
    #[hc(one_of(
        "web",
        "news",
        "social",
        "search",
        "competitor",
        "customer_feedback",
        "internal",
        "agent",
        "manual"
    ))]
    pub source_type: String,
    /// The publication, account or system it came from.
    #[hc(max_len = 255)]
    pub source_name: Option<String>,
    /// Link to the source.
    pub source_url: Option<String>,
    /// The agent that detected it, if one did and it still exists.
    #[hc(references = "agent_registry", on_delete = "set null", indexed)]
    pub agent_id: Option<Uuid>,
    /// What the signal is about.
    #[hc(one_of(
        "market_trend",
        "competitor",
        "customer",
        "technology",
        "regulatory",
        "pricing",
        "partnership",
        "other"
    ))]
    pub category: String,
    #[hc(max_len = 500)]
    pub title: String,
    /// What was observed.
    pub summary: Option<String>,
    /// How far the signal can be trusted, from 0 to 1.
    #[hc(precision = 5, scale = 4, min = 0, max = 1, default_sql = "0.5")]
    pub confidence_score: Decimal,
    /// How the signal reads for the workspace, from -1 (bad news) to 1
    /// (good news).
    #[hc(precision = 5, scale = 4, min = -1, max = 1)]
    pub sentiment: Option<Decimal>,
    /// How urgently it should be looked at.
    #[hc(one_of("low", "medium", "high", "critical"), default = "medium")]
    pub priority: String,
    /// `new`: nobody has reviewed it; `synthesized`: part of an insight.
    #[hc(
        one_of("new", "reviewed", "synthesized", "dismissed", "archived"),
        default = "new"
    )]
    pub status: String,
    /// The member who reviewed it, if they still exist.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub reviewed_by: Option<Uuid>,
    pub reviewed_at: Option<DateTimeWithTimeZone>,
    /// When the signal was observed at its source.
    #[hc(default_sql = "now()")]
    pub detected_at: DateTimeWithTimeZone,
    /// After this the signal is stale.
    pub expires_at: Option<DateTimeWithTimeZone>,
    /// The captured data as received (excerpt, figures, post).
    #[hc(default = "{}")]
    pub raw_data: Json,
    /// Keywords, as a JSON array of strings.
    #[hc(default = "[]")]
    pub tags: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
