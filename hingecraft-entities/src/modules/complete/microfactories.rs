use hingecraft::prelude::*;

/// A microfactory as the complete schema sees it: the directory entry
/// (name, place, what it makes) with the capacity it offers, the wallet its
/// payouts go to, and the units it has produced for the community.
#[table(name = "microfactories", module = "complete", audit, timestamps)]
pub struct Microfactory {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace of the people who run the microfactory.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// URL handle in the directory, unique across the platform.
    #[hc(unique, max_len = 63, check = "slug ~ '^[a-z0-9][a-z0-9-]*$'")]
    pub slug: String,
    #[hc(max_len = 255)]
    pub name: String,
    pub description: Option<String>,
    /// `pending_review` until the platform has checked the shop; only
    /// `active` microfactories take orders.
    #[hc(
        one_of("pending_review", "active", "paused", "suspended", "closed"),
        default = "pending_review",
        indexed
    )]
    pub status: String,
    /// Processes offered, with machine limits: a list of
    /// `{process, machine, max_size_mm, tolerance_mm}`.
    #[hc(default = "[]")]
    pub capabilities: Json,
    /// Materials stocked, as a list of names.
    #[hc(default = "[]")]
    pub materials: Json,
    /// Free tags for the directory (`furniture`, `repair-cafe`...), as a
    /// JSON array of strings.
    #[hc(default = "[]")]
    pub tags: Json,
    /// Machine hours the microfactory offers the platform per month.
    #[hc(min = 0)]
    pub monthly_capacity_hours: Option<i32>,
    /// Units made for the community so far, kept in step with completed
    /// production orders.
    #[hc(min = 0, default = 0)]
    pub units_produced: i64,
    /// The wallet production payouts are sent to, if one is set.
    #[hc(references = "wallets", on_delete = "set null")]
    pub payout_wallet_id: Option<Uuid>,
    #[hc(max_len = 255)]
    pub contact_email: Option<String>,
    pub website_url: Option<String>,
    #[hc(max_len = 100)]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[hc(max_len = 2, indexed)]
    pub country_code: Option<String>,
    /// Local time zone (IANA name), for opening hours and lead times.
    #[hc(max_len = 64)]
    pub timezone: Option<String>,
    /// WGS 84 latitude, in degrees.
    #[hc(check = "latitude BETWEEN -90 AND 90")]
    pub latitude: Option<f64>,
    /// WGS 84 longitude, in degrees.
    #[hc(check = "longitude BETWEEN -180 AND 180")]
    pub longitude: Option<f64>,
    /// When the platform verified the shop.
    pub verified_at: Option<DateTimeWithTimeZone>,
    /// Integration settings (order API endpoint, webhook ids, opening hours).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
