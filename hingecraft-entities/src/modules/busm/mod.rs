//! The business model (the seed's "BUSM"): the canonical, complete field
//! list of each entity it describes. It is at the concept stage: it is
//! documentation, and it completes the merged tables of the production
//! schema; it never produces tables of its own.

use hingecraft::{Module, Stage};

hingecraft::tables!(accounts);

/// The canonical module.
pub fn module() -> Module {
    Module {
        name: "busm".into(),
        stage: Stage::Concept,
        doc: Some("The canonical field list of each business entity.".into()),
        depends_on: vec!["master".into(), "territories".into()],
        tables: tables(),
        functions: Vec::new(),
        views: Vec::new(),
    }
}
