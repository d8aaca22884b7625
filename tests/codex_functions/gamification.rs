//! user_stats, achievements and agent executions.

use hingecraft_platform::entities::codex_api::{self as api, AgentExecution};
use hingecraft_platform::entities::production::{user_achievements, user_stats};
use sea_orm::prelude::Decimal;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{count, exec, setup};
use hingecraft_test_harness::pg_test_db;

async fn achievement(db: &DatabaseConnection, ws: Uuid, code: &str, points: i32) -> Uuid {
    let id = Uuid::new_v4();
    exec(db, &format!("INSERT INTO achievements (id, workspace_id, code, name, points) VALUES ('{id}', '{ws}', '{code}', '{code}', {points})")).await;
    id
}

#[tokio::test]
async fn unlock_achievement_is_idempotent_and_updates_user_stats() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    let f = setup(db).await;
    let first = achievement(db, f.ws, "first-design", 150).await;
    let second = achievement(db, f.ws, "ten-quests", 300).await;

    assert!(api::unlock_achievement(db, f.member, first).await.unwrap());
    assert!(!api::unlock_achievement(db, f.member, first).await.unwrap());
    let rows = user_achievements::Entity::find()
        .filter(user_achievements::Column::UserId.eq(f.member))
        .all(db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].status, "unlocked");
    assert_eq!(rows[0].points_awarded, 150);
    assert!(rows[0].unlocked_at.is_some());

    assert!(api::unlock_achievement(db, f.member, second).await.unwrap());
    let stats = user_stats::Entity::find()
        .filter(user_stats::Column::UserId.eq(f.member))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stats.experience_points, 450);
    assert_eq!(stats.achievements_unlocked, 2);
    // 450 points: floor(sqrt(4.5)) + 1.
    assert_eq!(stats.experience_level, 3);

    exec(
        db,
        &format!("UPDATE achievements SET is_active = false WHERE id = '{second}'"),
    )
    .await;
    let err = api::unlock_achievement(db, f.admin, second)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("retired"), "{err}");
}

#[tokio::test]
async fn update_experience_level_trigger_sets_the_level_from_points() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    let f = setup(db).await;
    // A level written by hand is overwritten by the points' level.
    exec(db, &format!("INSERT INTO user_stats (workspace_id, user_id, experience_points, experience_level) VALUES ('{}', '{}', 99, 7)", f.ws, f.member)).await;
    let row = api::add_experience_points(db, f.ws, f.member, 0)
        .await
        .unwrap();
    assert_eq!(row.experience_level, 1);
    let reached = row.level_reached_at.unwrap();

    let row = api::add_experience_points(db, f.ws, f.member, 1)
        .await
        .unwrap();
    assert_eq!((row.experience_points, row.experience_level), (100, 2));
    assert!(row.level_reached_at.unwrap() >= reached);
    let row = api::add_experience_points(db, f.ws, f.member, 800)
        .await
        .unwrap();
    assert_eq!((row.experience_points, row.experience_level), (900, 4));
    let at_four = row.level_reached_at;
    let row = api::add_experience_points(db, f.ws, f.member, 10)
        .await
        .unwrap();
    assert_eq!(row.experience_level, 4);
    assert_eq!(
        row.level_reached_at, at_four,
        "no level change, same reached_at"
    );
}

#[tokio::test]
async fn calculate_move_success_rate_computes_the_ratio() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    let f = setup(db).await;
    assert_eq!(
        api::calculate_move_success_rate(db, f.ws, f.member)
            .await
            .unwrap(),
        None
    );
    exec(
        db,
        &format!(
            "INSERT INTO user_stats (workspace_id, user_id) VALUES ('{}', '{}')",
            f.ws, f.member
        ),
    )
    .await;
    assert_eq!(
        api::calculate_move_success_rate(db, f.ws, f.member)
            .await
            .unwrap(),
        Some(Decimal::ZERO)
    );
    exec(
        db,
        &format!(
            "UPDATE user_stats SET total_moves = 3, successful_moves = 2 WHERE user_id = '{}'",
            f.member
        ),
    )
    .await;
    let rate = api::calculate_move_success_rate(db, f.ws, f.member)
        .await
        .unwrap();
    assert_eq!(rate, Some(Decimal::new(6667, 2)));
    let stored = user_stats::Entity::find().one(db).await.unwrap().unwrap();
    assert_eq!(stored.move_success_rate, Decimal::new(6667, 2));
}

#[tokio::test]
async fn record_agent_execution_logs_and_updates_the_assignment_totals() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    let f = setup(db).await;
    let agent = Uuid::from_u128(0xa);
    exec(db, &format!("INSERT INTO agent_registry (id, agent_key, name, agent_type, guild) VALUES ('{agent}', 'market-scout', 'Market scout', 'analyst', 'intelligence')")).await;
    exec(
        db,
        &format!(
            "INSERT INTO agent_assignments (workspace_id, agent_id) VALUES ('{}', '{agent}')",
            f.ws
        ),
    )
    .await;
    let run = |status: &str, duration: Option<i32>| AgentExecution {
        workspace_id: f.ws,
        agent_id: agent,
        status: status.into(),
        duration_ms: duration,
        tokens_used: Some(1200),
        cost_usd: Some(Decimal::new(25, 3)),
        error_message: None,
        metrics: serde_json::json!({"items": 3}),
        capability_id: None,
    };
    let id = api::record_agent_execution(db, &run("success", Some(100)))
        .await
        .unwrap();
    api::record_agent_execution(db, &run("failure", Some(300)))
        .await
        .unwrap();
    api::record_agent_execution(db, &run("success", None))
        .await
        .unwrap();

    assert_eq!(count(db, &format!("SELECT count(*) AS n FROM agent_performance WHERE id = '{id}' AND status = 'success' AND duration_ms = 100 AND assignment_id IS NOT NULL")).await, 1);
    assert_eq!(
        count(db, "SELECT count(*) AS n FROM agent_performance").await,
        3
    );
    assert_eq!(count(db, "SELECT count(*) AS n FROM agent_assignments WHERE execution_count = 3 AND success_count = 2 AND failure_count = 1 AND avg_duration_ms = 200 AND last_executed_at IS NOT NULL").await, 1);

    let unknown = AgentExecution {
        agent_id: Uuid::from_u128(0xdead),
        ..run("success", None)
    };
    assert!(api::record_agent_execution(db, &unknown).await.is_err());
}
