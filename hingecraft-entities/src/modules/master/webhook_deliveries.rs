use hingecraft::prelude::*;

/// One attempt to deliver an event through a webhook (or one call received
/// on an incoming webhook): the payload, the response and the outcome. An
/// append-only log; a retry is a new row with the next attempt number.
#[table(
    name = "webhook_deliveries",
    module = "master",
    layer = "10_webhooks_assets_prompts",
    rls,
    partition_by = "created_at",
    primary_key(id, created_at),
    index(columns(webhook_id, event_id, attempt)),
    index(columns(webhook_id, created_at)),
    index(columns(next_retry_at), predicate = "next_retry_at IS NOT NULL")
)]
pub struct WebhookDelivery {
    #[hc(default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The webhook delivered through.
    #[hc(references = "webhooks", on_delete = "cascade")]
    pub webhook_id: Uuid,
    /// The event delivered; the same on every attempt, and sent to the
    /// endpoint so that it can ignore duplicates.
    pub event_id: Uuid,
    /// The event type (e.g. `donation.completed`).
    #[hc(max_len = 100)]
    pub event_type: String,
    /// Attempt number, from 1.
    #[hc(min = 1, default = 1)]
    pub attempt: i16,
    /// The body sent or received.
    pub payload: Json,
    /// The signature sent with the payload, or received and checked.
    #[hc(max_len = 255)]
    pub signature: Option<String>,
    /// Outcome of the attempt.
    #[hc(one_of("pending", "succeeded", "failed"), default = "pending")]
    pub status: String,
    /// HTTP status of the response.
    #[hc(min = 100, max = 599)]
    pub response_status: Option<i16>,
    /// Start of the response body, for debugging.
    pub response_body: Option<String>,
    /// Time the endpoint took to answer, in milliseconds.
    #[hc(min = 0)]
    pub duration_ms: Option<i32>,
    /// Why the attempt failed (timeout, TLS error, non-2xx).
    pub error_message: Option<String>,
    /// When the attempt finished.
    pub completed_at: Option<DateTimeWithTimeZone>,
    /// When the next attempt is due, if the attempt failed and retries remain.
    pub next_retry_at: Option<DateTimeWithTimeZone>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
