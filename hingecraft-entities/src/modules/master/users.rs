use hingecraft::prelude::*;

/// A person with an account on the platform: the identity every other table
/// points at for ownership, authorship and audit.
#[table(name = "users", module = "master", layer = "02_users_identity", audit, soft_delete, timestamps)]
pub struct User {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// Login e-mail, stored lower-case.
    #[hc(unique, max_len = 255)]
    pub email: String,
    /// Public handle, shown on designs and comments.
    #[hc(unique, max_len = 50)]
    pub username: Option<String>,
    /// Name shown to other people.
    #[hc(max_len = 255)]
    pub display_name: Option<String>,
    /// Whether the account is a person or an organisation.
    #[hc(one_of("individual", "organization"), default = "individual")]
    pub account_type: String,
    /// Lifecycle of the account.
    #[hc(one_of("pending_verification", "active", "suspended", "deactivated"), default = "pending_verification", indexed)]
    pub status: String,
    /// When the e-mail address was confirmed.
    pub email_verified_at: Option<DateTimeWithTimeZone>,
    /// When the user last signed in.
    pub last_login_at: Option<DateTimeWithTimeZone>,
    /// Preferred language (BCP 47).
    #[hc(max_len = 16, default = "en")]
    pub locale: String,
    /// Preferred time zone (IANA name).
    #[hc(max_len = 64, default = "UTC")]
    pub timezone: String,
    /// Free-form attributes from sign-up and integrations.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    /// Set when the account is deleted; the row stays for audit.
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
