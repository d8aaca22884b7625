use hingecraft::prelude::*;

/// A comment on a design, an article or a content item, possibly a reply
/// to another comment. Exactly one of `design_id`, `article_id` and
/// `content_id` is set.
#[table(name = "comments", module = "master", layer = "04_community_activity", soft_delete, timestamps)]
pub struct Comment {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// Who wrote the comment; a user's comments go with the user.
    #[hc(owner, references = "users", on_delete = "cascade", indexed)]
    pub author_id: Uuid,
    /// The design commented on; comments go with it.
    #[hc(
        references = "designs",
        on_delete = "cascade",
        indexed,
        check = "num_nonnulls(design_id, article_id, content_id) = 1"
    )]
    pub design_id: Option<Uuid>,
    /// The article commented on; comments go with it.
    #[hc(references = "articles", on_delete = "cascade", indexed)]
    pub article_id: Option<Uuid>,
    /// The content item commented on; comments go with it.
    #[hc(references = "content", on_delete = "cascade", indexed)]
    pub content_id: Option<Uuid>,
    /// The comment this one replies to; replies are part of their thread
    /// and go with it.
    #[hc(references = "comments", on_delete = "cascade", indexed)]
    pub parent_id: Option<Uuid>,
    /// The text, in Markdown.
    #[hc(max_len = 10000)]
    pub body: String,
    /// Moderation state: `hidden` by the author of the subject, `flagged`
    /// for review, `removed` by a moderator.
    #[hc(one_of("visible", "hidden", "flagged", "removed"), default = "visible", indexed)]
    pub status: String,
    /// Reactions received, kept in step with `reactions`.
    #[hc(min = 0, default = 0)]
    pub reaction_count: i32,
    /// When the author last edited the text.
    pub edited_at: Option<DateTimeWithTimeZone>,
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    /// Set when the comment is deleted; replies keep their context.
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
