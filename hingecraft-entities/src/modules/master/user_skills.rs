use hingecraft::prelude::*;

/// A skill a user has, at a level, and how that level is known (self-reported,
/// assessed, earned by completing a learning path, endorsed).
#[table(
    name = "user_skills",
    module = "master",
    layer = "09_learning_skills",
    timestamps,
    unique(user_id, skill_id)
)]
pub struct UserSkill {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The user.
    #[hc(owner, references = "users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// The skill.
    #[hc(references = "skills", on_delete = "cascade", indexed)]
    pub skill_id: Uuid,
    /// How good the user is at it.
    #[hc(one_of("beginner", "intermediate", "advanced", "expert"), default = "beginner")]
    pub level: String,
    /// How the level was established.
    #[hc(
        one_of("self_reported", "assessment", "course_completion", "endorsement"),
        default = "self_reported"
    )]
    pub source: String,
    /// Experience points earned in the skill.
    #[hc(min = 0, default = 0)]
    pub experience_points: i32,
    /// How many other users endorsed the skill.
    #[hc(min = 0, default = 0)]
    pub endorsement_count: i32,
    /// When an assessment or a completion confirmed the level.
    pub verified_at: Option<DateTimeWithTimeZone>,
    /// Whether the skill shows on the user's public profile.
    #[hc(default = true)]
    pub is_visible: bool,
    /// Evidence (project links, certificate ids).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
