//! The MySQL and MariaDB dialect: the same tables, keys, foreign keys,
//! checks, b-tree indexes and comments; everything else listed as skipped.
//!
//! Written for MariaDB 10.11 and MySQL 8 with InnoDB, `utf8mb4` and a
//! binary collation (text compares and is unique byte for byte, as on
//! Postgres).

use sea_query::{ColumnType as SqColumnType, Expr, MysqlQueryBuilder, StringLen, TableBuilder};

use super::statements::{iden, quoted};
use super::table::{
    self, ColumnPlan, TablePlan, literal_default, max_length_sql, one_of_sql, range_sql,
};
use super::validate::{validate, validate_table};
use super::{
    Ddl, Dialect, RenderError, Skipped, dependency_order, portable::is_portable_predicate,
};
use crate::model::{CheckKind, Column, ColumnType, DefaultValue, IndexMethod, Schema, Table};

const MYSQL: MysqlQueryBuilder = MysqlQueryBuilder;
/// The backend named in what is skipped.
const BACKEND: &str = "MySQL and MariaDB";

/// The length a `text` column takes when a key or an index holds it: InnoDB
/// indexes at most 3,072 bytes, so three such columns of four-byte
/// characters fit in one key.
pub const KEYED_TEXT_LEN: u32 = 255;

/// The MySQL and MariaDB dialect.
///
/// Tables come in foreign-key order with their foreign keys inline; a key
/// that closes a cycle is added afterwards with `ALTER TABLE`, as on
/// Postgres. Types are those SeaORM reads on MySQL: `binary(16)` uuids,
/// `datetime(6)` timestamps (UTC: sqlx sets the session's time zone),
/// `json`, `decimal(p, s)`, `longtext`. A `text` column held by a key or
/// an index becomes `varchar(255)` (listed): InnoDB cannot index unbounded
/// text. Comments are the tables' and columns' `COMMENT`s.
///
/// A partial unique index whose predicate is portable (a soft-deleted
/// table's `WHERE deleted_at IS NULL`) is enforced through invisible
/// virtual columns, `IF(predicate, column, NULL)`, under a plain unique
/// index: a row outside the predicate holds NULLs, which a unique index
/// never compares, so a deleted row frees its value as on Postgres. A
/// partial index that is not unique is built whole (it serves the same
/// queries; the predicate is listed).
///
/// Left out, each listed in [`Ddl::skipped`]: extensions, functions,
/// row-level security, policies, triggers (their functions are
/// PL/pgSQL), SQL defaults and checks (Postgres SQL), generated columns,
/// range partitioning (a plain table), views, non-b-tree indexes and
/// operator classes. `text[]`, `ltree`, `tsvector` and `vector(n)` columns
/// are kept in a weaker type, also listed. Changes to existing tables
/// (`render_changes`) are not rendered for this backend yet: they are a
/// [`RenderError::UnsupportedChange`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Mysql;

impl Dialect for Mysql {
    fn name(&self) -> &'static str {
        "mysql"
    }

    fn render(&self, schema: &Schema) -> Result<Ddl, RenderError> {
        validate(schema)?;
        let order = dependency_order(schema);
        let mut ddl = Ddl::default();
        let mut extensions: Vec<&str> = schema.extensions.iter().map(|e| e.name.as_str()).collect();
        extensions.sort_unstable();
        extensions.dedup();
        ddl.skipped.extend(extensions.into_iter().map(|e| {
            not_here(
                format!("extension `{e}`"),
                "not created: MySQL and MariaDB have no extensions",
            )
        }));
        ddl.skipped.extend(schema.functions.iter().map(|f| {
            not_here(
                format!("function `{}`", f.name),
                "not created: its body is PL/pgSQL or Postgres SQL",
            )
        }));
        let mut per_table: Vec<Vec<Skipped>> = vec![Vec::new(); order.tables.len()];
        for (table, skipped) in order.tables.iter().zip(&mut per_table) {
            let inline: Vec<&str> = table
                .foreign_keys
                .iter()
                .filter(|fk| !order.is_deferred(&table.name, &fk.name))
                .map(|fk| fk.name.as_str())
                .collect();
            ddl.statements.push(create_table(table, &inline, skipped));
        }
        for (table, fk) in &order.deferred {
            ddl.statements
                .push(table::foreign_key(table, fk).to_string(MYSQL));
        }
        for (table, skipped) in order.tables.iter().zip(&mut per_table) {
            ddl.statements.extend(indexes(table, skipped));
            skipped.extend(server_side_only(table));
        }
        ddl.skipped.extend(per_table.into_iter().flatten());
        ddl.skipped.extend(schema.views.iter().map(|v| {
            not_here(
                format!(
                    "{}view `{}`",
                    if v.materialized { "materialized " } else { "" },
                    v.name
                ),
                "not created: its query is Postgres SQL",
            )
        }));
        Ok(ddl)
    }

    fn render_drop(&self, schema: &Schema) -> Result<Ddl, RenderError> {
        validate(schema)?;
        let order = dependency_order(schema);
        let mut statements = Vec::new();
        // A key that closes a cycle goes first, so that each table, when
        // dropped, is referenced by no table still there.
        for (table, fk) in &order.deferred {
            statements.push(format!(
                "ALTER TABLE {} DROP FOREIGN KEY {}",
                quoted(&MYSQL, &table.name),
                quoted(&MYSQL, &fk.name)
            ));
        }
        for table in order.tables.iter().rev() {
            statements.push(
                sea_query::Table::drop()
                    .table(iden(&table.name))
                    .if_exists()
                    .to_string(MYSQL),
            );
        }
        Ok(Ddl {
            statements,
            skipped: Vec::new(),
        })
    }

    fn render_table(&self, schema: &Schema, name: &str) -> Result<Ddl, RenderError> {
        let table = schema
            .table(name)
            .ok_or_else(|| RenderError::NoSuchTable { table: name.into() })?;
        validate_table(schema, table)?;
        let mut ddl = Ddl::default();
        let inline: Vec<&str> = table
            .foreign_keys
            .iter()
            .map(|fk| fk.name.as_str())
            .collect();
        ddl.statements
            .push(create_table(table, &inline, &mut ddl.skipped));
        ddl.statements.extend(indexes(table, &mut ddl.skipped));
        ddl.skipped.extend(server_side_only(table));
        Ok(ddl)
    }

    fn render_changes(
        &self,
        changes: &[crate::diff::Change],
        _old: &Schema,
        _new: &Schema,
    ) -> Result<Vec<super::RenderedChange>, RenderError> {
        match changes.first() {
            None => Ok(Vec::new()),
            Some(change) => Err(RenderError::UnsupportedChange {
                change: change.describe(),
                reason: "changes to existing tables are not rendered for MySQL and MariaDB yet; \
                         a new database is built with `render`"
                    .into(),
            }),
        }
    }
}

fn not_here(object: String, reason: &str) -> Skipped {
    Skipped::NotOnBackend {
        backend: BACKEND.into(),
        table: None,
        object,
        reason: reason.into(),
    }
}

fn not_here_in(table: &Table, object: String, reason: &str) -> Skipped {
    Skipped::NotOnBackend {
        backend: BACKEND.into(),
        table: Some(table.name.clone()),
        object: format!("table `{}`: {object}", table.name),
        reason: reason.into(),
    }
}

/// Columns a key, a foreign key or an index holds: a `text` column among
/// them must have a length.
fn keyed_columns(table: &Table) -> std::collections::BTreeSet<&str> {
    let mut keyed: std::collections::BTreeSet<&str> =
        table.primary_key.iter().map(String::as_str).collect();
    keyed.extend(
        table
            .uniques
            .iter()
            .flat_map(|u| u.columns.iter().map(String::as_str)),
    );
    keyed.extend(
        table
            .foreign_keys
            .iter()
            .flat_map(|fk| fk.columns.iter().map(String::as_str)),
    );
    keyed.extend(
        table
            .indexes
            .iter()
            .filter(|i| i.method == IndexMethod::Btree)
            .flat_map(|i| i.parts.iter().map(|p| p.column.as_str())),
    );
    keyed
}

/// `CREATE TABLE` with the foreign keys named in `inline`, recording what
/// MySQL cannot hold.
fn create_table(table: &Table, inline: &[&str], skipped: &mut Vec<Skipped>) -> String {
    let keyed = keyed_columns(table);
    let mut columns = Vec::with_capacity(table.columns.len());
    for c in &table.columns {
        match &c.generated {
            Some(expr) => skipped.push(not_here_in(
                table,
                format!("generated column `{}` AS ({expr})", c.name),
                "its expression is Postgres SQL; generated entities never read or write it",
            )),
            None => columns.push(column_plan(
                table,
                c,
                keyed.contains(c.name.as_str()),
                skipped,
            )),
        }
    }
    // The invisible columns behind partial unique indexes.
    for index in &table.indexes {
        if let Some(hidden) = hidden_key_columns(table, index) {
            for (name, source, predicate) in hidden {
                let column = table.column(source).expect("validated");
                let (ty, _) = column_type(&column.ty, true);
                columns.push(ColumnPlan {
                    name,
                    ty,
                    not_null: false,
                    default: None,
                    generated: Some(format!(
                        "IF({}, {}, NULL)",
                        mysql_predicate(predicate),
                        quoted(&MYSQL, source)
                    )),
                    generated_stored: false,
                    comment: None,
                    extra: Some("INVISIBLE".into()),
                });
            }
        }
    }
    if let Some(partition) = &table.partition {
        skipped.push(not_here_in(
            table,
            format!("monthly range partitioning on `{}`", partition.column),
            "a plain table: MySQL partitions need the partition column in every unique key",
        ));
    }
    let checks = checks(table, skipped);
    let mut foreign_keys: Vec<_> = table
        .foreign_keys
        .iter()
        .filter(|fk| inline.contains(&fk.name.as_str()))
        .collect();
    foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
    let plan = TablePlan {
        table,
        columns,
        checks,
        foreign_keys,
        partition_by: None,
    };
    let mut stmt = table::create_table(&plan);
    stmt.engine("InnoDB")
        .character_set("utf8mb4")
        .collate("utf8mb4_bin");
    if let Some(doc) = &table.doc {
        stmt.comment(doc);
    }
    stmt.to_string(MYSQL)
}

fn column_plan(
    table: &Table,
    column: &Column,
    keyed: bool,
    skipped: &mut Vec<Skipped>,
) -> ColumnPlan {
    let (ty, degraded) = column_type(&column.ty, keyed);
    if degraded {
        let mut stored_as = String::new();
        TableBuilder::prepare_column_type(&MYSQL, &ty, &mut stored_as);
        let loss = if column.ty == ColumnType::Text {
            "a key or an index holds it, and InnoDB indexes only bounded text: longer values are refused"
        } else {
            degraded_loss(&column.ty)
        };
        skipped.push(not_here_in(
            table,
            format!(
                "column `{}` is {} on Postgres, stored as `{stored_as}`",
                column.name,
                column.ty.display_name()
            ),
            loss,
        ));
    }
    let default = match &column.default {
        None => None,
        Some(DefaultValue::Literal(literal)) => Some(literal_default(literal)),
        Some(DefaultValue::Now) => Some(Expr::cust(if column.ty == ColumnType::Date {
            "CURRENT_DATE"
        } else {
            "CURRENT_TIMESTAMP(6)"
        })),
        Some(DefaultValue::RandomUuid) => {
            // A version-1 uuid, in the byte order `binary(16)` reads back.
            Some(Expr::cust("UNHEX(REPLACE(UUID(), '-', ''))"))
        }
        Some(DefaultValue::Sql(expr)) => {
            skipped.push(not_here_in(
                table,
                format!("default `{expr}` of column `{}`", column.name),
                "a Postgres SQL expression, not portable",
            ));
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
        comment: column.doc.clone(),
        extra: None,
    }
}

/// The MySQL type, and whether it loses what the Postgres type offers.
fn column_type(ty: &ColumnType, keyed: bool) -> (SqColumnType, bool) {
    let plain = |t| (t, false);
    match ty {
        ColumnType::Uuid => plain(SqColumnType::Uuid),
        ColumnType::Text if keyed => (SqColumnType::String(StringLen::N(KEYED_TEXT_LEN)), true),
        ColumnType::Text => plain(SqColumnType::custom("longtext")),
        ColumnType::Varchar { len } => plain(SqColumnType::String(StringLen::N(*len))),
        ColumnType::SmallInt => plain(SqColumnType::SmallInteger),
        ColumnType::Integer => plain(SqColumnType::Integer),
        ColumnType::BigInt => plain(SqColumnType::BigInteger),
        ColumnType::Real => plain(SqColumnType::Float),
        ColumnType::Double => plain(SqColumnType::Double),
        ColumnType::Numeric { precision, scale } => {
            plain(SqColumnType::Decimal(Some((*precision, *scale))))
        }
        ColumnType::Boolean => plain(SqColumnType::Boolean),
        ColumnType::TimestampTz => plain(SqColumnType::custom("datetime(6)")),
        ColumnType::Date => plain(SqColumnType::Date),
        ColumnType::Jsonb => plain(SqColumnType::Json),
        ColumnType::Bytea => plain(SqColumnType::custom("longblob")),
        ColumnType::TextArray => (SqColumnType::Json, true),
        ColumnType::Ltree if keyed => (SqColumnType::String(StringLen::N(KEYED_TEXT_LEN)), true),
        ColumnType::Ltree | ColumnType::TsVector => (SqColumnType::custom("longtext"), true),
        ColumnType::Vector { .. } => (SqColumnType::custom("longblob"), true),
    }
}

fn degraded_loss(ty: &ColumnType) -> &'static str {
    match ty {
        ColumnType::TextArray => "a JSON array: no array operators or containment",
        ColumnType::Ltree => "plain text: no label-path operators",
        ColumnType::Vector { .. } => "raw bytes: no distance operators or nearest-neighbour search",
        ColumnType::TsVector => "plain text: no full-text search",
        _ => "a weaker type",
    }
}

/// The table's checks as `(name, SQL)`, sorted by name. `varchar(n)`
/// enforces its own length (strict mode refuses longer values).
fn checks(table: &Table, skipped: &mut Vec<Skipped>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for check in &table.checks {
        let sql = match &check.kind {
            CheckKind::OneOf { column, values } => one_of_sql(&MYSQL, column, values),
            CheckKind::Range { column, min, max } => range_sql(&MYSQL, column, *min, *max),
            CheckKind::MaxLength { column, max } => {
                max_length_sql(&MYSQL, "char_length", column, *max)
            }
            CheckKind::Sql(expr) => {
                skipped.push(not_here_in(
                    table,
                    format!("check `{}` ({expr})", check.name),
                    "a Postgres SQL expression, not portable",
                ));
                continue;
            }
        };
        out.push((check.name.clone(), sql));
    }
    out.sort();
    out
}

/// For a unique index with a portable predicate: each invisible column
/// `(name, source column, predicate)` that stands for a column of the key.
fn hidden_key_columns<'a>(
    table: &Table,
    index: &'a crate::model::Index,
) -> Option<Vec<(String, &'a str, &'a str)>> {
    let predicate = index.predicate.as_deref()?;
    if !index.unique
        || index.method != IndexMethod::Btree
        || !is_portable_predicate(predicate, table)
    {
        return None;
    }
    Some(
        index
            .parts
            .iter()
            .map(|part| {
                (
                    hidden_name(&index.name, &part.column),
                    part.column.as_str(),
                    predicate,
                )
            })
            .collect(),
    )
}

/// A portable predicate (Postgres spelling) in MySQL's: `"name"` is an
/// identifier there, a string literal here, so it becomes `` `name` ``;
/// string literals are copied as they are.
fn mysql_predicate(predicate: &str) -> String {
    let mut out = String::with_capacity(predicate.len());
    let mut chars = predicate.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\'' {
                        if chars.peek() == Some(&'\'') {
                            out.push(chars.next().unwrap_or('\''));
                        } else {
                            break;
                        }
                    }
                }
            }
            '"' => {
                let mut name = String::new();
                while let Some(d) = chars.next() {
                    if d == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            name.push('"');
                        } else {
                            break;
                        }
                    } else {
                        name.push(d);
                    }
                }
                out.push_str(&quoted(&MYSQL, &name));
            }
            _ => out.push(c),
        }
    }
    out
}

/// `<index>__<column>`, or, past MySQL's 64 characters, a prefix of it
/// and a hash that keeps it unique.
fn hidden_name(index: &str, column: &str) -> String {
    let name = format!("{index}__{column}");
    if name.len() <= 64 {
        return name;
    }
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut cut = 55;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}_{:08x}", &name[..cut], hash as u32)
}

/// `CREATE INDEX` for each b-tree index MySQL can hold, by name.
fn indexes(table: &Table, skipped: &mut Vec<Skipped>) -> Vec<String> {
    let mut indexes: Vec<_> = table.indexes.iter().collect();
    indexes.sort_by(|a, b| a.name.cmp(&b.name));
    let mut out = Vec::new();
    for index in indexes {
        if index.method != IndexMethod::Btree {
            skipped.push(not_here_in(
                table,
                format!("index `{}` using {}", index.name, index.method.as_sql()),
                "MySQL and MariaDB have b-tree indexes here",
            ));
            continue;
        }
        let unbounded = index.parts.iter().find(|p| {
            table.column(&p.column).is_some_and(|c| {
                matches!(
                    c.ty,
                    ColumnType::Jsonb
                        | ColumnType::TextArray
                        | ColumnType::Bytea
                        | ColumnType::TsVector
                        | ColumnType::Vector { .. }
                )
            })
        });
        if let Some(part) = unbounded {
            skipped.push(not_here_in(
                table,
                format!("index `{}`", index.name),
                &format!(
                    "column `{}` is unbounded, which InnoDB cannot index",
                    part.column
                ),
            ));
            continue;
        }
        let mut stmt = sea_query::Index::create();
        stmt.name(index.name.replace('`', "``"))
            .table(iden(&table.name));
        if index.unique {
            stmt.unique();
        }
        match hidden_key_columns(table, index) {
            Some(hidden) => {
                for (name, _, _) in hidden {
                    stmt.col(iden(&name));
                }
            }
            None => {
                for part in &index.parts {
                    stmt.col(iden(&part.column));
                }
                if let Some(predicate) = &index.predicate {
                    skipped.push(not_here_in(
                        table,
                        format!("predicate `{predicate}` of index `{}`", index.name),
                        "MySQL and MariaDB have no partial indexes; the index is built whole",
                    ));
                }
            }
        }
        for part in &index.parts {
            if let Some(opclass) = &part.opclass {
                skipped.push(not_here_in(
                    table,
                    format!(
                        "operator class `{opclass}` of column `{}` in index `{}`",
                        part.column, index.name
                    ),
                    "MySQL and MariaDB have no operator classes; the index is kept without it",
                ));
            }
        }
        out.push(stmt.to_string(MYSQL));
    }
    out
}

/// What of the table exists only on Postgres: security and triggers.
fn server_side_only(table: &Table) -> Vec<Skipped> {
    let mut out = Vec::new();
    if table.rls_enabled {
        out.push(not_here_in(
            table,
            "row-level security".into(),
            "MySQL and MariaDB have none: tenant isolation rests on the typed helpers' filter",
        ));
    }
    let mut policies: Vec<_> = table.policies.iter().map(|p| p.name.as_str()).collect();
    policies.sort_unstable();
    out.extend(policies.into_iter().map(|policy| {
        not_here_in(
            table,
            format!("policy `{policy}`"),
            "MySQL and MariaDB have no row-level security",
        )
    }));
    let mut triggers: Vec<_> = table.triggers.iter().map(|t| t.name.as_str()).collect();
    triggers.sort_unstable();
    out.extend(triggers.into_iter().map(|trigger| {
        not_here_in(
            table,
            format!("trigger `{trigger}`"),
            "it calls a PL/pgSQL function, which MySQL and MariaDB cannot run",
        )
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicates_quote_identifiers_with_backticks() {
        assert_eq!(
            mysql_predicate(r#""deleted_at" IS NULL"#),
            "`deleted_at` IS NULL"
        );
        assert_eq!(
            mysql_predicate(r#""a""b" = 'it''s "x"' AND c IS NULL"#),
            r#"`a"b` = 'it''s "x"' AND c IS NULL"#
        );
    }

    #[test]
    fn hidden_names_fit_in_64_characters_and_stay_distinct() {
        assert_eq!(
            hidden_name("uq_users_email", "email"),
            "uq_users_email__email"
        );
        let long_a = hidden_name(&"i".repeat(60), "column_a");
        let long_b = hidden_name(&"i".repeat(60), "column_b");
        assert!(long_a.len() <= 64 && long_b.len() <= 64);
        assert_ne!(long_a, long_b);
    }
}
