//! HingeCraft schema's lifecycle: the sub-modules' partial tables merged,
//! completed and hardened into one production schema, diffed against an
//! earlier one, and rendered as SQL per backend. Pure transforms: no I/O.
//!
//! - [`project`]: a project described as data ([`Project`]), and its
//!   [`Production`] schema.
//! - [`lifecycle`]: what each stage (concept, prototype, production) may produce.
//! - [`merge`]: the sub-modules' partial tables merged into one schema.
//! - [`harden`](mod@harden): a merged schema made ready for production Postgres.
//! - [`diff`]: the changes from one schema to another.
//! - [`render`]: the model to DDL, one [`render::Dialect`] per backend.
//! - [`snapshot`]: the canonical JSON of a schema, stored with each migration.
//!
//! The schema as data is [`model`] (the `hingecraft-model` crate). Most
//! users depend on the `hingecraft` facade crate with its `tools` feature,
//! which re-exports all of this.

#![warn(missing_docs)]

pub mod diff;
pub mod harden;
pub mod lifecycle;
pub mod merge;
mod order;
pub mod project;
pub mod render;
pub mod snapshot;

pub use harden::{HardeningProfile, HardeningReport, harden};
pub use hingecraft_model as model;
pub use merge::{Conflict, MergeReport, PartialFieldPolicy, Resolution};
pub use model::{Conventions, Module, Schema, Stage, Table};
pub use project::{Paths, Production, Project};
