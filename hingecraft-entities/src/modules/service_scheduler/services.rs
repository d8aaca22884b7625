use hingecraft::prelude::*;

/// A service the business offers, with its standard duration and price.
#[table(name = "services", module = "service-scheduler", soft_delete, timestamps)]
pub struct Service {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// Short unique code used on work orders and invoices.
    #[hc(unique, max_len = 32)]
    pub code: String,
    #[hc(max_len = 255)]
    pub name: String,
    pub description: Option<String>,
    /// Standard duration in minutes.
    #[hc(min = 1, max = 1440)]
    pub duration_minutes: i32,
    /// Standard price in minor units of `currency`.
    #[hc(min = 0)]
    pub price_cents: i64,
    /// ISO 4217 currency code.
    #[hc(max_len = 3, default = "USD")]
    pub currency: String,
    #[hc(one_of("active", "retired"), default = "active")]
    pub status: String,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
