//! The territories module: sales and service territories accounts are assigned to.

use hingecraft::{Module, Stage};

hingecraft::tables!(territories);

/// The territories module.
pub fn module() -> Module {
    Module {
        name: "territories".into(),
        stage: Stage::Prototype,
        doc: Some("Sales and service territories.".into()),
        depends_on: Vec::new(),
        tables: tables(),
        functions: Vec::new(),
        views: Vec::new(),
    }
}
