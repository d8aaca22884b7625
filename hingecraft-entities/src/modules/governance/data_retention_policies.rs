use hingecraft::prelude::*;

/// How long rows of one table are kept and what happens to them after,
/// platform-wide or overridden for a workspace. The retention job reads
/// these rules.
#[table(
    name = "data_retention_policies",
    module = "governance",
    audit,
    timestamps,
    unique(workspace_id, table_name),
    index(
        columns(table_name),
        unique,
        predicate = "workspace_id IS NULL",
        name = "uq_data_retention_policies_platform_table"
    )
)]
pub struct DataRetentionPolicy {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the override applies to; none: the platform rule.
    #[hc(references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Option<Uuid>,
    /// The table whose rows the rule governs.
    #[hc(max_len = 63)]
    pub table_name: String,
    pub description: Option<String>,
    /// The timestamp column a row's age is counted from.
    #[hc(max_len = 63, default = "created_at")]
    pub age_column: String,
    /// Days a row is kept; none: kept indefinitely.
    #[hc(min = 1)]
    pub retention_days: Option<i32>,
    /// What happens to a row past its retention.
    #[hc(one_of("delete", "anonymize", "archive"), default = "delete")]
    pub expiry_action: String,
    /// The compliance policy that sets the rule, if any.
    #[hc(references = "compliance_policies", on_delete = "set null")]
    pub policy_id: Option<Uuid>,
    /// Whether the retention job applies the rule.
    #[hc(default = true)]
    pub is_active: bool,
    /// When the retention job last applied the rule.
    pub last_applied_at: Option<DateTimeWithTimeZone>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
