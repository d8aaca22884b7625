//! The CRM sub-module (prototype): the sales side of customers, and the
//! people to talk to there.

use hingecraft::{Module, Stage};

hingecraft::tables!(contacts, customers);

/// The CRM module.
pub fn module() -> Module {
    Module::new("crm", Stage::Prototype)
        .doc("Customers as sales sees them (from the first call on) and their contacts.")
        .depends_on("platform")
        .with_tables(tables())
}
