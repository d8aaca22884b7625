use hingecraft::prelude::*;

/// How a workspace escalates a kind of request (an access request, a policy
/// violation, a data subject request...): the approval steps it goes
/// through and how long each may take.
#[table(name = "escalation_workflows", module = "governance", audit, timestamps, unique(workspace_id, name))]
pub struct EscalationWorkflow {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the workflow belongs to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// Name shown to administrators, unique within the workspace.
    #[hc(max_len = 255)]
    pub name: String,
    pub description: Option<String>,
    /// What starts a request in this workflow.
    #[hc(
        one_of("access_request", "policy_violation", "data_subject_request", "content_report", "manual"),
        default = "manual"
    )]
    pub trigger_type: String,
    /// The approval steps, in order, as a JSON array: each names the role
    /// that decides and how many hours it has.
    #[hc(default = "[]")]
    pub steps: Json,
    /// Hours a request may stay open before it is escalated past its
    /// current step; none: no deadline.
    #[hc(min = 1)]
    pub sla_hours: Option<i32>,
    /// Whether new requests may use the workflow.
    #[hc(one_of("draft", "active", "disabled"), default = "draft")]
    pub status: String,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
