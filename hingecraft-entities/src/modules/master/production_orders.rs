use hingecraft::prelude::*;

/// An order placed with a microfactory for a production project: the quote,
/// the price, and the order's way from submission to delivery. Orders are
/// financial records: the rows they point at cannot be deleted under them.
#[table(
    name = "production_orders",
    module = "master",
    layer = "05_microfactory_integrations",
    audit,
    versioned,
    timestamps,
    index(columns(microfactory_id, status))
)]
pub struct ProductionOrder {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// Reference shown to customers and the microfactory (`PO-2025-000123`).
    #[hc(unique, max_len = 32)]
    pub order_number: String,
    /// The workspace that placed the order; it cannot be deleted while it
    /// has orders.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "restrict")]
    pub workspace_id: Uuid,
    /// The project the order is for.
    #[hc(references = "production_projects", on_delete = "restrict", indexed)]
    pub project_id: Uuid,
    /// The microfactory making the order.
    #[hc(references = "microfactories", on_delete = "restrict")]
    pub microfactory_id: Uuid,
    /// The design version being made; none for custom work.
    #[hc(references = "design_versions", on_delete = "restrict")]
    pub design_version_id: Option<Uuid>,
    /// The member who placed the order, if they still exist.
    #[hc(references = "users", on_delete = "set null")]
    pub placed_by: Option<Uuid>,
    /// Where the order stands. Moves forward one step at a time, with a
    /// `production_events` row for each change.
    #[hc(
        one_of(
            "draft",
            "submitted",
            "quoted",
            "accepted",
            "in_production",
            "quality_check",
            "shipped",
            "delivered",
            "cancelled",
            "rejected",
            "refunded"
        ),
        default = "draft",
        indexed
    )]
    pub status: String,
    /// Pieces ordered.
    #[hc(min = 1)]
    pub quantity: i32,
    /// Price of one piece, in minor units of `currency`, once quoted.
    #[hc(min = 0)]
    pub unit_price_cents: Option<i64>,
    /// Shipping, in minor units of `currency`.
    #[hc(min = 0, default = 0)]
    pub shipping_cents: i64,
    /// Taxes, in minor units of `currency`.
    #[hc(min = 0, default = 0)]
    pub tax_cents: i64,
    /// What the customer pays, in minor units of `currency`.
    #[hc(min = 0, default = 0)]
    pub total_cents: i64,
    /// ISO 4217 currency of every amount of the order.
    #[hc(max_len = 3, default = "USD", check = "currency ~ '^[A-Z]{3}$'")]
    pub currency: String,
    /// What to make beyond the design (material, finish, tolerances, options).
    #[hc(default = "{}")]
    pub specifications: Json,
    /// Where to ship: `{name, line1, line2, city, region, postal_code, country_code}`.
    #[hc(default = "{}")]
    pub shipping_address: Json,
    /// The microfactory's or the shop front's own reference for the order.
    #[hc(max_len = 255)]
    pub external_reference: Option<String>,
    /// When the pieces are due.
    pub due_date: Option<Date>,
    /// Until when the quote holds.
    pub quote_expires_at: Option<DateTimeWithTimeZone>,
    pub submitted_at: Option<DateTimeWithTimeZone>,
    pub accepted_at: Option<DateTimeWithTimeZone>,
    pub shipped_at: Option<DateTimeWithTimeZone>,
    pub delivered_at: Option<DateTimeWithTimeZone>,
    pub cancelled_at: Option<DateTimeWithTimeZone>,
    /// Why the order was cancelled or rejected.
    pub cancellation_reason: Option<String>,
    #[hc(max_len = 50)]
    pub carrier: Option<String>,
    #[hc(max_len = 100)]
    pub tracking_number: Option<String>,
    /// Notes between the customer and the microfactory.
    pub notes: Option<String>,
    #[hc(default = "{}")]
    pub metadata: Json,
    /// Optimistic-locking version, bumped on every update.
    #[hc(min = 1, default = 1)]
    pub version: i32,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
