use hingecraft::prelude::*;

/// A notification to one user in a workspace, on one channel: what it says,
/// whether it was delivered, and when the user read it.
#[table(
    name = "user_notifications",
    module = "codex",
    timestamps,
    index(columns(user_id, workspace_id, created_at), predicate = "read_at IS NULL"),
    index(columns(workspace_id, status)),
    index(columns(workspace_id, channel))
)]
pub struct UserNotification {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The recipient.
    #[hc(owner, references = "users", entity = "crate::modules::master::users", on_delete = "cascade", indexed)]
    pub user_id: Uuid,
    /// What the notification is about.
    #[hc(one_of(
        "alert",
        "achievement",
        "level_up",
        "campaign",
        "quest",
        "insight",
        "mention",
        "system"
    ))]
    pub notification_type: String,
    /// How it reaches the user.
    #[hc(one_of("in_app", "email", "push", "sms"), default = "in_app")]
    pub channel: String,
    #[hc(one_of("low", "normal", "high", "urgent"), default = "normal")]
    pub priority: String,
    /// Delivery, then reading: `read` once `read_at` is set.
    #[hc(
        one_of("pending", "sent", "delivered", "read", "failed"),
        default = "pending",
        check = "(status = 'read') = (read_at IS NOT NULL)"
    )]
    pub status: String,
    #[hc(max_len = 500)]
    pub title: String,
    pub body: Option<String>,
    /// Where a click takes the user.
    pub action_url: Option<String>,
    /// The alert that caused it, if any and while it exists.
    #[hc(references = "system_alerts", on_delete = "set null", indexed)]
    pub alert_id: Option<Uuid>,
    /// References for the client (achievement, campaign, insight ids).
    #[hc(default = "{}")]
    pub data: Json,
    /// When it left for the channel.
    pub sent_at: Option<DateTimeWithTimeZone>,
    /// When the user read it.
    pub read_at: Option<DateTimeWithTimeZone>,
    /// After this it is no longer shown.
    pub expires_at: Option<DateTimeWithTimeZone>,
    /// Why delivery failed.
    pub error_message: Option<String>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
