use hingecraft::prelude::*;

/// A webhook as the complete schema sees it: mostly an incoming endpoint
/// where a provider (the Wix site, a chain listener such as a Solana or
/// Stellar watcher, a payment provider) posts events, with the provider's
/// own id for the subscription and when it last called. Each call received
/// is a row of `webhook_deliveries`.
#[table(name = "webhooks", module = "complete", audit, timestamps)]
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
    /// The service on the other end, as a lower-case code (`wix`,
    /// `solana_listener`, `stellar_horizon`, `bitcoin_node`, `stripe`...).
    #[hc(max_len = 50, indexed, check = "provider ~ '^[a-z0-9_]+$'")]
    pub provider: Option<String>,
    /// The provider's id for this subscription, to change or remove it there.
    #[hc(max_len = 255)]
    pub provider_webhook_id: Option<String>,
    /// Event types delivered, as a JSON array (e.g. `["donation.completed"]`).
    #[hc(default = "[]")]
    pub events: Json,
    /// The HMAC secret, encrypted with the platform key; never stored in clear.
    pub secret_encrypted: Option<Vec<u8>>,
    /// Lifecycle of the webhook; `failing` after repeated failed deliveries.
    #[hc(one_of("active", "paused", "failing", "disabled"), default = "active", indexed)]
    pub status: String,
    /// When the provider last called an incoming webhook.
    pub last_received_at: Option<DateTimeWithTimeZone>,
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
