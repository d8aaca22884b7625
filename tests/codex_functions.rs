//! The codex functions on a Postgres database built by `migration up`: one
//! test per function, asserting what its documentation promises, and one
//! that every function of the production schema exists with a fixed
//! `search_path`.

use hingecraft::entities::codex_api::{
    self as api, AgentExecution, NewAlert, NewInsight, NewNotification,
};
use hingecraft::entities::production::{
    insight_signals, intelligence_signals, user_achievements, user_stats,
};
use hingecraft::migration::{Migrator, MigratorTrait};
use hingecraft_test_harness::pg_test_db;
use sea_orm::prelude::Decimal;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, Statement, TransactionTrait,
};
use uuid::Uuid;

/// A workspace with an owner, an admin and a member, all active.
struct Fixture {
    ws: Uuid,
    owner: Uuid,
    admin: Uuid,
    member: Uuid,
}

async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql).await.unwrap();
}

async fn setup(db: &DatabaseConnection) -> Fixture {
    Migrator::up(db, None).await.unwrap();
    let f = Fixture {
        ws: Uuid::from_u128(0x100),
        owner: Uuid::from_u128(1),
        admin: Uuid::from_u128(2),
        member: Uuid::from_u128(3),
    };
    for (id, name) in [(f.owner, "owner"), (f.admin, "admin"), (f.member, "member")] {
        exec(db, &format!("INSERT INTO users (id, email, status) VALUES ('{id}', '{name}@example.org', 'active')")).await;
    }
    exec(db, &format!("INSERT INTO workspaces (id, slug, name, owner_id) VALUES ('{}', 'studio', 'Studio', '{}')", f.ws, f.owner)).await;
    for (id, role) in [(f.owner, "owner"), (f.admin, "admin"), (f.member, "member")] {
        exec(db, &format!("INSERT INTO workspace_members (workspace_id, user_id, role, status) VALUES ('{}', '{id}', '{role}', 'active')", f.ws)).await;
    }
    f
}

#[derive(Debug, FromQueryResult)]
struct Count {
    n: i64,
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    Count::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .n
}

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

#[tokio::test]
async fn send_user_notification_and_mark_as_read_change_the_unread_count() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    let f = setup(db).await;
    let note = |title: &str, priority: &str| NewNotification {
        workspace_id: f.ws,
        user_id: f.member,
        notification_type: "system".into(),
        title: title.into(),
        body: None,
        channel: "in_app".into(),
        priority: priority.into(),
        action_url: None,
        alert_id: None,
        data: serde_json::json!({}),
    };
    let normal = api::send_user_notification(db, &note("welcome", "normal"))
        .await
        .unwrap();
    let urgent = api::send_user_notification(db, &note("quota", "urgent"))
        .await
        .unwrap();
    let email = api::send_user_notification(
        db,
        &NewNotification {
            channel: "email".into(),
            ..note("digest", "low")
        },
    )
    .await
    .unwrap();
    let unread = api::get_user_unread_notifications(db, f.member, f.ws, 50)
        .await
        .unwrap();
    assert_eq!(
        unread.iter().map(|n| n.id).collect::<Vec<_>>(),
        vec![urgent, normal, email]
    );
    assert_eq!(unread[0].status, "delivered");
    assert_eq!(unread[2].status, "pending");

    assert!(
        api::mark_notification_as_read(db, urgent, f.member)
            .await
            .unwrap()
    );
    assert!(
        !api::mark_notification_as_read(db, urgent, f.member)
            .await
            .unwrap(),
        "already read"
    );
    assert!(
        !api::mark_notification_as_read(db, normal, f.admin)
            .await
            .unwrap(),
        "not the admin's"
    );
    let unread = api::get_user_unread_notifications(db, f.member, f.ws, 50)
        .await
        .unwrap();
    assert_eq!(
        unread.iter().map(|n| n.id).collect::<Vec<_>>(),
        vec![normal, email]
    );

    // Only active members of the workspace, and only the session's workspace.
    let outsider = NewNotification {
        user_id: Uuid::from_u128(0x77),
        ..note("x", "low")
    };
    assert!(api::send_user_notification(db, &outsider).await.is_err());
    let txn = db.begin().await.unwrap();
    txn.execute_unprepared(&format!(
        "SET LOCAL app.workspace_id = '{}'",
        Uuid::from_u128(0x200)
    ))
    .await
    .unwrap();
    let err = api::send_user_notification(&txn, &note("x", "low"))
        .await
        .unwrap_err();
    txn.rollback().await.unwrap();
    assert!(err.to_string().contains("not the session"), "{err}");
}

fn alert(ws: Uuid, severity: &str, key: Option<&str>) -> NewAlert {
    NewAlert {
        workspace_id: ws,
        alert_type: "quota".into(),
        severity: severity.into(),
        title: format!("{severity} alert"),
        message: Some("storage at 95%".into()),
        dedup_key: key.map(Into::into),
        source: "rule".into(),
        source_agent_id: None,
        details: serde_json::json!({"used": 95}),
    }
}

#[tokio::test]
async fn create_system_alert_deduplicates_on_its_key_and_notifies_admins() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    let f = setup(db).await;
    let first = api::create_system_alert(db, &alert(f.ws, "medium", Some("quota:storage")))
        .await
        .unwrap();
    assert_eq!(first.occurrence_count, 1);
    assert_eq!(
        count(db, "SELECT count(*) AS n FROM user_notifications").await,
        0,
        "medium notifies nobody"
    );
    let again = api::create_system_alert(db, &alert(f.ws, "critical", Some("quota:storage")))
        .await
        .unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(again.occurrence_count, 2);
    assert_eq!(again.severity, "critical", "the higher severity is kept");
    let lower = api::create_system_alert(db, &alert(f.ws, "low", Some("quota:storage")))
        .await
        .unwrap();
    assert_eq!(
        (lower.id, lower.occurrence_count, lower.severity.as_str()),
        (first.id, 3, "critical")
    );
    assert_eq!(
        count(db, "SELECT count(*) AS n FROM system_alerts").await,
        1
    );

    // Resolved: the key is free again. A new high alert notifies the owner
    // and the admin, not the member.
    exec(
        db,
        &format!(
            "UPDATE system_alerts SET status = 'resolved', resolved_at = now() WHERE id = '{}'",
            first.id
        ),
    )
    .await;
    let fresh = api::create_system_alert(db, &alert(f.ws, "high", Some("quota:storage")))
        .await
        .unwrap();
    assert_ne!(fresh.id, first.id);
    assert_eq!(count(db, &format!("SELECT count(*) AS n FROM user_notifications WHERE alert_id = '{}' AND user_id IN ('{}', '{}') AND priority = 'high'", fresh.id, f.owner, f.admin)).await, 2);
    assert_eq!(
        count(db, "SELECT count(*) AS n FROM user_notifications").await,
        2
    );
    let unkeyed = api::create_system_alert(db, &alert(f.ws, "info", None))
        .await
        .unwrap();
    let unkeyed_again = api::create_system_alert(db, &alert(f.ws, "info", None))
        .await
        .unwrap();
    assert_ne!(unkeyed.id, unkeyed_again.id, "no key, no deduplication");
}

#[tokio::test]
async fn acknowledge_alert_sets_who_and_when_once() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    let f = setup(db).await;
    let a = api::create_system_alert(db, &alert(f.ws, "high", None))
        .await
        .unwrap();
    assert!(a.acknowledged_at.is_none());
    assert!(api::acknowledge_alert(db, a.id, f.admin).await.unwrap());
    assert!(
        !api::acknowledge_alert(db, a.id, f.owner).await.unwrap(),
        "the first acknowledgement stands"
    );
    let got = api::get_critical_alerts(db, f.ws, 10).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].status, "acknowledged");
    assert_eq!(got[0].acknowledged_by, Some(f.admin));
    assert!(got[0].acknowledged_at.is_some());
}

#[tokio::test]
async fn get_critical_alerts_returns_unresolved_high_and_critical_critical_first() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    let f = setup(db).await;
    let high_old = api::create_system_alert(db, &alert(f.ws, "high", Some("a")))
        .await
        .unwrap();
    let critical = api::create_system_alert(db, &alert(f.ws, "critical", Some("b")))
        .await
        .unwrap();
    let high_new = api::create_system_alert(db, &alert(f.ws, "high", Some("c")))
        .await
        .unwrap();
    api::create_system_alert(db, &alert(f.ws, "medium", Some("d")))
        .await
        .unwrap();
    let resolved = api::create_system_alert(db, &alert(f.ws, "critical", Some("e")))
        .await
        .unwrap();
    exec(
        db,
        &format!(
            "UPDATE system_alerts SET last_occurred_at = now() - interval '1 hour' WHERE id = '{}'",
            high_old.id
        ),
    )
    .await;
    exec(
        db,
        &format!(
            "UPDATE system_alerts SET status = 'dismissed', resolved_at = now() WHERE id = '{}'",
            resolved.id
        ),
    )
    .await;
    let got: Vec<Uuid> = api::get_critical_alerts(db, f.ws, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(got, vec![critical.id, high_new.id, high_old.id]);
}

#[derive(Debug, FromQueryResult)]
struct Proc {
    name: String,
    config: Option<String>,
    definer: bool,
}

#[tokio::test]
async fn every_production_function_exists_after_migration_up_with_its_search_path() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    Migrator::up(db, None).await.unwrap();
    let production = hingecraft::entities::production().unwrap();
    let procs = Proc::find_by_statement(Statement::from_string(
        db.get_database_backend(),
        "SELECT p.proname AS name, array_to_string(p.proconfig, ',') AS config, p.prosecdef AS definer
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public'",
    ))
    .all(db)
    .await
    .unwrap();
    let codex: Vec<String> = hingecraft::entities::modules::codex::functions::functions()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(codex.len(), 13);
    for function in &production.schema.functions {
        let found = procs
            .iter()
            .find(|p| p.name == function.name)
            .unwrap_or_else(|| panic!("function `{}` missing from pg_proc", function.name));
        let config = found.config.as_deref().unwrap_or("");
        assert!(
            config.starts_with("search_path="),
            "`{}`: {config}",
            function.name
        );
        if function.security_definer {
            assert!(config.ends_with("pg_temp"), "`{}`: {config}", function.name);
        }
        assert_eq!(
            found.definer, function.security_definer,
            "`{}`",
            function.name
        );
    }
    for name in &codex {
        assert!(
            production.schema.functions.iter().any(|f| &f.name == name),
            "{name} not in production"
        );
    }
    let definers: Vec<&str> = procs
        .iter()
        .filter(|p| p.definer)
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>();
    assert!(
        definers.contains(&"send_user_notification") && definers.contains(&"create_system_alert")
    );
}

#[test]
fn sqlite_lists_every_codex_function_as_skipped() {
    use hingecraft::render::{Dialect, Sqlite};
    let production = hingecraft::entities::production().unwrap();
    let ddl = Sqlite.render(&production.schema).unwrap();
    let skipped: Vec<String> = ddl.skipped.iter().map(ToString::to_string).collect();
    for function in hingecraft::entities::modules::codex::functions::functions() {
        let line = format!("function `{}`: not created", function.name);
        assert!(
            skipped.iter().any(|s| s.starts_with(&line)),
            "{line} missing"
        );
    }
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("trigger `update_experience_level_user_stats`"))
    );
}
