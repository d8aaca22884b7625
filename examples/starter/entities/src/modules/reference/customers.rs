use hingecraft::prelude::*;

/// A customer of a workspace: a company the workspace sells to, from the
/// first call (a lead) to the last invoice.
#[table(name = "customers", module = "reference", layer = "02_customers", audit, timestamps)]
pub struct Customer {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the customer belongs to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::platform::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The customer's trading name.
    #[hc(max_len = 255)]
    pub name: String,
    /// The registered company name, when it differs from the trading name.
    #[hc(max_len = 255)]
    pub legal_name: Option<String>,
    /// Where the customer stands: a `lead` until the first deal.
    #[hc(max_len = 20, one_of("lead", "active", "churned"), default = "lead")]
    pub status: String,
    /// Where invoices are sent.
    #[hc(max_len = 255)]
    pub billing_email: Option<String>,
    /// Main phone number.
    #[hc(max_len = 32)]
    pub phone: Option<String>,
    /// Days between an invoice and its due date.
    #[hc(min = 0, max = 365, default = 30)]
    pub payment_terms_days: i32,
    /// The user who manages the account.
    #[hc(references = "users", entity = "crate::modules::platform::users", on_delete = "set null")]
    pub account_manager_id: Option<Uuid>,
    /// When the customer was recorded.
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
