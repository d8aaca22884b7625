//! The SQLite dialect: the same tables, keys, checks and b-tree indexes;
//! everything else listed as skipped.

use crate::model::Schema;
use crate::render::statements::iden;
use crate::render::validate::{validate, validate_table};
use crate::render::{Ddl, Dialect, RenderError, Skipped, dependency_order};

mod changes;
mod ddl;
mod rebuild;

use ddl::{SQLITE, create_table, indexes, postgres_only};

/// The SQLite dialect (the embedded default).
///
/// Tables come in foreign-key order, like on Postgres, with every foreign
/// key inline (SQLite checks them when rows are written, not when tables
/// are created, so cycles need no `ALTER TABLE`), then the b-tree indexes.
///
/// Declared types are the ones sea-query (and so SeaORM) uses on SQLite,
/// which sqlx decodes into the same Rust types as on Postgres: `uuid_text`,
/// `timestamp_with_timezone_text`, `json_text`, `real(p, s)`... A
/// `varchar(n)` is `text` plus a `CHECK (length(col) <= n)`, since SQLite
/// ignores lengths. Left out, each listed in [`Ddl::skipped`]: extensions,
/// functions, row-level security, policies, triggers, comments, non-b-tree
/// indexes, operator classes, partial indexes whose predicate is not
/// portable, `gen_random_uuid()` and SQL defaults, SQL checks, foreign key
/// names, generated columns (their expressions are Postgres SQL), range
/// partitioning (a plain table), views; `text[]`, `ltree`, `vector(n)` and `tsvector` columns are kept in
/// a weaker type, also listed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Sqlite;

impl Dialect for Sqlite {
    fn name(&self) -> &'static str {
        "sqlite"
    }

    fn render(&self, schema: &Schema) -> Result<Ddl, RenderError> {
        validate(schema)?;
        let order = dependency_order(schema);
        let mut ddl = Ddl::default();
        let mut extensions: Vec<&str> = schema.extensions.iter().map(|e| e.name.as_str()).collect();
        extensions.sort_unstable();
        extensions.dedup();
        ddl.skipped
            .extend(extensions.into_iter().map(|e| Skipped::Extension {
                extension: e.into(),
            }));
        ddl.skipped
            .extend(schema.functions.iter().map(|f| Skipped::Function {
                function: f.name.clone(),
            }));

        // What is skipped is grouped by table, so a reader finds all that a
        // table loses in one place; statements keep tables-then-indexes.
        let mut per_table: Vec<Vec<Skipped>> = vec![Vec::new(); order.tables.len()];
        for (table, skipped) in order.tables.iter().zip(&mut per_table) {
            ddl.statements.push(create_table(table, skipped));
        }
        for (table, skipped) in order.tables.iter().zip(&mut per_table) {
            ddl.statements.extend(indexes(table, skipped));
            skipped.extend(postgres_only(table));
        }
        ddl.skipped.extend(per_table.into_iter().flatten());
        ddl.skipped
            .extend(schema.views.iter().map(|v| Skipped::View {
                view: v.name.clone(),
                materialized: v.materialized,
            }));
        Ok(ddl)
    }

    fn render_drop(&self, schema: &Schema) -> Result<Ddl, RenderError> {
        validate(schema)?;
        let order = dependency_order(schema);
        let mut statements = Vec::new();
        if !order.deferred.is_empty() {
            // Dropping a table deletes its rows first; inside a cycle, some
            // other table still points at them. Deferring the checks to
            // commit (when every table is gone) lets the drop go through.
            // It lasts for the current transaction only.
            statements.push("PRAGMA defer_foreign_keys = ON".to_owned());
        }
        for table in order.tables.iter().rev() {
            statements.push(
                sea_query::Table::drop()
                    .table(iden(&table.name))
                    .if_exists()
                    .to_string(SQLITE),
            );
        }
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
        let mut ddl = Ddl::default();
        ddl.statements.push(create_table(table, &mut ddl.skipped));
        ddl.statements.extend(indexes(table, &mut ddl.skipped));
        ddl.skipped.extend(postgres_only(table));
        Ok(ddl)
    }
}
