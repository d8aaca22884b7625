use hingecraft::prelude::*;

/// One version of a compliance policy (privacy, security, retention,
/// acceptable use, terms...), platform-wide or a workspace's own, with the
/// regulation it answers to. A new version is a new row; a policy no longer
/// in force is retired, never deleted, since acknowledgements and
/// signatures point at it.
#[table(
    name = "compliance_policies",
    module = "governance",
    audit,
    timestamps,
    soft_delete,
    unique(key, version)
)]
pub struct CompliancePolicy {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace whose own policy this is; none: a platform policy.
    #[hc(references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Option<Uuid>,
    /// Stable handle shared by every version of the policy.
    #[hc(max_len = 100, check = "key ~ '^[a-z0-9][a-z0-9_.-]*$'")]
    pub key: String,
    /// The version, as shown to users (`2025-01`, `3.1`).
    #[hc(max_len = 20)]
    pub version: String,
    #[hc(max_len = 255)]
    pub title: String,
    #[hc(
        one_of(
            "privacy",
            "security",
            "data_retention",
            "acceptable_use",
            "terms",
            "code_of_conduct",
            "financial",
            "other"
        ),
        default = "other"
    )]
    pub category: String,
    /// The regulation or standard the policy answers to, if one.
    #[hc(one_of("gdpr", "ccpa", "hipaa", "soc2", "iso27001", "internal"))]
    pub regulation: Option<String>,
    /// The policy text, in Markdown.
    pub body: Option<String>,
    /// Where the published document lives.
    pub document_url: Option<String>,
    /// Where the version stands: being written, in force, replaced by a
    /// newer version, or withdrawn.
    #[hc(one_of("draft", "active", "superseded", "retired"), default = "draft")]
    pub status: String,
    /// Whether users must acknowledge the version.
    #[hc(default = false)]
    pub requires_acknowledgement: bool,
    /// When the version takes effect.
    pub effective_at: Option<DateTimeWithTimeZone>,
    /// When the version must be reviewed next.
    pub review_due_at: Option<DateTimeWithTimeZone>,
    /// The previous version this one replaces, if any.
    #[hc(references = "compliance_policies", on_delete = "set null")]
    pub supersedes_id: Option<Uuid>,
    /// The user who approved the version, if they still exist.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub approved_by: Option<Uuid>,
    pub approved_at: Option<DateTimeWithTimeZone>,
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    /// Set when the version is retired; the row stays as evidence.
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
