use hingecraft::prelude::*;

/// A skill in the platform's catalogue (CAD modelling, CNC machining,
/// life-cycle assessment...), arranged in a tree of broader skills. Shared by
/// every workspace.
#[table(name = "skills", module = "master", layer = "09_learning_skills", public, timestamps)]
pub struct Skill {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// URL handle, unique across the catalogue.
    #[hc(unique, max_len = 100, check = "slug ~ '^[a-z0-9][a-z0-9-]*$'")]
    pub slug: String,
    /// Name shown to users.
    #[hc(max_len = 255)]
    pub name: String,
    /// What the skill covers.
    pub description: Option<String>,
    /// The area the skill belongs to.
    #[hc(
        one_of("design", "engineering", "fabrication", "sustainability", "software", "business", "community", "other"),
        default = "other",
        indexed
    )]
    pub category: String,
    /// The broader skill this one refines.
    #[hc(references = "skills", on_delete = "set null", indexed)]
    pub parent_skill_id: Option<Uuid>,
    /// Whether users can still add the skill to their profile.
    #[hc(default = true)]
    pub is_active: bool,
    /// Synonyms, related frameworks, external taxonomy codes.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
