use hingecraft::prelude::*;

/// A directed link between two knowledge documents: one references,
/// supersedes, is related to or is derived from the other. Retrieval follows
/// these links to bring in context and to prefer current versions.
#[table(
    name = "document_relationships",
    module = "rag",
    unique(source_document_id, target_document_id, relationship_type)
)]
pub struct DocumentRelationship {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The document the link starts from.
    #[hc(references = "knowledge_documents", on_delete = "cascade")]
    pub source_document_id: Uuid,
    /// The document the link points at; never the source itself.
    #[hc(
        references = "knowledge_documents",
        on_delete = "cascade",
        indexed,
        check = "target_document_id <> source_document_id"
    )]
    pub target_document_id: Uuid,
    /// How the source relates to the target.
    #[hc(one_of("references", "supersedes", "related", "derived_from"), default = "related")]
    pub relationship_type: String,
    /// Strength of the link, from 0 (weak) to 1 (strong), used to rank
    /// linked documents.
    #[hc(min = 0, max = 1, default_sql = "1")]
    pub weight: f64,
    /// How the link was found: set by a person, or inferred.
    #[hc(one_of("manual", "extracted", "inferred"), default = "manual")]
    pub origin: String,
    /// The user who set the link, if a person did and still exists.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub created_by: Option<Uuid>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
