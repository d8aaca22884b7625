//! Changes as SQLite statements: in place where SQLite can, a table
//! rebuild ([`rebuild`](super::rebuild)) where it cannot, and a
//! [`Skipped::Change`] for what SQLite has no notion of.

use sea_query::SqliteQueryBuilder;

use super::ddl::{column_plan, create_table, indexes};
use super::rebuild::{self, constrained};
use crate::diff::Change;
use crate::model::{CheckKind, Schema, Table};
use crate::render::RenderedChange;
use crate::render::plan::{Held, Lock, LockMode, PlannedStatement};
use crate::render::statements::iden;
use crate::render::table::{column_def, raw_quoted_name};
use crate::render::{RenderError, Skipped};

const SQLITE: SqliteQueryBuilder = SqliteQueryBuilder;

/// Why a change that needs a rebuild got none: its table is in neither
/// schema under the name the change gives (which a consistent diff never
/// produces).
const UNREBUILT: &str = "SQLite cannot change this in place and the table to rebuild was not found";

/// The rendered changes, in the order given.
pub(crate) fn render(
    changes: &[Change],
    old: &Schema,
    new: &Schema,
) -> Result<Vec<RenderedChange>, RenderError> {
    let mut rebuilds = rebuild::plan(changes, old, new);
    let mut out = Vec::with_capacity(changes.len());
    let mut deferred_fks = false;
    for (i, change) in changes.iter().enumerate() {
        let mut rendered = RenderedChange::new(change);
        if let Some((statements, skipped)) = rebuilds.at.remove(&i) {
            rendered.statements = statements;
            rendered.skipped = skipped;
            sql_check_skipped(change, &mut rendered);
            out.push(rendered.finish(change));
            continue;
        }
        if rebuilds.covered.contains(&i) {
            // Done by the rebuild of its table, earlier in the migration.
            sql_check_skipped(change, &mut rendered);
            out.push(rendered.finish(change));
            continue;
        }
        let what = change.describe();
        let stmt = |sql: String| {
            let lock = match change.table() {
                Some(t) => Lock::on(t, LockMode::Database, Held::Brief),
                None => Lock::none(),
            };
            PlannedStatement::new(sql, what.clone(), lock)
        };
        let skip = |rendered: &mut RenderedChange, reason: &str| {
            rendered.skipped.push(Skipped::Change {
                table: change.table().map(str::to_owned),
                change: change.describe(),
                reason: reason.to_owned(),
            });
        };
        let created_here = |name: &str| {
            changes
                .iter()
                .any(|c| matches!(c, Change::CreateTable { table } if table.name == name))
        };
        use Change::*;
        match change {
            CreateExtension { .. } | DropExtension { .. } => {
                skip(&mut rendered, "SQLite has no extensions")
            }
            CreateFunction { .. } | ReplaceFunction { .. } | DropFunction { .. } => {
                skip(&mut rendered, "SQLite has no stored functions")
            }
            CommentTable { .. } | CommentColumn { .. } | CommentFunction { .. } => {
                skip(&mut rendered, "SQLite has no comments")
            }
            CreatePolicy { .. } | DropPolicy { .. } | SetRowLevelSecurity { .. } => {
                skip(&mut rendered, "SQLite has no row-level security")
            }
            CreateTrigger { .. } | DropTrigger { .. } => {
                skip(&mut rendered, "SQLite gets no triggers from the schema")
            }
            CreateView { .. } | DropView { .. } => {
                skip(&mut rendered, "views are written in Postgres SQL")
            }
            SetPartitioning { .. } => skip(&mut rendered, "SQLite has no partitioning"),
            CreateTable { table } => {
                // Every foreign key inline: SQLite checks them on writes only.
                let mut full = table.clone();
                for c in changes {
                    if let AddForeignKey {
                        table: t,
                        foreign_key,
                    } = c
                        && *t == table.name
                    {
                        full.foreign_keys.push(foreign_key.clone());
                    }
                }
                full.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
                let sql = create_table(&full, &mut rendered.skipped);
                rendered.statements.push(stmt(sql));
            }
            AddForeignKey { table, .. } if created_here(table) => {}
            DropTable { table } => {
                if !deferred_fks {
                    // Tables of a cycle reference each other: check keys at commit.
                    rendered
                        .statements
                        .push(stmt("PRAGMA defer_foreign_keys = ON".to_owned()));
                    deferred_fks = true;
                }
                rendered.statements.push(stmt(
                    sea_query::Table::drop()
                        .table(iden(&table.name))
                        .to_string(SQLITE),
                ));
            }
            RenameTable { from, to } => rendered.statements.push(stmt(
                sea_query::Table::rename()
                    .table(iden(from), iden(to))
                    .to_string(SQLITE),
            )),
            AddColumn { column, .. } if column.generated.is_some() => skip(
                &mut rendered,
                "SQLite gets no generated columns from the schema",
            ),
            AddColumn { table, column } => {
                let context = new
                    .table(table)
                    .cloned()
                    .unwrap_or_else(|| Table::new(table.clone(), ""));
                let plan = column_plan(&context, column, &mut rendered.skipped);
                rendered.statements.push(stmt(
                    sea_query::Table::alter()
                        .table(iden(table))
                        .add_column(column_def(&plan))
                        .to_string(SQLITE),
                ));
            }
            DropColumn { table, column }
                if old
                    .table(table)
                    .is_some_and(|t| constrained(t, &column.name)) =>
            {
                skip(&mut rendered, UNREBUILT)
            }
            DropColumn { table, column } => {
                rendered.statements.push(stmt(
                    sea_query::Table::alter()
                        .table(iden(table))
                        .drop_column(iden(&column.name))
                        .to_string(SQLITE),
                ));
            }
            RenameColumn { table, from, to } => rendered.statements.push(stmt(
                sea_query::Table::alter()
                    .table(iden(table))
                    .rename_column(iden(from), iden(to))
                    .to_string(SQLITE),
            )),
            // The rebuild covers these on every table kept by the plan.
            AlterColumn { .. }
            | SetPrimaryKey { .. }
            | AddForeignKey { .. }
            | DropForeignKey { .. }
            | AddUnique { .. }
            | DropUnique { .. }
            | AddCheck { .. }
            | DropCheck { .. } => skip(&mut rendered, UNREBUILT),
            CreateIndex { table, index, .. } => {
                let mut context = new
                    .table(table)
                    .cloned()
                    .unwrap_or_else(|| Table::new(table.clone(), ""));
                context.indexes = vec![index.clone()];
                let sql = indexes(&context, &mut rendered.skipped);
                rendered.statements.extend(sql.into_iter().map(stmt));
            }
            DropIndex { table, index } => {
                // Only what SQLite got: an index it left out has nothing to drop.
                let mut context = old
                    .table(table)
                    .cloned()
                    .unwrap_or_else(|| Table::new(table.clone(), ""));
                context.indexes = vec![index.clone()];
                if !indexes(&context, &mut Vec::new()).is_empty() {
                    rendered.statements.push(stmt(
                        sea_query::Index::drop()
                            .name(raw_quoted_name(&index.name))
                            .to_string(SQLITE),
                    ));
                }
            }
            #[allow(unreachable_patterns)] // the enum is non-exhaustive for other crates only
            _ => skip(&mut rendered, "not rendered for SQLite"),
        }
        out.push(rendered.finish(change));
    }
    Ok(out)
}

/// A check in Postgres SQL is not enforced on SQLite, rebuilt or not.
fn sql_check_skipped(change: &Change, rendered: &mut RenderedChange) {
    if let Change::AddCheck { table, check } = change
        && let CheckKind::Sql(expr) = &check.kind
    {
        rendered.skipped.push(Skipped::SqlCheck {
            table: table.clone(),
            check: check.name.clone(),
            expr: expr.clone(),
        });
    }
}
