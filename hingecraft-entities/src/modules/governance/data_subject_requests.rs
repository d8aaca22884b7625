use hingecraft::prelude::*;

/// A request by a person to exercise their data rights under the GDPR or
/// the CCPA (access, erasure, portability, opting out of sale...), tracked
/// from receipt to completion within the legal deadline. Kept as evidence
/// after the person's account is erased.
#[table(name = "data_subject_requests", module = "governance", audit, timestamps)]
pub struct DataSubjectRequest {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The user the request is about; none once the account is erased, or
    /// for a person without an account.
    #[hc(owner, references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub user_id: Option<Uuid>,
    /// How to reach the requester when they have no account.
    #[hc(max_len = 255)]
    pub requester_email: Option<String>,
    /// The right exercised.
    #[hc(one_of(
        "access",
        "rectification",
        "erasure",
        "portability",
        "restriction",
        "objection",
        "opt_out_of_sale"
    ))]
    pub request_type: String,
    /// The law the request is made under.
    #[hc(one_of("gdpr", "ccpa"), default = "gdpr")]
    pub regulation: String,
    /// Where the request stands.
    #[hc(
        one_of("received", "verifying", "in_progress", "completed", "rejected", "withdrawn"),
        default = "received"
    )]
    pub status: String,
    /// What the requester asked, in their words.
    pub details: Option<String>,
    /// When the requester's identity was confirmed.
    pub identity_verified_at: Option<DateTimeWithTimeZone>,
    /// The legal deadline (one month under the GDPR, 45 days under the
    /// CCPA, from receipt), extended when the law allows.
    pub due_at: DateTimeWithTimeZone,
    /// Why the deadline was extended, if it was.
    pub extension_reason: Option<String>,
    /// The staff member handling the request, if they still exist.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub handled_by: Option<Uuid>,
    /// When the request was fulfilled or rejected.
    pub completed_at: Option<DateTimeWithTimeZone>,
    /// The answer given, or why the request was rejected.
    pub response_note: Option<String>,
    /// Where the exported data can be fetched, for access and portability.
    pub export_url: Option<String>,
    /// Systems covered, records touched, correspondence.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
