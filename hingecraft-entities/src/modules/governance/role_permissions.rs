use hingecraft::prelude::*;

/// A permission granted to a role. Part of the platform-wide role
/// catalogue: it goes with either side.
#[table(name = "role_permissions", module = "governance", audit, unique(role_id, permission_id))]
pub struct RolePermission {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    #[hc(references = "roles", on_delete = "cascade")]
    pub role_id: Uuid,
    #[hc(references = "permissions", on_delete = "cascade")]
    pub permission_id: Uuid,
    /// Conditions narrowing the grant (own rows only, some statuses), as
    /// the access rule engine reads them; empty: unconditional.
    #[hc(default = "{}")]
    pub conditions: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
