//! The platform module (production): the tables every other module leans
//! on, the workspace (the tenant root) and the user.

use hingecraft::{Module, Stage};

hingecraft::tables!(users, workspaces);

/// The platform module.
pub fn module() -> Module {
    Module::new("platform", Stage::Production)
        .doc("Workspaces, the tenants every row belongs to, and the users who work in them.")
        .with_tables(tables())
}
