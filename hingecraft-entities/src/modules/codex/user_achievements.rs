use hingecraft::prelude::*;

/// A user's progress towards an achievement of the workspace, and when they
/// unlocked it: one row per user per achievement, so unlocking twice changes
/// nothing.
#[table(
    name = "user_achievements",
    module = "codex",
    timestamps,
    unique(user_id, achievement_id),
    index(columns(workspace_id, user_id, status))
)]
pub struct UserAchievement {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace, the achievement's own.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The user.
    #[hc(owner, references = "users", entity = "crate::modules::master::users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// The achievement. It cannot be deleted once users have made progress
    /// on it; retire it with `is_active` instead.
    #[hc(references = "achievements", on_delete = "restrict", indexed)]
    pub achievement_id: Uuid,
    /// `unlocked` once `progress` reached the achievement's target.
    #[hc(
        one_of("in_progress", "unlocked"),
        default = "in_progress",
        check = "(status = 'unlocked') = (unlocked_at IS NOT NULL)"
    )]
    pub status: String,
    /// Progress towards the achievement's `target_value`.
    #[hc(min = 0, default = 0)]
    pub progress: i32,
    /// When the user unlocked it.
    pub unlocked_at: Option<DateTimeWithTimeZone>,
    /// Experience points the unlock gave, as the achievement was worth then.
    #[hc(min = 0, default = 0)]
    pub points_awarded: i32,
    /// What triggered the unlock (the campaign, quest or event).
    #[hc(default = "{}")]
    pub context: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
