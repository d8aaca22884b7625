//! `COMMENT ON`.

use sea_query::{PostgresQueryBuilder, QuotedBuilder, SqlWriter};

use super::{impl_statement_build, write_iden, write_joined, write_qualified, write_text_literal};

/// What a [`CommentStatement`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CommentTarget {
    /// `COMMENT ON TABLE table`
    Table(String),
    /// `COMMENT ON COLUMN table.column`
    Column {
        /// The table.
        table: String,
        /// The column.
        column: String,
    },
    /// `COMMENT ON FUNCTION name(arg types)`
    Function {
        /// The function name (`name` or `schema.name`).
        name: String,
        /// Its argument types, which tell overloads apart.
        arg_types: Vec<String>,
    },
    /// `COMMENT ON [MATERIALIZED] VIEW name`
    View {
        /// The view.
        name: String,
        /// Whether it is materialized.
        materialized: bool,
    },
}

/// `COMMENT ON {TABLE | COLUMN | FUNCTION} target IS {'text' | NULL}`.
///
/// ```
/// use hingecraft_schema::render::statements::CommentStatement;
/// use sea_query::PostgresQueryBuilder;
///
/// assert_eq!(
///     CommentStatement::column("users", "email").text("The user's address.").to_string(PostgresQueryBuilder),
///     r#"COMMENT ON COLUMN "users"."email" IS 'The user''s address.'"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentStatement {
    pub(crate) target: CommentTarget,
    pub(crate) text: Option<String>,
}

impl CommentStatement {
    /// A statement removing the comment of `target` (until [`text`](Self::text) is set).
    pub fn new(target: CommentTarget) -> Self {
        Self { target, text: None }
    }

    /// About a table.
    pub fn table(table: impl Into<String>) -> Self {
        Self::new(CommentTarget::Table(table.into()))
    }

    /// About a column.
    pub fn column(table: impl Into<String>, column: impl Into<String>) -> Self {
        Self::new(CommentTarget::Column {
            table: table.into(),
            column: column.into(),
        })
    }

    /// About a function.
    pub fn function<I, S>(name: impl Into<String>, arg_types: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self::new(CommentTarget::Function {
            name: name.into(),
            arg_types: arg_types.into_iter().map(Into::into).collect(),
        })
    }

    /// About a view.
    pub fn view(name: impl Into<String>, materialized: bool) -> Self {
        Self::new(CommentTarget::View {
            name: name.into(),
            materialized,
        })
    }

    /// Sets the comment text.
    pub fn text(&mut self, text: impl Into<String>) -> &mut Self {
        self.text = Some(text.into());
        self
    }
}

/// Renders [`CommentStatement`].
pub trait CommentBuilder: QuotedBuilder {
    /// Writes the SQL of a [`CommentStatement`].
    fn prepare_comment_statement(&self, comment: &CommentStatement, sql: &mut impl SqlWriter);
}

impl CommentBuilder for PostgresQueryBuilder {
    fn prepare_comment_statement(&self, comment: &CommentStatement, sql: &mut impl SqlWriter) {
        sql.write_str("COMMENT ON ").unwrap();
        match &comment.target {
            CommentTarget::Table(table) => {
                sql.write_str("TABLE ").unwrap();
                write_iden(self, table, sql);
            }
            CommentTarget::Column { table, column } => {
                sql.write_str("COLUMN ").unwrap();
                write_iden(self, table, sql);
                sql.write_str(".").unwrap();
                write_iden(self, column, sql);
            }
            CommentTarget::Function { name, arg_types } => {
                sql.write_str("FUNCTION ").unwrap();
                write_qualified(self, name, sql);
                sql.write_str("(").unwrap();
                write_joined(arg_types, sql, |ty, sql| sql.write_str(ty).unwrap());
                sql.write_str(")").unwrap();
            }
            CommentTarget::View { name, materialized } => {
                sql.write_str(if *materialized {
                    "MATERIALIZED VIEW "
                } else {
                    "VIEW "
                })
                .unwrap();
                write_iden(self, name, sql);
            }
        }
        sql.write_str(" IS ").unwrap();
        match &comment.text {
            Some(text) => write_text_literal(text, sql),
            None => sql.write_str("NULL").unwrap(),
        }
    }
}

impl_statement_build!(CommentStatement, CommentBuilder, prepare_comment_statement);
