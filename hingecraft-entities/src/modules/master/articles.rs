use hingecraft::prelude::*;

/// An article published by a workspace: a build log, a how-to, news or an
/// essay, written by one of its members.
#[table(
    name = "articles",
    module = "master",
    layer = "06_content_contributions",
    soft_delete,
    timestamps,
    unique(workspace_id, slug),
    index(columns(search_vector), method = "gin")
)]
pub struct Article {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace publishing the article.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The author; authorship is transferred before that user can be removed.
    #[hc(owner, references = "users", on_delete = "restrict", indexed)]
    pub author_id: Uuid,
    /// URL handle, unique within the workspace.
    #[hc(max_len = 160, check = "slug ~ '^[a-z0-9][a-z0-9-]*$'")]
    pub slug: String,
    #[hc(max_len = 255)]
    pub title: String,
    /// Short text shown in listings and link previews.
    #[hc(max_len = 500)]
    pub summary: Option<String>,
    /// The article text, in `body_format`.
    pub body: String,
    /// Full-text search document: title (weight A), summary (B) and text
    /// (C), English stemming. Computed by the database.
    #[hc(
        sql_type = "tsvector",
        generated = "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B') || setweight(to_tsvector('english'::regconfig, body), 'C')"
    )]
    pub search_vector: Option<String>,
    #[hc(one_of("markdown", "html", "rich_text_json"), default = "markdown")]
    pub body_format: String,
    pub cover_image_url: Option<String>,
    /// The design the article is about (a build log), if any.
    #[hc(references = "designs", on_delete = "set null", indexed)]
    pub design_id: Option<Uuid>,
    /// Free category chosen by the author (build log, tutorial, news...).
    #[hc(max_len = 100)]
    pub category: Option<String>,
    /// Tags, as a list of lower-case strings.
    #[hc(default = "[]")]
    pub tags: Json,
    /// Language of the text (BCP 47).
    #[hc(max_len = 16, default = "en")]
    pub language: String,
    /// `scheduled`: published automatically at `published_at`.
    #[hc(one_of("draft", "in_review", "scheduled", "published", "archived"), default = "draft", indexed)]
    pub status: String,
    /// Who may read the article once published.
    #[hc(one_of("public", "workspace", "private"), default = "public")]
    pub visibility: String,
    /// Estimated minutes to read.
    #[hc(min = 0)]
    pub reading_time_minutes: Option<i32>,
    #[hc(min = 0, default = 0)]
    pub view_count: i64,
    /// When the article was, or is to be, published.
    #[hc(indexed)]
    pub published_at: Option<DateTimeWithTimeZone>,
    /// SEO and import details (meta description, canonical URL, source CMS id).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    /// Set when the article is deleted; the row stays for links and comments.
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
