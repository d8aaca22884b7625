use hingecraft::prelude::*;

/// A customer account, as account management edits it: its number, its
/// owner and its place in the account hierarchy.
#[table(name = "accounts", module = "account-management")]
pub struct Account {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The account number customers quote.
    #[hc(unique, max_len = 20)]
    pub account_number: String,
    /// The account's name.
    #[hc(max_len = 255)]
    pub name: String,
    /// Billing e-mail.
    #[hc(max_len = 255)]
    pub email: Option<String>,
    /// The sales territory.
    #[hc(references = "territories", entity = "crate::modules::territories::territories", on_delete = "set null")]
    pub territory_id: Option<Uuid>,
    /// The user responsible for the account.
    #[hc(owner, references = "users", entity = "crate::modules::master::users", on_delete = "restrict")]
    pub owner_id: Uuid,
    /// The parent account, for account hierarchies.
    #[hc(references = "accounts", on_delete = "set null")]
    pub parent_account_id: Option<Uuid>,
}
