use hingecraft::prelude::*;

/// A customer account, as the list view shows it (iterations 1 and 3 of the
/// prototype: four fields, then the phone number).
#[table(name = "accounts", module = "master-view")]
pub struct Account {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The account's name.
    #[hc(max_len = 255)]
    pub name: Option<String>,
    /// What kind of customer the account is.
    #[hc(name = "type", max_len = 50)]
    pub kind: Option<String>,
    /// Where the account stands.
    #[hc(max_len = 50)]
    pub status: Option<String>,
    /// Main phone number.
    #[hc(max_len = 20)]
    pub phone: Option<String>,
}
