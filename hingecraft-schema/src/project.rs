//! A project described as data: its source modules, the canonical module,
//! the resolutions, the platform objects, the hardening profile, its
//! conventions and where its generated files go. Everything the tools do
//! (`sql`, `report`, `generate`, `docs`, `verify`, `migrate`) starts from one
//! [`Project`].
//!
//! ```
//! use hingecraft_schema::{HardeningProfile, Module, Project, Stage};
//!
//! let project = Project::new("starter")
//!     .module(Module::new("billing", Stage::Prototype))
//!     .module(Module::new("crm", Stage::Prototype))
//!     .profile(HardeningProfile::production());
//! let production = project.production().expect("the modules merge");
//! assert!(production.schema.tables.is_empty());
//! assert_eq!(project.paths.migrations, std::path::Path::new("migrations"));
//! ```

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::harden::{self, HardeningProfile, HardeningReport};
use crate::merge::{self, Conflict, MergeReport, PartialFieldPolicy, Resolution};
use crate::model::{Conventions, Extension, Function, Module, Schema, Stage};

/// A project: everything that decides its production schema and where its
/// generated files go. Build it with [`Project::new`] and the builder
/// methods; every field can be read and changed.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Project {
    /// The project's name: the default database is `<name>.db` (SQLite, in
    /// the current directory), and the docs are titled after it unless
    /// [`docs_title`](Self::docs_title) says otherwise.
    pub name: String,
    /// The source modules, each a partial view of the schema, in a fixed
    /// order. Concept-stage modules are documented, never merged.
    pub modules: Vec<Module>,
    /// The canonical module: the complete field list of the entities it
    /// describes, which completes the merged tables.
    pub canonical: Option<Module>,
    /// Decisions where modules disagree: source modules among themselves,
    /// or a merged table and the canonical module. Each must match a
    /// conflict, or the merge fails: a stale resolution is an error.
    pub resolutions: Vec<Resolution>,
    /// What completion does with a canonical field no source module has.
    pub partial_fields: PartialFieldPolicy,
    /// The extensions the database needs before any table.
    pub extensions: Vec<Extension>,
    /// Shared SQL functions the database needs before any module's
    /// (session readers, helpers); they come first in the schema.
    pub functions: Vec<Function>,
    /// Which hardening passes run.
    pub profile: HardeningProfile,
    /// The names the database uses for what hardening and the migrator
    /// create or read.
    pub conventions: Conventions,
    /// Where generated files go.
    pub paths: Paths,
    /// The title of the generated docs (default: the project's name).
    pub docs_title: Option<String>,
}

/// Where a project's generated files go, relative to the project's root
/// directory (the tools resolve them against `--root`, else the
/// `CARGO_MANIFEST_DIR` cargo sets when it runs the project's binary, else
/// the current directory).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Paths {
    /// The generated production entities, one file per table plus `mod.rs`
    /// (default `src/production`).
    pub entities: PathBuf,
    /// The migrations, one `NNNN_name/` directory each (default `migrations`).
    pub migrations: PathBuf,
    /// The generated docs (default `docs`).
    pub docs: PathBuf,
    /// The Rust path generated entities import the prelude from, as the
    /// crate holding them names it (default `hingecraft`: `use
    /// hingecraft::prelude::*;`).
    pub crate_path: String,
}

impl Default for Paths {
    fn default() -> Self {
        Self {
            entities: "src/production".into(),
            migrations: "migrations".into(),
            docs: "docs".into(),
            crate_path: "hingecraft".into(),
        }
    }
}

impl Paths {
    /// These paths with the production entities in `dir`.
    #[must_use]
    pub fn entities(mut self, dir: impl Into<PathBuf>) -> Self {
        self.entities = dir.into();
        self
    }

    /// These paths with the migrations in `dir`.
    #[must_use]
    pub fn migrations(mut self, dir: impl Into<PathBuf>) -> Self {
        self.migrations = dir.into();
        self
    }

    /// These paths with the docs in `dir`.
    #[must_use]
    pub fn docs(mut self, dir: impl Into<PathBuf>) -> Self {
        self.docs = dir.into();
        self
    }

    /// These paths with generated entities importing `path::prelude::*`.
    #[must_use]
    pub fn crate_path(mut self, path: impl Into<String>) -> Self {
        self.crate_path = path.into();
        self
    }
}

impl Project {
    /// An empty project named `name`, hardened with the production
    /// profile, with the default conventions and paths.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            modules: Vec::new(),
            canonical: None,
            resolutions: Vec::new(),
            partial_fields: PartialFieldPolicy::Warn,
            extensions: Vec::new(),
            functions: Vec::new(),
            profile: HardeningProfile::production(),
            conventions: Conventions::default(),
            paths: Paths::default(),
            docs_title: None,
        }
    }

    /// Adds a source module.
    #[must_use]
    pub fn module(mut self, module: Module) -> Self {
        self.modules.push(module);
        self
    }

    /// Sets the canonical module.
    #[must_use]
    pub fn canonical(mut self, module: Module) -> Self {
        self.canonical = Some(module);
        self
    }

    /// Adds a resolution.
    #[must_use]
    pub fn resolution(mut self, resolution: Resolution) -> Self {
        self.resolutions.push(resolution);
        self
    }

    /// Sets what completion does with canonical fields no module has.
    #[must_use]
    pub fn partial_fields(mut self, policy: PartialFieldPolicy) -> Self {
        self.partial_fields = policy;
        self
    }

    /// Adds an extension.
    #[must_use]
    pub fn extension(mut self, extension: Extension) -> Self {
        self.extensions.push(extension);
        self
    }

    /// Adds a shared function.
    #[must_use]
    pub fn function(mut self, function: Function) -> Self {
        self.functions.push(function);
        self
    }

    /// Sets the hardening profile.
    #[must_use]
    pub fn profile(mut self, profile: HardeningProfile) -> Self {
        self.profile = profile;
        self
    }

    /// Sets the conventions.
    #[must_use]
    pub fn conventions(mut self, conventions: Conventions) -> Self {
        self.conventions = conventions;
        self
    }

    /// Sets where generated files go.
    #[must_use]
    pub fn paths(mut self, paths: Paths) -> Self {
        self.paths = paths;
        self
    }

    /// Sets the docs' title.
    #[must_use]
    pub fn docs_title(mut self, title: impl Into<String>) -> Self {
        self.docs_title = Some(title.into());
        self
    }

    /// The docs' title: [`docs_title`](Self::docs_title), else the name.
    pub fn title(&self) -> &str {
        self.docs_title.as_deref().unwrap_or(&self.name)
    }

    /// Every module, the canonical one last.
    pub fn all_modules(&self) -> Vec<Module> {
        let mut all = self.modules.clone();
        all.extend(self.canonical.clone());
        all
    }

    /// Merges every source module that is past the concept stage,
    /// completes the tables with the canonical module, adds the project's
    /// extensions and functions, and hardens the result with the profile
    /// and conventions.
    ///
    /// # Errors
    /// Every merge conflict that no resolution settles, and every
    /// resolution that matches no conflict.
    pub fn production(&self) -> Result<Production, Vec<Conflict>> {
        let sources: Vec<Module> = self
            .modules
            .iter()
            .filter(|m| m.stage != Stage::Concept)
            .cloned()
            .collect();
        let (mut schema, merge) = merge::merge_and_complete(
            &sources,
            self.canonical.as_ref(),
            self.partial_fields,
            &self.resolutions,
        )?;
        let mut extensions = self.extensions.clone();
        extensions.append(&mut schema.extensions);
        schema.extensions = extensions;
        // The project's shared functions first, then the modules' own.
        let mut functions = self.functions.clone();
        functions.append(&mut schema.functions);
        schema.functions = functions;
        let (schema, hardening) = harden::harden_with(schema, &self.profile, &self.conventions);
        Ok(Production {
            schema,
            merge,
            hardening,
        })
    }
}

/// A project's production schema and how it was made.
#[derive(Debug, Clone)]
#[non_exhaustive]
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
