//! The `#[table]` attribute of HingeCraft schema.
//!
//! Use it through `hingecraft::table` (or `hingecraft_schema::table`); the
//! generated code names those crates, never this one. The expansion runs in
//! four steps, one file each:
//!
//! - [`attr`]: the attribute grammar (darling), strict: unknown and
//!   duplicate keys are errors listing the valid ones;
//! - [`ast`]: the struct and its fields, with the attributes parsed and the
//!   original syntax kept for spans;
//! - [`valid`]: every rule a declaration must obey, all errors collected;
//! - [`expand`]: the SeaORM entity and the table definition;
//!   [`expand_query`] and [`expand_nav`]: the typed query helpers.

mod ast;
mod attr;
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
