use hingecraft::prelude::*;

/// A user's consent to one purpose of processing, at one version of its
/// terms (GDPR/CCPA). A new version or a withdrawal is a new row.
#[table(name = "consents", module = "master", layer = "02_users_identity", audit)]
pub struct Consent {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The user who consented.
    #[hc(owner, references = "users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// The purpose consented to.
    #[hc(one_of("terms_of_service", "privacy_policy", "marketing_email", "analytics", "data_processing"))]
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
    /// Where the answer was given.
    #[hc(one_of("web", "mobile", "api", "import"), default = "web")]
    pub source: String,
    /// Client address when answering (IPv4 or IPv6 text).
    #[hc(max_len = 45)]
    pub ip_address: Option<String>,
}
