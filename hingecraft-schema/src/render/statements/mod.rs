//! Postgres statements sea-query has no type for.
//!
//! Each one follows sea-query's own pattern for Postgres extensions
//! (`ExtensionCreateStatement`): the statement is plain data with a builder
//! API, a builder trait (`XxxBuilder: QuotedBuilder`) turns it into SQL, the
//! trait is implemented for [`PostgresQueryBuilder`](sea_query::PostgresQueryBuilder),
//! and the statement has `to_string(builder)` / `build_ref(&builder)`.
//! Identifiers are quoted with the builder's own quoting; SQL fragments the
//! model holds as SQL (policy expressions, function bodies, index
//! predicates, types) are written verbatim.

mod comment;
mod function;
mod index;
mod policy;
mod rls;
mod schema;
mod trigger;
mod view;

pub use comment::{CommentBuilder, CommentStatement, CommentTarget};
pub use function::{FunctionBuilder, FunctionCreateStatement, FunctionDropStatement};
pub use index::{IndexCreateStatement, PgIndexBuilder};
pub use policy::{PolicyBuilder, PolicyCreateStatement};
pub use rls::{RowLevelSecurityAction, RowLevelSecurityBuilder, RowLevelSecurityStatement};
pub use schema::{SchemaCreateStatement, SchemaStatementBuilder};
pub use trigger::{TriggerBuilder, TriggerCreateStatement};
pub use view::{ViewBuilder, ViewCreateStatement, ViewDropStatement};

use sea_query::{DynIden, QuotedBuilder, SqlWriter};

/// An identifier sea-query always escapes.
///
/// sea-query only escapes quote characters inside *owned* identifiers (a
/// borrowed `&'static str` is trusted to be clean), so every name taken from
/// the model goes through an owned `String`.
pub(crate) fn iden(name: &str) -> DynIden {
    DynIden::from(name.to_owned())
}

/// Writes `name` as a quoted identifier.
pub(crate) fn write_iden<B: QuotedBuilder + ?Sized>(
    builder: &B,
    name: &str,
    sql: &mut impl SqlWriter,
) {
    builder.prepare_iden(&iden(name), sql);
}

/// `name` as a quoted identifier, as a string.
pub(crate) fn quoted<B: QuotedBuilder + ?Sized>(builder: &B, name: &str) -> String {
    let mut out = String::new();
    write_iden(builder, name, &mut out);
    out
}

/// Writes a possibly schema-qualified name (`app.current_user_id`) as
/// quoted parts (`"app"."current_user_id"`).
///
/// Function names in the model may carry their schema, and SQL that calls
/// them (policy expressions) spells them with a dot; quoting the whole name
/// as one identifier would create a different function.
pub(crate) fn write_qualified<B: QuotedBuilder + ?Sized>(
    builder: &B,
    name: &str,
    sql: &mut impl SqlWriter,
) {
    match name.split_once('.') {
        Some((schema, rest)) => {
            write_iden(builder, schema, sql);
            sql.write_str(".").unwrap();
            write_iden(builder, rest, sql);
        }
        None => write_iden(builder, name, sql),
    }
}

/// Writes a standard SQL string literal: single quotes, quotes doubled.
///
/// Backslashes are plain characters in standard SQL (and in Postgres since
/// `standard_conforming_strings` became the default), so nothing else needs
/// escaping.
pub(crate) fn write_text_literal(text: &str, sql: &mut impl SqlWriter) {
    sql.write_str(&crate::model::sql::quote_literal(text))
        .unwrap();
}

/// Writes items separated by `", "`.
pub(crate) fn write_joined<T, W: SqlWriter>(
    items: impl IntoIterator<Item = T>,
    sql: &mut W,
    mut each: impl FnMut(T, &mut W),
) {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            sql.write_str(", ").unwrap();
        }
        each(item, sql);
    }
}

/// `build_ref` and `to_string` for a statement, as sea-query generates them
/// for its own extension statements.
macro_rules! impl_statement_build {
    ($statement:ident, $builder:ident, $prepare:ident) => {
        impl $statement {
            /// Builds the SQL text with a borrowed builder.
            pub fn build_ref<T: $builder>(&self, builder: &T) -> String {
                let mut sql = String::with_capacity(128);
                builder.$prepare(self, &mut sql);
                sql
            }

            /// Builds the SQL text.
            pub fn to_string<T: $builder>(&self, builder: T) -> String {
                self.build_ref(&builder)
            }
        }
    };
}
pub(crate) use impl_statement_build;

#[cfg(test)]
mod tests {
    use sea_query::PostgresQueryBuilder;

    use super::*;

    #[test]
    fn quotes_inside_identifiers_are_doubled() {
        assert_eq!(quoted(&PostgresQueryBuilder, r#"we"ird"#), r#""we""ird""#);
    }

    #[test]
    fn qualified_names_quote_each_part() {
        let mut sql = String::new();
        write_qualified(&PostgresQueryBuilder, "app.current_user_id", &mut sql);
        assert_eq!(sql, r#""app"."current_user_id""#);
    }

    #[test]
    fn text_literals_double_single_quotes() {
        let mut sql = String::new();
        write_text_literal(r"it's a \ test", &mut sql);
        assert_eq!(sql, r"'it''s a \ test'");
    }
}
