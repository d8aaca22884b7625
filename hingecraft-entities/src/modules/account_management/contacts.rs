use hingecraft::prelude::*;

/// A person at a customer account.
#[table(name = "contacts", module = "account-management", soft_delete)]
pub struct Contact {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The account the person works for.
    #[hc(references = "accounts", on_delete = "cascade")]
    pub account_id: Uuid,
    #[hc(max_len = 100)]
    pub first_name: String,
    #[hc(max_len = 100)]
    pub last_name: String,
    #[hc(max_len = 255)]
    pub email: Option<String>,
    #[hc(max_len = 20)]
    pub phone: Option<String>,
    /// The person's role at the account.
    #[hc(max_len = 100)]
    pub title: Option<String>,
    /// Whether this is the account's main contact.
    #[hc(default = false)]
    pub is_primary: bool,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
