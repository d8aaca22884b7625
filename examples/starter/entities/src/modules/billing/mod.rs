//! The billing sub-module (prototype): whom to bill, and the invoices.

use hingecraft::{Module, Stage};

hingecraft::tables!(customers, invoices);

/// The billing module.
pub fn module() -> Module {
    Module::new("billing", Stage::Prototype)
        .doc("Customers as billing sees them (where to send invoices, payment terms) and their invoices.")
        .depends_on("platform")
        .with_tables(tables())
}
