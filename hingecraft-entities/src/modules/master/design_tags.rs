use hingecraft::prelude::*;

/// A tag on a design, used for browsing and search: one row per tag per
/// design.
#[table(
    name = "design_tags",
    module = "master",
    layer = "03_design_metadata",
    rls,
    unique(design_id, tag)
)]
pub struct DesignTag {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The tagged design; its tags go with it.
    #[hc(references = "designs", on_delete = "cascade")]
    pub design_id: Uuid,
    /// The tag, lower-case words joined by hyphens (`laser-cut`, `flat-pack`).
    #[hc(max_len = 50, indexed, check = "tag ~ '^[a-z0-9][a-z0-9-]*$'")]
    pub tag: String,
    /// The member who added the tag, if they still exist.
    #[hc(references = "users", on_delete = "set null")]
    pub added_by: Option<Uuid>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
