//! The master module's aggregates.

use hingecraft::model::{Column, ColumnType, View};

/// The environmental impact of each workspace: every metric summed over all
/// its measurements, per unit.
///
/// Materialized and refreshed by `refresh_workspace_impact_summary()`. It
/// holds every workspace's rows and a materialized view has no row-level
/// security: services read it filtered by the workspace they serve.
pub fn workspace_impact_summary() -> View {
    View {
        name: "workspace_impact_summary".into(),
        doc: Some(
            "Environmental impact per workspace: each metric summed over its measurements, per \
             unit; refreshed by refresh_workspace_impact_summary(). Holds every workspace: filter \
             by workspace_id."
                .into(),
        ),
        module: "master".into(),
        materialized: true,
        query: "SELECT m.workspace_id, m.metric, m.unit, count(*) AS measurements, \
                sum(m.value) AS total_value, \
                count(*) FILTER (WHERE m.verification_status = 'verified') AS verified_measurements, \
                min(m.period_start) AS first_period_start, max(m.period_end) AS last_period_end \
                FROM impact_metrics m GROUP BY m.workspace_id, m.metric, m.unit"
            .into(),
        columns: vec![
            Column::new("workspace_id", ColumnType::Uuid).doc("The workspace."),
            Column::new("metric", ColumnType::Text).doc("The quantity measured."),
            Column::new("unit", ColumnType::Varchar { len: 20 }).doc("Unit of total_value."),
            Column::new("measurements", ColumnType::BigInt).doc("Rows summed."),
            Column::new(
                "total_value",
                ColumnType::Numeric {
                    precision: 38,
                    scale: 6,
                },
            )
            .doc("The sum of the measured values."),
            Column::new("verified_measurements", ColumnType::BigInt)
                .doc("Rows a third party verified."),
            Column::new("first_period_start", ColumnType::Date)
                .doc("Start of the earliest period measured."),
            Column::new("last_period_end", ColumnType::Date)
                .doc("End of the latest period measured."),
        ],
        depends_on: vec!["impact_metrics".into()],
        unique_key: vec!["workspace_id".into(), "metric".into(), "unit".into()],
    }
}
