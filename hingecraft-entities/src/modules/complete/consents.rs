use hingecraft::prelude::*;

/// A user's acceptance of a legal document or pledge (terms, privacy
/// policy, the charter pledge, marketing), with the evidence of how it was
/// given: address, client, channel and a hash of the exact text shown.
#[table(name = "consents", module = "complete", audit)]
pub struct Consent {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The user who consented.
    #[hc(owner, references = "users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// The purpose consented to; `charter_pledge` is the community charter
    /// members sign when they join.
    #[hc(one_of(
        "terms_of_service",
        "privacy_policy",
        "marketing_email",
        "analytics",
        "data_processing",
        "charter_pledge"
    ))]
    pub consent_type: String,
    /// The version of the document the user saw.
    #[hc(max_len = 20)]
    pub version: String,
    /// Whether consent was given (false: refused).
    pub granted: bool,
    /// When the user answered.
    #[hc(default_sql = "now()")]
    pub granted_at: DateTimeWithTimeZone,
    /// When the user withdrew it, if they did.
    pub withdrawn_at: Option<DateTimeWithTimeZone>,
    /// Where the answer was given; `wix` for forms on the Wix site.
    #[hc(one_of("web", "mobile", "api", "import", "wix"), default = "web")]
    pub source: String,
    /// Client address when answering (IPv4 or IPv6 text).
    #[hc(max_len = 45)]
    pub ip_address: Option<String>,
    /// Client software when answering.
    #[hc(max_len = 512)]
    pub user_agent: Option<String>,
    /// SHA-256 of the exact document text shown, hex: proves what was
    /// accepted even if the published text later changes.
    #[hc(max_len = 64, check = "document_sha256 ~ '^[0-9a-f]{64}$'")]
    pub document_sha256: Option<String>,
    /// Form or campaign details the answer came with.
    #[hc(default = "{}")]
    pub metadata: Json,
}
