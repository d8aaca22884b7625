//! Changes as SQLite statements: what SQLite can change in place, and a
//! [`Skipped::Change`] for the rest (see the module above).

use sea_query::SqliteQueryBuilder;

use super::RenderedChange;
use crate::diff::Change;
use crate::model::{CheckKind, ColumnType, Schema, Table};
use crate::render::sqlite::{column_plan, create_table, indexes};
use crate::render::statements::iden;
use crate::render::table::{column_def, raw_quoted_name};
use crate::render::{RenderError, Skipped};

const SQLITE: SqliteQueryBuilder = SqliteQueryBuilder;

const REBUILD: &str = "SQLite cannot change this in place (it needs the 12-step table rebuild, \
                       which migrations do not write); recreate the SQLite database with \
                       `migration fresh`";

/// The rendered changes, in the order given.
pub(crate) fn render(
    changes: &[Change],
    old: &Schema,
    new: &Schema,
) -> Result<Vec<RenderedChange>, RenderError> {
    let mut out = Vec::with_capacity(changes.len());
    let mut deferred_fks = false;
    for change in changes {
        let mut rendered = RenderedChange::new(change);
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
                rendered
                    .statements
                    .push(create_table(&full, &mut rendered.skipped));
            }
            AddForeignKey { table, .. } if created_here(table) => {}
            DropTable { table } => {
                if !deferred_fks {
                    // Tables of a cycle reference each other: check keys at commit.
                    rendered
                        .statements
                        .push("PRAGMA defer_foreign_keys = ON".to_owned());
                    deferred_fks = true;
                }
                rendered.statements.push(
                    sea_query::Table::drop()
                        .table(iden(&table.name))
                        .to_string(SQLITE),
                );
            }
            RenameTable { from, to } => rendered.statements.push(
                sea_query::Table::rename()
                    .table(iden(from), iden(to))
                    .to_string(SQLITE),
            ),
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
                rendered.statements.push(
                    sea_query::Table::alter()
                        .table(iden(table))
                        .add_column(column_def(&plan))
                        .to_string(SQLITE),
                );
            }
            DropColumn { table, column } => {
                if old
                    .table(table)
                    .is_some_and(|t| constrained(t, &column.name))
                {
                    skip(&mut rendered, REBUILD);
                } else {
                    rendered.statements.push(
                        sea_query::Table::alter()
                            .table(iden(table))
                            .drop_column(iden(&column.name))
                            .to_string(SQLITE),
                    );
                }
            }
            RenameColumn { table, from, to } => rendered.statements.push(
                sea_query::Table::alter()
                    .table(iden(table))
                    .rename_column(iden(from), iden(to))
                    .to_string(SQLITE),
            ),
            AlterColumn { .. }
            | SetPrimaryKey { .. }
            | AddForeignKey { .. }
            | DropForeignKey { .. }
            | AddUnique { .. }
            | DropUnique { .. }
            | AddCheck { .. }
            | DropCheck { .. } => skip(&mut rendered, REBUILD),
            CreateIndex { table, index, .. } => {
                let mut context = new
                    .table(table)
                    .cloned()
                    .unwrap_or_else(|| Table::new(table.clone(), ""));
                context.indexes = vec![index.clone()];
                rendered
                    .statements
                    .extend(indexes(&context, &mut rendered.skipped));
            }
            DropIndex { table, index } => {
                // Only what SQLite got: an index it left out has nothing to drop.
                let mut context = old
                    .table(table)
                    .cloned()
                    .unwrap_or_else(|| Table::new(table.clone(), ""));
                context.indexes = vec![index.clone()];
                if !indexes(&context, &mut Vec::new()).is_empty() {
                    rendered.statements.push(
                        sea_query::Index::drop()
                            .name(raw_quoted_name(&index.name))
                            .to_string(SQLITE),
                    );
                }
            }
            #[allow(unreachable_patterns)] // the enum is non-exhaustive for other crates only
            _ => skip(&mut rendered, "not rendered for SQLite"),
        }
        out.push(rendered);
    }
    Ok(out)
}

/// Whether a constraint of the table (as SQLite created it) names the
/// column, so that `DROP COLUMN` would fail.
fn constrained(table: &Table, column: &str) -> bool {
    table.primary_key.iter().any(|c| c == column)
        || table
            .uniques
            .iter()
            .any(|u| u.columns.iter().any(|c| c == column))
        || table
            .foreign_keys
            .iter()
            .any(|f| f.columns.iter().any(|c| c == column))
        || table.checks.iter().any(|c| match &c.kind {
            CheckKind::Sql(_) => false,
            kind => kind.column() == Some(column),
        })
        || table
            .column(column)
            .is_some_and(|c| matches!(c.ty, ColumnType::Varchar { .. }))
}
