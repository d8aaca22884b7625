use hingecraft::prelude::*;

/// One numbered version of a prompt: its template, the variables it takes
/// and the model settings it was written for. The template of a published
/// version is not edited; a change is a new version.
#[table(
    name = "prompt_versions",
    module = "master",
    layer = "10_webhooks_assets_prompts",
    timestamps,
    rls,
    unique(prompt_id, version_number)
)]
pub struct PromptVersion {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The prompt this is a version of.
    #[hc(references = "prompts", on_delete = "cascade")]
    pub prompt_id: Uuid,
    /// Version number, from 1, increasing within the prompt.
    #[hc(min = 1)]
    pub version_number: i32,
    /// The prompt text, with `{{variable}}` placeholders.
    pub template: String,
    /// Instructions sent as the system message, if the prompt has one.
    pub system_prompt: Option<String>,
    /// The variables the template takes, with types and descriptions.
    #[hc(default = "[]")]
    pub variables: Json,
    /// The model the version was written and tested for.
    #[hc(max_len = 100)]
    pub model: Option<String>,
    /// Model settings (temperature, maximum tokens).
    #[hc(default = "{}")]
    pub parameters: Json,
    /// What changed from the previous version.
    pub changelog: Option<String>,
    /// Lifecycle of the version.
    #[hc(one_of("draft", "published", "retired"), default = "draft")]
    pub status: String,
    /// The user who wrote the version.
    #[hc(references = "users", on_delete = "set null")]
    pub created_by: Option<Uuid>,
    /// When the version was published.
    pub published_at: Option<DateTimeWithTimeZone>,
    /// Evaluation scores, sample outputs.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
