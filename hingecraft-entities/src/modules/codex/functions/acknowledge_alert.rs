use hingecraft::model::{Function, Volatility};

use super::{arg, plpgsql};

/// `acknowledge_alert(alert, user)`.
pub(super) fn function() -> Function {
    plpgsql(
        "acknowledge_alert",
        "Acknowledges an open alert: status acknowledged, acknowledged_by the user, \
         acknowledged_at now. Returns true when it did, false when the alert is not open \
         (already acknowledged, resolved or dismissed), so the first acknowledgement stands.",
        vec![arg("p_alert_id", "uuid"), arg("p_user_id", "uuid")],
        "boolean",
        Volatility::Volatile,
        r#"
BEGIN
    UPDATE system_alerts
       SET status = 'acknowledged', acknowledged_by = p_user_id, acknowledged_at = now()
     WHERE id = p_alert_id
       AND status = 'open';
    RETURN FOUND;
END
"#,
    )
}
