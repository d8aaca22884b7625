use hingecraft::prelude::*;

/// A user's consent to one purpose of processing, with what governance
/// needs to prove it: the legal basis, the jurisdiction whose law applies,
/// the policy version agreed to and the evidence of how it was given.
#[table(name = "consents", module = "governance", audit)]
pub struct Consent {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The user who consented.
    #[hc(owner, references = "users", entity = "crate::modules::master::users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// The purpose consented to; `data_sale` and `third_party_sharing` are
    /// the CCPA's sale and sharing of personal information.
    #[hc(one_of(
        "terms_of_service",
        "privacy_policy",
        "marketing_email",
        "analytics",
        "data_processing",
        "data_sale",
        "third_party_sharing"
    ))]
    pub consent_type: String,
    /// Whether consent was given (false: refused).
    pub granted: bool,
    /// When the user answered.
    #[hc(default_sql = "now()")]
    pub granted_at: DateTimeWithTimeZone,
    /// When the user withdrew it, if they did.
    pub withdrawn_at: Option<DateTimeWithTimeZone>,
    /// The GDPR legal basis the processing rests on.
    #[hc(
        one_of(
            "consent",
            "contract",
            "legal_obligation",
            "vital_interests",
            "public_task",
            "legitimate_interests"
        ),
        default = "consent"
    )]
    pub legal_basis: String,
    /// Where the user's data protection law comes from: ISO 3166 country or
    /// subdivision code (`DE`, `US-CA`).
    #[hc(max_len = 6)]
    pub jurisdiction: Option<String>,
    /// The compliance policy version the user agreed to, if any.
    #[hc(references = "compliance_policies", on_delete = "set null")]
    pub policy_id: Option<Uuid>,
    /// When the consent lapses and must be asked again; none: until
    /// withdrawn.
    pub expires_at: Option<DateTimeWithTimeZone>,
    /// How the consent was collected: the form, the wording shown (or its
    /// hash), the control used.
    #[hc(default = "{}")]
    pub evidence: Json,
}
