//! Typed calls of the codex module's SQL functions (Postgres only: SQLite
//! has no stored functions, and there each call fails with the backend's
//! error). Each wrapper binds typed arguments, calls the function by name
//! and returns typed values: the production entity `Model` where the
//! function returns rows of a table. What each function does is in its
//! declaration under `modules::codex::functions` (and in the database's
//! `COMMENT ON FUNCTION`).

use sea_orm::prelude::{Decimal, Json};
use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryResult, Statement, TryGetable, Value,
};
use uuid::Uuid;

use crate::production::{
    intelligence_signals, market_insights, system_alerts, user_notifications, user_stats,
};

/// `SELECT <function>(<$1..$n>) AS v` with the given arguments.
fn scalar_call(function: &str, args: Vec<Value>) -> Statement {
    let params = (1..=args.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("SELECT {function}({params}) AS v"),
        args,
    )
}

/// `SELECT * FROM <function>(<$1..$n>)`: the rows of a set- or
/// row-returning function.
fn rows_call(function: &str, args: Vec<Value>) -> Statement {
    let params = (1..=args.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("SELECT * FROM {function}({params})"),
        args,
    )
}

/// The single value a scalar call returned.
async fn scalar<T: TryGetable, C: ConnectionTrait>(
    db: &C,
    function: &str,
    args: Vec<Value>,
) -> Result<T, DbErr> {
    let row: QueryResult = db
        .query_one_raw(scalar_call(function, args))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("{function} returned no row")))?;
    row.try_get("", "v")
}

/// The one row a row-returning function gave, as the table's `Model`.
async fn one_row<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    function: &str,
    args: Vec<Value>,
) -> Result<E::Model, DbErr> {
    E::find()
        .from_raw_sql(rows_call(function, args))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("{function} returned no row")))
}

/// Recomputes and stores a user's move success rate in a workspace
/// (`calculate_move_success_rate`): the percentage, or `None` when the
/// user has no stats there.
pub async fn calculate_move_success_rate<C: ConnectionTrait>(
    db: &C,
    workspace_id: Uuid,
    user_id: Uuid,
) -> Result<Option<Decimal>, DbErr> {
    scalar(
        db,
        "calculate_move_success_rate",
        vec![workspace_id.into(), user_id.into()],
    )
    .await
}

/// Adds experience points to a user's stats (the row is created when
/// missing) and returns the row as stored: its `experience_level` and
/// `level_reached_at` are the `update_experience_level` trigger's.
pub async fn add_experience_points<C: ConnectionTrait>(
    db: &C,
    workspace_id: Uuid,
    user_id: Uuid,
    points: i64,
) -> Result<user_stats::Model, DbErr> {
    let stmt = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO user_stats AS us (workspace_id, user_id, experience_points) VALUES ($1, $2, $3) \
         ON CONFLICT (workspace_id, user_id) DO UPDATE \
         SET experience_points = us.experience_points + EXCLUDED.experience_points RETURNING *",
        [workspace_id.into(), user_id.into(), points.into()],
    );
    user_stats::Entity::find()
        .from_raw_sql(stmt)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("user_stats: no row returned".into()))
}

/// Unlocks an achievement for a user (`unlock_achievement`): `true` when
/// it unlocked, `false` when the user already had it.
pub async fn unlock_achievement<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    achievement_id: Uuid,
) -> Result<bool, DbErr> {
    scalar(
        db,
        "unlock_achievement",
        vec![user_id.into(), achievement_id.into()],
    )
    .await
}

/// One execution of an agent, as `record_agent_execution` records it.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentExecution {
    /// The workspace it ran in.
    pub workspace_id: Uuid,
    /// The agent of the registry.
    pub agent_id: Uuid,
    /// `success`, `failure`, `timeout` or `cancelled`.
    pub status: String,
    /// Run time, in milliseconds.
    pub duration_ms: Option<i32>,
    /// Model tokens consumed.
    pub tokens_used: Option<i64>,
    /// Cost in US dollars.
    pub cost_usd: Option<Decimal>,
    /// Why it failed.
    pub error_message: Option<String>,
    /// Other measurements.
    pub metrics: Json,
    /// The capability exercised.
    pub capability_id: Option<Uuid>,
}

/// Records an agent execution and updates its assignment's totals
/// (`record_agent_execution`); returns the `agent_performance` row's id.
pub async fn record_agent_execution<C: ConnectionTrait>(
    db: &C,
    execution: &AgentExecution,
) -> Result<Uuid, DbErr> {
    let e = execution.clone();
    scalar(
        db,
        "record_agent_execution",
        vec![
            e.workspace_id.into(),
            e.agent_id.into(),
            e.status.into(),
            e.duration_ms.into(),
            e.tokens_used.into(),
            e.cost_usd.into(),
            e.error_message.into(),
            e.metrics.into(),
            e.capability_id.into(),
        ],
    )
    .await
}

/// An insight to synthesise from signals (`create_insight_from_signals`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInsight {
    /// The workspace.
    pub workspace_id: Uuid,
    /// The signals it comes from, all in the workspace.
    pub signal_ids: Vec<Uuid>,
    /// Title.
    pub title: String,
    /// The insight, stated.
    pub summary: String,
    /// `trend`, `opportunity`, `threat`, `competitive`, `customer` or `pricing`.
    pub insight_type: String,
    /// `low`, `medium`, `high` or `critical`.
    pub impact: String,
}

/// Creates an active insight from signals, links them and marks them
/// synthesized (`create_insight_from_signals`); returns the insight.
pub async fn create_insight_from_signals<C: ConnectionTrait>(
    db: &C,
    insight: &NewInsight,
) -> Result<market_insights::Model, DbErr> {
    let i = insight.clone();
    one_row::<market_insights::Entity, _>(
        db,
        "create_insight_from_signals",
        vec![
            i.workspace_id.into(),
            i.signal_ids.into(),
            i.title.into(),
            i.summary.into(),
            i.insight_type.into(),
            i.impact.into(),
        ],
    )
    .await
}

/// The workspace's active insights, most important first
/// (`get_active_insights`).
pub async fn get_active_insights<C: ConnectionTrait>(
    db: &C,
    workspace_id: Uuid,
    limit: i32,
) -> Result<Vec<market_insights::Model>, DbErr> {
    market_insights::Entity::find()
        .from_raw_sql(rows_call(
            "get_active_insights",
            vec![workspace_id.into(), limit.into()],
        ))
        .all(db)
        .await
}

/// The workspace's unreviewed signals at or above a confidence, most
/// urgent first (`get_priority_signals`).
pub async fn get_priority_signals<C: ConnectionTrait>(
    db: &C,
    workspace_id: Uuid,
    min_confidence: Decimal,
    limit: i32,
) -> Result<Vec<intelligence_signals::Model>, DbErr> {
    intelligence_signals::Entity::find()
        .from_raw_sql(rows_call(
            "get_priority_signals",
            vec![workspace_id.into(), min_confidence.into(), limit.into()],
        ))
        .all(db)
        .await
}

/// An alert to raise (`create_system_alert`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewAlert {
    /// The workspace.
    pub workspace_id: Uuid,
    /// What it is about (`agent_failure`, `quota`...).
    pub alert_type: String,
    /// `info`, `low`, `medium`, `high` or `critical`.
    pub severity: String,
    /// Title.
    pub title: String,
    /// What happened and what to do.
    pub message: Option<String>,
    /// Key of the condition: a repeat of an unresolved alert with the same
    /// key is folded into it.
    pub dedup_key: Option<String>,
    /// `agent`, `rule`, `system` or `user`.
    pub source: String,
    /// The agent that raised it.
    pub source_agent_id: Option<Uuid>,
    /// Figures and references.
    pub details: Json,
}

/// Raises an alert, or folds a repeat into the open one with the same key
/// (`create_system_alert`); returns the alert as stored.
pub async fn create_system_alert<C: ConnectionTrait>(
    db: &C,
    alert: &NewAlert,
) -> Result<system_alerts::Model, DbErr> {
    let a = alert.clone();
    one_row::<system_alerts::Entity, _>(
        db,
        "create_system_alert",
        vec![
            a.workspace_id.into(),
            a.alert_type.into(),
            a.severity.into(),
            a.title.into(),
            a.message.into(),
            a.dedup_key.into(),
            a.source.into(),
            a.source_agent_id.into(),
            a.details.into(),
        ],
    )
    .await
}

/// A notification to send (`send_user_notification`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewNotification {
    /// The workspace.
    pub workspace_id: Uuid,
    /// The recipient, an active member of the workspace.
    pub user_id: Uuid,
    /// `alert`, `achievement`, `level_up`, `campaign`, `quest`, `insight`,
    /// `mention` or `system`.
    pub notification_type: String,
    /// Title.
    pub title: String,
    /// Text.
    pub body: Option<String>,
    /// `in_app`, `email`, `push` or `sms`.
    pub channel: String,
    /// `low`, `normal`, `high` or `urgent`.
    pub priority: String,
    /// Where a click takes the user.
    pub action_url: Option<String>,
    /// The alert that caused it.
    pub alert_id: Option<Uuid>,
    /// References for the client.
    pub data: Json,
}

/// Sends a notification to a member of the workspace
/// (`send_user_notification`); returns its id.
pub async fn send_user_notification<C: ConnectionTrait>(
    db: &C,
    notification: &NewNotification,
) -> Result<Uuid, DbErr> {
    let n = notification.clone();
    scalar(
        db,
        "send_user_notification",
        vec![
            n.workspace_id.into(),
            n.user_id.into(),
            n.notification_type.into(),
            n.title.into(),
            n.body.into(),
            n.channel.into(),
            n.priority.into(),
            n.action_url.into(),
            n.alert_id.into(),
            n.data.into(),
        ],
    )
    .await
}

/// Acknowledges an open alert on behalf of a user (`acknowledge_alert`):
/// `false` when it was not open.
pub async fn acknowledge_alert<C: ConnectionTrait>(
    db: &C,
    alert_id: Uuid,
    user_id: Uuid,
) -> Result<bool, DbErr> {
    scalar(
        db,
        "acknowledge_alert",
        vec![alert_id.into(), user_id.into()],
    )
    .await
}

/// Marks a user's notification read (`mark_notification_as_read`):
/// `false` when it is not theirs or was read already.
pub async fn mark_notification_as_read<C: ConnectionTrait>(
    db: &C,
    notification_id: Uuid,
    user_id: Uuid,
) -> Result<bool, DbErr> {
    scalar(
        db,
        "mark_notification_as_read",
        vec![notification_id.into(), user_id.into()],
    )
    .await
}

/// A user's unread notifications in a workspace, most urgent first
/// (`get_user_unread_notifications`).
pub async fn get_user_unread_notifications<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    workspace_id: Uuid,
    limit: i32,
) -> Result<Vec<user_notifications::Model>, DbErr> {
    user_notifications::Entity::find()
        .from_raw_sql(rows_call(
            "get_user_unread_notifications",
            vec![user_id.into(), workspace_id.into(), limit.into()],
        ))
        .all(db)
        .await
}

/// The workspace's high and critical alerts needing attention, critical
/// first (`get_critical_alerts`).
pub async fn get_critical_alerts<C: ConnectionTrait>(
    db: &C,
    workspace_id: Uuid,
    limit: i32,
) -> Result<Vec<system_alerts::Model>, DbErr> {
    system_alerts::Entity::find()
        .from_raw_sql(rows_call(
            "get_critical_alerts",
            vec![workspace_id.into(), limit.into()],
        ))
        .all(db)
        .await
}
