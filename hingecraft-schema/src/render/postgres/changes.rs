//! Changes as Postgres statements.

use std::collections::BTreeSet;

use sea_query::PostgresQueryBuilder;

use super::ddl::{alter, check_sql, columns, q};
use super::ddl::{
    column_plan, create_index, create_policy, create_table, create_trigger, create_view, drop_view,
    extensions, first_partitions, view_comments,
};
use super::online;
use crate::diff::Change;
use crate::model::sql::quote_literal;
use crate::model::{Extension, Schema, Table};
use crate::render::RenderError;
use crate::render::RenderedChange;
use crate::render::plan::{Held, Lock, LockMode, PlannedStatement};
use crate::render::statements::{
    CommentStatement, FunctionCreateStatement, FunctionDropStatement, RowLevelSecurityStatement,
    iden,
};
use crate::render::table::{self, column_def, raw_quoted_name};

const PG: PostgresQueryBuilder = PostgresQueryBuilder;

/// The rendered changes, in the order given. `old` and `new` are the
/// schemas the diff was made from: a check's SQL depends on its table.
pub(crate) fn render(
    changes: &[Change],
    old: &Schema,
    new: &Schema,
) -> Result<Vec<RenderedChange>, RenderError> {
    // Tables this plan creates: nothing can be waiting on them, so their
    // indexes and keys get plain DDL.
    let created: BTreeSet<&str> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateTable { table } => Some(table.name.as_str()),
            _ => None,
        })
        .collect();
    changes
        .iter()
        .map(|change| {
            let existing = change.table().is_some_and(|t| {
                !created.contains(t) && !matches!(change, Change::CreateTable { .. })
            });
            let mut out = RenderedChange::new(change);
            out.statements = statements(change, old, new, existing)?;
            Ok(out.finish(change))
        })
        .collect()
}

/// A brief `ACCESS EXCLUSIVE` statement on `table`: a catalog change.
fn brief(table: &str, sql: String, purpose: String) -> PlannedStatement {
    PlannedStatement::new(
        sql,
        purpose,
        Lock::on(table, LockMode::AccessExclusive, Held::Brief),
    )
}

fn statements(
    change: &Change,
    old: &Schema,
    new: &Schema,
    existing: bool,
) -> Result<Vec<PlannedStatement>, RenderError> {
    use Change::*;
    if existing && let Some(plan) = online::plan(change, new)? {
        return Ok(plan);
    }
    let what = change.describe();
    let none = |sql: String| PlannedStatement::new(sql, what.clone(), Lock::none());
    let on = |table: &str, sql: String| brief(table, sql, what.clone());
    let drop_constraint =
        |table: &str, name: &str| on(table, alter(table, &format!("DROP CONSTRAINT {}", q(name))));
    Ok(match change {
        CreateExtension { extension } => extensions(&Schema {
            extensions: vec![extension.clone()],
            ..Schema::default()
        })
        .into_iter()
        .map(none)
        .collect(),
        DropExtension { extension } => vec![none(drop_extension(extension))],
        CreateFunction { function } | ReplaceFunction { to: function, .. } => {
            vec![none(
                FunctionCreateStatement::from_model(function).to_string(PG),
            )]
        }
        DropFunction { function } => {
            vec![none(
                FunctionDropStatement::from_model(function).to_string(PG),
            )]
        }
        CreateTable { table } => {
            // The new table is empty; the tables its keys reference are
            // locked briefly (`SHARE ROW EXCLUSIVE`) while the keys are made.
            let mut lock = Lock::none();
            for fk in &table.foreign_keys {
                if fk.ref_table != table.name {
                    lock = Lock {
                        mode: LockMode::ShareRowExclusive,
                        ..lock
                    }
                    .and(&fk.ref_table);
                }
            }
            let mut out = vec![PlannedStatement::new(
                create_table(table, |_| true),
                what.clone(),
                lock,
            )];
            out.extend(first_partitions(table).map(none));
            out
        }
        DropTable { table } => vec![on(
            &table.name,
            sea_query::Table::drop()
                .table(iden(&table.name))
                .cascade()
                .to_string(PG),
        )],
        RenameTable { from, to } => vec![on(
            from,
            sea_query::Table::rename()
                .table(iden(from), iden(to))
                .to_string(PG),
        )],
        AddColumn { table, column } => vec![on(
            table,
            sea_query::Table::alter()
                .table(iden(table))
                .add_column(column_def(&column_plan(column)))
                .to_string(PG),
        )],
        DropColumn { table, column } => vec![on(
            table,
            sea_query::Table::alter()
                .table(iden(table))
                .drop_column(iden(&column.name))
                .to_string(PG),
        )],
        RenameColumn { table, from, to } => vec![on(
            table,
            sea_query::Table::alter()
                .table(iden(table))
                .rename_column(iden(from), iden(to))
                .to_string(PG),
        )],
        AlterColumn { table, from, to } => online::alter_column(table, from, to, false)?,
        SetPrimaryKey { table, from, to } => {
            let mut out = Vec::new();
            if !from.is_empty() {
                out.push(drop_constraint(table, &format!("{table}_pkey")));
            }
            if !to.is_empty() {
                out.push(on(
                    table,
                    alter(table, &format!("ADD PRIMARY KEY ({})", columns(to))),
                ));
            }
            out
        }
        AddForeignKey { table, foreign_key } => {
            let sql = table::foreign_key(&Table::new(table.clone(), ""), foreign_key).to_string(PG);
            vec![PlannedStatement::new(
                sql,
                what.clone(),
                Lock::on(table, LockMode::ShareRowExclusive, Held::Brief)
                    .and(&foreign_key.ref_table),
            )]
        }
        DropForeignKey { table, foreign_key } => vec![drop_constraint(table, &foreign_key.name)],
        AddUnique { table, unique } => vec![on(
            table,
            alter(
                table,
                &format!(
                    "ADD CONSTRAINT {} UNIQUE ({})",
                    q(&unique.name),
                    columns(&unique.columns)
                ),
            ),
        )],
        DropUnique { table, unique } => vec![drop_constraint(table, &unique.name)],
        AddCheck { table, check } => check_sql(new, table, &check.name)
            .map(|sql| {
                on(
                    table,
                    alter(
                        table,
                        &format!("ADD CONSTRAINT {} CHECK ({sql})", q(&check.name)),
                    ),
                )
            })
            .into_iter()
            .collect(),
        DropCheck { table, check } => check_sql(old, table, &check.name)
            .map(|_| drop_constraint(table, &check.name))
            .into_iter()
            .collect(),
        CreateIndex { table, index, .. } => vec![PlannedStatement::new(
            create_index(table, index),
            what.clone(),
            Lock::on(table, LockMode::Share, Held::Brief),
        )],
        DropIndex { table, index } => vec![on(
            table,
            sea_query::Index::drop()
                .name(raw_quoted_name(&index.name))
                .to_string(PG),
        )],
        CreatePolicy { table, policy } => vec![on(table, create_policy(table, policy))],
        DropPolicy { table, policy } => vec![on(
            table,
            format!("DROP POLICY {} ON {}", q(&policy.name), q(table)),
        )],
        SetRowLevelSecurity {
            table,
            enabled: true,
        } => {
            let mut out = vec![
                on(
                    table,
                    RowLevelSecurityStatement::new()
                        .table(table)
                        .enable()
                        .to_string(PG),
                ),
                on(
                    table,
                    RowLevelSecurityStatement::new()
                        .table(table)
                        .force()
                        .to_string(PG),
                ),
            ];
            if new.table(table).is_some_and(|t| t.partition.is_some()) {
                out.push(on(table, partitions_security(table, "ENABLE", "FORCE")));
            }
            out
        }
        SetRowLevelSecurity {
            table,
            enabled: false,
        } => {
            let mut out = vec![
                on(table, alter(table, "NO FORCE ROW LEVEL SECURITY")),
                on(table, alter(table, "DISABLE ROW LEVEL SECURITY")),
            ];
            if old.table(table).is_some_and(|t| t.partition.is_some()) {
                out.push(on(table, partitions_security(table, "DISABLE", "NO FORCE")));
            }
            out
        }
        CreateTrigger { table, trigger } => vec![PlannedStatement::new(
            create_trigger(table, trigger),
            what.clone(),
            Lock::on(table, LockMode::ShareRowExclusive, Held::Brief),
        )],
        DropTrigger { table, trigger } => vec![on(
            table,
            format!("DROP TRIGGER {} ON {}", q(&trigger.name), q(table)),
        )],
        SetPartitioning { .. } => {
            return Err(RenderError::UnsupportedChange {
                change: change.describe(),
                reason: "an existing table cannot be (un)partitioned in place; create a new \
                         table, copy the rows, and rename it"
                    .to_owned(),
            });
        }
        CreateView { view } => {
            let mut out = create_view(view);
            out.extend(view_comments(view));
            out.into_iter().map(none).collect()
        }
        DropView { view } => vec![none(drop_view(view))],
        CommentTable { table, doc } => {
            let mut stmt = CommentStatement::table(table);
            if let Some(doc) = doc {
                stmt.text(doc);
            }
            vec![comment(table, stmt.to_string(PG), &what)]
        }
        CommentColumn { table, column, doc } => {
            let mut stmt = CommentStatement::column(table, column);
            if let Some(doc) = doc {
                stmt.text(doc);
            }
            vec![comment(table, stmt.to_string(PG), &what)]
        }
        CommentFunction { function, doc } => {
            let arg_types = function.args.iter().map(|a| a.ty.as_str());
            let mut stmt = CommentStatement::function(&function.name, arg_types);
            if let Some(doc) = doc {
                stmt.text(doc);
            }
            vec![none(stmt.to_string(PG))]
        }
        #[allow(unreachable_patterns)] // the enum is non-exhaustive for other crates only
        _ => {
            return Err(RenderError::UnsupportedChange {
                change: change.describe(),
                reason: "not rendered for postgres".to_owned(),
            });
        }
    })
}

fn comment(table: &str, sql: String, what: &str) -> PlannedStatement {
    PlannedStatement::new(
        sql,
        what,
        Lock::on(table, LockMode::ShareUpdateExclusive, Held::Brief),
    )
}

fn drop_extension(extension: &Extension) -> String {
    format!("DROP EXTENSION {}", q(&extension.name))
}

/// Row-level security of every partition of a partitioned table, as the
/// parent's: a partition queried directly has its own (see
/// `first_partitions`, which secures the partitions it creates the same way).
fn partitions_security(table: &str, enable: &str, force: &str) -> String {
    let regclass = quote_literal(&q(table));
    format!(
        "DO $partitions$\n\
         DECLARE\n  part regclass;\n\
         BEGIN\n  \
           FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = {regclass}::regclass LOOP\n    \
             EXECUTE format('ALTER TABLE %s {enable} ROW LEVEL SECURITY', part);\n    \
             EXECUTE format('ALTER TABLE %s {force} ROW LEVEL SECURITY', part);\n  \
           END LOOP;\n\
         END\n\
         $partitions$"
    )
}
