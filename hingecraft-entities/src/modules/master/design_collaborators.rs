use hingecraft::prelude::*;

/// A user invited to work on a design, with what they may do on it, beyond
/// the access their workspace membership gives.
#[table(
    name = "design_collaborators",
    module = "master",
    layer = "03_design_metadata",
    audit,
    rls,
    timestamps,
    unique(design_id, user_id)
)]
pub struct DesignCollaborator {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The design; its collaborators go with it.
    #[hc(references = "designs", on_delete = "cascade")]
    pub design_id: Uuid,
    /// The collaborator.
    #[hc(references = "users", on_delete = "cascade", indexed)]
    pub user_id: Uuid,
    /// What the collaborator may do on the design.
    #[hc(one_of("viewer", "commenter", "editor", "maintainer"), default = "viewer")]
    pub role: String,
    /// Whether the invitation was accepted.
    #[hc(one_of("invited", "active", "removed"), default = "invited")]
    pub status: String,
    /// Who invited the collaborator.
    #[hc(references = "users", on_delete = "set null")]
    pub invited_by: Option<Uuid>,
    /// When the collaborator accepted.
    pub accepted_at: Option<DateTimeWithTimeZone>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
