use hingecraft::prelude::*;

/// A scheduled visit: one service at one account location, assigned to a technician.
#[table(name = "work_orders", module = "service-scheduler", audit, timestamps, versioned)]
pub struct WorkOrder {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The customer account.
    #[hc(references = "accounts", entity = "crate::modules::master_view::accounts", on_delete = "restrict")]
    pub account_id: Uuid,
    /// Where the work happens.
    #[hc(references = "locations", entity = "crate::modules::master_view::locations", on_delete = "set null")]
    pub location_id: Option<Uuid>,
    /// The service performed.
    #[hc(references = "services", on_delete = "restrict")]
    pub service_id: Uuid,
    /// When the visit is planned.
    pub scheduled_at: DateTimeWithTimeZone,
    /// When the work was finished.
    pub completed_at: Option<DateTimeWithTimeZone>,
    #[hc(one_of("scheduled", "in_progress", "completed", "cancelled"), default = "scheduled")]
    pub status: String,
    /// The technician, a user of the platform.
    #[hc(owner, references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
    pub assigned_to: Option<Uuid>,
    pub notes: Option<String>,
}
