use hingecraft::prelude::*;

/// A piece of knowledge content of a workspace: a guide, tutorial,
/// documentation page, FAQ, policy or imported document. The knowledge base
/// splits published items into chunks for retrieval.
#[table(
    name = "content",
    module = "master",
    layer = "06_content_contributions",
    soft_delete,
    timestamps,
    unique(workspace_id, slug)
)]
pub struct Content {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the content belongs to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The member who wrote or imported it, if they still exist.
    #[hc(references = "users", on_delete = "set null", indexed)]
    pub created_by: Option<Uuid>,
    /// URL handle, unique within the workspace.
    #[hc(max_len = 160, check = "slug ~ '^[a-z0-9][a-z0-9-]*$'")]
    pub slug: String,
    #[hc(max_len = 255)]
    pub title: String,
    /// What kind of piece this is.
    #[hc(
        one_of("guide", "tutorial", "documentation", "faq", "policy", "page", "video", "dataset", "other"),
        default = "documentation",
        indexed
    )]
    pub content_type: String,
    /// Short text shown in listings and search results.
    #[hc(max_len = 1000)]
    pub summary: Option<String>,
    /// The text, in `body_format`; none when the content is a file.
    pub body: Option<String>,
    #[hc(one_of("markdown", "html", "plain_text"), default = "markdown")]
    pub body_format: String,
    /// The file, for uploaded documents and videos.
    pub file_url: Option<String>,
    /// Media type of the file.
    #[hc(max_len = 127)]
    pub mime_type: Option<String>,
    /// Where the content was imported from, if it was.
    pub source_url: Option<String>,
    /// Language of the text (BCP 47).
    #[hc(max_len = 16, default = "en")]
    pub language: String,
    /// Tags, as a list of lower-case strings.
    #[hc(default = "[]")]
    pub tags: Json,
    #[hc(one_of("draft", "in_review", "published", "archived"), default = "draft", indexed)]
    pub status: String,
    /// Who may read the content once published.
    #[hc(one_of("public", "workspace", "private"), default = "workspace")]
    pub visibility: String,
    #[hc(min = 0)]
    pub word_count: Option<i32>,
    /// SHA-256 of the body or file, hex: the knowledge base re-indexes the
    /// content when it changes.
    #[hc(max_len = 64)]
    pub checksum_sha256: Option<String>,
    /// When the knowledge base last split the content into chunks.
    pub indexed_at: Option<DateTimeWithTimeZone>,
    pub published_at: Option<DateTimeWithTimeZone>,
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    /// Set when the content is deleted; the knowledge base drops its chunks.
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
