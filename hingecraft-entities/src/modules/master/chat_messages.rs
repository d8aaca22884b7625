use hingecraft::prelude::*;

/// A message posted in a chat club, possibly a reply to another message.
#[table(
    name = "chat_messages",
    module = "master",
    layer = "04_community_activity",
    soft_delete,
    timestamps,
    index(columns(club_id, created_at))
)]
pub struct ChatMessage {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The club the message was posted in; messages go with it.
    #[hc(references = "chat_clubs", on_delete = "cascade")]
    pub club_id: Uuid,
    /// Who wrote the message; a user's messages go with the user.
    #[hc(owner, references = "users", on_delete = "cascade", indexed)]
    pub author_id: Uuid,
    /// The message this one answers, if it still exists.
    #[hc(references = "chat_messages", on_delete = "set null", indexed)]
    pub reply_to_id: Option<Uuid>,
    /// `system`: written by the platform (joins, pins), not by a person.
    #[hc(one_of("text", "image", "file", "poll", "system"), default = "text")]
    pub message_type: String,
    /// The text, in Markdown.
    #[hc(max_len = 4000)]
    pub body: String,
    /// Attached files and images: a list of `{url, name, mime_type, size_bytes}`.
    #[hc(default = "[]")]
    pub attachments: Json,
    /// Users mentioned in the message, as a list of user ids.
    #[hc(default = "[]")]
    pub mentions: Json,
    /// Whether moderators pinned the message to the top of the club.
    #[hc(default = false)]
    pub is_pinned: bool,
    /// When the author last edited the text.
    pub edited_at: Option<DateTimeWithTimeZone>,
    /// Client and integration details (client message id, poll options).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    /// Set when the message is deleted; replies keep their context.
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
