use hingecraft::prelude::*;

/// A person to talk to at a customer.
#[table(name = "contacts", module = "crm", layer = "02_customers", timestamps)]
pub struct Contact {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the contact belongs to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::platform::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The customer the contact works for.
    #[hc(references = "customers", on_delete = "cascade")]
    pub customer_id: Uuid,
    /// Full name.
    #[hc(max_len = 255)]
    pub full_name: String,
    /// Work e-mail.
    #[hc(max_len = 255)]
    pub email: Option<String>,
    /// Job title or role in the deal.
    #[hc(max_len = 100)]
    pub role: Option<String>,
    /// When the contact was recorded.
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
