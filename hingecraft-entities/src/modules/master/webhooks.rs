use hingecraft::prelude::*;

/// A webhook of a workspace: an endpoint the platform calls, signed with
/// HMAC, when subscribed events happen (outgoing), or an endpoint the
/// platform exposes for a provider to call (incoming).
#[table(name = "webhooks", module = "master", layer = "10_webhooks_assets_prompts", audit, timestamps)]
pub struct Webhook {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the webhook belongs to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// Name shown to the workspace's admins.
    #[hc(max_len = 255)]
    pub name: String,
    /// Whether the platform sends to `url` or receives on it.
    #[hc(one_of("outgoing", "incoming"), default = "outgoing")]
    pub direction: String,
    /// The endpoint called (outgoing) or the provider's source (incoming).
    pub url: String,
    /// Event types delivered, as a JSON array (e.g. `["donation.completed"]`).
    #[hc(default = "[]")]
    pub events: Json,
    /// The HMAC secret, encrypted with the platform key; never stored in clear.
    pub secret_encrypted: Option<Vec<u8>>,
    /// How payloads are signed.
    #[hc(one_of("hmac_sha256", "hmac_sha512"), default = "hmac_sha256")]
    pub signing_algorithm: String,
    /// Extra headers sent with every delivery.
    #[hc(default = "{}")]
    pub headers: Json,
    /// Retries after a failed delivery before giving up.
    #[hc(min = 0, max = 20, default = 5)]
    pub max_retries: i16,
    /// How long to wait for the endpoint, in milliseconds.
    #[hc(min = 100, max = 60000, default = 10000)]
    pub timeout_ms: i32,
    /// Lifecycle of the webhook; `failing` after repeated failed deliveries.
    #[hc(one_of("active", "paused", "failing", "disabled"), default = "active", indexed)]
    pub status: String,
    /// Failed deliveries in a row since the last success.
    #[hc(min = 0, default = 0)]
    pub consecutive_failures: i32,
    /// When a delivery last succeeded.
    pub last_success_at: Option<DateTimeWithTimeZone>,
    /// When a delivery last failed.
    pub last_failure_at: Option<DateTimeWithTimeZone>,
    /// The user who set the webhook up.
    #[hc(references = "users", on_delete = "set null")]
    pub created_by: Option<Uuid>,
    /// Provider details, filters on event payloads.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
