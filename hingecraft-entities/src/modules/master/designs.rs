use hingecraft::prelude::*;

/// A design published on the platform: a maker's model, drawing or kit,
/// owned by a workspace and created by one of its members. Its files and
/// history live in `design_versions` and `design_assets`.
#[table(
    name = "designs",
    module = "master",
    layer = "03_design_metadata",
    soft_delete,
    timestamps,
    unique(workspace_id, slug)
)]
pub struct Design {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the design belongs to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The member who created the design and answers for it; ownership is
    /// transferred before that user can be removed.
    #[hc(owner, references = "users", on_delete = "restrict", indexed)]
    pub user_id: Uuid,
    /// URL handle, unique within the workspace.
    #[hc(max_len = 120, check = "slug ~ '^[a-z0-9][a-z0-9-]*$'")]
    pub slug: String,
    #[hc(max_len = 255)]
    pub title: String,
    pub description: Option<String>,
    /// Free category chosen by the creator (furniture, enclosure, tooling...).
    #[hc(max_len = 100, indexed)]
    pub category: Option<String>,
    /// Where the design stands in its lifecycle.
    #[hc(one_of("draft", "in_review", "published", "archived"), default = "draft", indexed)]
    pub status: String,
    /// Who may see the design: anyone, members of its workspace, or its
    /// owner and collaborators only.
    #[hc(one_of("public", "workspace", "private"), default = "private")]
    pub visibility: String,
    /// SPDX identifier of the licence the design is shared under; none:
    /// all rights reserved.
    #[hc(max_len = 64)]
    pub license: Option<String>,
    /// The version shown and downloaded by default.
    #[hc(references = "design_versions", on_delete = "set null")]
    pub current_version_id: Option<Uuid>,
    /// The design this one was remixed from, if it still exists.
    #[hc(references = "designs", on_delete = "set null", indexed)]
    pub forked_from_id: Option<Uuid>,
    /// Picture shown in listings.
    pub thumbnail_url: Option<String>,
    /// Times the design page was viewed.
    #[hc(min = 0, default = 0)]
    pub view_count: i64,
    /// Times a file of the design was downloaded.
    #[hc(min = 0, default = 0)]
    pub download_count: i64,
    /// Reactions received, kept in step with `reactions`.
    #[hc(min = 0, default = 0)]
    pub like_count: i32,
    /// Designs remixed from this one.
    #[hc(min = 0, default = 0)]
    pub fork_count: i32,
    /// When the design was first published.
    #[hc(indexed)]
    pub published_at: Option<DateTimeWithTimeZone>,
    /// Free-form attributes (dimensions, materials, tools needed, import source).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    /// Set when the design is deleted; the row stays for history and forks.
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
