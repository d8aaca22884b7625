use hingecraft::prelude::*;

/// One search run against a workspace's knowledge base, by a person, the
/// assistant or an agent: what was asked, how many passages came back and
/// how long it took. Append-only, partitioned by month on `created_at`.
#[table(name = "knowledge_queries", module = "rag", partition_by = "created_at", primary_key(id, created_at))]
pub struct KnowledgeQuery {
    #[hc(default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace whose knowledge base was searched.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The user who asked, if a person did and still exists.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub user_id: Option<Uuid>,
    /// Who ran the search.
    #[hc(one_of("search", "assistant", "agent", "api"), default = "api")]
    pub client: String,
    /// The question or search terms, as asked.
    pub query_text: String,
    /// How the passages were found: by vector similarity, full-text
    /// search, or both combined.
    #[hc(one_of("vector", "full_text", "hybrid"), default = "hybrid")]
    pub search_mode: String,
    /// Passages returned.
    #[hc(min = 0, default = 0)]
    pub result_count: i32,
    /// Time from receiving the query to returning results, in milliseconds.
    #[hc(min = 0)]
    pub latency_ms: i32,
    /// Search parameters (top k, similarity threshold, category and other
    /// filters, model) and the returned chunk ids, best first.
    #[hc(default = "{}")]
    pub metadata: Json,
    /// When the query ran: the partition key.
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
