use hingecraft::prelude::*;

/// A quest of a campaign: an objective participants work towards, possibly
/// split into sub-quests, worth experience points when completed.
#[table(
    name = "campaign_quests",
    module = "codex",
    rls,
    timestamps,
    index(columns(campaign_id, sort_order))
)]
pub struct CampaignQuest {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The campaign; its quests go with it.
    #[hc(references = "campaigns", on_delete = "cascade")]
    pub campaign_id: Uuid,
    /// The quest this one is a step of; none for a top-level quest.
    /// Sub-quests go with their parent.
    #[hc(references = "campaign_quests", on_delete = "cascade", indexed)]
    pub parent_quest_id: Option<Uuid>,
    #[hc(max_len = 255)]
    pub title: String,
    pub description: Option<String>,
    /// `objective`: a goal of the campaign; `milestone`: a checkpoint on the
    /// way; `task`: one thing to do; `challenge`: an optional extra.
    #[hc(one_of("objective", "milestone", "task", "challenge"), default = "task")]
    pub quest_type: String,
    /// Where the quest stands.
    #[hc(
        one_of("locked", "available", "in_progress", "completed", "failed", "skipped"),
        default = "available",
        indexed
    )]
    pub status: String,
    /// Position among its siblings, from 0.
    #[hc(min = 0, default = 0)]
    pub sort_order: i32,
    /// Experience points a participant earns by completing it.
    #[hc(min = 0, default = 0)]
    pub xp_reward: i32,
    /// How completion is judged (`{"metric": "designs_published", "target": 3}`).
    #[hc(default = "{}")]
    pub success_criteria: Json,
    /// When the quest is due.
    pub due_at: Option<DateTimeWithTimeZone>,
    /// When the quest was completed.
    pub completed_at: Option<DateTimeWithTimeZone>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
