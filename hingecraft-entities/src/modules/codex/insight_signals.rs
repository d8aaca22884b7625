use hingecraft::prelude::*;

/// A signal an insight was synthesised from: one row per signal per
/// insight. A signal cited by an insight cannot be deleted; archive it.
#[table(name = "insight_signals", module = "codex", rls, unique(insight_id, signal_id))]
pub struct InsightSignal {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The insight; its links go with it.
    #[hc(references = "market_insights", on_delete = "cascade")]
    pub insight_id: Uuid,
    /// The signal.
    #[hc(references = "intelligence_signals", on_delete = "restrict", indexed)]
    pub signal_id: Uuid,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
}
