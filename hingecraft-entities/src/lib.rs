//! The HingeCraft tables, declared with `#[table]`, one file per table, in the
//! source modules the platform's schema documents come from, and the
//! production schema they merge into.
//!
//! Each table module (`modules::master::users`, ...) is a SeaORM entity module:
//! `Entity`, `Model` (also under the struct's own name, e.g. `User`),
//! `ActiveModel`, `Column`, `Relation`, plus typed lookups such as
//! `users::Entity::find_by_email`. The merged, hardened tables are generated
//! into [`production`](mod@production) by `cargo run -- generate`.
//!
//! This crate depends on `hingecraft` without its `tools` feature: a service
//! importing these models compiles none of the generators. The project
//! description (modules, canonical module, resolutions, profile, paths) is
//! the root package's `hingecraft_platform::project()`.

use hingecraft::Module;

/// The dimension of every embedding in the schema (`vector(N)` columns).
///
/// Vector columns declare `dim = 1536`; a test of this crate fails when one
/// differs, so the dimension is set here, once.
pub const EMBEDDING_DIM: u32 = 1536;

pub mod codex_api;
pub mod modules;
pub mod platform;
pub mod production;

/// Every source module that contributes tables (prototype or production
/// stage), in a fixed order. The canonical module is [`canonical`].
pub fn modules() -> Vec<Module> {
    use modules::*;
    vec![
        codex::module(),
        master::module(),
        complete::module(),
        master_view::module(),
        account_management::module(),
        service_scheduler::module(),
        territories::module(),
        rag::module(),
        governance::module(),
    ]
}

/// The canonical module: the complete field list of the entities it
/// describes, which completes the merged tables.
pub fn canonical() -> Module {
    modules::busm::module()
}

/// Every module, the canonical one included.
pub fn all_modules() -> Vec<Module> {
    let mut all = modules();
    all.push(canonical());
    all
}
