use hingecraft::model::{Function, Volatility};

use super::{arg, arg_or, plpgsql};

/// `record_agent_execution(workspace, agent, status, ...)`.
pub(super) fn function() -> Function {
    plpgsql(
        "record_agent_execution",
        "Records one execution of an agent in a workspace: appends it to agent_performance (under \
         the workspace's assignment of the agent, if there is one) and updates that assignment's \
         running totals: execution_count, success_count or failure_count, the mean \
         avg_duration_ms over the executions with a duration, and last_executed_at. Returns the \
         id of the agent_performance row. Fails when the agent is not in the registry.",
        vec![
            arg("p_workspace_id", "uuid"),
            arg("p_agent_id", "uuid"),
            arg("p_status", "text"),
            arg_or("p_duration_ms", "integer", "NULL"),
            arg_or("p_tokens_used", "bigint", "NULL"),
            arg_or("p_cost_usd", "numeric", "NULL"),
            arg_or("p_error_message", "text", "NULL"),
            arg_or("p_metrics", "jsonb", "'{}'::jsonb"),
            arg_or("p_capability_id", "uuid", "NULL"),
        ],
        "uuid",
        Volatility::Volatile,
        r#"
DECLARE
    v_assignment agent_assignments%ROWTYPE;
    v_id uuid;
    v_started timestamptz;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM agent_registry WHERE id = p_agent_id) THEN
        RAISE EXCEPTION 'record_agent_execution: no agent %', p_agent_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;

    -- Locked so that concurrent executions add up instead of overwriting
    -- each other's totals.
    SELECT * INTO v_assignment
      FROM agent_assignments
     WHERE workspace_id = p_workspace_id AND agent_id = p_agent_id
       FOR UPDATE;

    IF p_duration_ms IS NOT NULL THEN
        v_started := now() - make_interval(secs => p_duration_ms / 1000.0);
    END IF;

    INSERT INTO agent_performance
           (workspace_id, agent_id, assignment_id, capability_id, status, started_at,
            duration_ms, tokens_used, cost_usd, error_message, metrics)
    VALUES (p_workspace_id, p_agent_id, v_assignment.id, p_capability_id, p_status, v_started,
            p_duration_ms, p_tokens_used, p_cost_usd, p_error_message,
            coalesce(p_metrics, '{}'::jsonb))
    RETURNING id INTO v_id;

    IF v_assignment.id IS NOT NULL THEN
        UPDATE agent_assignments
           SET execution_count = execution_count + 1,
               success_count = success_count + (p_status = 'success')::integer,
               failure_count = failure_count + (p_status <> 'success')::integer,
               -- The mean over executions that reported a duration: the
               -- previous mean weighted by their number, read back from the log.
               avg_duration_ms = CASE
                   WHEN p_duration_ms IS NULL THEN avg_duration_ms
                   ELSE (SELECT round(avg(duration_ms))::integer
                           FROM agent_performance
                          WHERE assignment_id = v_assignment.id AND duration_ms IS NOT NULL)
               END,
               last_executed_at = now()
         WHERE id = v_assignment.id;
    END IF;
    RETURN v_id;
END
"#,
    )
}
