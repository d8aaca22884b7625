use hingecraft::prelude::*;

/// Field-level access control in a workspace: how one column of one table
/// is shown to everyone or to holders of one role (hidden, masked, read
/// only, or writable).
#[table(
    name = "field_access_rules",
    module = "governance",
    audit,
    timestamps,
    unique(workspace_id, role_id, table_name, column_name)
)]
pub struct FieldAccessRule {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the rule applies in.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The role the rule applies to; none: every user.
    #[hc(references = "roles", on_delete = "cascade")]
    pub role_id: Option<Uuid>,
    /// The table holding the field.
    #[hc(max_len = 63)]
    pub table_name: String,
    /// The field.
    #[hc(max_len = 63)]
    pub column_name: String,
    /// What the role may do with the field.
    #[hc(one_of("hidden", "masked", "read", "write"), default = "read")]
    pub access_level: String,
    /// How a masked value is shown: fully redacted, partly shown (last
    /// digits, e-mail domain), or replaced by a hash.
    #[hc(one_of("redact", "partial", "hash"))]
    pub masking: Option<String>,
    /// Whether the rule is applied.
    #[hc(default = true)]
    pub is_active: bool,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
