use hingecraft::prelude::*;

/// A badge a workspace awards: what earns it, its tier and rarity, and the
/// experience points it is worth. Users' progress towards it is in
/// `user_achievements`.
#[table(
    name = "achievements",
    module = "codex",
    timestamps,
    unique(workspace_id, code),
    index(columns(workspace_id, category))
)]
pub struct Achievement {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// Stable key the application and the unlock rules refer to
    /// (`first-campaign`, `ten-quests`), unique in the workspace.
    #[hc(max_len = 100, check = "code ~ '^[a-z0-9][a-z0-9_-]*$'")]
    pub code: String,
    /// Name shown on the badge.
    #[hc(max_len = 255)]
    pub name: String,
    pub description: Option<String>,
    /// What kind of activity earns it.
    #[hc(
        one_of("campaigns", "quests", "community", "learning", "creation", "streak", "milestone"),
        default = "milestone"
    )]
    pub category: String,
    /// Level of the badge within its series.
    #[hc(one_of("bronze", "silver", "gold", "platinum"), default = "bronze")]
    pub tier: String,
    /// How rare the badge is meant to be.
    #[hc(one_of("common", "uncommon", "rare", "epic", "legendary"), default = "common")]
    pub rarity: String,
    /// Experience points added to the user's stats when unlocked.
    #[hc(min = 0, default = 0)]
    pub points: i32,
    /// The progress value that unlocks it (`progress` in
    /// `user_achievements`); 1 for a one-off achievement.
    #[hc(min = 1, default = 1)]
    pub target_value: i32,
    /// How progress is measured (`{"metric": "quests_completed"}`).
    #[hc(default = "{}")]
    pub criteria: Json,
    /// Badge image.
    pub icon_url: Option<String>,
    /// Hidden until unlocked.
    #[hc(default = false)]
    pub is_secret: bool,
    /// Retired badges stay on the users who have them but can no longer be
    /// unlocked.
    #[hc(default = true)]
    pub is_active: bool,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
