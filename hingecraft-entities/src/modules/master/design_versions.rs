use hingecraft::prelude::*;

/// One numbered revision of a design: what changed and the parameters it was
/// made with. Rows are written once and not edited; the files of a version
/// are in `design_assets`.
#[table(
    name = "design_versions",
    module = "master",
    layer = "03_design_metadata",
    rls,
    unique(design_id, version_number)
)]
pub struct DesignVersion {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The design this version belongs to; versions go with it.
    #[hc(references = "designs", on_delete = "cascade")]
    pub design_id: Uuid,
    /// 1, 2, 3... in order of creation within the design.
    #[hc(min = 1)]
    pub version_number: i32,
    /// Name of the version as shown ("v2.1", "rev B").
    #[hc(max_len = 50)]
    pub label: Option<String>,
    /// What changed since the previous version.
    pub changelog: Option<String>,
    /// Design parameters at this version (dimensions, materials, tolerances).
    #[hc(default = "{}")]
    pub parameters: Json,
    /// The member who made this version, if they still exist.
    #[hc(references = "users", on_delete = "set null")]
    pub created_by: Option<Uuid>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
