use hingecraft::prelude::*;

/// A workspace: the tenant that owns customers, contacts and invoices.
#[table(name = "workspaces", module = "platform", layer = "01_platform", audit, timestamps)]
pub struct Workspace {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// URL handle, unique across the service.
    #[hc(unique, max_len = 63, check = "slug ~ '^[a-z0-9][a-z0-9-]*$'")]
    pub slug: String,
    /// Name shown to members.
    #[hc(max_len = 255)]
    pub name: String,
    /// The user who owns the workspace and pays for it.
    #[hc(references = "users", on_delete = "restrict")]
    pub owner_id: Uuid,
    /// When the workspace was opened.
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
