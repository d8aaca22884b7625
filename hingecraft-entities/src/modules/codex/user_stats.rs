use hingecraft::prelude::*;

/// A user's gamification totals in a workspace: experience points and the
/// level they give, achievements unlocked, quests completed, and how often
/// their moves succeed. One row per user per workspace, updated by many
/// writers at once: updates are checked against `version`.
#[table(
    name = "user_stats",
    module = "codex",
    versioned,
    timestamps,
    unique(workspace_id, user_id),
    index(columns(workspace_id, experience_points))
)]
pub struct UserStat {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The user.
    #[hc(owner, references = "users", entity = "crate::modules::master::users", on_delete = "cascade", indexed)]
    pub user_id: Uuid,
    /// Experience points earned (achievements, quests).
    #[hc(min = 0, default = 0)]
    pub experience_points: i64,
    /// Level reached, derived from `experience_points` by a trigger.
    #[hc(min = 1, default = 1)]
    pub experience_level: i32,
    /// When the user reached `experience_level`.
    pub level_reached_at: Option<DateTimeWithTimeZone>,
    /// Achievements unlocked.
    #[hc(min = 0, default = 0)]
    pub achievements_unlocked: i32,
    /// Quests completed.
    #[hc(min = 0, default = 0)]
    pub quests_completed: i32,
    /// Moves made: actions taken towards a quest, each a success or not.
    #[hc(min = 0, default = 0)]
    pub total_moves: i32,
    /// Moves that succeeded; at most `total_moves`.
    #[hc(min = 0, default = 0, check = "successful_moves <= total_moves")]
    pub successful_moves: i32,
    /// `successful_moves` as a percentage of `total_moves` (0 with no moves).
    #[hc(precision = 5, scale = 2, min = 0, max = 100, default_sql = "0")]
    pub move_success_rate: Decimal,
    /// Consecutive days with activity, up to today.
    #[hc(min = 0, default = 0)]
    pub current_streak_days: i32,
    /// The longest such run.
    #[hc(min = 0, default = 0)]
    pub longest_streak_days: i32,
    /// When the user last did something that counts.
    pub last_activity_at: Option<DateTimeWithTimeZone>,
    /// Optimistic-locking version, bumped on every update.
    #[hc(min = 1, default = 1)]
    pub version: i32,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
