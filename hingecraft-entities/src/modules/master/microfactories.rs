use hingecraft::prelude::*;

/// A microfactory: a local fabrication shop (CNC, laser, 3D printing,
/// assembly) that makes designs for the community. Listed in the platform's
/// directory and run by the workspace of its operators.
#[table(name = "microfactories", module = "master", layer = "05_microfactory_integrations", audit, timestamps)]
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
    /// Certifications held (ISO 9001...), as a list.
    #[hc(default = "[]")]
    pub certifications: Json,
    /// The person customers deal with, if they still exist.
    #[hc(references = "users", on_delete = "set null")]
    pub contact_user_id: Option<Uuid>,
    #[hc(max_len = 255)]
    pub contact_email: Option<String>,
    #[hc(max_len = 32)]
    pub contact_phone: Option<String>,
    pub website_url: Option<String>,
    #[hc(max_len = 255)]
    pub address_line1: Option<String>,
    #[hc(max_len = 255)]
    pub address_line2: Option<String>,
    #[hc(max_len = 100)]
    pub city: Option<String>,
    /// State, province or county.
    #[hc(max_len = 100)]
    pub region: Option<String>,
    #[hc(max_len = 20)]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[hc(max_len = 2, indexed)]
    pub country_code: Option<String>,
    /// WGS 84 latitude, in degrees.
    #[hc(check = "latitude BETWEEN -90 AND 90")]
    pub latitude: Option<f64>,
    /// WGS 84 longitude, in degrees.
    #[hc(check = "longitude BETWEEN -180 AND 180")]
    pub longitude: Option<f64>,
    /// Usual days from an accepted order to shipping.
    #[hc(min = 0)]
    pub lead_time_days: Option<i32>,
    /// Currency the microfactory quotes in (ISO 4217).
    #[hc(max_len = 3, default = "USD", check = "currency ~ '^[A-Z]{3}$'")]
    pub currency: String,
    /// Average customer rating, 0 to 5, over `rating_count` ratings.
    #[hc(precision = 3, scale = 2, min = 0, max = 5)]
    pub rating_average: Option<Decimal>,
    #[hc(min = 0, default = 0)]
    pub rating_count: i32,
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
