use hingecraft::prelude::*;

/// A named group of a workspace's users that campaigns target, defined by a
/// rule over user attributes and activity (a segment) rather than by a list
/// of members: who belongs to it is worked out when a campaign runs.
#[table(
    name = "cohorts",
    module = "codex",
    soft_delete,
    timestamps,
    unique(workspace_id, name)
)]
pub struct Cohort {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// Name shown to members, unique in the workspace.
    #[hc(max_len = 255)]
    pub name: String,
    /// Who the cohort is and why it exists.
    pub description: Option<String>,
    /// The membership rule: conditions on user attributes and activity
    /// (`{"all": [{"field": "experience_level", "op": ">=", "value": 3}]}`).
    #[hc(default = "{}")]
    pub criteria: Json,
    /// How many users matched the rule when it was last evaluated.
    #[hc(min = 0, default = 0)]
    pub estimated_size: i32,
    /// When `estimated_size` was last computed.
    pub size_computed_at: Option<DateTimeWithTimeZone>,
    /// Whether campaigns may still target the cohort.
    #[hc(one_of("active", "archived"), default = "active")]
    pub status: String,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
