use hingecraft::prelude::*;

/// One passage of a knowledge document, in reading order, with the vector
/// embedding similarity search compares queries against.
#[table(
    name = "document_chunks",
    module = "rag",
    unique(document_id, chunk_index),
    index(columns(embedding), method = "hnsw", opclass = "vector_cosine_ops")
)]
pub struct DocumentChunk {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The document the passage is part of.
    #[hc(references = "knowledge_documents", on_delete = "cascade")]
    pub document_id: Uuid,
    /// Position of the passage in the document, from 0.
    #[hc(min = 0)]
    pub chunk_index: i32,
    /// The passage text.
    pub content: String,
    /// Tokens in `content`, as the embedding model counts them.
    #[hc(min = 0)]
    pub token_count: i32,
    /// The embedding of `content`; none until the embedding job has run,
    /// since chunks are embedded asynchronously.
    /// (The dimension is the schema's `EMBEDDING_DIM`; a test keeps them equal.)
    #[hc(dim = 1536)]
    pub embedding: Option<PgVector>,
    /// The model that produced `embedding`: vectors of different models are
    /// not comparable.
    #[hc(max_len = 100)]
    pub embedding_model: Option<String>,
    /// When `embedding` was computed.
    pub embedded_at: Option<DateTimeWithTimeZone>,
    /// Where the passage sits in the source (page, heading, character range).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
