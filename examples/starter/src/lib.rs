//! The starter's schema, as one user of HingeCraft schema: its project
//! description ([`project`]); `main.rs` is its command line.
//!
//! The tables are declared in [`entities`] (the `starter-entities` crate:
//! one source module per sub-module, and the generated production entities
//! services import); the migrations live in the `starter-migration` crate
//! (`cargo run -p starter-migration -- up`).

#![warn(missing_docs)]

pub use starter_entities as entities;

use hingecraft::model::DefaultValue;
use hingecraft::{HardeningProfile, Paths, Project, Resolution};

/// The starter project: the `platform`, `billing` and `crm` modules,
/// completed by the canonical `reference` module, hardened with the
/// production profile. Generated files go where this repository keeps them
/// (paths relative to the directory of this crate).
pub fn project() -> Project {
    let mut project = Project::new("starter")
        .docs_title("Starter schema")
        .profile(HardeningProfile::production())
        .paths(
            Paths::default()
                .entities("entities/src/production")
                .migrations("migration/migrations")
                .docs("docs")
                .crate_path("hingecraft"),
        )
        .canonical(entities::canonical());
    for module in entities::modules() {
        project = project.module(module);
    }
    project.resolution(customer_status_default())
}

/// `billing` declares `customers.status` DEFAULT 'active' (it only sees
/// paying customers), `crm` DEFAULT 'lead' (it records a customer from the
/// first call). A customer is created by sales before billing ever sees it,
/// and the canonical `reference` module agrees: a new customer is a lead.
pub fn customer_status_default() -> Resolution {
    Resolution::Default {
        table: "customers".into(),
        column: "status".into(),
        default: Some(DefaultValue::text("lead")),
    }
}
