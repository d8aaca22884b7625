//! The HingeCraft platform's schema, as one user of HingeCraft schema: its
//! project description ([`project`]), its seed data ([`seed`]), and (in
//! `main.rs`) its `hingecraft` command line, all on the library's public API.
//!
//! The tables are declared in [`entities`] (the `hingecraft-entities`
//! crate: one source module per sub-module of the platform, and the
//! generated production entities services import); the migrations live in
//! [`migration`] (package `migration`: `cargo run -p migration -- up`).

#![warn(missing_docs)]

pub mod seed;

pub use hingecraft_entities as entities;
pub use hingecraft_migration as migration;

use hingecraft::{HardeningProfile, Paths, Project};

/// The HingeCraft project: every source module of the platform, completed
/// by the canonical `busm` module, with layer 01's extensions and session
/// readers, hardened with the production profile. Generated files go where
/// the repository keeps them (paths relative to the repository root).
pub fn project() -> Project {
    let mut project = Project::new("hingecraft")
        .docs_title("HingeCraft schema")
        .profile(HardeningProfile::production())
        .paths(
            Paths::default()
                .entities("hingecraft-entities/src/production")
                .migrations("hingecraft-migration/migrations")
                .docs("docs")
                .crate_path("hingecraft"),
        )
        .canonical(entities::canonical());
    for module in entities::modules() {
        project = project.module(module);
    }
    for extension in entities::platform::extensions() {
        project = project.extension(extension);
    }
    for function in entities::platform::functions() {
        project = project.function(function);
    }
    project
}
