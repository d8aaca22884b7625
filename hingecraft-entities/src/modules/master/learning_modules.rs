use hingecraft::prelude::*;

/// One step of a learning path: a lesson, video, exercise, quiz or project,
/// at its place in the path.
#[table(
    name = "learning_modules",
    module = "master",
    layer = "09_learning_skills",
    timestamps,
    rls,
    index(columns(learning_path_id, sort_order))
)]
pub struct LearningModule {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The path the module is part of.
    #[hc(references = "learning_paths", on_delete = "cascade")]
    pub learning_path_id: Uuid,
    /// Place of the module in its path, smallest first.
    #[hc(min = 0, default = 0)]
    pub sort_order: i32,
    /// Title shown to learners.
    #[hc(max_len = 255)]
    pub title: String,
    /// What the module asks of the learner.
    #[hc(
        one_of("article", "video", "exercise", "quiz", "project", "external"),
        default = "article"
    )]
    pub content_type: String,
    /// The lesson text (Markdown), for articles and exercises.
    pub body: Option<String>,
    /// Where the content lives, for videos and external material.
    pub content_url: Option<String>,
    /// The skill the module trains, when narrower than the path's.
    #[hc(references = "skills", on_delete = "set null", indexed)]
    pub skill_id: Option<Uuid>,
    /// Expected time to complete, in minutes.
    #[hc(min = 0)]
    pub estimated_minutes: Option<i32>,
    /// Whether the path can be completed without this module.
    #[hc(default = true)]
    pub is_required: bool,
    /// Lifecycle of the module.
    #[hc(one_of("draft", "published", "archived"), default = "draft")]
    pub status: String,
    /// Quiz questions, pass mark, attachments.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
