use hingecraft::prelude::*;

/// A user's membership of a workspace, with their role in it.
#[table(name = "workspace_members", module = "codex", audit, timestamps, unique(workspace_id, user_id))]
pub struct WorkspaceMember {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The member.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "cascade", indexed)]
    pub user_id: Uuid,
    /// What the member may do in the workspace.
    #[hc(one_of("owner", "admin", "member", "viewer"), default = "member")]
    pub role: String,
    /// Whether the invitation was accepted.
    #[hc(one_of("invited", "active", "removed"), default = "invited")]
    pub status: String,
    /// Who invited the member.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub invited_by: Option<Uuid>,
    /// When the member accepted.
    pub joined_at: Option<DateTimeWithTimeZone>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
