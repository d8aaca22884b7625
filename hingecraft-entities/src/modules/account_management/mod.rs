//! The account-management sub-module (prototype): account records, their
//! owners and their contacts.

use hingecraft::{Module, Stage};

hingecraft::tables!(accounts, contacts);

/// The account-management module.
pub fn module() -> Module {
    Module {
        name: "account-management".into(),
        stage: Stage::Prototype,
        doc: Some("Account records with their numbers, owners and contacts.".into()),
        depends_on: vec!["master".into(), "territories".into()],
        tables: tables(),
        functions: Vec::new(),
        views: Vec::new(),
    }
}
