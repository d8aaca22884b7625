use hingecraft::prelude::*;

/// The public profile of a user: one per user, shown on their page.
#[table(name = "user_profiles", module = "master", layer = "02_users_identity", soft_delete, timestamps)]
pub struct UserProfile {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The user this profile describes (one profile per user).
    #[hc(unique, owner, references = "users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// A short self-description.
    #[hc(max_len = 2000)]
    pub bio: Option<String>,
    /// Picture shown next to the user's name.
    pub avatar_url: Option<String>,
    /// Where the user is based, as they write it.
    #[hc(max_len = 255)]
    pub location: Option<String>,
    /// The user's own site.
    pub website_url: Option<String>,
    /// Links to other networks, by network name.
    #[hc(default = "{}")]
    pub social_links: Json,
    /// Who may see the profile.
    #[hc(one_of("public", "members", "private"), default = "public")]
    pub visibility: String,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
