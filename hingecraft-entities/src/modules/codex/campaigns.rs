use hingecraft::prelude::*;

/// A campaign: a time-boxed push towards one objective, aimed at cohorts,
/// built on a positioning and its messaging, broken down into quests.
#[table(
    name = "campaigns",
    module = "codex",
    audit,
    soft_delete,
    timestamps,
    index(columns(workspace_id, status)),
    index(columns(workspace_id, starts_at))
)]
pub struct Campaign {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The positioning the campaign carries out, if any; the campaign
    /// stays when the positioning is deleted.
    #[hc(references = "positioning", on_delete = "set null", indexed)]
    pub positioning_id: Option<Uuid>,
    /// The messaging the campaign's copy follows, if any.
    #[hc(references = "message_architecture", on_delete = "set null", indexed)]
    pub message_architecture_id: Option<Uuid>,
    /// Name shown to members.
    #[hc(max_len = 255)]
    pub name: String,
    pub description: Option<String>,
    /// What the campaign is meant to achieve.
    #[hc(
        one_of("awareness", "acquisition", "activation", "engagement", "retention", "referral", "launch"),
        default = "engagement"
    )]
    pub objective: String,
    /// Lifecycle: drafted, scheduled for `starts_at`, running, paused, then
    /// completed or cancelled.
    #[hc(
        one_of("draft", "scheduled", "active", "paused", "completed", "cancelled"),
        default = "draft"
    )]
    pub status: String,
    /// When the campaign starts (or started).
    pub starts_at: Option<DateTimeWithTimeZone>,
    /// When the campaign ends; not before it starts.
    #[hc(check = "ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at")]
    pub ends_at: Option<DateTimeWithTimeZone>,
    /// Budget, in minor units of `currency`.
    #[hc(min = 0)]
    pub budget_cents: Option<i64>,
    /// Spent so far, in minor units of `currency`.
    #[hc(min = 0, default = 0)]
    pub spent_cents: i64,
    /// ISO 4217 currency of the amounts.
    #[hc(max_len = 3, default = "USD", check = "currency ~ '^[A-Z]{3}$'")]
    pub currency: String,
    /// The key results aimed for (`{"signups": 500, "activation_rate": 0.4}`).
    #[hc(default = "{}")]
    pub target_metrics: Json,
    /// The key results measured, same keys as `target_metrics`.
    #[hc(default = "{}")]
    pub results: Json,
    /// Channels, creative references, tracking parameters.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
