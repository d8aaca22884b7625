use hingecraft::model::{Function, Volatility};

use super::{arg, arg_or, plpgsql};

/// `get_critical_alerts(workspace, limit)`.
pub(super) fn function() -> Function {
    plpgsql(
        "get_critical_alerts",
        "The workspace's high and critical alerts still needing attention (open or acknowledged), \
         critical first, then the most recently raised; at most p_limit rows.",
        vec![
            arg("p_workspace_id", "uuid"),
            arg_or("p_limit", "integer", "50"),
        ],
        "SETOF system_alerts",
        Volatility::Stable,
        r#"
BEGIN
    RETURN QUERY
    SELECT *
      FROM system_alerts a
     WHERE a.workspace_id = p_workspace_id
       AND a.severity IN ('high', 'critical')
       AND a.status IN ('open', 'acknowledged')
     ORDER BY (a.severity = 'critical') DESC, a.last_occurred_at DESC, a.id
     LIMIT greatest(p_limit, 0);
END
"#,
    )
}
