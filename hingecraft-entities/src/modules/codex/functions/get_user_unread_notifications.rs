use hingecraft::model::{Function, Volatility};

use super::{arg, arg_or, plpgsql};

/// `get_user_unread_notifications(user, workspace, limit)`.
pub(super) fn function() -> Function {
    plpgsql(
        "get_user_unread_notifications",
        "A user's unread notifications in a workspace (not read, not failed, not expired), most \
         urgent first (urgent, high, normal, low), then newest; at most p_limit rows.",
        vec![
            arg("p_user_id", "uuid"),
            arg("p_workspace_id", "uuid"),
            arg_or("p_limit", "integer", "50"),
        ],
        "SETOF user_notifications",
        Volatility::Stable,
        r#"
BEGIN
    RETURN QUERY
    SELECT *
      FROM user_notifications n
     WHERE n.user_id = p_user_id
       AND n.workspace_id = p_workspace_id
       AND n.read_at IS NULL
       AND n.status <> 'failed'
       AND (n.expires_at IS NULL OR n.expires_at > now())
     ORDER BY array_position(ARRAY['urgent', 'high', 'normal', 'low']::text[], n.priority::text),
              n.created_at DESC, n.id
     LIMIT greatest(p_limit, 0);
END
"#,
    )
}
