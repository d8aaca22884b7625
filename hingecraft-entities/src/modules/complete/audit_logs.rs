use hingecraft::prelude::*;

/// One change to a row of an audited table, written by the audit trigger:
/// the table, the operation, the row before and after, who made the change
/// and in which workspace, with the request it came from. Append-only.
///
/// `actor_id` and `workspace_id` carry no foreign key: an audit row
/// outlives the user and the workspace it names. The request columns are
/// filled only where the audit trigger can read them from the session.
#[table(
    name = "audit_logs",
    module = "complete",
    partition_by = "created_at",
    primary_key(id, created_at),
    index(columns(actor_id, created_at))
)]
pub struct AuditLog {
    #[hc(default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The table the changed row belongs to.
    pub table_name: String,
    /// The statement that changed it.
    #[hc(one_of("INSERT", "UPDATE", "DELETE"))]
    pub operation: String,
    /// The changed row's primary key, as text (a composite key as a JSON
    /// object).
    pub record_id: Option<String>,
    /// The row before the change (UPDATE, DELETE).
    pub old_data: Option<Json>,
    /// The row after the change (INSERT, UPDATE).
    pub new_data: Option<Json>,
    /// The user who made the change, from the session; none for system jobs.
    pub actor_id: Option<Uuid>,
    /// The workspace of the changed row, or of the session.
    pub workspace_id: Option<Uuid>,
    /// Client address of the request that made the change (IPv4 or IPv6 text).
    #[hc(max_len = 45)]
    pub ip_address: Option<String>,
    /// Client software of that request.
    #[hc(max_len = 512)]
    pub user_agent: Option<String>,
    /// The request's id, to find every change one request made and match
    /// them with application logs.
    #[hc(max_len = 128, indexed)]
    pub request_id: Option<String>,
    /// When the change was made.
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
