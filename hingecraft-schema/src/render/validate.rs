//! Checks that a schema can be rendered at all, before anything is written.

use std::collections::{BTreeSet, HashMap};

use super::RenderError;
use crate::model::{CheckKind, ColumnType, Schema, Table};

/// Checks every table of the schema.
pub(crate) fn validate(schema: &Schema) -> Result<(), RenderError> {
    let mut seen = BTreeSet::new();
    for table in &schema.tables {
        if !seen.insert(table.name.as_str()) {
            return Err(RenderError::DuplicateTable {
                table: table.name.clone(),
            });
        }
    }
    let by_name: HashMap<&str, &Table> =
        schema.tables.iter().map(|t| (t.name.as_str(), t)).collect();
    schema
        .tables
        .iter()
        .try_for_each(|table| check_table(&|name| by_name.get(name).copied(), table))
}

/// Checks one table, and the tables its foreign keys reference.
pub(crate) fn validate_table(schema: &Schema, table: &Table) -> Result<(), RenderError> {
    check_table(&|name| schema.table(name), table)
}

fn check_table<'a>(
    lookup: &dyn Fn(&str) -> Option<&'a Table>,
    table: &'a Table,
) -> Result<(), RenderError> {
    let name = &table.name;
    if table.columns.is_empty() {
        return Err(RenderError::NoColumns {
            table: name.clone(),
        });
    }
    check_partition(table)?;
    let mut columns = BTreeSet::new();
    for column in &table.columns {
        if !columns.insert(column.name.as_str()) {
            return Err(RenderError::DuplicateColumn {
                table: name.clone(),
                column: column.name.clone(),
            });
        }
        if !valid_type(&column.ty) {
            return Err(RenderError::InvalidType {
                table: name.clone(),
                column: column.name.clone(),
                ty: column.ty.display_name(),
            });
        }
    }
    let has = |owner: &dyn Fn() -> String,
               cols: &mut dyn Iterator<Item = &str>|
     -> Result<(), RenderError> {
        let mut any = false;
        for col in cols {
            any = true;
            if !columns.contains(col) {
                return Err(RenderError::UnknownColumn {
                    table: name.clone(),
                    column: col.into(),
                    owner: owner(),
                });
            }
        }
        if any {
            Ok(())
        } else {
            Err(RenderError::EmptyKey {
                table: name.clone(),
                owner: owner(),
            })
        }
    };

    if !table.primary_key.is_empty() {
        has(
            &|| "the primary key".into(),
            &mut table.primary_key.iter().map(String::as_str),
        )?;
    }
    for unique in &table.uniques {
        has(
            &|| format!("unique constraint `{}`", unique.name),
            &mut unique.columns.iter().map(String::as_str),
        )?;
    }
    for index in &table.indexes {
        has(&|| format!("index `{}`", index.name), &mut index.columns())?;
    }
    for fk in &table.foreign_keys {
        let owner = || format!("foreign key `{}`", fk.name);
        has(&owner, &mut fk.columns.iter().map(String::as_str))?;
        if fk.columns.len() != fk.ref_columns.len() {
            return Err(RenderError::ForeignKeyArity {
                table: name.clone(),
                foreign_key: fk.name.clone(),
                columns: fk.columns.len(),
                ref_columns: fk.ref_columns.len(),
            });
        }
        let target = if fk.ref_table == *name {
            Some(table)
        } else {
            lookup(&fk.ref_table)
        };
        let Some(target) = target else {
            return Err(RenderError::UnknownReferencedTable {
                table: name.clone(),
                foreign_key: fk.name.clone(),
                ref_table: fk.ref_table.clone(),
            });
        };
        if let Some(missing) = fk.ref_columns.iter().find(|c| target.column(c).is_none()) {
            return Err(RenderError::UnknownReferencedColumn {
                table: name.clone(),
                foreign_key: fk.name.clone(),
                ref_table: fk.ref_table.clone(),
                column: missing.clone(),
            });
        }
    }
    for check in &table.checks {
        if let Some(column) = check.kind.column() {
            has(
                &|| format!("check `{}`", check.name),
                &mut std::iter::once(column),
            )?;
        }
        let reason = match &check.kind {
            CheckKind::OneOf { values, .. } if values.is_empty() => Some("lists no values"),
            CheckKind::Range {
                min: None,
                max: None,
                ..
            } => Some("has neither a minimum nor a maximum"),
            CheckKind::Range {
                min: Some(min),
                max: Some(max),
                ..
            } if min > max => Some("has a minimum above its maximum"),
            CheckKind::Sql(expr) if expr.trim().is_empty() => Some("has an empty expression"),
            _ => None,
        };
        if let Some(reason) = reason {
            return Err(RenderError::InvalidCheck {
                table: name.clone(),
                check: check.name.clone(),
                reason,
            });
        }
    }
    if let Some(trigger) = table.triggers.iter().find(|t| t.events.is_empty()) {
        return Err(RenderError::NoTriggerEvents {
            table: name.clone(),
            trigger: trigger.name.clone(),
        });
    }
    Ok(())
}

/// Whether Postgres accepts the type's parameters.
fn valid_type(ty: &ColumnType) -> bool {
    match *ty {
        ColumnType::Varchar { len } => len >= 1,
        ColumnType::Numeric { precision, scale } => {
            (1..=1000).contains(&precision) && scale <= precision
        }
        ColumnType::Vector { dim } => dim >= 1,
        _ => true,
    }
}

/// A partitioned table's partition column exists and is part of every key.
fn check_partition(table: &Table) -> Result<(), RenderError> {
    let Some(partition) = &table.partition else {
        return Ok(());
    };
    let column = &partition.column;
    let fail = |problem: String| RenderError::PartitionKey {
        table: table.name.clone(),
        column: column.clone(),
        problem,
    };
    if table.column(column).is_none() {
        return Err(fail("does not exist".into()));
    }
    if !table.primary_key.contains(column) {
        return Err(fail("is not in the primary key".into()));
    }
    for unique in &table.uniques {
        if !unique.columns.contains(column) {
            return Err(fail(format!(
                "is not in unique constraint `{}`",
                unique.name
            )));
        }
    }
    for index in table.indexes.iter().filter(|i| i.unique) {
        if !index.parts.iter().any(|p| &p.column == column) {
            return Err(fail(format!("is not in unique index `{}`", index.name)));
        }
    }
    Ok(())
}
