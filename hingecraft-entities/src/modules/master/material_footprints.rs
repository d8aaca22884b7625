use hingecraft::prelude::*;

/// The environmental footprint of one unit of a material, from a published
/// dataset: the emission factors impact metrics are calculated with. A shared
/// reference catalogue, the same for every workspace.
#[table(
    name = "material_footprints",
    module = "master",
    layer = "07_environmental_impact",
    public,
    timestamps,
    unique(name, region, dataset)
)]
pub struct MaterialFootprint {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The material, as the dataset names it (e.g. "PLA, virgin").
    #[hc(max_len = 255)]
    pub name: String,
    /// The family of the material.
    #[hc(
        one_of("plastic", "metal", "wood", "textile", "composite", "ceramic", "glass", "paper", "other"),
        default = "other",
        indexed
    )]
    pub category: String,
    /// Where the factors apply: an ISO 3166-1 alpha-2 country code or `GLOBAL`.
    #[hc(max_len = 10, default = "GLOBAL")]
    pub region: String,
    /// The unit every factor below is given per (`kg`, `m2`, `m3`, `piece`).
    #[hc(max_len = 20, default = "kg")]
    pub unit: String,
    /// Greenhouse-gas emissions, in kg CO2-equivalent per unit.
    #[hc(precision = 20, scale = 6, min = 0)]
    pub co2e_kg_per_unit: Decimal,
    /// Energy used to produce one unit, in kWh.
    #[hc(precision = 20, scale = 6, min = 0)]
    pub energy_kwh_per_unit: Option<Decimal>,
    /// Water used to produce one unit, in litres.
    #[hc(precision = 20, scale = 6, min = 0)]
    pub water_l_per_unit: Option<Decimal>,
    /// Share of recycled input in the material, in percent.
    #[hc(min = 0, max = 100)]
    pub recycled_content_pct: Option<i16>,
    /// Whether the material can be recycled where it is used.
    #[hc(default = false)]
    pub recyclable: bool,
    /// The dataset and its version the factors come from (e.g. "ecoinvent 3.9").
    #[hc(max_len = 255)]
    pub dataset: String,
    /// First day the factors are valid for.
    pub valid_from: Option<Date>,
    /// Last day the factors are valid for; open-ended when empty.
    pub valid_until: Option<Date>,
    /// Dataset details (process name, system boundary, uncertainty).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
