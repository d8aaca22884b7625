use hingecraft::prelude::*;

/// A user's acknowledgement of one version of a compliance policy: when,
/// how and from where they confirmed having read it.
#[table(name = "policy_acknowledgements", module = "governance", audit, unique(user_id, policy_id))]
pub struct PolicyAcknowledgement {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The user who acknowledged; their acknowledgements go with them.
    #[hc(owner, references = "users", entity = "crate::modules::master::users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// The policy version acknowledged; an acknowledged policy is retired,
    /// never deleted.
    #[hc(references = "compliance_policies", on_delete = "restrict")]
    pub policy_id: Uuid,
    /// How the user acknowledged.
    #[hc(one_of("click_through", "signature", "email", "import"), default = "click_through")]
    pub method: String,
    /// The signature given, when the acknowledgement was signed.
    #[hc(references = "digital_signatures", on_delete = "set null")]
    pub signature_id: Option<Uuid>,
    /// Client address when acknowledging (IPv4 or IPv6 text).
    #[hc(max_len = 45)]
    pub ip_address: Option<String>,
    /// Client software when acknowledging.
    #[hc(max_len = 512)]
    pub user_agent: Option<String>,
    #[hc(default_sql = "now()")]
    pub acknowledged_at: DateTimeWithTimeZone,
}
