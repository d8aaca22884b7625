//! HingeCraft schema's tools: what turns a [`Project`] into checked-in,
//! generated files and checks a live database against them.
//!
//! - [`codegen`]: the production entities, as Rust source with `#[table]`.
//! - [`generate`]: the next migration directory from a diff of snapshots.
//! - [`docs`]: entity docs and ER diagrams (Markdown, Mermaid, SVG).
//! - [`verify`]: a live database compared with what its migrations build.
//! - [`cli`]: the project command line, `cli::run(project)`.
//!
//! A service that only imports typed models and runs migrations does not
//! depend on this crate: the `hingecraft` facade enables it with the
//! `tools` feature.

#![warn(missing_docs)]

pub mod cli;
pub mod codegen;
pub mod docs;
pub mod files;
pub mod generate;
pub mod verify;

pub use hingecraft_schema::{Paths, Production, Project};
