use hingecraft::prelude::*;

/// A category of a workspace's knowledge base (legal, brand, systems,
/// marketing...), in a tree: each category may sit under a parent, and its
/// `path` spells the way down from the root.
#[table(name = "knowledge_categories", module = "rag", timestamps, unique(workspace_id, path))]
pub struct KnowledgeCategory {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace whose knowledge base the category organises.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The category this one sits under; none: a root category. A deleted
    /// parent leaves its children at the root.
    #[hc(references = "knowledge_categories", on_delete = "set null", indexed)]
    pub parent_id: Option<Uuid>,
    /// The category's label in `path`: lower-case letters, digits and
    /// underscores, as an ltree label allows.
    #[hc(max_len = 63, check = "slug ~ '^[a-z0-9_]+$'")]
    pub slug: String,
    /// Name shown in the knowledge base.
    #[hc(max_len = 255)]
    pub name: String,
    pub description: Option<String>,
    /// The slugs from the root down to this category, dot-separated
    /// (`legal.privacy`), unique within the workspace; kept in step with
    /// `parent_id`.
    #[hc(sql_type = "ltree")]
    pub path: String,
    /// Position among the siblings, smallest first.
    #[hc(default = 0)]
    pub sort_order: i32,
    /// Free-form attributes (icon, colour, owning team).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
