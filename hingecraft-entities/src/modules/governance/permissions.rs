use hingecraft::prelude::*;

/// One thing a role may do: an action on a resource (`designs.publish`).
/// A platform-wide catalogue, granted to roles through `role_permissions`.
#[table(name = "permissions", module = "governance", audit, timestamps, unique(resource, action))]
pub struct Permission {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// Stable handle the application checks for: `resource.action`.
    #[hc(unique, max_len = 127, check = "key = resource || '.' || action")]
    pub key: String,
    /// The table or feature the permission is about (`designs`, `treasury`).
    #[hc(max_len = 63, check = "resource ~ '^[a-z][a-z0-9_]*$'")]
    pub resource: String,
    /// What may be done to it (`read`, `publish`, `approve`).
    #[hc(max_len = 63, check = "action ~ '^[a-z][a-z0-9_]*$'")]
    pub action: String,
    /// What the permission allows, for administrators.
    pub description: Option<String>,
    /// Built in: created by migrations and never deleted by hand.
    #[hc(default = false)]
    pub is_system: bool,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
