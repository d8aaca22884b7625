use hingecraft::prelude::*;

/// One engagement with the platform's content (a view, download, share,
/// fork, follow, search...), appended as it happens and never updated: the
/// source of activity feeds, counters and creator analytics.
#[table(
    name = "engagement_events",
    module = "master",
    layer = "04_community_activity",
    index(columns(subject_type, subject_id))
)]
pub struct EngagementEvent {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace whose content was engaged with; none for platform-wide
    /// events (searches, profile views).
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Option<Uuid>,
    /// The signed-in user; none for visitors, or once the user is deleted.
    #[hc(references = "users", on_delete = "set null", indexed)]
    pub user_id: Option<Uuid>,
    /// A visitor id kept by the client, to count signed-out visitors.
    #[hc(max_len = 64)]
    pub anonymous_id: Option<String>,
    /// What happened.
    #[hc(
        one_of(
            "view", "download", "share", "like", "comment", "follow", "fork", "bookmark", "click", "search"
        ),
        indexed
    )]
    pub event_type: String,
    /// The table of the subject, when the event has one. No foreign key:
    /// events outlive their subject.
    #[hc(one_of(
        "design",
        "article",
        "content",
        "chat_club",
        "microfactory",
        "production_project",
        "contribution",
        "user_profile"
    ))]
    pub subject_type: Option<String>,
    /// The id of the subject in that table.
    pub subject_id: Option<Uuid>,
    /// Where the event came from.
    #[hc(one_of("web", "mobile", "api", "email", "wix"), default = "web")]
    pub source: String,
    /// The referring page, if the client reported it.
    pub referrer: Option<String>,
    /// Event details (search query, share target, download format).
    #[hc(default = "{}")]
    pub properties: Json,
    /// When the event happened, as the client reported it.
    #[hc(default_sql = "now()", indexed)]
    pub occurred_at: DateTimeWithTimeZone,
    /// When the platform recorded it.
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
