use hingecraft::model::{Function, Volatility};

use super::{arg, arg_or, plpgsql};

/// `create_insight_from_signals(workspace, signals, title, summary, type, impact)`.
pub(super) fn function() -> Function {
    plpgsql(
        "create_insight_from_signals",
        "Synthesises signals into an active market insight: creates the market_insights row \
         (confidence_score the mean of the signals', signal_count their number), links each \
         signal in insight_signals, and marks the signals synthesized, reviewed now. Returns the \
         insight. Fails when the list is empty or a signal is not in the workspace, so an \
         insight never cites another workspace's signals.",
        vec![
            arg("p_workspace_id", "uuid"),
            arg("p_signal_ids", "uuid[]"),
            arg("p_title", "text"),
            arg("p_summary", "text"),
            arg("p_insight_type", "text"),
            arg_or("p_impact", "text", "'medium'"),
        ],
        "market_insights",
        Volatility::Volatile,
        r#"
DECLARE
    v_ids uuid[];
    v_found integer;
    v_confidence numeric;
    v_insight market_insights%ROWTYPE;
BEGIN
    SELECT coalesce(array_agg(DISTINCT s), '{}') INTO v_ids FROM unnest(p_signal_ids) AS s;
    IF cardinality(v_ids) = 0 THEN
        RAISE EXCEPTION 'create_insight_from_signals: no signals given'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    SELECT count(*), avg(confidence_score) INTO v_found, v_confidence
      FROM intelligence_signals
     WHERE id = ANY (v_ids) AND workspace_id = p_workspace_id;
    IF v_found <> cardinality(v_ids) THEN
        RAISE EXCEPTION 'create_insight_from_signals: % of % signals are not in workspace %',
            cardinality(v_ids) - v_found, cardinality(v_ids), p_workspace_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;

    INSERT INTO market_insights
           (workspace_id, title, summary, insight_type, impact, confidence_score, signal_count, status)
    VALUES (p_workspace_id, p_title, p_summary, p_insight_type, coalesce(p_impact, 'medium'),
            round(v_confidence, 4), v_found, 'active')
    RETURNING * INTO v_insight;

    INSERT INTO insight_signals (insight_id, signal_id)
    SELECT v_insight.id, s FROM unnest(v_ids) AS s
    ORDER BY s;

    UPDATE intelligence_signals
       SET status = 'synthesized',
           reviewed_at = coalesce(reviewed_at, now())
     WHERE id = ANY (v_ids);
    RETURN v_insight;
END
"#,
    )
}
