//! The starter's tables, declared with `#[table]`, one file per table, in
//! the source modules that need them, and the production schema they merge
//! into.
//!
//! - [`modules::platform`]: the shared tables, `workspaces` (the tenant
//!   root) and `users`;
//! - [`modules::billing`] and [`modules::crm`]: two prototypes, each with
//!   its own partial view of `customers`;
//! - [`modules::reference`]: the canonical field list of `customers`, which
//!   completes the merged table.
//!
//! The merged, hardened tables are generated into
//! [`production`](mod@production) by `cargo run -- generate`: services
//! import those. This crate depends on `hingecraft` without its `tools`
//! feature. The project description (modules, canonical module, the
//! resolution, paths) is the root package's `starter::project()`.

use hingecraft::Module;

pub mod modules;
pub mod production;

/// Every source module that contributes tables, in a fixed order. The
/// canonical module is [`canonical`].
pub fn modules() -> Vec<Module> {
    vec![
        modules::platform::module(),
        modules::billing::module(),
        modules::crm::module(),
    ]
}

/// The canonical module: the complete field list of `customers`.
pub fn canonical() -> Module {
    modules::reference::module()
}
