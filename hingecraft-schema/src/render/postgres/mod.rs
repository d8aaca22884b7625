//! The Postgres dialect: everything the model holds.

use crate::model::{Function, Schema};
use crate::order::needs_tables;
use crate::render::statements::{
    CommentStatement, FunctionCreateStatement, FunctionDropStatement, iden,
};
use crate::render::table::{self};
use crate::render::validate::{validate, validate_table};
use crate::render::{Ddl, Dialect, RenderError, dependency_order};

mod changes;
mod ddl;
mod online;

use ddl::{
    PG, comments, create_table, create_view, drop_view, extensions, first_partitions, indexes,
    security, triggers, view_comments,
};

/// The Postgres dialect (the production target).
///
/// The create path runs, in order:
/// 1. `CREATE SCHEMA IF NOT EXISTS` for each extension schema, then
///    `CREATE EXTENSION IF NOT EXISTS ... WITH SCHEMA` (sorted by name);
/// 2. functions, in declaration order, except those that need the tables
///    (trigger functions and anything a default or check calls must exist
///    first);
/// 3. tables in foreign-key order ([`dependency_order`](super::dependency_order)),
///    with a self-reference inline;
/// 4. `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY` for the keys that
///    close a cycle between tables;
/// 5. indexes;
/// 6. the functions that need the tables, in declaration order: `LANGUAGE
///    sql` ones (Postgres checks their bodies against the tables at
///    creation) and those whose signature names a table's row type
///    (`RETURNS SETOF user_notifications`);
/// 7. row-level security (enabled and forced), policies, triggers;
/// 8. the first partitions of each partitioned table (a default one, the
///    current month and the next, computed when the statement runs);
/// 9. views, in declaration order, each materialized one with the unique
///    index on its key that `REFRESH ... CONCURRENTLY` needs;
/// 10. comments on tables, columns, functions and views, from their doc
///     comments.
///
/// Nothing is skipped on Postgres. Types of extensions (`vector`, `ltree`)
/// and operator classes are written unqualified: the role running the
/// statements needs the extension schemas on its `search_path`. An
/// extension marked optional is created like any other: leaving out what
/// depends on it is decided before rendering, not here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Postgres;

impl Dialect for Postgres {
    fn name(&self) -> &'static str {
        "postgres"
    }

    fn render(&self, schema: &Schema) -> Result<Ddl, RenderError> {
        validate(schema)?;
        let order = dependency_order(schema);
        let (late, early): (Vec<&Function>, Vec<&Function>) = schema
            .functions
            .iter()
            .partition(|f| needs_tables(f, schema));

        let mut statements = extensions(schema);
        statements.extend(
            early
                .iter()
                .map(|f| FunctionCreateStatement::from_model(f).to_string(PG)),
        );
        for table in &order.tables {
            statements.push(create_table(table, |fk| {
                !order.is_deferred(&table.name, &fk.name)
            }));
        }
        for (table, fk) in &order.deferred {
            statements.push(table::foreign_key(table, fk).to_string(PG));
        }
        for table in &order.tables {
            statements.extend(indexes(table));
        }
        statements.extend(
            late.iter()
                .map(|f| FunctionCreateStatement::from_model(f).to_string(PG)),
        );
        for table in &order.tables {
            statements.extend(security(table));
        }
        for table in &order.tables {
            statements.extend(triggers(table));
        }
        for table in &order.tables {
            statements.extend(first_partitions(table));
        }
        for view in &schema.views {
            statements.extend(create_view(view));
        }
        for table in &order.tables {
            statements.extend(comments(table));
        }
        for function in &schema.functions {
            if let Some(doc) = &function.doc {
                let arg_types = function.args.iter().map(|a| a.ty.as_str());
                statements.push(
                    CommentStatement::function(&function.name, arg_types)
                        .text(doc)
                        .to_string(PG),
                );
            }
        }
        for view in &schema.views {
            statements.extend(view_comments(view));
        }
        Ok(Ddl {
            statements,
            skipped: Vec::new(),
        })
    }

    fn render_drop(&self, schema: &Schema) -> Result<Ddl, RenderError> {
        validate(schema)?;
        let order = dependency_order(schema);
        let drop_function = |f: &&Function| FunctionDropStatement::from_model(f).to_string(PG);
        let (late, early): (Vec<&Function>, Vec<&Function>) = schema
            .functions
            .iter()
            .partition(|f| needs_tables(f, schema));

        // The reverse of creation. CASCADE also removes what other schemas
        // built on these tables (views, foreign keys into them).
        let mut statements: Vec<String> = schema.views.iter().rev().map(drop_view).collect();
        statements.extend(late.iter().rev().map(drop_function));
        for table in order.tables.iter().rev() {
            statements.push(
                sea_query::Table::drop()
                    .table(iden(&table.name))
                    .if_exists()
                    .cascade()
                    .to_string(PG),
            );
        }
        statements.extend(early.iter().rev().map(drop_function));
        Ok(Ddl {
            statements,
            skipped: Vec::new(),
        })
    }

    fn render_changes(
        &self,
        changes: &[crate::diff::Change],
        old: &Schema,
        new: &Schema,
    ) -> Result<Vec<crate::render::RenderedChange>, RenderError> {
        self::changes::render(changes, old, new)
    }

    fn render_table(&self, schema: &Schema, name: &str) -> Result<Ddl, RenderError> {
        let table = schema
            .table(name)
            .ok_or_else(|| RenderError::NoSuchTable { table: name.into() })?;
        validate_table(schema, table)?;
        let mut statements = vec![create_table(table, |_| true)];
        statements.extend(indexes(table));
        statements.extend(security(table));
        statements.extend(triggers(table));
        statements.extend(first_partitions(table));
        statements.extend(comments(table));
        Ok(Ddl {
            statements,
            skipped: Vec::new(),
        })
    }
}
