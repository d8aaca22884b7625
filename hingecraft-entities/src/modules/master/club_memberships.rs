use hingecraft::prelude::*;

/// A user's membership of a chat club: their role there, whether they may
/// post, and how far they have read.
#[table(
    name = "club_memberships",
    module = "master",
    layer = "04_community_activity",
    timestamps,
    unique(club_id, user_id)
)]
pub struct ClubMembership {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The club; its memberships go with it.
    #[hc(references = "chat_clubs", on_delete = "cascade")]
    pub club_id: Uuid,
    /// The member.
    #[hc(owner, references = "users", on_delete = "cascade", indexed)]
    pub user_id: Uuid,
    /// What the member may do in the club.
    #[hc(one_of("owner", "moderator", "member"), default = "member")]
    pub role: String,
    /// `muted`: may read, not post; `banned`: removed by a moderator.
    #[hc(one_of("invited", "active", "muted", "banned", "left"), default = "active")]
    pub status: String,
    /// Which messages notify the member.
    #[hc(one_of("all", "mentions", "none"), default = "all")]
    pub notification_level: String,
    /// Who invited the member, if anyone.
    #[hc(references = "users", on_delete = "set null")]
    pub invited_by: Option<Uuid>,
    /// When the member joined.
    #[hc(default_sql = "now()")]
    pub joined_at: DateTimeWithTimeZone,
    /// Messages after this time are unread for the member.
    pub last_read_at: Option<DateTimeWithTimeZone>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
