//! The service-scheduler sub-module (prototype): the services offered and
//! the work orders that schedule them at an account's location.

use hingecraft::{Module, Stage};

hingecraft::tables!(services, work_orders);

/// The service-scheduler module.
pub fn module() -> Module {
    Module {
        name: "service-scheduler".into(),
        stage: Stage::Prototype,
        doc: Some("Services and the work orders that schedule them.".into()),
        depends_on: vec!["master".into(), "master-view".into()],
        tables: tables(),
        functions: Vec::new(),
        views: Vec::new(),
    }
}
