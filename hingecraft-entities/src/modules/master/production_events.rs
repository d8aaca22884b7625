use hingecraft::prelude::*;

/// One step in the making of a production order (a status change, a quote,
/// a progress report, an issue, a shipment update), appended as it happens
/// and never updated: the order's tracking history.
#[table(
    name = "production_events",
    module = "master",
    layer = "05_microfactory_integrations",
    rls,
    index(columns(order_id, occurred_at))
)]
pub struct ProductionEvent {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The order; its history goes with it.
    #[hc(references = "production_orders", on_delete = "cascade")]
    pub order_id: Uuid,
    /// What happened.
    #[hc(
        one_of(
            "status_changed",
            "quote_sent",
            "progress_update",
            "quality_check",
            "issue_reported",
            "issue_resolved",
            "shipment_update",
            "file_attached",
            "note"
        ),
        indexed
    )]
    pub event_type: String,
    /// The order's status before a `status_changed` event.
    #[hc(max_len = 32)]
    pub from_status: Option<String>,
    /// The order's status after a `status_changed` event.
    #[hc(max_len = 32)]
    pub to_status: Option<String>,
    /// How much of the order is done, in percent.
    #[hc(min = 0, max = 100)]
    pub progress_percent: Option<i16>,
    /// What to tell the people following the order.
    pub message: Option<String>,
    /// Whether the customer sees the event, or only the microfactory.
    #[hc(default = true)]
    pub visible_to_customer: bool,
    /// Who caused the event.
    #[hc(one_of("customer", "microfactory", "system", "integration"), default = "system")]
    pub actor_type: String,
    /// The user who caused the event, if a person did and still exists.
    #[hc(references = "users", on_delete = "set null")]
    pub actor_user_id: Option<Uuid>,
    /// Event details (photos, measurements, carrier payload).
    #[hc(default = "{}")]
    pub metadata: Json,
    /// When it happened, as reported.
    #[hc(default_sql = "now()")]
    pub occurred_at: DateTimeWithTimeZone,
    /// When the platform recorded it.
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
