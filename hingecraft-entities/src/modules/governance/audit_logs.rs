use hingecraft::prelude::*;

/// One change to an audited table, or one governance event: what changed,
/// by whom, in which workspace, and for governance events why and under
/// which policy. Append-only. Actor, workspace and policy carry no foreign
/// keys: an audit row outlives what it names.
#[table(name = "audit_logs", module = "governance", partition_by = "created_at", primary_key(id, created_at))]
pub struct AuditLog {
    #[hc(default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The table changed.
    pub table_name: String,
    #[hc(one_of("INSERT", "UPDATE", "DELETE"))]
    pub operation: String,
    /// The changed row's primary key, as text (a JSON object for a
    /// composite key).
    pub record_id: Option<String>,
    /// The row before the change; none for an insert.
    pub old_data: Option<Json>,
    /// The row after the change; none for a delete.
    pub new_data: Option<Json>,
    /// The user the change was made for, from the session; none for system
    /// work.
    pub actor_id: Option<Uuid>,
    /// The workspace of the changed row, or else of the session.
    pub workspace_id: Option<Uuid>,
    /// What the row records: a data change written by the audit trigger, or
    /// a governance event.
    #[hc(
        one_of("data_change", "access", "permission", "policy", "compliance", "security"),
        default = "data_change"
    )]
    pub category: String,
    /// How much the event matters to reviewers.
    #[hc(one_of("info", "notice", "warning", "critical"), default = "info")]
    pub severity: String,
    /// Why the action was taken, when the application gives a reason
    /// (a ticket, a legal request).
    pub reason: Option<String>,
    /// The compliance policy the action was taken under, if any.
    pub policy_id: Option<Uuid>,
    /// Client address of the session (IPv4 or IPv6 text).
    #[hc(max_len = 45)]
    pub client_ip: Option<String>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
