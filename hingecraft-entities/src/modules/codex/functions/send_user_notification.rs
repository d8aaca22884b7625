use hingecraft::model::Function;

use super::{arg, arg_or, definer};

/// `send_user_notification(workspace, user, type, title, ...)`.
pub(super) fn function() -> Function {
    definer(
        "send_user_notification",
        "Sends a notification to a member of the workspace: in_app notifications are delivered \
         at once (status delivered, sent_at now), the other channels wait for their sender \
         (status pending). Returns the notification's id. SECURITY DEFINER because it writes a \
         row of another user, which row-level security lets a session do only for itself: the \
         function is the one vetted path. It refuses unless the workspace is the one of the \
         session's verified scope token (no token, no notification), checks that the recipient \
         is an active member, then inserts as administrator of that workspace for that statement \
         only, under a token it signs itself (scope_sign, which only the owner can use; the \
         session's token is put back afterwards; forced row-level security binds the owner too). \
         Its search_path is fixed, pg_temp last, so no object of the caller's can stand in for a \
         table.",
        vec![
            arg("p_workspace_id", "uuid"),
            arg("p_user_id", "uuid"),
            arg("p_notification_type", "text"),
            arg("p_title", "text"),
            arg_or("p_body", "text", "NULL"),
            arg_or("p_channel", "text", "'in_app'"),
            arg_or("p_priority", "text", "'normal'"),
            arg_or("p_action_url", "text", "NULL"),
            arg_or("p_alert_id", "uuid", "NULL"),
            arg_or("p_data", "jsonb", "'{}'::jsonb"),
        ],
        "uuid",
        r#"
DECLARE
    v_scope text := current_setting('app.scope', true);
    v_channel text := coalesce(p_channel, 'in_app');
    v_id uuid;
BEGIN
    IF p_workspace_id IS NULL OR p_workspace_id IS DISTINCT FROM scope_workspace_id() THEN
        RAISE EXCEPTION 'send_user_notification: workspace % is not the session''s verified scope', p_workspace_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM workspace_members
                    WHERE workspace_id = p_workspace_id AND user_id = p_user_id
                      AND status = 'active') THEN
        RAISE EXCEPTION 'send_user_notification: user % is not an active member of workspace %',
            p_user_id, p_workspace_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;

    PERFORM set_config('app.scope', scope_sign(p_workspace_id, scope_user_id(), 'workspace_admin'), true);
    INSERT INTO user_notifications
           (workspace_id, user_id, notification_type, channel, priority, status, title, body,
            action_url, alert_id, data, sent_at)
    VALUES (p_workspace_id, p_user_id, p_notification_type, v_channel,
            coalesce(p_priority, 'normal'),
            CASE WHEN v_channel = 'in_app' THEN 'delivered' ELSE 'pending' END,
            p_title, p_body, p_action_url, p_alert_id, coalesce(p_data, '{}'::jsonb),
            CASE WHEN v_channel = 'in_app' THEN now() END)
    RETURNING id INTO v_id;
    PERFORM set_config('app.scope', coalesce(v_scope, ''), true);
    RETURN v_id;
END
"#,
    )
}
