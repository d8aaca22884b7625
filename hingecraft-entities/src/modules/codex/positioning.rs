use hingecraft::prelude::*;

/// A positioning framework for one market segment: who the workspace
/// addresses there, the problem it solves for them, and why it beats the
/// alternatives. Message architectures and campaigns build on it.
#[table(
    name = "positioning",
    module = "codex",
    soft_delete,
    timestamps,
    index(columns(workspace_id, status))
)]
pub struct Positioning {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// Name of the framework as shown to members.
    #[hc(max_len = 255)]
    pub name: String,
    /// The market segment positioned for (`independent furniture makers`).
    #[hc(max_len = 255)]
    pub market_segment: String,
    /// The people within the segment the positioning speaks to.
    pub target_audience: Option<String>,
    /// The problem or need the segment has.
    pub problem_statement: Option<String>,
    /// What the workspace offers the segment, in one or two sentences.
    pub value_proposition: Option<String>,
    /// The category the offer competes in, as the segment names it.
    #[hc(max_len = 255)]
    pub category: Option<String>,
    /// What sets the offer apart, as a JSON array of `{claim, proof}`.
    #[hc(default = "[]")]
    pub differentiators: Json,
    /// The alternatives the segment considers, as a JSON array of
    /// `{name, strengths, weaknesses}`.
    #[hc(default = "[]")]
    pub competitors: Json,
    /// Where the framework stands; campaigns use active ones.
    #[hc(one_of("draft", "active", "archived"), default = "draft")]
    pub status: String,
    /// Research notes, sources, workshop outputs.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
