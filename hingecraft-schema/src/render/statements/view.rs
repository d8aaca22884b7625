//! `CREATE [MATERIALIZED] VIEW` and `DROP [MATERIALIZED] VIEW`.

use sea_query::{PostgresQueryBuilder, QuotedBuilder, SqlWriter};

use super::{impl_statement_build, write_iden};

/// `CREATE [MATERIALIZED] VIEW name AS query`.
///
/// A materialized view is created `WITH DATA`: at migration time its tables
/// are new and empty, so filling it costs nothing, and a `REFRESH ...
/// CONCURRENTLY` (which needs a populated view) works from the start.
///
/// ```
/// use hingecraft_schema::render::statements::ViewCreateStatement;
/// use sea_query::PostgresQueryBuilder;
///
/// assert_eq!(
///     ViewCreateStatement::new()
///         .name("leaderboard")
///         .materialized()
///         .query("SELECT 1 AS one")
///         .to_string(PostgresQueryBuilder),
///     r#"CREATE MATERIALIZED VIEW "leaderboard" AS SELECT 1 AS one WITH DATA"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewCreateStatement {
    pub(crate) name: String,
    pub(crate) query: String,
    pub(crate) materialized: bool,
}

impl ViewCreateStatement {
    /// A plain view with no name yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the name.
    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        self.name = name.into();
        self
    }

    /// Sets the defining query.
    pub fn query(&mut self, query: impl Into<String>) -> &mut Self {
        self.query = query.into();
        self
    }

    /// Makes it a materialized view.
    pub fn materialized(&mut self) -> &mut Self {
        self.materialized = true;
        self
    }
}

/// `DROP [MATERIALIZED] VIEW IF EXISTS name`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewDropStatement {
    pub(crate) name: String,
    pub(crate) materialized: bool,
}

impl ViewDropStatement {
    /// A plain view drop with no name yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the name.
    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        self.name = name.into();
        self
    }

    /// Drops a materialized view.
    pub fn materialized(&mut self) -> &mut Self {
        self.materialized = true;
        self
    }
}

/// Renders the view statements.
pub trait ViewBuilder: QuotedBuilder {
    /// Writes the SQL of a [`ViewCreateStatement`].
    fn prepare_view_create_statement(&self, stmt: &ViewCreateStatement, sql: &mut impl SqlWriter);
    /// Writes the SQL of a [`ViewDropStatement`].
    fn prepare_view_drop_statement(&self, stmt: &ViewDropStatement, sql: &mut impl SqlWriter);
}

impl ViewBuilder for PostgresQueryBuilder {
    fn prepare_view_create_statement(&self, stmt: &ViewCreateStatement, sql: &mut impl SqlWriter) {
        sql.write_str(if stmt.materialized {
            "CREATE MATERIALIZED VIEW "
        } else {
            "CREATE VIEW "
        })
        .unwrap();
        write_iden(self, &stmt.name, sql);
        sql.write_str(" AS ").unwrap();
        sql.write_str(stmt.query.trim().trim_end_matches(';'))
            .unwrap();
        if stmt.materialized {
            sql.write_str(" WITH DATA").unwrap();
        }
    }

    fn prepare_view_drop_statement(&self, stmt: &ViewDropStatement, sql: &mut impl SqlWriter) {
        sql.write_str(if stmt.materialized {
            "DROP MATERIALIZED VIEW IF EXISTS "
        } else {
            "DROP VIEW IF EXISTS "
        })
        .unwrap();
        write_iden(self, &stmt.name, sql);
    }
}

impl_statement_build!(
    ViewCreateStatement,
    ViewBuilder,
    prepare_view_create_statement
);
impl_statement_build!(ViewDropStatement, ViewBuilder, prepare_view_drop_statement);
