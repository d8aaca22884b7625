use hingecraft::prelude::*;

/// A user's enrolment in a learning path, and how far they have got.
#[table(
    name = "enrollments",
    module = "master",
    layer = "09_learning_skills",
    timestamps,
    unique(user_id, learning_path_id)
)]
pub struct Enrollment {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The learner.
    #[hc(owner, references = "users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// The path followed.
    #[hc(references = "learning_paths", on_delete = "cascade", indexed)]
    pub learning_path_id: Uuid,
    /// Where the learner stands.
    #[hc(one_of("enrolled", "in_progress", "completed", "dropped"), default = "enrolled", indexed)]
    pub status: String,
    /// Share of required modules completed, in percent.
    #[hc(min = 0, max = 100, default = 0)]
    pub progress_percent: i16,
    /// The module the learner is on.
    #[hc(references = "learning_modules", on_delete = "set null")]
    pub current_module_id: Option<Uuid>,
    /// Ids of the modules completed, as a JSON array.
    #[hc(default = "[]")]
    pub completed_module_ids: Json,
    /// When the learner opened the first module.
    pub started_at: Option<DateTimeWithTimeZone>,
    /// When the learner finished the path.
    pub completed_at: Option<DateTimeWithTimeZone>,
    /// When the learner last did anything in the path.
    pub last_activity_at: Option<DateTimeWithTimeZone>,
    /// Quiz scores, certificate reference.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
