use hingecraft::prelude::*;

/// A rule of a workspace's access rule engine: allows or denies an action
/// on a resource, to everyone or to holders of one role, when its
/// conditions hold. Rules are evaluated by priority; on a tie, deny wins.
#[table(name = "access_rules", module = "governance", audit, timestamps, unique(workspace_id, name))]
pub struct AccessRule {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the rule applies in.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// Name shown to administrators, unique within the workspace.
    #[hc(max_len = 255)]
    pub name: String,
    pub description: Option<String>,
    /// The table or feature the rule guards (`designs`, `treasury`).
    #[hc(max_len = 63)]
    pub resource: String,
    /// The action guarded; `all`: every action.
    #[hc(one_of("read", "create", "update", "delete", "approve", "export", "all"), default = "read")]
    pub action: String,
    /// Whether a match allows or denies.
    #[hc(one_of("allow", "deny"), default = "allow")]
    pub effect: String,
    /// The role the rule applies to; none: every user.
    #[hc(references = "roles", on_delete = "cascade")]
    pub role_id: Option<Uuid>,
    /// Conditions on the user, the row and the request (attribute values,
    /// ownership, time of day); empty: always.
    #[hc(default = "{}")]
    pub conditions: Json,
    /// Evaluation order, highest first.
    #[hc(default = 0)]
    pub priority: i32,
    /// Whether the rule is evaluated; disabled rules are kept for reference.
    #[hc(default = true)]
    pub is_active: bool,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
