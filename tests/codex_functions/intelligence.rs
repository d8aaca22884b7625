//! Signals and insights.

use hingecraft_platform::entities::codex_api::{self as api, NewInsight};
use hingecraft_platform::entities::production::{insight_signals, intelligence_signals};
use sea_orm::prelude::Decimal;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::{count, exec, setup};
use hingecraft_test_harness::pg_test_db;

async fn signal(
    db: &DatabaseConnection,
    ws: Uuid,
    n: u128,
    confidence: &str,
    priority: &str,
    status: &str,
) -> Uuid {
    let id = Uuid::from_u128(0x5000 + n);
    exec(db, &format!("INSERT INTO intelligence_signals (id, workspace_id, source_type, category, title, confidence_score, priority, status, detected_at) VALUES ('{id}', '{ws}', 'news', 'market_trend', 'signal {n}', {confidence}, '{priority}', '{status}', now() - interval '{n} minutes')")).await;
    id
}

#[tokio::test]
async fn create_insight_from_signals_links_and_marks_its_signals() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    let f = setup(db).await;
    let a = signal(db, f.ws, 1, "0.8", "high", "new").await;
    let b = signal(db, f.ws, 2, "0.6", "low", "new").await;
    let untouched = signal(db, f.ws, 3, "0.9", "low", "new").await;
    let insight = api::create_insight_from_signals(
        db,
        &NewInsight {
            workspace_id: f.ws,
            signal_ids: vec![a, b, a],
            title: "Repair cafés are growing".into(),
            summary: "Two sources agree.".into(),
            insight_type: "trend".into(),
            impact: "high".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(insight.signal_count, 2);
    assert_eq!(insight.confidence_score, Decimal::new(7000, 4));
    assert_eq!(insight.status, "active");
    let mut linked: Vec<Uuid> = insight_signals::Entity::find()
        .filter(insight_signals::Column::InsightId.eq(insight.id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.signal_id)
        .collect();
    linked.sort();
    assert_eq!(linked, vec![a, b]);
    let synthesized = intelligence_signals::Entity::find()
        .filter(intelligence_signals::Column::Status.eq("synthesized"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(synthesized, 2);
    let other = intelligence_signals::Entity::find_by_id(untouched)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(other.status, "new");

    // A signal of another workspace is refused, and nothing is written.
    exec(db, &format!("INSERT INTO workspaces (id, slug, name, owner_id) VALUES ('{}', 'other', 'Other', '{}')", Uuid::from_u128(0x200), f.owner)).await;
    let foreign = signal(db, Uuid::from_u128(0x200), 4, "0.9", "low", "new").await;
    let err = api::create_insight_from_signals(
        db,
        &NewInsight {
            workspace_id: f.ws,
            signal_ids: vec![untouched, foreign],
            title: "t".into(),
            summary: "s".into(),
            insight_type: "trend".into(),
            impact: "low".into(),
        },
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("not in workspace"), "{err}");
    assert_eq!(
        count(db, "SELECT count(*) AS n FROM market_insights").await,
        1
    );
}

#[tokio::test]
async fn get_active_insights_filters_and_orders_by_impact_then_confidence() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    let f = setup(db).await;
    for (title, impact, confidence, status, expires) in [
        ("medium-sure", "medium", "0.9", "active", "NULL"),
        ("critical", "critical", "0.5", "active", "NULL"),
        ("high-unsure", "high", "0.4", "active", "NULL"),
        (
            "high-sure",
            "high",
            "0.8",
            "active",
            "now() + interval '1 day'",
        ),
        ("archived", "critical", "0.9", "archived", "NULL"),
        (
            "expired",
            "critical",
            "0.9",
            "active",
            "now() - interval '1 second'",
        ),
    ] {
        exec(db, &format!("INSERT INTO market_insights (workspace_id, title, summary, insight_type, impact, confidence_score, status, valid_from, expires_at) VALUES ('{}', '{title}', 's', 'trend', '{impact}', {confidence}, '{status}', now() - interval '1 day', {expires})", f.ws)).await;
    }
    let titles: Vec<String> = api::get_active_insights(db, f.ws, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.title)
        .collect();
    assert_eq!(
        titles,
        ["critical", "high-sure", "high-unsure", "medium-sure"]
    );
    assert_eq!(
        api::get_active_insights(db, f.ws, 1).await.unwrap().len(),
        1
    );
    assert!(
        api::get_active_insights(db, Uuid::from_u128(0x999), 10)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn get_priority_signals_returns_confident_unreviewed_signals_most_urgent_first() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    let f = setup(db).await;
    let low_sure = signal(db, f.ws, 1, "0.95", "low", "new").await;
    let critical = signal(db, f.ws, 2, "0.75", "critical", "new").await;
    let high_a = signal(db, f.ws, 3, "0.80", "high", "new").await;
    let high_b = signal(db, f.ws, 4, "0.90", "high", "new").await;
    signal(db, f.ws, 5, "0.50", "critical", "new").await; // not confident enough
    signal(db, f.ws, 6, "0.99", "critical", "reviewed").await; // already reviewed
    let got: Vec<Uuid> = api::get_priority_signals(db, f.ws, Decimal::new(7, 1), 10)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(got, vec![critical, high_b, high_a, low_sure]);
}
