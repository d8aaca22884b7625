use hingecraft::prelude::*;

/// A role granted to a user, across the platform or within one workspace,
/// possibly until a date. The source the application reads a session's
/// roles from.
#[table(
    name = "user_roles",
    module = "governance",
    audit,
    timestamps,
    unique(user_id, role_id, workspace_id),
    index(
        columns(user_id, role_id),
        unique,
        predicate = "workspace_id IS NULL",
        name = "uq_user_roles_platform_grant"
    )
)]
pub struct UserRole {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The user holding the role; grants go with the user.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// The role granted; a role still granted cannot be deleted.
    #[hc(references = "roles", on_delete = "restrict")]
    pub role_id: Uuid,
    /// The workspace the grant applies in; none: across the platform.
    #[hc(references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Option<Uuid>,
    /// The user who granted the role, if they still exist.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub granted_by: Option<Uuid>,
    /// When the grant lapses; none: until revoked.
    pub expires_at: Option<DateTimeWithTimeZone>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
