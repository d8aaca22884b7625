use hingecraft::model::{Function, Volatility};

use super::{arg, arg_or, plpgsql};

/// `get_priority_signals(workspace, min confidence, limit)`.
pub(super) fn function() -> Function {
    plpgsql(
        "get_priority_signals",
        "The workspace's signals nobody has reviewed yet (status new, not expired) with a \
         confidence_score of at least p_min_confidence, most urgent first: by priority \
         (critical, high, medium, low), then confidence_score, then most recently detected; \
         at most p_limit rows.",
        vec![
            arg("p_workspace_id", "uuid"),
            arg_or("p_min_confidence", "numeric", "0.7"),
            arg_or("p_limit", "integer", "50"),
        ],
        "SETOF intelligence_signals",
        Volatility::Stable,
        r#"
BEGIN
    RETURN QUERY
    SELECT *
      FROM intelligence_signals s
     WHERE s.workspace_id = p_workspace_id
       AND s.status = 'new'
       AND s.confidence_score >= p_min_confidence
       AND (s.expires_at IS NULL OR s.expires_at > now())
     ORDER BY array_position(ARRAY['critical', 'high', 'medium', 'low']::text[], s.priority::text),
              s.confidence_score DESC, s.detected_at DESC, s.id
     LIMIT greatest(p_limit, 0);
END
"#,
    )
}
