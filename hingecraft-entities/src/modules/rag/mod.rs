//! The RAG knowledge base: a workspace's documents organised in a category
//! tree, split into chunks with vector embeddings for similarity search, the
//! links between documents, and a log of the queries run against them.
//! Full-text columns and vector indexes are added at the schema level.

use hingecraft::{Module, Stage};

hingecraft::tables!(
    knowledge_categories,
    knowledge_documents,
    document_chunks,
    document_relationships,
    knowledge_queries,
);

/// The RAG knowledge base module.
pub fn module() -> Module {
    Module {
        name: "rag".into(),
        stage: Stage::Prototype,
        doc: Some(
            "Knowledge documents, their embedded chunks, categories, links and query log.".into(),
        ),
        depends_on: vec!["master".into(), "codex".into()],
        tables: tables(),
        functions: Vec::new(),
        views: Vec::new(),
    }
}
