use hingecraft::prelude::*;

/// A way a user signs in: an e-mail login or an account at an identity
/// provider. A user may link several; each provider account belongs to one user.
#[table(
    name = "user_identities",
    module = "master",
    layer = "02_users_identity",
    audit,
    timestamps,
    unique(provider, provider_user_id)
)]
pub struct UserIdentity {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The user who signs in this way.
    #[hc(owner, references = "users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// The identity provider.
    #[hc(one_of("email", "google", "github", "apple", "wix", "wallet"))]
    pub provider: String,
    /// The user's id at the provider (the e-mail, the subject, the wallet address).
    #[hc(max_len = 255)]
    pub provider_user_id: String,
    /// The e-mail the provider reports, if any.
    #[hc(max_len = 255)]
    pub email: Option<String>,
    /// Claims the provider returned at the last sign-in.
    #[hc(default = "{}")]
    pub claims: Json,
    /// When this identity was last used to sign in.
    pub last_used_at: Option<DateTimeWithTimeZone>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
