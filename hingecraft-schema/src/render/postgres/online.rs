//! Online plans for changes to a Postgres table that exists before the
//! migration: each statement takes the weakest lock that does the job, and
//! a scan runs under a lock that lets writes go on (pgroll's and
//! pg-schema-diff's strategies).
//!
//! - An index is built (and dropped) `CONCURRENTLY`, outside a
//!   transaction, `IF [NOT] EXISTS` so that a killed run re-runs it; the
//!   runner rebuilds one a killed build left INVALID.
//! - A unique constraint or primary key is added over such an index
//!   (`ADD CONSTRAINT ... USING INDEX`, a catalog change).
//! - A foreign key or check is added `NOT VALID` (brief), then validated
//!   in a transaction of its own (`SHARE UPDATE EXCLUSIVE`: writes go on).
//! - `SET NOT NULL` follows a validated `CHECK (col IS NOT NULL)`, which
//!   spares it the scan; the check is dropped after.
//! - A column with a volatile default is added nullable, the default set,
//!   the rows filled in batches that commit as they go, then made
//!   `NOT NULL` as above.
//! - A type change that rewrites the table is rendered as is, marked; the
//!   generator refuses it unless asked.

use super::ddl::{column_plan, create_index_concurrently};
use crate::diff::{Change, Hazard, rewrites_table};
use crate::model::sql::quote_literal;
use crate::model::{Column, DefaultValue, Index, Schema, Table};
use crate::render::RenderError;
use crate::render::plan::{Execution, Held, Lock, LockMode, PlannedStatement};
use crate::render::statements::iden;
use crate::render::table::{self, column_def};

use super::ddl::{alter, check_sql, q};

const PG: sea_query::PostgresQueryBuilder = sea_query::PostgresQueryBuilder;

/// Pages of the table a backfill batch covers (8 kB each: 8 MB a batch).
const BACKFILL_PAGES: u32 = 1000;

fn brief(table: &str, sql: String, purpose: impl Into<String>) -> PlannedStatement {
    PlannedStatement::new(
        sql,
        purpose,
        Lock::on(table, LockMode::AccessExclusive, Held::Brief),
    )
}

/// `VALIDATE CONSTRAINT`: a scan under `SHARE UPDATE EXCLUSIVE`, in a
/// transaction of its own.
fn validate(table: &str, name: &str, lock: Lock) -> PlannedStatement {
    PlannedStatement::new(
        alter(table, &format!("VALIDATE CONSTRAINT {}", q(name))),
        format!("validate {name}"),
        lock,
    )
    .run(Execution::OwnTransaction)
}

/// A concurrent, re-runnable index build.
fn build_index(table: &str, index: &Index) -> PlannedStatement {
    PlannedStatement::new(
        create_index_concurrently(table, index),
        format!("build index {} concurrently", index.name),
        Lock::on(table, LockMode::ShareUpdateExclusive, Held::WhileScanning),
    )
    .run(Execution::NoTransaction)
    .builds(&index.name)
}

fn unique_index(name: &str, columns: &[String]) -> Index {
    Index {
        name: name.to_owned(),
        parts: columns
            .iter()
            .map(|c| crate::model::IndexPart::column(c.clone()))
            .collect(),
        unique: true,
        method: crate::model::IndexMethod::Btree,
        predicate: None,
    }
}

/// The online plan of `change` on an existing table, or `None` when its
/// plain statements already take only brief locks.
pub(super) fn plan(
    change: &Change,
    new: &Schema,
) -> Result<Option<Vec<PlannedStatement>>, RenderError> {
    use Change::*;
    Ok(Some(match change {
        CreateIndex { table, index, .. } => vec![build_index(table, index)],
        DropIndex { table, index } => vec![
            PlannedStatement::new(
                format!("DROP INDEX CONCURRENTLY IF EXISTS {}", q(&index.name)),
                format!("drop index {} concurrently", index.name),
                Lock::on(table, LockMode::ShareUpdateExclusive, Held::Brief),
            )
            .run(Execution::NoTransaction),
        ],
        AddUnique { table, unique } => vec![
            build_index(table, &unique_index(&unique.name, &unique.columns)),
            brief(
                table,
                alter(
                    table,
                    &format!(
                        "ADD CONSTRAINT {} UNIQUE USING INDEX {}",
                        q(&unique.name),
                        q(&unique.name)
                    ),
                ),
                format!("make index {} the unique constraint", unique.name),
            ),
        ],
        SetPrimaryKey { table, from, to } => {
            let name = format!("{table}_pkey");
            let mut out = Vec::new();
            if !from.is_empty() {
                out.push(brief(
                    table,
                    alter(table, &format!("DROP CONSTRAINT {}", q(&name))),
                    format!("drop primary key {name}"),
                ));
            }
            if !to.is_empty() {
                out.push(build_index(table, &unique_index(&name, to)));
                out.push(brief(
                    table,
                    alter(
                        table,
                        &format!(
                            "ADD CONSTRAINT {} PRIMARY KEY USING INDEX {}",
                            q(&name),
                            q(&name)
                        ),
                    ),
                    format!("make index {name} the primary key"),
                ));
            }
            out
        }
        AddForeignKey { table, foreign_key } => {
            let sql = table::foreign_key(&Table::new(table.clone(), ""), foreign_key).to_string(PG);
            let both = |mode, held| Lock::on(table, mode, held).and(&foreign_key.ref_table);
            vec![
                PlannedStatement::new(
                    format!("{sql} NOT VALID"),
                    format!("add foreign key {} without checking rows", foreign_key.name),
                    both(LockMode::ShareRowExclusive, Held::Brief),
                ),
                validate(
                    table,
                    &foreign_key.name,
                    both(LockMode::ShareUpdateExclusive, Held::WhileScanning),
                ),
            ]
        }
        AddCheck { table, check } => match check_sql(new, table, &check.name) {
            None => Vec::new(),
            Some(sql) => vec![
                brief(
                    table,
                    alter(
                        table,
                        &format!("ADD CONSTRAINT {} CHECK ({sql}) NOT VALID", q(&check.name)),
                    ),
                    format!("add check {} without checking rows", check.name),
                ),
                validate(
                    table,
                    &check.name,
                    Lock::on(table, LockMode::ShareUpdateExclusive, Held::WhileScanning),
                ),
            ],
        },
        AddColumn { table, column } if column.generated.is_some() => {
            let sql = sea_query::Table::alter()
                .table(iden(table))
                .add_column(column_def(&column_plan(column)))
                .to_string(PG);
            vec![
                PlannedStatement::new(
                    sql,
                    format!("add generated column {table}.{}", column.name),
                    Lock::on(table, LockMode::AccessExclusive, Held::WhileRewriting),
                )
                .run(Execution::OwnTransaction)
                .hazards([Hazard::RewritesTable]),
            ]
        }
        AddColumn { table, column } if column.default.as_ref().is_some_and(volatile) => {
            add_column_online(table, column)
        }
        AlterColumn { table, from, to } => alter_column(table, from, to, true)?,
        _ => return Ok(None),
    }))
}

/// Whether Postgres evaluates the default once per row, so that adding the
/// column with it rewrites the table. An SQL default calling anything but
/// `now()` is taken to be volatile: a backfill costs time, a rewrite under
/// `ACCESS EXCLUSIVE` costs the writers.
pub(crate) fn volatile(default: &DefaultValue) -> bool {
    match default {
        DefaultValue::RandomUuid => true,
        DefaultValue::Sql(sql) => sql.to_ascii_lowercase().replace("now()", "").contains('('),
        _ => false,
    }
}

/// A column with a volatile default: added nullable without a default,
/// the default set (new rows get it), old rows filled in batches, then
/// made `NOT NULL` if it is.
fn add_column_online(table: &str, column: &Column) -> Vec<PlannedStatement> {
    let mut bare = column.clone();
    bare.default = None;
    bare.nullable = true;
    let name = q(&column.name);
    let default = column
        .default
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let add = sea_query::Table::alter()
        .table(iden(table))
        .add_column(column_def(&column_plan(&bare)))
        .to_string(PG)
        .replacen("ADD COLUMN", "ADD COLUMN IF NOT EXISTS", 1);
    let mut out = vec![
        brief(
            table,
            add,
            format!("add column {table}.{} nullable", column.name),
        ),
        brief(
            table,
            alter(table, &format!("ALTER COLUMN {name} SET DEFAULT {default}")),
            format!("default of {table}.{}", column.name),
        ),
        backfill(table, &column.name),
    ];
    if !column.nullable {
        out.extend(set_not_null(table, &column.name));
    }
    out
}

/// Fills the column's `NULL`s with its default, a range of pages per
/// transaction (a TID range scan), then whatever concurrent updates moved
/// behind the sweep. Re-runnable: it only touches rows still `NULL`.
fn backfill(table: &str, column: &str) -> PlannedStatement {
    let t = q(table);
    let c = q(column);
    let regclass = quote_literal(&t);
    let sql = format!(
        "DO $backfill$\n\
         DECLARE\n  \
           first_page bigint := 0;\n\
         BEGIN\n  \
           WHILE first_page < pg_relation_size({regclass}) / current_setting('block_size')::bigint LOOP\n    \
             UPDATE {t} SET {c} = DEFAULT\n     \
              WHERE ctid >= format('(%s,0)', first_page)::tid\n       \
                AND ctid < format('(%s,0)', first_page + {BACKFILL_PAGES})::tid\n       \
                AND {c} IS NULL;\n    \
             COMMIT;\n    \
             first_page := first_page + {BACKFILL_PAGES};\n  \
           END LOOP;\n  \
           LOOP\n    \
             UPDATE {t} SET {c} = DEFAULT\n     \
              WHERE ctid = ANY (ARRAY(SELECT ctid FROM {t} WHERE {c} IS NULL LIMIT 10000))\n       \
                AND {c} IS NULL;\n    \
             EXIT WHEN NOT FOUND;\n    \
             COMMIT;\n  \
           END LOOP;\n\
         END\n\
         $backfill$"
    );
    PlannedStatement::new(
        sql,
        format!("fill {table}.{column} in batches"),
        Lock::on(table, LockMode::None, Held::WhileScanning),
    )
    .run(Execution::NoTransaction)
}

/// The name of the check that stands in for a `NOT NULL` while it is
/// validated (shortened like every generated name past 63 bytes).
fn not_null_check(table: &str, column: &str) -> String {
    crate::model::naming::check(table, column, "not_null")
}

/// `SET NOT NULL` without a scan under `ACCESS EXCLUSIVE`: a `NOT VALID`
/// check, validated under a weak lock, proves it; then it is dropped.
fn set_not_null(table: &str, column: &str) -> Vec<PlannedStatement> {
    let check = not_null_check(table, column);
    let c = q(column);
    vec![
        brief(
            table,
            alter(
                table,
                &format!(
                    "ADD CONSTRAINT {} CHECK ({c} IS NOT NULL) NOT VALID",
                    q(&check)
                ),
            ),
            format!("add check {check} without checking rows"),
        ),
        validate(
            table,
            &check,
            Lock::on(table, LockMode::ShareUpdateExclusive, Held::WhileScanning),
        ),
        brief(
            table,
            alter(table, &format!("ALTER COLUMN {c} SET NOT NULL")),
            format!("set {table}.{column} not null (the valid check spares the scan)"),
        ),
        brief(
            table,
            alter(table, &format!("DROP CONSTRAINT {}", q(&check))),
            format!("drop check {check}"),
        ),
    ]
}

/// Type, default and nullability of a column. `existing`: the table has
/// rows that may be in use (the online `NOT NULL`).
pub(super) fn alter_column(
    table: &str,
    from: &Column,
    to: &Column,
    existing: bool,
) -> Result<Vec<PlannedStatement>, RenderError> {
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
        let sql = alter(
            table,
            &format!("ALTER COLUMN {column} TYPE {ty} USING {column}::{ty}"),
        );
        let purpose = format!("change the type of {table}.{} to {ty}", to.name);
        out.push(if rewrites_table(&from.ty, &to.ty) {
            PlannedStatement::new(
                sql,
                purpose,
                Lock::on(table, LockMode::AccessExclusive, Held::WhileRewriting),
            )
            .run(Execution::OwnTransaction)
            .hazards([Hazard::RewritesTable, Hazard::DeletesData])
        } else {
            brief(table, sql, purpose)
        });
    }
    if from.default != to.default {
        let action = match &to.default {
            Some(d) => format!("ALTER COLUMN {column} SET DEFAULT {d}"),
            None => format!("ALTER COLUMN {column} DROP DEFAULT"),
        };
        out.push(brief(
            table,
            alter(table, &action),
            format!("default of {table}.{}", to.name),
        ));
    }
    if from.nullable != to.nullable {
        if to.nullable {
            out.push(brief(
                table,
                alter(table, &format!("ALTER COLUMN {column} DROP NOT NULL")),
                format!("drop not null of {table}.{}", to.name),
            ));
        } else if existing {
            out.extend(set_not_null(table, &to.name));
        } else {
            out.push(brief(
                table,
                alter(table, &format!("ALTER COLUMN {column} SET NOT NULL")),
                format!("set {table}.{} not null", to.name),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_defaults_evaluated_per_row_are_volatile() {
        assert!(volatile(&DefaultValue::RandomUuid));
        assert!(volatile(&DefaultValue::Sql("nextval('s')".into())));
        assert!(!volatile(&DefaultValue::Now));
        assert!(!volatile(&DefaultValue::Sql("now()".into())));
        assert!(!volatile(&DefaultValue::Sql("'{}'::jsonb".into())));
        assert!(!volatile(&DefaultValue::text("active")));
    }

    #[test]
    fn a_columns_name_is_quoted_in_every_step_of_not_null() {
        let steps = set_not_null("users", "e\"mail");
        assert_eq!(steps.len(), 4);
        for i in [0, 2] {
            assert!(steps[i].sql.contains("\"e\"\"mail\""), "{}", steps[i].sql);
        }
        assert_eq!(steps[1].execution, Execution::OwnTransaction);
    }
}
