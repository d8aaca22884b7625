use hingecraft::prelude::*;

/// A signed-in session: a hashed bearer token, where it came from and until
/// when it is valid.
#[table(name = "user_sessions", module = "master", layer = "02_users_identity")]
pub struct UserSession {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The signed-in user.
    #[hc(owner, references = "users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// The identity used to sign in, if it still exists.
    #[hc(references = "user_identities", on_delete = "set null")]
    pub identity_id: Option<Uuid>,
    /// SHA-256 of the session token, hex; the token itself is never stored.
    #[hc(unique, max_len = 64)]
    pub token_hash: String,
    /// Client address at sign-in (IPv4 or IPv6 text).
    #[hc(max_len = 45)]
    pub ip_address: Option<String>,
    /// Client software at sign-in.
    #[hc(max_len = 512)]
    pub user_agent: Option<String>,
    /// When the session stops being valid.
    #[hc(indexed)]
    pub expires_at: DateTimeWithTimeZone,
    /// Set when the user signs out or the session is revoked.
    pub revoked_at: Option<DateTimeWithTimeZone>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
