//! The master-view sub-module (prototype): the list and map views of
//! accounts, with just the fields those screens use.

use hingecraft::{Module, Stage};

hingecraft::tables!(accounts, locations);

/// The master-view module.
pub fn module() -> Module {
    Module {
        name: "master-view".into(),
        stage: Stage::Prototype,
        doc: Some("Account lists and maps: a partial view of accounts and their locations.".into()),
        depends_on: Vec::new(),
        tables: tables(),
        functions: Vec::new(),
        views: Vec::new(),
    }
}
