use hingecraft::prelude::*;

/// A user's signature of a document (a policy, contract, consent or
/// request): the hash of what was signed, the signature, and the evidence
/// of who signed when. Kept as evidence.
#[table(name = "digital_signatures", module = "governance", audit)]
pub struct DigitalSignature {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The signer; a user with signatures on record cannot be hard-deleted.
    #[hc(owner, references = "users", entity = "crate::modules::master::users", on_delete = "restrict")]
    pub user_id: Uuid,
    /// The kind of document signed.
    #[hc(one_of("compliance_policy", "contract", "document", "consent", "data_subject_request", "other"))]
    pub subject_type: String,
    /// The id of the signed record, when it is one (no foreign key: any
    /// of the kinds above).
    pub subject_id: Option<Uuid>,
    /// Hash of the exact bytes signed, hex.
    #[hc(max_len = 128)]
    pub document_hash: String,
    #[hc(one_of("sha256", "sha512"), default = "sha256")]
    pub hash_algorithm: String,
    /// How the signature was made: an accepted click, a drawn or typed
    /// name, a certificate key, or a wallet key.
    #[hc(one_of("click_through", "drawn", "typed", "pki", "wallet"), default = "click_through")]
    pub signature_method: String,
    /// The signature value (base64), for key-based methods.
    pub signature_value: Option<String>,
    /// The signer's public key or certificate (PEM), for key-based methods.
    pub public_key: Option<String>,
    /// The signer's name as given when signing.
    #[hc(max_len = 255)]
    pub signer_name: String,
    /// The signer's e-mail address when signing.
    #[hc(max_len = 255)]
    pub signer_email: Option<String>,
    /// Client address when signing (IPv4 or IPv6 text).
    #[hc(max_len = 45)]
    pub ip_address: Option<String>,
    /// Client software when signing.
    #[hc(max_len = 512)]
    pub user_agent: Option<String>,
    /// Whether the signature still stands.
    #[hc(one_of("valid", "revoked", "expired"), default = "valid")]
    pub status: String,
    #[hc(default_sql = "now()")]
    pub signed_at: DateTimeWithTimeZone,
    pub revoked_at: Option<DateTimeWithTimeZone>,
}
