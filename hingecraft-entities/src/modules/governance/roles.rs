use hingecraft::prelude::*;

/// A role of the platform's role-based access control (admin, moderator,
/// workspace editor...): a named set of permissions, granted to users
/// through `user_roles`. A platform-wide catalogue.
#[table(name = "roles", module = "governance", audit, timestamps)]
pub struct Role {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// Stable handle the application checks for (`workspace_editor`).
    #[hc(unique, max_len = 63, check = "key ~ '^[a-z][a-z0-9_]*$'")]
    pub key: String,
    /// Name shown to administrators.
    #[hc(unique, max_len = 100)]
    pub name: String,
    /// What holders of the role may do and why it exists.
    pub description: Option<String>,
    /// Where the role is granted: across the platform, or within one
    /// workspace.
    #[hc(one_of("platform", "workspace"), default = "workspace")]
    pub scope: String,
    /// The role whose permissions this one also has, if any.
    #[hc(references = "roles", on_delete = "set null", indexed)]
    pub parent_role_id: Option<Uuid>,
    /// Built in: created by migrations and never deleted by hand.
    #[hc(default = false)]
    pub is_system: bool,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
