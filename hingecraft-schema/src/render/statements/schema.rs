//! `CREATE SCHEMA`.

use sea_query::{PostgresQueryBuilder, QuotedBuilder, SqlWriter};

use super::{impl_statement_build, write_iden};

/// `CREATE SCHEMA [IF NOT EXISTS] name`: the schema an extension is
/// installed into must exist before `CREATE EXTENSION ... WITH SCHEMA`.
///
/// ```
/// use hingecraft_schema::render::statements::SchemaCreateStatement;
/// use sea_query::PostgresQueryBuilder;
///
/// assert_eq!(
///     SchemaCreateStatement::new().name("extensions").if_not_exists().to_string(PostgresQueryBuilder),
///     r#"CREATE SCHEMA IF NOT EXISTS "extensions""#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaCreateStatement {
    pub(crate) name: String,
    pub(crate) if_not_exists: bool,
}

impl SchemaCreateStatement {
    /// An empty statement.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the schema name.
    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        self.name = name.into();
        self
    }

    /// Adds `IF NOT EXISTS`.
    pub fn if_not_exists(&mut self) -> &mut Self {
        self.if_not_exists = true;
        self
    }
}

/// Renders [`SchemaCreateStatement`].
pub trait SchemaStatementBuilder: QuotedBuilder {
    /// Writes the SQL of a [`SchemaCreateStatement`].
    fn prepare_schema_create_statement(
        &self,
        create: &SchemaCreateStatement,
        sql: &mut impl SqlWriter,
    );
}

impl SchemaStatementBuilder for PostgresQueryBuilder {
    fn prepare_schema_create_statement(
        &self,
        create: &SchemaCreateStatement,
        sql: &mut impl SqlWriter,
    ) {
        sql.write_str("CREATE SCHEMA ").unwrap();
        if create.if_not_exists {
            sql.write_str("IF NOT EXISTS ").unwrap();
        }
        write_iden(self, &create.name, sql);
    }
}

impl_statement_build!(
    SchemaCreateStatement,
    SchemaStatementBuilder,
    prepare_schema_create_statement
);
