use hingecraft::prelude::*;

/// A reusable prompt in a workspace's prompt library (design, content,
/// compliance, development, governance, onboarding). Its text lives in
/// numbered prompt versions.
#[table(
    name = "prompts",
    module = "master",
    layer = "10_webhooks_assets_prompts",
    soft_delete,
    timestamps,
    unique(workspace_id, slug)
)]
pub struct Prompt {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace whose library holds the prompt.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// Stable handle agents and pipelines call the prompt by, unique within
    /// the workspace.
    #[hc(max_len = 100, check = "slug ~ '^[a-z0-9][a-z0-9_.-]*$'")]
    pub slug: String,
    /// Name shown in the library.
    #[hc(max_len = 255)]
    pub name: String,
    /// What the prompt does and when to use it.
    pub description: Option<String>,
    /// The library section.
    #[hc(
        one_of("design", "content", "compliance", "development", "governance", "onboarding", "other"),
        default = "other",
        indexed
    )]
    pub category: String,
    /// The `version_number` of the version in use; empty until one is published.
    #[hc(min = 1)]
    pub current_version_number: Option<i32>,
    /// Who may use the prompt.
    #[hc(one_of("private", "workspace", "public"), default = "workspace")]
    pub visibility: String,
    /// Lifecycle of the prompt.
    #[hc(one_of("draft", "active", "deprecated", "archived"), default = "draft", indexed)]
    pub status: String,
    /// The user who created the prompt.
    #[hc(references = "users", on_delete = "set null")]
    pub created_by: Option<Uuid>,
    /// Free tags, as a JSON array of strings.
    #[hc(default = "[]")]
    pub tags: Json,
    /// Usage counters, owning agent, evaluation results.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
