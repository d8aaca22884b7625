use hingecraft::prelude::*;

/// An insight synthesised from intelligence signals: what they mean for the
/// workspace, how sure it is, and what to do about it. The signals behind
/// it are listed in `insight_signals`.
#[table(
    name = "market_insights",
    module = "codex",
    timestamps,
    index(columns(workspace_id, status, confidence_score)),
    index(columns(workspace_id, insight_type))
)]
pub struct MarketInsight {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    #[hc(max_len = 500)]
    pub title: String,
    /// The insight, stated.
    pub summary: String,
    /// What kind of insight it is.
    #[hc(one_of("trend", "opportunity", "threat", "competitive", "customer", "pricing"))]
    pub insight_type: String,
    /// How much it matters to the workspace.
    #[hc(one_of("low", "medium", "high", "critical"), default = "medium")]
    pub impact: String,
    /// How sure the insight is, from 0 to 1; by default the mean confidence
    /// of its signals.
    #[hc(precision = 5, scale = 4, min = 0, max = 1, default_sql = "0")]
    pub confidence_score: Decimal,
    /// How many signals it was synthesised from.
    #[hc(min = 0, default = 0)]
    pub signal_count: i32,
    /// Suggested actions, as a JSON array of `{action, owner, due}`.
    #[hc(default = "[]")]
    pub recommendations: Json,
    /// `active`: current, shown by `get_active_insights()`; `actioned`:
    /// acted on; `expired`: past `expires_at`.
    #[hc(one_of("draft", "active", "actioned", "expired", "archived"), default = "active")]
    pub status: String,
    /// The campaign acting on it, if any and while it exists.
    #[hc(references = "campaigns", on_delete = "set null", indexed)]
    pub campaign_id: Option<Uuid>,
    /// From when it holds.
    #[hc(default_sql = "now()")]
    pub valid_from: DateTimeWithTimeZone,
    /// Until when it holds; none: until archived.
    #[hc(check = "expires_at IS NULL OR expires_at > valid_from")]
    pub expires_at: Option<DateTimeWithTimeZone>,
    /// How it was synthesised (agent, method, parameters).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
