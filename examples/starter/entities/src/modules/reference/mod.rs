//! The reference module (concept): the canonical, complete field list of
//! the customer, as the business defines it. It documents and completes the
//! merged `customers` table; it never produces tables of its own.

use hingecraft::{Module, Stage};

hingecraft::tables!(customers);

/// The canonical module.
pub fn module() -> Module {
    Module::new("reference", Stage::Concept)
        .doc("The canonical field list of the customer.")
        .depends_on("platform")
        .with_tables(tables())
}
