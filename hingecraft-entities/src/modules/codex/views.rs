//! The codex module's aggregates.

use hingecraft::model::{Column, ColumnType, View};

/// The leaderboard: every user's standing in each workspace, by experience
/// points.
///
/// Materialized (ranking every user on each read would sort the whole
/// table) and refreshed by `refresh_leaderboard()`. It holds every
/// workspace's rows and a materialized view has no row-level security:
/// services read it filtered by the workspace they serve.
pub fn leaderboard() -> View {
    View {
        name: "leaderboard".into(),
        doc: Some(
            "Each user's standing in each workspace, ranked by experience points; refreshed by \
             refresh_leaderboard(). Holds every workspace: filter by workspace_id."
                .into(),
        ),
        module: "codex".into(),
        materialized: true,
        query: "SELECT s.workspace_id, s.user_id, s.experience_points, s.experience_level, \
                s.achievements_unlocked, \
                rank() OVER (PARTITION BY s.workspace_id ORDER BY s.experience_points DESC) AS rank \
                FROM user_stats s"
            .into(),
        columns: vec![
            Column::new("workspace_id", ColumnType::Uuid).doc("The workspace."),
            Column::new("user_id", ColumnType::Uuid).doc("The user."),
            Column::new("experience_points", ColumnType::BigInt).doc("Their points."),
            Column::new("experience_level", ColumnType::Integer).doc("Their level."),
            Column::new("achievements_unlocked", ColumnType::Integer)
                .doc("Achievements they unlocked."),
            Column::new("rank", ColumnType::BigInt)
                .doc("1 for the most points in the workspace; ties share a rank."),
        ],
        depends_on: vec!["user_stats".into()],
        unique_key: vec!["workspace_id".into(), "user_id".into()],
    }
}
