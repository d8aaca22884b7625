use hingecraft::prelude::*;

/// A piece of content as the complete schema sees it: the CMS view, where
/// a post may be written on the platform or synced from an outside source
/// (the Wix CMS, the document vault), with the cover image and search
/// snippet a published page needs.
#[table(
    name = "content",
    module = "complete",
    soft_delete,
    timestamps,
    unique(workspace_id, slug),
    unique(source, external_id)
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
    /// Where the piece is maintained: on the platform, in the Wix CMS, in
    /// the document vault, or a one-off import.
    #[hc(one_of("platform", "wix", "vault", "import"), default = "platform")]
    pub source: String,
    /// The piece's id in its source (the Wix item id, the vault path);
    /// none for content written on the platform.
    #[hc(max_len = 255)]
    pub external_id: Option<String>,
    /// When the piece was last synced from its source.
    pub external_synced_at: Option<DateTimeWithTimeZone>,
    /// Image shown at the top of the page and in link previews.
    pub cover_image_url: Option<String>,
    /// Title for search engines and link previews, when it differs from `title`.
    #[hc(max_len = 255)]
    pub seo_title: Option<String>,
    /// Description for search engines and link previews.
    #[hc(max_len = 500)]
    pub seo_description: Option<String>,
    /// Tags, as a list of lower-case strings.
    #[hc(default = "[]")]
    pub tags: Json,
    #[hc(one_of("draft", "in_review", "published", "archived"), default = "draft", indexed)]
    pub status: String,
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
