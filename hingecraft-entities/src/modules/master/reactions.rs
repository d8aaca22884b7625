use hingecraft::prelude::*;

/// A user's reaction (like, celebrate, "I made it"...) to a design, comment,
/// chat message, article, content item or contribution. The subject is
/// named by type and id, so it has no foreign key: reactions to a deleted
/// subject are removed by the code that deletes it.
#[table(
    name = "reactions",
    module = "master",
    layer = "04_community_activity",
    unique(user_id, subject_type, subject_id, reaction_type),
    index(columns(subject_type, subject_id))
)]
pub struct Reaction {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// Who reacted; a user's reactions go with the user.
    #[hc(owner, references = "users", on_delete = "cascade")]
    pub user_id: Uuid,
    /// The table of the subject reacted to.
    #[hc(one_of("design", "comment", "chat_message", "article", "content", "contribution"))]
    pub subject_type: String,
    /// The id of the subject in that table.
    pub subject_id: Uuid,
    /// The reaction; `made_it`: the user built the design themselves.
    #[hc(one_of("like", "love", "celebrate", "insightful", "curious", "made_it"), default = "like")]
    pub reaction_type: String,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
