//! `CREATE INDEX` with an access method, operator classes and a predicate.

use sea_query::{PostgresQueryBuilder, QuotedBuilder, SqlWriter};

use super::{impl_statement_build, write_iden, write_joined};
use crate::model::{IndexMethod, IndexPart};

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON table USING method
/// (column [opclass], ...) [WHERE predicate]`, for Postgres.
///
/// sea-query's own index statement writes index names without escaping
/// them and knows no HNSW; this one quotes every identifier and takes the
/// method and operator classes of the model as they are. Operator classes
/// and the predicate are SQL and written verbatim (an operator class may be
/// schema-qualified).
///
/// ```
/// use hingecraft_schema::model::{IndexMethod, IndexPart};
/// use hingecraft_schema::render::statements::IndexCreateStatement;
/// use sea_query::PostgresQueryBuilder;
///
/// assert_eq!(
///     IndexCreateStatement::new()
///         .name("idx_docs_body")
///         .table("docs")
///         .method(IndexMethod::Gin)
///         .part(IndexPart { column: "body".into(), opclass: Some("jsonb_path_ops".into()) })
///         .to_string(PostgresQueryBuilder),
///     r#"CREATE INDEX "idx_docs_body" ON "docs" USING gin ("body" jsonb_path_ops)"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexCreateStatement {
    pub(crate) name: String,
    pub(crate) table: String,
    pub(crate) unique: bool,
    pub(crate) if_not_exists: bool,
    pub(crate) concurrently: bool,
    pub(crate) method: IndexMethod,
    pub(crate) parts: Vec<IndexPart>,
    pub(crate) predicate: Option<String>,
}

impl IndexCreateStatement {
    /// An empty b-tree index statement.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the index name.
    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        self.name = name.into();
        self
    }

    /// Sets the table.
    pub fn table(&mut self, table: impl Into<String>) -> &mut Self {
        self.table = table.into();
        self
    }

    /// Makes it a unique index.
    pub fn unique(&mut self) -> &mut Self {
        self.unique = true;
        self
    }

    /// Adds `IF NOT EXISTS`.
    pub fn if_not_exists(&mut self) -> &mut Self {
        self.if_not_exists = true;
        self
    }

    /// Adds `CONCURRENTLY`: the index is built without blocking writes,
    /// outside a transaction.
    pub fn concurrently(&mut self) -> &mut Self {
        self.concurrently = true;
        self
    }

    /// Sets the access method.
    pub fn method(&mut self, method: IndexMethod) -> &mut Self {
        self.method = method;
        self
    }

    /// Adds a key part.
    pub fn part(&mut self, part: IndexPart) -> &mut Self {
        self.parts.push(part);
        self
    }

    /// Makes it partial: only rows matching `predicate` (SQL) are indexed.
    pub fn predicate(&mut self, predicate: impl Into<String>) -> &mut Self {
        self.predicate = Some(predicate.into());
        self
    }
}

/// Renders [`IndexCreateStatement`].
pub trait PgIndexBuilder: QuotedBuilder {
    /// Writes the SQL of an [`IndexCreateStatement`].
    fn prepare_pg_index_create_statement(
        &self,
        create: &IndexCreateStatement,
        sql: &mut impl SqlWriter,
    );
}

impl PgIndexBuilder for PostgresQueryBuilder {
    fn prepare_pg_index_create_statement(
        &self,
        create: &IndexCreateStatement,
        sql: &mut impl SqlWriter,
    ) {
        sql.write_str(if create.unique {
            "CREATE UNIQUE INDEX "
        } else {
            "CREATE INDEX "
        })
        .unwrap();
        if create.concurrently {
            sql.write_str("CONCURRENTLY ").unwrap();
        }
        if create.if_not_exists {
            sql.write_str("IF NOT EXISTS ").unwrap();
        }
        write_iden(self, &create.name, sql);
        sql.write_str(" ON ").unwrap();
        write_iden(self, &create.table, sql);
        sql.write_str(" USING ").unwrap();
        sql.write_str(create.method.as_sql()).unwrap();
        sql.write_str(" (").unwrap();
        write_joined(&create.parts, sql, |part, sql| {
            write_iden(self, &part.column, sql);
            if let Some(opclass) = &part.opclass {
                sql.write_str(" ").unwrap();
                sql.write_str(opclass).unwrap();
            }
        });
        sql.write_str(")").unwrap();
        if let Some(predicate) = &create.predicate {
            sql.write_str(" WHERE ").unwrap();
            sql.write_str(predicate).unwrap();
        }
    }
}

impl_statement_build!(
    IndexCreateStatement,
    PgIndexBuilder,
    prepare_pg_index_create_statement
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_partial_index() {
        let sql = IndexCreateStatement::new()
            .name("uq_users_email")
            .table("users")
            .unique()
            .if_not_exists()
            .part(IndexPart::column("email"))
            .predicate("deleted_at IS NULL")
            .to_string(PostgresQueryBuilder);
        assert_eq!(
            sql,
            r#"CREATE UNIQUE INDEX IF NOT EXISTS "uq_users_email" ON "users" USING btree ("email") WHERE deleted_at IS NULL"#
        );
    }
}
