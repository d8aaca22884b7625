use hingecraft::prelude::*;

/// A document of a workspace's knowledge base: an internal document, PDF,
/// web page, brand script, legal framework, system description or marketing
/// copy, with its extracted text. Retrieval works on its `document_chunks`.
#[table(
    name = "knowledge_documents",
    module = "rag",
    soft_delete,
    timestamps,
    index(columns(search_vector), method = "gin")
)]
pub struct KnowledgeDocument {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the document belongs to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The category the document is filed under, if any.
    #[hc(references = "knowledge_categories", on_delete = "set null", indexed)]
    pub category_id: Option<Uuid>,
    /// The content item the document was indexed from, when it comes from the
    /// workspace's own content; the document is a derived copy and goes with it.
    #[hc(unique, references = "content", entity = "crate::modules::master::content", on_delete = "cascade")]
    pub content_id: Option<Uuid>,
    #[hc(max_len = 500)]
    pub title: String,
    /// What kind of document this is.
    #[hc(
        one_of(
            "document",
            "pdf",
            "web_page",
            "brand_script",
            "legal_framework",
            "system_spec",
            "marketing_copy",
            "other"
        ),
        default = "document"
    )]
    pub document_type: String,
    /// The extracted plain text; none until extraction has run.
    pub body: Option<String>,
    /// Full-text search document: the title (weight A) and the text
    /// (weight B), English stemming. Computed by the database.
    #[hc(
        sql_type = "tsvector",
        generated = "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B')"
    )]
    pub search_vector: Option<String>,
    /// Where the document was fetched or imported from.
    pub source_url: Option<String>,
    /// Media type of the original file.
    #[hc(max_len = 127)]
    pub mime_type: Option<String>,
    /// Language of the text (BCP 47).
    #[hc(max_len = 16, default = "en")]
    pub language: String,
    /// Where the document stands in the indexing pipeline: waiting, being
    /// split and embedded, searchable, failed, or withdrawn from search.
    #[hc(one_of("pending", "processing", "indexed", "failed", "archived"), default = "pending")]
    pub status: String,
    /// Why the last indexing attempt failed.
    pub error_message: Option<String>,
    /// SHA-256 of the extracted text, hex: the document is re-chunked when it
    /// changes.
    #[hc(max_len = 64)]
    pub checksum_sha256: Option<String>,
    /// Chunks the document is currently split into.
    #[hc(min = 0, default = 0)]
    pub chunk_count: i32,
    /// When the document was last split into chunks.
    pub indexed_at: Option<DateTimeWithTimeZone>,
    /// Free-form attributes (author, page count, crawl headers, tags).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    /// Set when the document is deleted; its chunks are dropped from search.
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
