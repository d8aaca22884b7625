use hingecraft::prelude::*;

/// A contribution a user offers to a workspace's work: an improvement or
/// remix of a design, an article, a documentation edit, a translation, a
/// bug report. Maintainers review it; accepted ones earn recognition points.
#[table(name = "contributions", module = "master", layer = "06_content_contributions", soft_delete, timestamps)]
pub struct Contribution {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the contribution is offered to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The contributor; a user's contributions go with the user.
    #[hc(owner, references = "users", on_delete = "cascade", indexed)]
    pub contributor_id: Uuid,
    /// What kind of contribution it is.
    #[hc(
        one_of(
            "design_improvement",
            "remix",
            "article",
            "content_edit",
            "translation",
            "documentation",
            "bug_report",
            "tutorial",
            "dataset",
            "other"
        ),
        indexed
    )]
    pub contribution_type: String,
    #[hc(max_len = 255)]
    pub title: String,
    pub description: Option<String>,
    /// The design the contribution is about, if any.
    #[hc(references = "designs", on_delete = "set null", indexed)]
    pub design_id: Option<Uuid>,
    /// The design version that came out of an accepted contribution.
    #[hc(references = "design_versions", on_delete = "set null")]
    pub design_version_id: Option<Uuid>,
    /// The article the contribution is about or became, if any.
    #[hc(references = "articles", on_delete = "set null")]
    pub article_id: Option<Uuid>,
    /// The content item the contribution is about or became, if any.
    #[hc(references = "content", on_delete = "set null")]
    pub content_id: Option<Uuid>,
    /// The proposed change (text, diff, file links), as the contributor sent it.
    #[hc(default = "{}")]
    pub proposal: Json,
    /// Where the review stands.
    #[hc(
        one_of("submitted", "in_review", "changes_requested", "accepted", "rejected", "withdrawn"),
        default = "submitted",
        indexed
    )]
    pub status: String,
    /// The maintainer who decided, if they still exist.
    #[hc(references = "users", on_delete = "set null")]
    pub reviewed_by: Option<Uuid>,
    pub reviewed_at: Option<DateTimeWithTimeZone>,
    /// The reviewer's explanation to the contributor.
    pub review_notes: Option<String>,
    /// Recognition points given when the contribution was accepted.
    #[hc(min = 0, default = 0)]
    pub points_awarded: i32,
    /// When the contributor submitted it.
    #[hc(default_sql = "now()")]
    pub submitted_at: DateTimeWithTimeZone,
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    /// Set when the contribution is deleted; the row stays for the review history.
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
