use hingecraft::prelude::*;

/// An alert raised in a workspace by an agent or a monitored condition (an
/// agent failing, a quota running out, a campaign off track), and who
/// acknowledged and resolved it. Repeats of an open alert share its
/// `dedup_key` and are folded into it.
#[table(
    name = "system_alerts",
    module = "codex",
    timestamps,
    index(columns(workspace_id, status, severity)),
    index(columns(workspace_id, alert_type)),
    index(columns(workspace_id, severity, created_at), predicate = "resolved_at IS NULL"),
    index(
        columns(workspace_id, dedup_key),
        unique,
        predicate = "dedup_key IS NOT NULL AND resolved_at IS NULL",
        name = "uq_system_alerts_open_dedup_key"
    )
)]
pub struct SystemAlert {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// What the alert is about.
    #[hc(one_of(
        "agent_failure",
        "performance",
        "quota",
        "security",
        "integration",
        "data_quality",
        "campaign",
        "intelligence",
        "system"
    ))]
    pub alert_type: String,
    /// How bad it is; `get_critical_alerts()` returns `high` and `critical`.
    #[hc(one_of("info", "low", "medium", "high", "critical"), default = "medium")]
    pub severity: String,
    /// `open` until someone acknowledges it, then `resolved` or `dismissed`.
    #[hc(
        one_of("open", "acknowledged", "resolved", "dismissed"),
        default = "open",
        check = "(status IN ('resolved', 'dismissed')) = (resolved_at IS NOT NULL)"
    )]
    pub status: String,
    #[hc(max_len = 500)]
    pub title: String,
    /// What happened and what to do.
    pub message: Option<String>,
    /// What raised it.
    #[hc(one_of("agent", "rule", "system", "user"), default = "system")]
    pub source: String,
    /// The agent that raised it, if one did and it still exists.
    #[hc(references = "agent_registry", on_delete = "set null", indexed)]
    pub source_agent_id: Option<Uuid>,
    /// Key of the condition; an open alert with the same key takes the
    /// repeat (`occurrence_count` + 1) instead of a new row.
    #[hc(max_len = 255)]
    pub dedup_key: Option<String>,
    /// How many times the condition was raised while the alert was open.
    #[hc(min = 1, default = 1)]
    pub occurrence_count: i32,
    /// When it was last raised.
    #[hc(default_sql = "now()")]
    pub last_occurred_at: DateTimeWithTimeZone,
    /// Figures and references (the failing execution, the campaign).
    #[hc(default = "{}")]
    pub details: Json,
    /// The member who acknowledged it, if they still exist.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub acknowledged_by: Option<Uuid>,
    pub acknowledged_at: Option<DateTimeWithTimeZone>,
    /// The member who resolved or dismissed it, if they still exist.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub resolved_by: Option<Uuid>,
    /// When it was resolved or dismissed.
    pub resolved_at: Option<DateTimeWithTimeZone>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
