use hingecraft::prelude::*;

/// A chat club: a topic-based group of a workspace where members talk in
/// real time (a build-along, a material, a local maker group).
#[table(
    name = "chat_clubs",
    module = "master",
    layer = "04_community_activity",
    timestamps,
    unique(workspace_id, slug)
)]
pub struct ChatClub {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace hosting the club.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// URL handle, unique within the workspace.
    #[hc(max_len = 63, check = "slug ~ '^[a-z0-9][a-z0-9-]*$'")]
    pub slug: String,
    #[hc(max_len = 255)]
    pub name: String,
    /// What the club is about, shown to people deciding to join.
    pub description: Option<String>,
    /// Free topic chosen by the founders (woodworking, electronics...).
    #[hc(max_len = 100)]
    pub topic: Option<String>,
    /// Who may find and join the club: anyone, workspace members, or
    /// invited people only.
    #[hc(one_of("public", "workspace", "private"), default = "workspace")]
    pub visibility: String,
    /// `locked`: readable, no new messages; `archived`: hidden from listings.
    #[hc(one_of("active", "locked", "archived"), default = "active", indexed)]
    pub status: String,
    /// The member who founded the club, if they still exist.
    #[hc(references = "users", on_delete = "set null")]
    pub created_by: Option<Uuid>,
    pub avatar_url: Option<String>,
    /// Active members, kept in step with `club_memberships`.
    #[hc(min = 0, default = 0)]
    pub member_count: i32,
    /// When the last message was posted, to sort clubs by activity.
    #[hc(indexed)]
    pub last_message_at: Option<DateTimeWithTimeZone>,
    /// Club settings (rules, slow mode, allowed attachment types).
    #[hc(default = "{}")]
    pub settings: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
