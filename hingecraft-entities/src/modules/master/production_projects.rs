use hingecraft::prelude::*;

/// A workspace's project to have something made: usually a design at a
/// given version, in a quantity, by a chosen microfactory. Its orders are in
/// `production_orders`.
#[table(name = "production_projects", module = "master", layer = "05_microfactory_integrations", timestamps)]
pub struct ProductionProject {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace running the project.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    #[hc(max_len = 255)]
    pub name: String,
    pub description: Option<String>,
    /// The member responsible for the project, if they still exist.
    #[hc(references = "users", on_delete = "set null", indexed)]
    pub lead_user_id: Option<Uuid>,
    /// The design to make, if the project is about one.
    #[hc(references = "designs", on_delete = "set null", indexed)]
    pub design_id: Option<Uuid>,
    /// The exact version to make, once chosen.
    #[hc(references = "design_versions", on_delete = "set null")]
    pub design_version_id: Option<Uuid>,
    /// The microfactory chosen to make it, once chosen.
    #[hc(references = "microfactories", on_delete = "set null", indexed)]
    pub microfactory_id: Option<Uuid>,
    /// Where the project stands.
    #[hc(
        one_of("draft", "quoting", "approved", "in_production", "on_hold", "completed", "cancelled"),
        default = "draft",
        indexed
    )]
    pub status: String,
    #[hc(one_of("low", "normal", "high", "urgent"), default = "normal")]
    pub priority: String,
    /// Pieces to make.
    #[hc(min = 1, default = 1)]
    pub quantity: i32,
    /// Spending limit, in minor units of `currency`.
    #[hc(min = 0)]
    pub budget_cents: Option<i64>,
    /// ISO 4217 currency of the budget.
    #[hc(max_len = 3, default = "USD", check = "currency ~ '^[A-Z]{3}$'")]
    pub currency: String,
    /// Requirements beyond the design (material, finish, tolerances, packaging).
    #[hc(default = "{}")]
    pub requirements: Json,
    /// When the pieces are needed.
    pub target_date: Option<Date>,
    pub started_at: Option<DateTimeWithTimeZone>,
    pub completed_at: Option<DateTimeWithTimeZone>,
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
