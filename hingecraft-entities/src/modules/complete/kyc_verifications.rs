use hingecraft::prelude::*;

/// An identity verification (know your customer) of a user by a provider,
/// with the screening results compliance needs before large donations and
/// payouts: sanctions and politically-exposed-person matches, a risk score,
/// and a pointer to the documents in secure storage.
#[table(name = "kyc_verifications", module = "complete", audit, timestamps)]
pub struct KycVerification {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The verified user.
    #[hc(owner, references = "users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// The verification provider.
    #[hc(max_len = 50)]
    pub provider: String,
    /// The provider's reference for this check.
    #[hc(unique, max_len = 255)]
    pub provider_reference: Option<String>,
    /// Where the check stands.
    #[hc(one_of("pending", "in_review", "approved", "rejected", "expired"), default = "pending", indexed)]
    pub status: String,
    /// How thorough the check is.
    #[hc(one_of("basic", "standard", "enhanced"), default = "basic")]
    pub level: String,
    /// The document presented.
    #[hc(one_of("passport", "national_id", "drivers_license", "residence_permit"))]
    pub document_type: Option<String>,
    /// Where the documents are kept in the secure document store (its object
    /// key); the documents themselves never enter the database.
    #[hc(max_len = 1024)]
    pub document_storage_key: Option<String>,
    /// Provider's risk score, 0 (lowest) to 100.
    #[hc(precision = 5, scale = 2, min = 0, max = 100)]
    pub risk_score: Option<Decimal>,
    /// Whether the user matched a sanctions list (OFAC SDN or equivalent).
    #[hc(default = false)]
    pub sanctions_match: bool,
    /// Whether the user matched a politically exposed person list.
    #[hc(default = false)]
    pub pep_match: bool,
    /// When the sanctions and PEP screening last ran.
    pub screened_at: Option<DateTimeWithTimeZone>,
    /// When the user submitted the check.
    pub submitted_at: Option<DateTimeWithTimeZone>,
    /// When a reviewer decided.
    pub reviewed_at: Option<DateTimeWithTimeZone>,
    /// Why the check was rejected.
    pub rejection_reason: Option<String>,
    /// When an approval stops being valid.
    pub expires_at: Option<DateTimeWithTimeZone>,
    /// Provider payload (scores, checks performed), never document images.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
