use hingecraft::prelude::*;

/// A customer, as billing sees it: where its invoices go and when they are
/// due. Billing only ever sees paying customers, so a new one is `active`.
#[table(name = "customers", module = "billing", layer = "02_customers")]
pub struct Customer {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the customer belongs to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::platform::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The customer's name.
    #[hc(max_len = 255)]
    pub name: String,
    /// Where the customer stands.
    #[hc(max_len = 20, one_of("lead", "active", "churned"), default = "active")]
    pub status: String,
    /// Where invoices are sent.
    #[hc(max_len = 255)]
    pub billing_email: Option<String>,
    /// Days between an invoice and its due date.
    #[hc(min = 0, max = 365, default = 30)]
    pub payment_terms_days: i32,
}
