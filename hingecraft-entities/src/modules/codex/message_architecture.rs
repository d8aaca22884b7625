use hingecraft::prelude::*;

/// The messaging framework of a positioning: the core message, the content
/// pillars it rests on and the messages for each audience, which campaign
/// copy draws from.
#[table(
    name = "message_architecture",
    module = "codex",
    soft_delete,
    timestamps,
    index(columns(workspace_id, status))
)]
pub struct MessageArchitecture {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace.
    #[hc(tenant, references = "workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The positioning the framework expresses; it goes with it.
    #[hc(references = "positioning", on_delete = "cascade", indexed)]
    pub positioning_id: Uuid,
    /// Name of the framework as shown to members.
    #[hc(max_len = 255)]
    pub name: String,
    /// The one message every piece of content supports.
    pub core_message: Option<String>,
    /// A short line for headlines and signatures.
    #[hc(max_len = 255)]
    pub tagline: Option<String>,
    /// The themes content is organised around, as a JSON array of
    /// `{name, description, proof_points}`.
    #[hc(default = "[]")]
    pub content_pillars: Json,
    /// Messages per audience or funnel stage, as a JSON array of
    /// `{audience, stage, message}`.
    #[hc(default = "[]")]
    pub key_messages: Json,
    /// Voice and tone rules (`{voice, do, dont, vocabulary}`).
    #[hc(default = "{}")]
    pub tone_of_voice: Json,
    /// Where the framework stands; campaigns use approved ones.
    #[hc(one_of("draft", "approved", "archived"), default = "draft")]
    pub status: String,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
