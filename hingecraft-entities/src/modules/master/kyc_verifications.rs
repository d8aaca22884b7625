use hingecraft::prelude::*;

/// An identity verification (know your customer) of a user by a provider,
/// required before payouts and treasury operations.
#[table(name = "kyc_verifications", module = "master", layer = "02_users_identity", audit, timestamps)]
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
    /// Issuing country of the document (ISO 3166-1 alpha-2).
    #[hc(max_len = 2)]
    pub document_country: Option<String>,
    /// When the user submitted the check.
    pub submitted_at: Option<DateTimeWithTimeZone>,
    /// When a reviewer decided.
    pub reviewed_at: Option<DateTimeWithTimeZone>,
    /// The staff member who decided, if a person did.
    #[hc(references = "users", on_delete = "set null")]
    pub reviewed_by: Option<Uuid>,
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
