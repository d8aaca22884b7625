use hingecraft::prelude::*;

/// A sustainability report of a workspace for a period, following a
/// reporting framework: drafted from impact metrics, reviewed, then published.
#[table(
    name = "sustainability_reports",
    module = "master",
    layer = "07_environmental_impact",
    audit,
    timestamps,
    index(columns(workspace_id, period_start))
)]
pub struct SustainabilityReport {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The reporting workspace.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// Title shown on the report.
    #[hc(max_len = 255)]
    pub title: String,
    /// The reporting standard followed.
    #[hc(one_of("ghg_protocol", "gri", "sasb", "csrd", "internal"), default = "internal")]
    pub framework: String,
    /// First day of the period reported on.
    pub period_start: Date,
    /// Last day of the period reported on.
    #[hc(check = "period_end >= period_start")]
    pub period_end: Date,
    /// Where the report stands.
    #[hc(one_of("draft", "in_review", "published", "archived"), default = "draft", indexed)]
    pub status: String,
    /// Executive summary.
    pub summary: Option<String>,
    /// Totals per metric for the period, as computed when the report was built.
    #[hc(default = "{}")]
    pub totals: Json,
    /// Where the rendered report (PDF, page) is published.
    pub document_url: Option<String>,
    /// The user who wrote the report.
    #[hc(references = "users", on_delete = "set null")]
    pub authored_by: Option<Uuid>,
    /// The user who approved publication.
    #[hc(references = "users", on_delete = "set null")]
    pub approved_by: Option<Uuid>,
    /// When the report was published.
    pub published_at: Option<DateTimeWithTimeZone>,
    /// Targets, methodology notes, assurance statement.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
