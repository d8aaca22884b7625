use hingecraft::prelude::*;

/// A place where an account receives service (iteration 2 of the prototype).
#[table(name = "locations", module = "master-view")]
pub struct Location {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The account the location belongs to.
    #[hc(references = "accounts", on_delete = "cascade")]
    pub account_id: Option<Uuid>,
    /// The street address, as one text.
    pub address: Option<String>,
}
