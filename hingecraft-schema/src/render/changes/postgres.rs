//! Changes as Postgres statements.

use sea_query::PostgresQueryBuilder;

use super::RenderedChange;
use crate::diff::Change;
use crate::model::{Column, DefaultValue, Extension, Schema, Table};
use crate::render::RenderError;
use crate::render::postgres::{
    checks, column_plan, create_index, create_policy, create_table, create_trigger, create_view,
    drop_view, extensions, first_partitions, view_comments,
};
use crate::render::statements::{
    CommentStatement, FunctionCreateStatement, FunctionDropStatement, RowLevelSecurityStatement,
    iden, quoted,
};
use crate::render::table::{self, column_def, raw_quoted_name};

const PG: PostgresQueryBuilder = PostgresQueryBuilder;

fn q(name: &str) -> String {
    quoted(&PG, name)
}

/// The rendered changes, in the order given. `old` and `new` are the
/// schemas the diff was made from: a check's SQL depends on its table.
pub(crate) fn render(
    changes: &[Change],
    old: &Schema,
    new: &Schema,
) -> Result<Vec<RenderedChange>, RenderError> {
    changes
        .iter()
        .map(|change| {
            let mut out = RenderedChange::new(change);
            out.statements = statements(change, old, new)?;
            Ok(out)
        })
        .collect()
}

fn alter(table: &str, action: &str) -> String {
    format!("ALTER TABLE {} {action}", q(table))
}

/// The SQL of a column default.
fn default_sql(default: &DefaultValue) -> String {
    match default {
        DefaultValue::Literal(literal) => literal.to_string(),
        DefaultValue::Now => "now()".to_owned(),
        DefaultValue::RandomUuid => "gen_random_uuid()".to_owned(),
        DefaultValue::Sql(sql) => sql.clone(),
        #[allow(unreachable_patterns)] // the model's enum is non-exhaustive
        _ => "NULL".to_owned(),
    }
}

/// The CHECK of a table as Postgres writes it, if it writes one (a maximum
/// length on a `varchar` no longer than it is enforced by the type).
fn check_sql(schema: &Schema, table: &str, check: &str) -> Option<String> {
    let table = schema.table(table)?;
    checks(table)
        .into_iter()
        .find(|(name, _)| name == check)
        .map(|(_, sql)| sql)
}

fn alter_column(table: &str, from: &Column, to: &Column) -> Result<Vec<String>, RenderError> {
    if from.generated != to.generated {
        return Err(RenderError::UnsupportedChange {
            change: format!("alter column {table}.{}", to.name),
            reason: "a generation expression cannot be changed in place; add a new column instead"
                .to_owned(),
        });
    }
    let column = q(&to.name);
    let mut out = Vec::new();
    if from.ty != to.ty {
        let ty = to.ty.display_name();
        out.push(alter(
            table,
            &format!("ALTER COLUMN {column} TYPE {ty} USING {column}::{ty}"),
        ));
    }
    if from.default != to.default {
        out.push(alter(
            table,
            &match &to.default {
                Some(d) => format!("ALTER COLUMN {column} SET DEFAULT {}", default_sql(d)),
                None => format!("ALTER COLUMN {column} DROP DEFAULT"),
            },
        ));
    }
    if from.nullable != to.nullable {
        let action = if to.nullable { "DROP" } else { "SET" };
        out.push(alter(
            table,
            &format!("ALTER COLUMN {column} {action} NOT NULL"),
        ));
    }
    Ok(out)
}

fn columns(names: &[String]) -> String {
    names.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ")
}

fn statements(change: &Change, old: &Schema, new: &Schema) -> Result<Vec<String>, RenderError> {
    use Change::*;
    let drop_constraint =
        |table: &str, name: &str| alter(table, &format!("DROP CONSTRAINT {}", q(name)));
    Ok(match change {
        CreateExtension { extension } => extensions(&Schema {
            extensions: vec![extension.clone()],
            ..Schema::default()
        }),
        DropExtension { extension } => vec![drop_extension(extension)],
        CreateFunction { function } | ReplaceFunction { to: function, .. } => {
            vec![FunctionCreateStatement::from_model(function).to_string(PG)]
        }
        DropFunction { function } => {
            vec![FunctionDropStatement::from_model(function).to_string(PG)]
        }
        CreateTable { table } => {
            let mut out = vec![create_table(table, |_| true)];
            out.extend(first_partitions(table));
            out
        }
        DropTable { table } => vec![
            sea_query::Table::drop()
                .table(iden(&table.name))
                .cascade()
                .to_string(PG),
        ],
        RenameTable { from, to } => vec![
            sea_query::Table::rename()
                .table(iden(from), iden(to))
                .to_string(PG),
        ],
        AddColumn { table, column } => {
            vec![
                sea_query::Table::alter()
                    .table(iden(table))
                    .add_column(column_def(&column_plan(column)))
                    .to_string(PG),
            ]
        }
        DropColumn { table, column } => vec![
            sea_query::Table::alter()
                .table(iden(table))
                .drop_column(iden(&column.name))
                .to_string(PG),
        ],
        RenameColumn { table, from, to } => vec![
            sea_query::Table::alter()
                .table(iden(table))
                .rename_column(iden(from), iden(to))
                .to_string(PG),
        ],
        AlterColumn { table, from, to } => alter_column(table, from, to)?,
        SetPrimaryKey { table, from, to } => {
            let mut out = Vec::new();
            if !from.is_empty() {
                out.push(drop_constraint(table, &format!("{table}_pkey")));
            }
            if !to.is_empty() {
                out.push(alter(table, &format!("ADD PRIMARY KEY ({})", columns(to))));
            }
            out
        }
        AddForeignKey { table, foreign_key } => {
            vec![table::foreign_key(&Table::new(table.clone(), ""), foreign_key).to_string(PG)]
        }
        DropForeignKey { table, foreign_key } => vec![drop_constraint(table, &foreign_key.name)],
        AddUnique { table, unique } => vec![alter(
            table,
            &format!(
                "ADD CONSTRAINT {} UNIQUE ({})",
                q(&unique.name),
                columns(&unique.columns)
            ),
        )],
        DropUnique { table, unique } => vec![drop_constraint(table, &unique.name)],
        AddCheck { table, check } => check_sql(new, table, &check.name)
            .map(|sql| {
                alter(
                    table,
                    &format!("ADD CONSTRAINT {} CHECK ({sql})", q(&check.name)),
                )
            })
            .into_iter()
            .collect(),
        DropCheck { table, check } => check_sql(old, table, &check.name)
            .map(|_| drop_constraint(table, &check.name))
            .into_iter()
            .collect(),
        CreateIndex { table, index, .. } => vec![create_index(table, index)],
        DropIndex { index, .. } => vec![
            sea_query::Index::drop()
                .name(raw_quoted_name(&index.name))
                .to_string(PG),
        ],
        CreatePolicy { table, policy } => vec![create_policy(table, policy)],
        DropPolicy { table, policy } => {
            vec![format!("DROP POLICY {} ON {}", q(&policy.name), q(table))]
        }
        SetRowLevelSecurity {
            table,
            enabled: true,
        } => {
            let mut out = vec![
                RowLevelSecurityStatement::new()
                    .table(table)
                    .enable()
                    .to_string(PG),
                RowLevelSecurityStatement::new()
                    .table(table)
                    .force()
                    .to_string(PG),
            ];
            if new.table(table).is_some_and(|t| t.partition.is_some()) {
                out.push(partitions_security(table, "ENABLE", "FORCE"));
            }
            out
        }
        SetRowLevelSecurity {
            table,
            enabled: false,
        } => {
            let mut out = vec![
                alter(table, "NO FORCE ROW LEVEL SECURITY"),
                alter(table, "DISABLE ROW LEVEL SECURITY"),
            ];
            if old.table(table).is_some_and(|t| t.partition.is_some()) {
                out.push(partitions_security(table, "DISABLE", "NO FORCE"));
            }
            out
        }
        CreateTrigger { table, trigger } => vec![create_trigger(table, trigger)],
        DropTrigger { table, trigger } => {
            vec![format!("DROP TRIGGER {} ON {}", q(&trigger.name), q(table))]
        }
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
            out
        }
        DropView { view } => vec![drop_view(view)],
        CommentTable { table, doc } => {
            let mut stmt = CommentStatement::table(table);
            if let Some(doc) = doc {
                stmt.text(doc);
            }
            vec![stmt.to_string(PG)]
        }
        CommentColumn { table, column, doc } => {
            let mut stmt = CommentStatement::column(table, column);
            if let Some(doc) = doc {
                stmt.text(doc);
            }
            vec![stmt.to_string(PG)]
        }
        CommentFunction { function, doc } => {
            let arg_types = function.args.iter().map(|a| a.ty.as_str());
            let mut stmt = CommentStatement::function(&function.name, arg_types);
            if let Some(doc) = doc {
                stmt.text(doc);
            }
            vec![stmt.to_string(PG)]
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

fn drop_extension(extension: &Extension) -> String {
    format!("DROP EXTENSION {}", q(&extension.name))
}

/// Row-level security of every partition of a partitioned table, as the
/// parent's: a partition queried directly has its own (see
/// `first_partitions`, which secures the partitions it creates the same way).
fn partitions_security(table: &str, enable: &str, force: &str) -> String {
    let regclass = q(table).replace('\'', "''");
    format!(
        "DO $partitions$\n\
         DECLARE\n  part regclass;\n\
         BEGIN\n  \
           FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = '{regclass}'::regclass LOOP\n    \
             EXECUTE format('ALTER TABLE %s {enable} ROW LEVEL SECURITY', part);\n    \
             EXECUTE format('ALTER TABLE %s {force} ROW LEVEL SECURITY', part);\n  \
           END LOOP;\n\
         END\n\
         $partitions$"
    )
}
