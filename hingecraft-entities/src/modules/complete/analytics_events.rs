use hingecraft::prelude::*;

/// One raw analytics event (a page view, a click, a funnel step, a server
/// event), appended as it arrives and never updated: the input of the
/// analytics pipeline. Partitioned by month on `created_at`, so it has no
/// UNIQUE constraint (a partitioned table's unique keys must include the
/// partition key) and `created_at` is always set.
///
/// Rows are scoped by `user_id`: a user sees their own events, and
/// administrators all of them. The workspace is not the row-level security
/// key because many events (donation and sign-up funnels) happen outside
/// any workspace.
#[table(
    name = "analytics_events",
    module = "complete",
    partition_by = "created_at",
    primary_key(id, created_at),
    index(columns(event_name, created_at))
)]
pub struct AnalyticsEvent {
    #[hc(default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the event happened in; none for platform-wide events.
    /// Its events go with a deleted workspace.
    #[hc(references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade", indexed)]
    pub workspace_id: Option<Uuid>,
    /// The signed-in user; none for visitors, or once the user is deleted.
    #[hc(owner, references = "users", on_delete = "set null", indexed)]
    pub user_id: Option<Uuid>,
    /// A visitor id kept by the client, to count signed-out visitors.
    #[hc(max_len = 64)]
    pub anonymous_id: Option<String>,
    /// The client's analytics session (not a sign-in session), grouping the
    /// events of one visit.
    #[hc(max_len = 128, indexed)]
    pub session_id: Option<String>,
    /// What happened, as a dotted lower-case name (`page.viewed`,
    /// `donation.checkout_started`).
    #[hc(max_len = 100, check = "event_name ~ '^[a-z0-9_]+([.:][a-z0-9_]+)*$'")]
    pub event_name: String,
    /// Where the event came from.
    #[hc(one_of("web", "mobile", "api", "server", "wix"), default = "web")]
    pub source: String,
    /// The page the event happened on, for web events.
    pub page_url: Option<String>,
    /// The referring page, if the client reported it.
    pub referrer: Option<String>,
    /// Client address (IPv4 or IPv6 text); personal data, kept only as long
    /// as the retention policy allows.
    #[hc(max_len = 45)]
    pub ip_address: Option<String>,
    /// Client software.
    #[hc(max_len = 512)]
    pub user_agent: Option<String>,
    /// Event details, as the client or server sent them.
    #[hc(default = "{}")]
    pub properties: Json,
    /// When the event happened, as the client reported it.
    #[hc(default_sql = "now()")]
    pub occurred_at: DateTimeWithTimeZone,
    /// When the platform recorded it; the partition key.
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
