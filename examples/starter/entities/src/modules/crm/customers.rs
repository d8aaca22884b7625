use hingecraft::prelude::*;

/// A customer, as sales sees it: who manages the account and how to reach
/// it. Sales records a customer from the first call on, so a new one is a
/// `lead`.
#[table(name = "customers", module = "crm", layer = "02_customers")]
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
    #[hc(max_len = 20, one_of("lead", "active", "churned"), default = "lead")]
    pub status: String,
    /// Main phone number.
    #[hc(max_len = 32)]
    pub phone: Option<String>,
    /// The user who manages the account.
    #[hc(references = "users", entity = "crate::modules::platform::users", on_delete = "set null")]
    pub account_manager_id: Option<Uuid>,
}
