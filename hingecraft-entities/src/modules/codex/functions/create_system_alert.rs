use hingecraft::model::Function;

use super::{arg, arg_or, definer};

/// `create_system_alert(workspace, type, severity, title, ...)`.
pub(super) fn function() -> Function {
    definer(
        "create_system_alert",
        "Raises an alert in a workspace and returns it. With a dedup_key, a repeat of an alert \
         still unresolved is folded into it (occurrence_count + 1, last_occurred_at now, the \
         higher severity kept, the new message and details) instead of a second row. A new high \
         or critical alert also notifies every active owner and admin of the workspace \
         (user_notifications of type alert, priority urgent for critical, high otherwise). \
         SECURITY DEFINER because those notifications are rows of other users, which row-level \
         security lets a session write only for itself: the function refuses unless the \
         workspace is the one of the session's verified scope token (no token, no alert), and \
         writes as administrator of that workspace for its own statements only, under a token it \
         signs itself (scope_sign, which only the owner can use; the session's token is put back \
         afterwards). Its search_path is fixed, pg_temp last, so no object of the caller's can \
         stand in for a table.",
        vec![
            arg("p_workspace_id", "uuid"),
            arg("p_alert_type", "text"),
            arg("p_severity", "text"),
            arg("p_title", "text"),
            arg_or("p_message", "text", "NULL"),
            arg_or("p_dedup_key", "text", "NULL"),
            arg_or("p_source", "text", "'system'"),
            arg_or("p_source_agent_id", "uuid", "NULL"),
            arg_or("p_details", "jsonb", "'{}'::jsonb"),
        ],
        "system_alerts",
        r#"
DECLARE
    v_scope text := current_setting('app.scope', true);
    v_ranks text[] := ARRAY['info', 'low', 'medium', 'high', 'critical'];
    v_alert system_alerts%ROWTYPE;
BEGIN
    IF p_workspace_id IS NULL OR p_workspace_id IS DISTINCT FROM scope_workspace_id() THEN
        RAISE EXCEPTION 'create_system_alert: workspace % is not the session''s verified scope', p_workspace_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('app.scope', scope_sign(p_workspace_id, scope_user_id(), 'workspace_admin'), true);

    IF p_dedup_key IS NOT NULL THEN
        UPDATE system_alerts
           SET occurrence_count = occurrence_count + 1,
               last_occurred_at = now(),
               severity = CASE
                   WHEN array_position(v_ranks, p_severity) > array_position(v_ranks, severity::text)
                   THEN p_severity ELSE severity END,
               message = coalesce(p_message, message),
               details = details || coalesce(p_details, '{}'::jsonb)
         WHERE workspace_id = p_workspace_id
           AND dedup_key = p_dedup_key
           AND resolved_at IS NULL
        RETURNING * INTO v_alert;
    END IF;

    IF v_alert.id IS NULL THEN
        INSERT INTO system_alerts
               (workspace_id, alert_type, severity, title, message, source, source_agent_id,
                dedup_key, details)
        VALUES (p_workspace_id, p_alert_type, p_severity, p_title, p_message,
                coalesce(p_source, 'system'), p_source_agent_id, p_dedup_key,
                coalesce(p_details, '{}'::jsonb))
        RETURNING * INTO v_alert;

        IF p_severity IN ('high', 'critical') THEN
            INSERT INTO user_notifications
                   (workspace_id, user_id, notification_type, channel, priority, status, title,
                    body, alert_id, sent_at)
            SELECT p_workspace_id, m.user_id, 'alert', 'in_app',
                   CASE WHEN p_severity = 'critical' THEN 'urgent' ELSE 'high' END,
                   'delivered', p_title, p_message, v_alert.id, now()
              FROM workspace_members m
             WHERE m.workspace_id = p_workspace_id
               AND m.status = 'active'
               AND m.role IN ('owner', 'admin')
             ORDER BY m.user_id;
        END IF;
    END IF;

    PERFORM set_config('app.scope', coalesce(v_scope, ''), true);
    RETURN v_alert;
END
"#,
    )
}
