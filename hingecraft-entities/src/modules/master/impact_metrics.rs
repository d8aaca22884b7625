use hingecraft::prelude::*;

/// One measured or estimated environmental impact of a workspace's activity
/// over a period: a design, a production order or the workspace as a whole.
/// Sustainability reports aggregate these rows.
#[table(
    name = "impact_metrics",
    module = "master",
    layer = "07_environmental_impact",
    timestamps,
    index(columns(workspace_id, metric, period_start))
)]
pub struct ImpactMetric {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the impact is accounted to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// What the row measures.
    #[hc(one_of("workspace", "design", "production_order", "project", "shipment"), default = "workspace")]
    pub subject_type: String,
    /// The design measured, when `subject_type` is `design`.
    #[hc(indexed)]
    pub design_id: Option<Uuid>,
    /// The production order measured, when `subject_type` is `production_order`.
    #[hc(indexed)]
    pub production_order_id: Option<Uuid>,
    /// The quantity measured.
    #[hc(one_of(
        "carbon_emissions",
        "energy_use",
        "water_use",
        "waste",
        "material_use",
        "recycled_content",
        "transport_distance"
    ))]
    pub metric: String,
    /// Greenhouse Gas Protocol scope, for carbon emissions.
    #[hc(one_of("scope_1", "scope_2", "scope_3"))]
    pub scope: Option<String>,
    /// The measured amount, in `unit`.
    #[hc(precision = 20, scale = 6)]
    pub value: Decimal,
    /// Unit of `value` (`kg_co2e`, `kwh`, `l`, `kg`, `pct`, `km`).
    #[hc(max_len = 20)]
    pub unit: String,
    /// How the value was obtained.
    #[hc(one_of("measured", "calculated", "estimated"), default = "estimated")]
    pub method: String,
    /// The emission factor the value was calculated with, if any.
    #[hc(references = "material_footprints", on_delete = "set null")]
    pub material_footprint_id: Option<Uuid>,
    /// First day of the period measured.
    pub period_start: Date,
    /// Last day of the period measured.
    #[hc(check = "period_end >= period_start")]
    pub period_end: Date,
    /// Where the figure comes from (meter, supplier invoice, tool).
    #[hc(max_len = 255)]
    pub source: Option<String>,
    /// Whether a third party checked the figure.
    #[hc(one_of("unverified", "verified", "disputed"), default = "unverified")]
    pub verification_status: String,
    /// The user who recorded the figure.
    #[hc(references = "users", on_delete = "set null")]
    pub recorded_by: Option<Uuid>,
    /// Inputs of the calculation (quantities, distances, assumptions).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
