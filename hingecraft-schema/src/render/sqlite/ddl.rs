//! The SQLite statements of each object: tables, columns, checks and
//! indexes, and what of a table SQLite cannot hold.

use sea_query::{
    ColumnType as SqColumnType, ConditionalStatement, Expr, SqliteQueryBuilder, TableBuilder,
};

use crate::model::{CheckKind, Column, ColumnType, DefaultValue, IndexMethod, Table};
use crate::render::statements::iden;
use crate::render::table::{
    self, ColumnPlan, TablePlan, literal_default, max_length_sql, one_of_sql, range_sql,
    raw_quoted_name,
};
use crate::render::{Skipped, portable::is_portable_predicate};

pub(super) const SQLITE: SqliteQueryBuilder = SqliteQueryBuilder;
/// The current time as RFC 3339 text with milliseconds and a `Z`, which
/// sqlx decodes into `chrono::DateTime<Utc>`.
pub(super) const NOW_TIMESTAMP: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
/// Today as `YYYY-MM-DD`, which sqlx decodes into `chrono::NaiveDate`.
pub(super) const NOW_DATE: &str = "date('now')";

/// `CREATE TABLE`, recording what of the table's columns, defaults, checks
/// and foreign keys SQLite cannot hold.
pub(crate) fn create_table(table: &Table, skipped: &mut Vec<Skipped>) -> String {
    let mut columns = Vec::with_capacity(table.columns.len());
    for c in &table.columns {
        match &c.generated {
            Some(expr) => skipped.push(Skipped::GeneratedColumn {
                table: table.name.clone(),
                column: c.name.clone(),
                expr: expr.clone(),
            }),
            None => columns.push(column_plan(table, c, skipped)),
        }
    }
    if let Some(partition) = &table.partition {
        skipped.push(Skipped::Partitioning {
            table: table.name.clone(),
            column: partition.column.clone(),
        });
    }
    let checks = checks(table, skipped);
    let mut foreign_keys: Vec<_> = table.foreign_keys.iter().collect();
    foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
    if !foreign_keys.is_empty() {
        skipped.push(Skipped::ForeignKeyNames {
            table: table.name.clone(),
            names: foreign_keys.iter().map(|fk| fk.name.clone()).collect(),
        });
    }
    let plan = TablePlan {
        table,
        columns,
        checks,
        foreign_keys,
        partition_by: None,
    };
    table::create_table(&plan).to_string(SQLITE)
}

pub(crate) fn column_plan(
    table: &Table,
    column: &Column,
    skipped: &mut Vec<Skipped>,
) -> ColumnPlan {
    let (ty, degraded) = column_type(&column.ty);
    if degraded {
        let mut stored_as = String::new();
        TableBuilder::prepare_column_type(&SQLITE, &ty, &mut stored_as);
        skipped.push(Skipped::DegradedType {
            table: table.name.clone(),
            column: column.name.clone(),
            ty: column.ty.clone(),
            stored_as,
        });
    }
    let default = match &column.default {
        None => None,
        Some(DefaultValue::Literal(literal)) => Some(literal_default(literal)),
        Some(DefaultValue::Now) => Some(Expr::cust(if column.ty == ColumnType::Date {
            NOW_DATE
        } else {
            NOW_TIMESTAMP
        })),
        Some(DefaultValue::RandomUuid) => {
            skipped.push(Skipped::UuidDefault {
                table: table.name.clone(),
                column: column.name.clone(),
            });
            None
        }
        Some(DefaultValue::Sql(expr)) => {
            skipped.push(Skipped::SqlDefault {
                table: table.name.clone(),
                column: column.name.clone(),
                expr: expr.clone(),
            });
            None
        }
    };
    ColumnPlan {
        name: column.name.clone(),
        ty,
        not_null: !column.nullable,
        default,
        generated: None,
        generated_stored: true,
        comment: None,
        extra: None,
    }
}

/// The declared SQLite type, and whether it loses what the Postgres type
/// offers.
pub(super) fn column_type(ty: &ColumnType) -> (SqColumnType, bool) {
    let plain = |t| (t, false);
    match ty {
        ColumnType::Uuid => plain(SqColumnType::Uuid),
        ColumnType::Text | ColumnType::Varchar { .. } => plain(SqColumnType::Text),
        ColumnType::SmallInt => plain(SqColumnType::SmallInteger),
        ColumnType::Integer => plain(SqColumnType::Integer),
        ColumnType::BigInt => plain(SqColumnType::BigInteger),
        ColumnType::Real => plain(SqColumnType::Float),
        ColumnType::Double => plain(SqColumnType::Double),
        ColumnType::Numeric { precision, scale } => {
            plain(SqColumnType::Decimal(Some((*precision, *scale))))
        }
        ColumnType::Boolean => plain(SqColumnType::Boolean),
        ColumnType::TimestampTz => plain(SqColumnType::TimestampWithTimeZone),
        ColumnType::Date => plain(SqColumnType::Date),
        ColumnType::Jsonb => plain(SqColumnType::Json),
        ColumnType::Bytea => plain(SqColumnType::Blob),
        ColumnType::TextArray => (SqColumnType::Json, true),
        ColumnType::Ltree | ColumnType::TsVector => (SqColumnType::Text, true),
        ColumnType::Vector { .. } => (SqColumnType::Blob, true),
    }
}

/// The table's checks as `(name, SQL)`, sorted by name, plus a length check
/// for each `varchar(n)` column that has none declared.
pub(super) fn checks(table: &Table, skipped: &mut Vec<Skipped>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut declared: Vec<_> = table.checks.iter().collect();
    declared.sort_by(|a, b| a.name.cmp(&b.name));
    for check in declared {
        let sql = match &check.kind {
            CheckKind::OneOf { column, values } => one_of_sql(&SQLITE, column, values),
            CheckKind::Range { column, min, max } => range_sql(&SQLITE, column, *min, *max),
            CheckKind::MaxLength { column, max } => max_length_sql(&SQLITE, "length", column, *max),
            CheckKind::Sql(expr) => {
                skipped.push(Skipped::SqlCheck {
                    table: table.name.clone(),
                    check: check.name.clone(),
                    expr: expr.clone(),
                });
                continue;
            }
        };
        out.push((check.name.clone(), sql));
    }
    for column in &table.columns {
        let ColumnType::Varchar { len } = column.ty else {
            continue;
        };
        let declared = table.checks.iter().any(
            |c| matches!(&c.kind, CheckKind::MaxLength { column: col, .. } if *col == column.name),
        );
        if !declared {
            let name = format!("ck_{}_{}_length", table.name, column.name);
            out.push((name, max_length_sql(&SQLITE, "length", &column.name, len)));
        }
    }
    out.sort();
    out
}

/// `CREATE INDEX` for each b-tree index SQLite can hold, by name.
pub(crate) fn indexes(table: &Table, skipped: &mut Vec<Skipped>) -> Vec<String> {
    let mut indexes: Vec<_> = table.indexes.iter().collect();
    indexes.sort_by(|a, b| a.name.cmp(&b.name));
    let mut out = Vec::new();
    for index in indexes {
        if index.method != IndexMethod::Btree {
            skipped.push(Skipped::IndexMethod {
                table: table.name.clone(),
                index: index.name.clone(),
                method: index.method,
            });
            continue;
        }
        if let Some(predicate) = index
            .predicate
            .as_ref()
            .filter(|p| !is_portable_predicate(p, table))
        {
            skipped.push(Skipped::IndexPredicate {
                table: table.name.clone(),
                index: index.name.clone(),
                predicate: predicate.clone(),
            });
            continue;
        }
        let mut stmt = sea_query::Index::create();
        stmt.name(raw_quoted_name(&index.name))
            .table(iden(&table.name));
        if index.unique {
            stmt.unique();
        }
        for part in &index.parts {
            stmt.col(iden(&part.column));
            if let Some(opclass) = &part.opclass {
                skipped.push(Skipped::OperatorClass {
                    table: table.name.clone(),
                    index: index.name.clone(),
                    column: part.column.clone(),
                    opclass: opclass.clone(),
                });
            }
        }
        if let Some(predicate) = &index.predicate {
            stmt.and_where(Expr::cust(predicate.clone()));
        }
        out.push(stmt.to_string(SQLITE));
    }
    out
}

/// What of the table exists only on Postgres: security, triggers, comments.
pub(crate) fn postgres_only(table: &Table) -> Vec<Skipped> {
    let mut out = Vec::new();
    let name = || table.name.clone();
    if table.rls_enabled {
        out.push(Skipped::RowLevelSecurity { table: name() });
    }
    let mut policies: Vec<_> = table.policies.iter().map(|p| p.name.clone()).collect();
    policies.sort();
    out.extend(policies.into_iter().map(|policy| Skipped::Policy {
        table: name(),
        policy,
    }));
    let mut triggers: Vec<_> = table.triggers.iter().map(|t| t.name.clone()).collect();
    triggers.sort();
    out.extend(triggers.into_iter().map(|trigger| Skipped::Trigger {
        table: name(),
        trigger,
    }));
    let columns: Vec<String> = table
        .columns
        .iter()
        .filter(|c| c.doc.is_some())
        .map(|c| c.name.clone())
        .collect();
    if table.doc.is_some() || !columns.is_empty() {
        out.push(Skipped::Comments {
            table: name(),
            on_table: table.doc.is_some(),
            columns,
        });
    }
    out
}
