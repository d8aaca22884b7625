use hingecraft::prelude::*;

/// A person with an account on the platform, as the complete schema sees
/// them: the login, the account's lifecycle, and what membership and
/// student programmes need (tier, campus), with extra personal data kept
/// encrypted.
#[table(name = "users", module = "complete", audit, soft_delete, timestamps)]
pub struct User {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// Login e-mail, stored lower-case.
    #[hc(unique, max_len = 255)]
    pub email: String,
    /// Name shown to other people.
    #[hc(max_len = 255)]
    pub display_name: Option<String>,
    /// Lifecycle of the account.
    #[hc(one_of("pending_verification", "active", "suspended", "deactivated"), default = "pending_verification", indexed)]
    pub status: String,
    /// When the user last signed in.
    pub last_login_at: Option<DateTimeWithTimeZone>,
    /// The membership plan the user is on, as a lower-case code set by
    /// billing (e.g. `supporter`); none for users without a membership.
    #[hc(max_len = 50, check = "membership_tier ~ '^[a-z0-9_]+$'")]
    pub membership_tier: Option<String>,
    /// Whether the user joined through a student programme.
    #[hc(default = false)]
    pub is_student: bool,
    /// The campus of a student user (school or university name).
    #[hc(max_len = 255)]
    pub campus: Option<String>,
    /// Personal data beyond the login (legal name, postal address, date of
    /// birth), encrypted with the platform key; never stored in clear.
    pub pii_encrypted: Option<Vec<u8>>,
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
