use hingecraft::prelude::*;

/// A workspace: the tenant that owns members, designs, campaigns and
/// everything else scoped by `workspace_id`.
#[table(name = "workspaces", module = "codex", audit, soft_delete, timestamps)]
pub struct Workspace {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// URL handle, unique across the platform.
    #[hc(unique, max_len = 63, check = "slug ~ '^[a-z0-9][a-z0-9-]*$'")]
    pub slug: String,
    /// Name shown to members.
    #[hc(max_len = 255)]
    pub name: String,
    /// What the workspace is for.
    pub description: Option<String>,
    /// The subscription plan.
    #[hc(one_of("free", "team", "enterprise"), default = "free")]
    pub plan: String,
    /// Lifecycle of the workspace.
    #[hc(one_of("active", "suspended", "archived"), default = "active")]
    pub status: String,
    /// The user who owns the workspace and pays for it.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "restrict", indexed)]
    pub owner_id: Uuid,
    /// Workspace settings (branding, defaults).
    #[hc(default = "{}")]
    pub settings: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
