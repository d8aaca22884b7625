use hingecraft::model::{Function, Volatility};

use super::{arg, plpgsql};

/// `mark_notification_as_read(notification, user)`.
pub(super) fn function() -> Function {
    plpgsql(
        "mark_notification_as_read",
        "Marks a user's notification read (status read, read_at now). Returns true when it did, \
         false when the notification is not the user's or was already read.",
        vec![arg("p_notification_id", "uuid"), arg("p_user_id", "uuid")],
        "boolean",
        Volatility::Volatile,
        r#"
BEGIN
    UPDATE user_notifications
       SET status = 'read', read_at = now()
     WHERE id = p_notification_id
       AND user_id = p_user_id
       AND read_at IS NULL;
    RETURN FOUND;
END
"#,
    )
}
