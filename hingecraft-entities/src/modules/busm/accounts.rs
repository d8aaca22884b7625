use hingecraft::prelude::*;

/// A customer account: a residential, commercial or industrial customer
/// with an owner, a territory and an optional parent account.
#[table(
    name = "accounts",
    module = "busm",
    audit,
    soft_delete,
    versioned,
    timestamps,
    index(columns(name, account_number))
)]
pub struct Account {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The account number customers quote.
    #[hc(unique, max_len = 20)]
    pub account_number: String,
    /// The account's name.
    #[hc(max_len = 255)]
    pub name: String,
    /// What kind of customer the account is.
    #[hc(name = "type", max_len = 50, one_of("Residential", "Commercial", "Industrial"), indexed)]
    pub kind: String,
    /// Where the account stands.
    #[hc(max_len = 50, default = "Active", indexed)]
    pub status: String,
    /// Billing e-mail.
    #[hc(max_len = 255)]
    pub email: Option<String>,
    /// Main phone number.
    #[hc(max_len = 20)]
    pub phone: Option<String>,
    /// Street address.
    pub address: Option<String>,
    #[hc(max_len = 100)]
    pub city: Option<String>,
    /// State or province code.
    #[hc(max_len = 2)]
    pub state: Option<String>,
    /// Postal code.
    #[hc(max_len = 10)]
    pub zip: Option<String>,
    /// The sales territory.
    #[hc(references = "territories", entity = "crate::modules::territories::territories", on_delete = "set null")]
    pub territory_id: Option<Uuid>,
    /// The user responsible for the account.
    #[hc(owner, references = "users", entity = "crate::modules::master::users", on_delete = "restrict", indexed)]
    pub owner_id: Uuid,
    /// The parent account, for account hierarchies.
    #[hc(references = "accounts", on_delete = "set null")]
    pub parent_account_id: Option<Uuid>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    /// Who created the account.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "restrict")]
    pub created_by: Uuid,
    /// When the account last changed (NULL until the first change).
    pub updated_at: Option<DateTimeWithTimeZone>,
    /// Who changed the account last.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub updated_by: Option<Uuid>,
    /// Set when the account is deleted; the row stays for audit.
    pub deleted_at: Option<DateTimeWithTimeZone>,
    /// Optimistic locking: the version an update must carry.
    #[hc(default = 1)]
    pub version: Option<i32>,
}
