//! What a run tells: the migrations it applied or rolled back, what it left
//! out, retried or did on its own, and each migration's status.

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Migrations applied, in order.
    pub applied: Vec<String>,
    /// Migrations rolled back, in order.
    pub rolled_back: Vec<String>,
    /// Statements left out because the server lacks an optional extension.
    pub left_out: Vec<String>,
    /// Each time a lock was not granted and a step was tried again.
    pub lock_retries: Vec<String>,
    /// What else the run did on its own (an INVALID index rebuilt).
    pub notes: Vec<String>,
    /// How many migrations are applied at the end.
    pub total_applied: usize,
}

/// A migration and whether the database has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    /// The migration (`0001_baseline`).
    pub name: String,
    /// Whether it is applied.
    pub applied: bool,
    /// Steps done of a migration of several steps that a run left partly
    /// applied (or partly rolled back, when it is applied): `(done, total)`.
    pub partial: Option<(usize, usize)>,
}
