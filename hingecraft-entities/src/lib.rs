//! The HingeCraft tables, declared with `#[table]`, one file per table, in the
//! source modules the platform's schema documents come from, and the
//! production schema they merge into.
//!
//! Each table module (`modules::master::users`, ...) is a SeaORM entity module:
//! `Entity`, `Model` (also under the struct's own name, e.g. `User`),
//! `ActiveModel`, `Column`, `Relation`, plus typed lookups such as
//! `users::Entity::find_by_email`. The merged, hardened tables are generated
//! into [`production`] by `cargo run -- generate`.

use hingecraft_schema::Module;
use hingecraft_schema::harden::{self, HardeningProfile, HardeningReport};
use hingecraft_schema::merge::{self, Conflict, MergeReport, PartialFieldPolicy, Resolution};
use hingecraft_schema::{Schema, Stage};

/// Declares the table modules of a source module and lists their definitions.
macro_rules! tables {
    ($($table:ident),* $(,)?) => {
        $(pub mod $table;)*

        /// The definitions of every table this module declares, in declaration order.
        pub fn tables() -> Vec<hingecraft_schema::Table> {
            #[allow(unused_imports)] // unused in a module with no tables yet
            use hingecraft_schema::TableDef;
            vec![$(<$table::Entity as TableDef>::table_def()),*]
        }
    };
}

/// The dimension of every embedding in the schema (`vector(N)` columns).
///
/// Vector columns declare `dim = 1536`; a test of this crate fails when one
/// differs, so the dimension is set here, once.
pub const EMBEDDING_DIM: u32 = 1536;

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

/// Decisions taken where source modules disagree. Each one must match a
/// conflict, or the merge fails: a stale resolution is an error.
pub fn resolutions() -> Vec<Resolution> {
    Vec::new()
}

/// The production schema and how it was made.
#[derive(Debug, Clone)]
pub struct Production {
    /// Every module merged, completed and hardened.
    pub schema: Schema,
    /// What the merger and the completion decided.
    pub merge: MergeReport,
    /// What hardening added.
    pub hardening: HardeningReport,
}

impl Production {
    /// The merge and hardening report, as Markdown.
    pub fn report_markdown(&self) -> String {
        format!(
            "{}\n{}",
            self.merge.to_markdown(),
            self.hardening.to_markdown()
        )
    }
}

/// Merges every source module, completes the tables with the canonical
/// module and hardens the result with the production profile.
///
/// # Errors
/// Every merge conflict that no resolution settles.
pub fn production() -> Result<Production, Vec<Conflict>> {
    let sources: Vec<Module> = modules()
        .into_iter()
        .filter(|m| m.stage != Stage::Concept)
        .collect();
    let (schema, report) = merge::merge(&sources, &resolutions())?;
    let (mut schema, merge) =
        merge::complete(schema, report, &canonical(), PartialFieldPolicy::Warn)?;
    schema.extensions = platform::extensions();
    schema.functions = platform::functions();
    let (schema, hardening) = harden::harden(schema, &HardeningProfile::production());
    Ok(Production {
        schema,
        merge,
        hardening,
    })
}
