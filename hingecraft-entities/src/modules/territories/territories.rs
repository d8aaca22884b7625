use hingecraft::prelude::*;

/// A sales and service territory.
#[table(name = "territories", module = "territories", timestamps)]
pub struct Territory {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// Short unique code (`US-WEST`).
    #[hc(unique, max_len = 32)]
    pub code: String,
    #[hc(max_len = 255)]
    pub name: String,
    /// The region the territory belongs to.
    #[hc(max_len = 100)]
    pub region: Option<String>,
}
