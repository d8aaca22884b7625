//! The macros of HingeCraft schema: the `#[table]` attribute, and the
//! embedding of a crate's migration files.
//!
//! Use them through `hingecraft` (or `hingecraft_runtime`); the generated
//! code names those crates, never this one. The expansion runs in
//! four steps, one file each:
//!
//! - `attr`: the attribute grammar (darling), strict: unknown and
//!   duplicate keys are errors listing the valid ones;
//! - `ast`: the struct and its fields, with the attributes parsed and the
//!   original syntax kept for spans;
//! - `valid`: every rule a declaration must obey, all errors collected;
//! - `expand`: the SeaORM entity and the table definition;
//!   `expand_query` and `expand_nav`: the typed query helpers.

#![warn(missing_docs)]

mod ast;
mod attr;
mod checked;
mod embed;
mod expand;
mod expand_nav;
mod expand_query;
mod ident;
mod sqltype;
mod valid;
mod valid_constraints;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

/// Declares a database table on a struct.
///
/// See the `hingecraft` crate documentation for the attribute reference.
#[proc_macro_attribute]
pub fn table(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::table(args.into(), input.into()).into()
}

/// Every migration directory (`NNNN_name/`) under a directory of the calling
/// crate, as `&'static [(&str, [&str; 5])]`: each directory's name and its
/// files, read with `include_str!`.
///
/// Not used directly: `hingecraft::embed_migrations!("migrations")` wraps it
/// in a migration source. A missing or empty directory, a badly named
/// directory or a missing file is a compile error naming the path.
#[proc_macro]
pub fn embedded_migration_files(input: TokenStream) -> TokenStream {
    embed::embedded_migration_files(input.into()).into()
}
