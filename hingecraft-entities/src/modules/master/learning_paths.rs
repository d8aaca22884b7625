use hingecraft::prelude::*;

/// A course a workspace authors: an ordered series of learning modules
/// that teaches a skill.
#[table(
    name = "learning_paths",
    module = "master",
    layer = "09_learning_skills",
    soft_delete,
    timestamps,
    unique(workspace_id, slug)
)]
pub struct LearningPath {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The authoring workspace.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// URL handle, unique within the workspace.
    #[hc(max_len = 100, check = "slug ~ '^[a-z0-9][a-z0-9-]*$'")]
    pub slug: String,
    /// Title shown to learners.
    #[hc(max_len = 255)]
    pub title: String,
    /// What the learner will be able to do afterwards.
    pub description: Option<String>,
    /// The main skill taught.
    #[hc(references = "skills", on_delete = "set null", indexed)]
    pub skill_id: Option<Uuid>,
    /// Level the path is written for.
    #[hc(one_of("beginner", "intermediate", "advanced"), default = "beginner")]
    pub difficulty: String,
    /// Expected time to complete, in minutes.
    #[hc(min = 0)]
    pub estimated_minutes: Option<i32>,
    /// Who can enrol.
    #[hc(one_of("private", "workspace", "public"), default = "workspace")]
    pub visibility: String,
    /// Lifecycle of the path.
    #[hc(one_of("draft", "published", "archived"), default = "draft", indexed)]
    pub status: String,
    /// The user who wrote the path.
    #[hc(references = "users", on_delete = "set null")]
    pub author_id: Option<Uuid>,
    /// When the path was first published.
    pub published_at: Option<DateTimeWithTimeZone>,
    /// Cover image, prerequisites, tags.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
