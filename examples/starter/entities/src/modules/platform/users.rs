use hingecraft::prelude::*;

/// A person who signs in: the identity rows point at for ownership and audit.
#[table(name = "users", module = "platform", layer = "01_platform", audit, timestamps)]
pub struct User {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// Login e-mail, stored lower-case.
    #[hc(unique, max_len = 255)]
    pub email: String,
    /// Name shown to colleagues.
    #[hc(max_len = 255)]
    pub display_name: Option<String>,
    /// When the user was invited.
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
