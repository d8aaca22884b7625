use hingecraft::model::{Function, Volatility};

use super::{arg, arg_or, plpgsql};

/// `get_active_insights(workspace, limit)`.
pub(super) fn function() -> Function {
    plpgsql(
        "get_active_insights",
        "The workspace's active insights that hold now (status active, valid_from passed, \
         expires_at not reached), most important first: by impact (critical, high, medium, low), \
         then confidence_score, then newest; at most p_limit rows.",
        vec![
            arg("p_workspace_id", "uuid"),
            arg_or("p_limit", "integer", "50"),
        ],
        "SETOF market_insights",
        Volatility::Stable,
        r#"
BEGIN
    RETURN QUERY
    SELECT *
      FROM market_insights i
     WHERE i.workspace_id = p_workspace_id
       AND i.status = 'active'
       AND i.valid_from <= now()
       AND (i.expires_at IS NULL OR i.expires_at > now())
     ORDER BY array_position(ARRAY['critical', 'high', 'medium', 'low']::text[], i.impact::text),
              i.confidence_score DESC, i.created_at DESC, i.id
     LIMIT greatest(p_limit, 0);
END
"#,
    )
}
