//! What the production catalogue promises beyond its tables: one embedding
//! dimension, search columns, partitioned logs and aggregates.

use hingecraft::model::{ColumnType, IndexMethod};
use hingecraft_entities::EMBEDDING_DIM;
use hingecraft_platform::project;

#[test]
fn every_embedding_has_the_schema_dimension_and_a_cosine_hnsw_index() {
    let schema = project().production().expect("merges").schema;
    let mut vectors = 0;
    for table in &schema.tables {
        for column in &table.columns {
            if let ColumnType::Vector { dim } = column.ty {
                vectors += 1;
                assert_eq!(dim, EMBEDDING_DIM, "{}.{}", table.name, column.name);
                assert!(
                    table.indexes.iter().any(|i| i.method == IndexMethod::Hnsw
                        && i.parts[0].column == column.name
                        && i.parts[0].opclass.as_deref() == Some("vector_cosine_ops")),
                    "{}.{} has an HNSW cosine index",
                    table.name,
                    column.name
                );
            }
        }
    }
    assert!(vectors >= 1);
}

#[test]
fn searchable_documents_have_a_generated_tsvector_with_gin_and_trigram_titles() {
    let schema = project().production().expect("merges").schema;
    for name in ["knowledge_documents", "articles"] {
        let table = schema.table(name).unwrap();
        let search = table.column("search_vector").unwrap();
        assert_eq!(search.ty, ColumnType::TsVector, "{name}");
        assert!(
            search.generated.as_deref().unwrap().contains("title"),
            "{name}"
        );
        assert!(
            table
                .indexes
                .iter()
                .any(|i| i.method == IndexMethod::Gin && i.parts[0].column == "search_vector")
        );
        assert!(table.indexes.iter().any(|i| {
            i.method == IndexMethod::Gin
                && i.parts[0].column == "title"
                && i.parts[0]
                    .opclass
                    .as_deref()
                    .is_some_and(|o| o.ends_with("gin_trgm_ops"))
        }));
    }
}

#[test]
fn append_heavy_tables_are_partitioned_by_month_on_created_at() {
    let schema = project().production().expect("merges").schema;
    for name in [
        "audit_logs",
        "analytics_events",
        "agent_performance",
        "webhook_deliveries",
        "knowledge_queries",
    ] {
        let table = schema.table(name).unwrap();
        let partition = table.partition.as_ref().unwrap_or_else(|| panic!("{name}"));
        assert_eq!(partition.column, "created_at");
        assert_eq!(table.primary_key, ["id", "created_at"], "{name}");
    }
    assert!(schema.function("create_monthly_partitions").is_some());
}

#[test]
fn aggregates_are_materialized_with_refresh_functions() {
    let schema = project().production().expect("merges").schema;
    for name in ["leaderboard", "workspace_impact_summary"] {
        let view = schema.view(name).unwrap_or_else(|| panic!("{name}"));
        assert!(view.materialized);
        assert!(!view.unique_key.is_empty());
        let refresh = schema.function(&format!("refresh_{name}")).unwrap();
        assert!(refresh.security_definer);
        assert!(refresh.body.contains("CONCURRENTLY"));
    }
}
