use hingecraft::prelude::*;

/// One request going through an escalation workflow: what is asked about
/// which record, the step it has reached, and the decision.
#[table(name = "escalation_requests", module = "governance", audit, timestamps)]
pub struct EscalationRequest {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the request is handled in.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The workflow followed; a workflow with requests is disabled, not
    /// deleted.
    #[hc(references = "escalation_workflows", on_delete = "restrict")]
    pub workflow_id: Uuid,
    /// The user who raised the request, if a person did and still exists.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null", indexed)]
    pub requested_by: Option<Uuid>,
    /// The table of the record the request is about, if any.
    #[hc(max_len = 63)]
    pub subject_table: Option<String>,
    /// The id of that record, as text (no foreign key: any table).
    #[hc(max_len = 255)]
    pub subject_id: Option<String>,
    /// What is asked and why.
    pub reason: String,
    #[hc(one_of("low", "normal", "high", "urgent"), default = "normal")]
    pub priority: String,
    /// Where the request stands.
    #[hc(
        one_of("pending", "in_review", "approved", "rejected", "cancelled", "expired"),
        default = "pending"
    )]
    pub status: String,
    /// Index of the workflow step the request is at, from 0.
    #[hc(min = 0, default = 0)]
    pub current_step: i32,
    /// The user the current step waits on, if assigned.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null", indexed)]
    pub assigned_to: Option<Uuid>,
    /// When the current step must be decided by.
    pub due_at: Option<DateTimeWithTimeZone>,
    /// The user who took the final decision, if they still exist.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeWithTimeZone>,
    /// Why it was decided that way.
    pub decision_note: Option<String>,
    /// Step history and attachments.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
