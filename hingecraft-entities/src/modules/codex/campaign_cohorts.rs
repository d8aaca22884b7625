use hingecraft::prelude::*;

/// A cohort a campaign is aimed at (or holds out as a control group, or
/// excludes): one row per cohort per campaign.
#[table(name = "campaign_cohorts", module = "codex", rls, unique(campaign_id, cohort_id))]
pub struct CampaignCohort {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The campaign; its cohort links go with it.
    #[hc(references = "campaigns", on_delete = "cascade")]
    pub campaign_id: Uuid,
    /// The cohort; its campaign links go with it.
    #[hc(references = "cohorts", on_delete = "cascade", indexed)]
    pub cohort_id: Uuid,
    /// `target`: reached by the campaign; `control`: held out to measure
    /// its effect; `excluded`: never reached.
    #[hc(one_of("target", "control", "excluded"), default = "target")]
    pub role: String,
    /// The member who linked the cohort, if they still exist.
    #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub added_by: Option<Uuid>,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
