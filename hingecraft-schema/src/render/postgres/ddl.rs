//! The Postgres statements of each object: tables, columns, checks,
//! indexes, security, triggers, partitions, views, comments, and the
//! fragments the plans of changes share.

use std::collections::BTreeSet;

use sea_query::extension::postgres::Extension as ExtensionStatement;
use sea_query::{ColumnType as SqColumnType, Expr, PostgresQueryBuilder, RcOrArc, StringLen};

use crate::model::sql::quote_literal;
use crate::model::{
    CheckKind, Column, ColumnType, DefaultValue, ForeignKey, Index, IndexMethod, IndexPart, Policy,
    Schema, Table, Trigger, View,
};
use crate::render::statements::{
    CommentStatement, IndexCreateStatement, PolicyCreateStatement, RowLevelSecurityStatement,
    SchemaCreateStatement, TriggerCreateStatement, ViewCreateStatement, ViewDropStatement, quoted,
};
use crate::render::table::{
    self, ColumnPlan, TablePlan, literal_default, max_length_sql, one_of_sql, range_sql,
};

pub(super) const PG: PostgresQueryBuilder = PostgresQueryBuilder;

/// `CREATE SCHEMA` for every extension schema, then `CREATE EXTENSION`.
pub(crate) fn extensions(schema: &Schema) -> Vec<String> {
    let mut extensions: Vec<_> = schema.extensions.iter().collect();
    extensions.sort_by(|a, b| a.name.cmp(&b.name));
    extensions.dedup_by(|a, b| a.name == b.name);

    let schemas: BTreeSet<&str> = extensions
        .iter()
        .map(|e| e.schema.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    let mut out: Vec<String> = schemas
        .into_iter()
        .map(|s| {
            SchemaCreateStatement::new()
                .name(s)
                .if_not_exists()
                .to_string(PG)
        })
        .collect();
    for extension in extensions {
        // sea-query writes the extension and schema names as given, so they
        // are quoted here (`uuid-ossp` is not a plain identifier).
        let mut stmt = ExtensionStatement::create();
        stmt.name(quoted(&PG, &extension.name)).if_not_exists();
        if !extension.schema.is_empty() {
            stmt.schema(quoted(&PG, &extension.schema));
        }
        out.push(stmt.to_string(PG));
    }
    out
}

/// `CREATE TABLE`, with the foreign keys `inline` accepts.
pub(crate) fn create_table(table: &Table, inline: impl Fn(&ForeignKey) -> bool) -> String {
    let mut foreign_keys: Vec<&ForeignKey> =
        table.foreign_keys.iter().filter(|fk| inline(fk)).collect();
    foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
    let plan = TablePlan {
        table,
        columns: table.columns.iter().map(column_plan).collect(),
        checks: checks(table),
        foreign_keys,
        partition_by: table.partition.as_ref().map(|p| p.column.as_str()),
    };
    table::create_table(&plan).to_string(PG)
}

pub(crate) fn column_plan(column: &Column) -> ColumnPlan {
    ColumnPlan {
        name: column.name.clone(),
        ty: column_type(&column.ty),
        not_null: !column.nullable,
        default: column.default.as_ref().map(|d| match d {
            DefaultValue::Literal(literal) => literal_default(literal),
            other => Expr::cust(other.to_string()),
        }),
        generated: column.generated.clone(),
        generated_stored: true,
        comment: None,
        extra: None,
    }
}

/// The sea-query type that Postgres's table builder writes exactly as the
/// model's Postgres spelling; a custom type where its spelling differs
/// (`bool`, `decimal(p, s)`, `timestamp with time zone`) or it has none.
pub(crate) fn column_type(ty: &ColumnType) -> SqColumnType {
    match ty {
        ColumnType::Uuid => SqColumnType::Uuid,
        ColumnType::Text => SqColumnType::Text,
        ColumnType::Varchar { len } => SqColumnType::String(StringLen::N(*len)),
        ColumnType::SmallInt => SqColumnType::SmallInteger,
        ColumnType::Integer => SqColumnType::Integer,
        ColumnType::BigInt => SqColumnType::BigInteger,
        ColumnType::Real => SqColumnType::Float,
        ColumnType::Double => SqColumnType::Double,
        ColumnType::Date => SqColumnType::Date,
        ColumnType::Jsonb => SqColumnType::JsonBinary,
        ColumnType::Bytea => SqColumnType::Blob,
        ColumnType::TextArray => SqColumnType::Array(RcOrArc::new(SqColumnType::Text)),
        ColumnType::Ltree => SqColumnType::LTree,
        ColumnType::Vector { dim } => SqColumnType::Vector(Some(*dim)),
        ColumnType::Numeric { .. }
        | ColumnType::Boolean
        | ColumnType::TimestampTz
        | ColumnType::TsVector => SqColumnType::custom(ty.display_name()),
    }
}

/// The table's checks as `(name, SQL)`, sorted by name.
///
/// A max-length check on a `varchar(n)` column no longer than `n` is left
/// out: the type already enforces it (the check exists for SQLite). On any
/// other column it is kept, as `char_length`.
pub(crate) fn checks(table: &Table) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = table
        .checks
        .iter()
        .filter_map(|check| {
            let sql = match &check.kind {
                CheckKind::OneOf { column, values } => one_of_sql(&PG, column, values),
                CheckKind::Range { column, min, max } => range_sql(&PG, column, *min, *max),
                CheckKind::MaxLength { column, max } => {
                    let enforced = matches!(table.column(column), Some(c) if matches!(c.ty, ColumnType::Varchar { len } if len <= *max));
                    if enforced {
                        return None;
                    }
                    max_length_sql(&PG, "char_length", column, *max)
                }
                CheckKind::Sql(sql) => sql.clone(),
            };
            Some((check.name.clone(), sql))
        })
        .collect();
    out.sort();
    out
}

/// `CREATE INDEX` for each index, by name.
pub(super) fn indexes(table: &Table) -> Vec<String> {
    let mut indexes: Vec<_> = table.indexes.iter().collect();
    indexes.sort_by(|a, b| a.name.cmp(&b.name));
    indexes
        .into_iter()
        .map(|index| create_index(&table.name, index))
        .collect()
}

/// `CREATE INDEX` for one index of a table.
pub(crate) fn create_index(table: &str, index: &Index) -> String {
    index_statement(table, index).to_string(PG)
}

/// `CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS`: the online,
/// re-runnable build of an index of an existing table.
pub(crate) fn create_index_concurrently(table: &str, index: &Index) -> String {
    index_statement(table, index)
        .concurrently()
        .if_not_exists()
        .to_string(PG)
}

pub(super) fn index_statement(table: &str, index: &Index) -> IndexCreateStatement {
    let mut stmt = IndexCreateStatement::new();
    stmt.name(&index.name).table(table).method(index.method);
    if index.unique {
        stmt.unique();
    }
    for part in &index.parts {
        stmt.part(part.clone());
    }
    if let Some(predicate) = &index.predicate {
        stmt.predicate(predicate);
    }
    stmt
}

/// Row-level security (enabled and forced) and the policies, by name.
pub(super) fn security(table: &Table) -> Vec<String> {
    let mut out = Vec::new();
    if table.rls_enabled {
        out.push(
            RowLevelSecurityStatement::new()
                .table(&table.name)
                .enable()
                .to_string(PG),
        );
        out.push(
            RowLevelSecurityStatement::new()
                .table(&table.name)
                .force()
                .to_string(PG),
        );
    }
    let mut policies: Vec<_> = table.policies.iter().collect();
    policies.sort_by(|a, b| a.name.cmp(&b.name));
    for policy in policies {
        out.push(create_policy(&table.name, policy));
    }
    out
}

/// `CREATE POLICY` for one policy of a table.
pub(crate) fn create_policy(table: &str, policy: &Policy) -> String {
    let mut stmt = PolicyCreateStatement::new();
    stmt.name(&policy.name)
        .table(table)
        .command(policy.command)
        .roles(&policy.roles);
    if let Some(using) = &policy.using {
        stmt.using(using);
    }
    if let Some(check) = &policy.with_check {
        stmt.with_check(check);
    }
    stmt.to_string(PG)
}

/// `CREATE TRIGGER` for each trigger, by name (Postgres also fires them in
/// name order).
pub(super) fn triggers(table: &Table) -> Vec<String> {
    let mut triggers: Vec<_> = table.triggers.iter().collect();
    triggers.sort_by(|a, b| a.name.cmp(&b.name));
    triggers
        .into_iter()
        .map(|trigger| create_trigger(&table.name, trigger))
        .collect()
}

/// `CREATE TRIGGER` for one trigger of a table.
pub(crate) fn create_trigger(table: &str, trigger: &Trigger) -> String {
    let mut stmt = TriggerCreateStatement::new();
    stmt.name(&trigger.name)
        .table(table)
        .timing(trigger.timing)
        .function(&trigger.function);
    for event in &trigger.events {
        stmt.event(*event);
    }
    stmt.to_string(PG)
}

/// `COMMENT ON` the table and its columns, in declaration order.
pub(super) fn comments(table: &Table) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(doc) = &table.doc {
        out.push(CommentStatement::table(&table.name).text(doc).to_string(PG));
    }
    for column in &table.columns {
        if let Some(doc) = &column.doc {
            out.push(
                CommentStatement::column(&table.name, &column.name)
                    .text(doc)
                    .to_string(PG),
            );
        }
    }
    out
}

/// The first partitions of a partitioned table: a default partition (rows
/// outside every range land there instead of failing), the current month
/// and the next. The months are computed when the statement runs, so a
/// stored migration creates the right ones whenever it is applied; later
/// months are added by `create_monthly_partitions` (see the hardening pass).
///
/// Row-level security of the parent applies to queries through the parent
/// only: a partition queried directly has its own. So a partition of a
/// table under row-level security gets it enabled and forced with no
/// policy, which denies every direct access; rows still go in and out
/// through the parent and its policies.
pub(crate) fn first_partitions(table: &Table) -> Option<String> {
    table.partition.as_ref()?;
    let name = quote_literal(&table.name);
    let default_name = quote_literal(&format!("{}_default", table.name));
    let prefix = quote_literal(&format!("{}_p", table.name));
    Some(format!(
        "DO $partitions$\n\
         DECLARE\n  \
           first_month date := date_trunc('month', now())::date;\n  \
           month date;\n  \
           partition_name text;\n  \
           secured boolean := (SELECT relrowsecurity FROM pg_class WHERE oid = {regclass}::regclass);\n\
         BEGIN\n  \
           FOR i IN -1..1 LOOP\n    \
             IF i < 0 THEN\n      \
               partition_name := {default_name};\n      \
               EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I DEFAULT', partition_name, {name});\n    \
             ELSE\n      \
               month := (first_month + make_interval(months => i))::date;\n      \
               partition_name := {prefix} || to_char(month, 'YYYY_MM');\n      \
               EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',\n        \
                 partition_name, {name}, month, (month + interval '1 month')::date);\n    \
             END IF;\n    \
             IF secured THEN\n      \
               EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', partition_name);\n      \
               EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', partition_name);\n    \
             END IF;\n  \
           END LOOP;\n\
         END\n\
         $partitions$",
        regclass = quote_literal(&quoted(&PG, &table.name)),
    ))
}

/// `CREATE [MATERIALIZED] VIEW`, and for a materialized view with a key,
/// the unique index `REFRESH MATERIALIZED VIEW CONCURRENTLY` requires.
pub(crate) fn create_view(view: &View) -> Vec<String> {
    let mut create = ViewCreateStatement::new();
    create.name(&view.name).query(&view.query);
    if view.materialized {
        create.materialized();
    }
    let mut out = vec![create.to_string(PG)];
    if view.materialized && !view.unique_key.is_empty() {
        let index = Index {
            name: crate::model::naming::view_key(&view.name),
            parts: view
                .unique_key
                .iter()
                .map(|c| IndexPart::column(c.clone()))
                .collect(),
            unique: true,
            method: IndexMethod::Btree,
            predicate: None,
        };
        let mut stmt = IndexCreateStatement::new();
        stmt.name(&index.name).table(&view.name).unique();
        for part in index.parts {
            stmt.part(part);
        }
        out.push(stmt.to_string(PG));
    }
    out
}

pub(crate) fn drop_view(view: &View) -> String {
    let mut stmt = ViewDropStatement::new();
    stmt.name(&view.name);
    if view.materialized {
        stmt.materialized();
    }
    stmt.to_string(PG)
}

/// `COMMENT ON` a view and its documented columns.
pub(crate) fn view_comments(view: &View) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(doc) = &view.doc {
        out.push(
            CommentStatement::view(&view.name, view.materialized)
                .text(doc)
                .to_string(PG),
        );
    }
    for column in &view.columns {
        if let Some(doc) = &column.doc {
            out.push(
                CommentStatement::column(&view.name, &column.name)
                    .text(doc)
                    .to_string(PG),
            );
        }
    }
    out
}

pub(super) fn q(name: &str) -> String {
    quoted(&PG, name)
}

pub(super) fn alter(table: &str, action: &str) -> String {
    format!("ALTER TABLE {} {action}", q(table))
}

/// The CHECK of a table as Postgres writes it, if it writes one (a maximum
/// length on a `varchar` no longer than it is enforced by the type).
pub(super) fn check_sql(schema: &Schema, table: &str, check: &str) -> Option<String> {
    let table = schema.table(table)?;
    checks(table)
        .into_iter()
        .find(|(name, _)| name == check)
        .map(|(_, sql)| sql)
}

pub(super) fn columns(names: &[String]) -> String {
    names.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ")
}
