//! `CREATE TABLE` through sea-query, shared by the dialects.
//!
//! A dialect decides what each column, default and check becomes; this
//! module turns that plan into sea-query's `TableCreateStatement`, so both
//! backends get the same statement shape.

use sea_query::{
    ColumnDef, ColumnType as SqColumnType, Expr, ForeignKeyAction, ForeignKeyCreateStatement,
    QuotedBuilder, TableCreateStatement, Value,
};

use super::statements::{iden, quoted};
use crate::model::{ForeignKey, Literal, ReferentialAction, Table};

/// A column as a dialect renders it.
#[derive(Debug)]
pub(crate) struct ColumnPlan {
    pub(crate) name: String,
    pub(crate) ty: SqColumnType,
    pub(crate) not_null: bool,
    pub(crate) default: Option<Expr>,
    /// A generated column's expression.
    pub(crate) generated: Option<String>,
    /// Whether the generated column is stored (else virtual).
    pub(crate) generated_stored: bool,
    /// The column's comment, where the backend writes it inline (MySQL).
    pub(crate) comment: Option<String>,
    /// Words after the definition (`INVISIBLE`).
    pub(crate) extra: Option<String>,
}

/// A table as a dialect renders it.
#[derive(Debug)]
pub(crate) struct TablePlan<'a> {
    pub(crate) table: &'a Table,
    /// In declaration order.
    pub(crate) columns: Vec<ColumnPlan>,
    /// Named CHECK constraints: `(name, SQL)`, sorted by name.
    pub(crate) checks: Vec<(String, String)>,
    /// The foreign keys written inline, sorted by name.
    pub(crate) foreign_keys: Vec<&'a ForeignKey>,
    /// The column of monthly range partitioning, where the backend has it.
    pub(crate) partition_by: Option<&'a str>,
}

/// The `CREATE TABLE` statement of a plan.
///
/// A one-column primary key is a column constraint (on SQLite, that makes
/// an `integer` key the rowid); a composite one is a table constraint.
/// UNIQUE constraints are sorted by name, like checks and foreign keys:
/// their order carries no meaning.
pub(crate) fn create_table(plan: &TablePlan<'_>) -> TableCreateStatement {
    let table = plan.table;
    let mut stmt = sea_query::Table::create();
    stmt.table(iden(&table.name));

    let single_key = match table.primary_key.as_slice() {
        [only] => Some(only.as_str()),
        _ => None,
    };
    for column in &plan.columns {
        let mut def = column_def(column);
        if single_key == Some(column.name.as_str()) {
            def.primary_key();
        }
        stmt.col(def);
    }

    if table.primary_key.len() > 1 {
        let mut key = sea_query::Index::create();
        for column in &table.primary_key {
            key.col(iden(column));
        }
        stmt.primary_key(&mut key);
    }

    let mut uniques: Vec<_> = table.uniques.iter().collect();
    uniques.sort_by(|a, b| a.name.cmp(&b.name));
    for unique in uniques {
        let mut index = sea_query::Index::create();
        index.name(raw_quoted_name(&unique.name)).unique();
        for column in &unique.columns {
            index.col(iden(column));
        }
        stmt.index(&mut index);
    }

    for fk in &plan.foreign_keys {
        stmt.foreign_key(&mut foreign_key(table, fk));
    }

    for (name, sql) in &plan.checks {
        stmt.check((iden(name), Expr::cust(sql.clone())));
    }
    if let Some(column) = plan.partition_by {
        stmt.partition_by_range([iden(column)]);
    }
    stmt
}

/// The column definition of a plan (type, NOT NULL, default).
pub(crate) fn column_def(column: &ColumnPlan) -> ColumnDef {
    let mut def = ColumnDef::new_with_type(iden(&column.name), column.ty.clone());
    if column.not_null {
        def.not_null();
    }
    if let Some(default) = &column.default {
        def.default(default.clone());
    }
    if let Some(expr) = &column.generated {
        def.generated(Expr::cust(expr.clone()), column.generated_stored);
    }
    if let Some(comment) = &column.comment {
        def.comment(comment);
    }
    if let Some(extra) = &column.extra {
        def.extra(extra);
    }
    def
}

/// A named foreign key of `table`, for inline use or `ALTER TABLE ... ADD`.
///
/// `NO ACTION` is the default of both backends and is left unwritten.
pub(crate) fn foreign_key(table: &Table, fk: &ForeignKey) -> ForeignKeyCreateStatement {
    let mut stmt = sea_query::ForeignKey::create();
    stmt.name(raw_quoted_name(&fk.name))
        .from_tbl(iden(&table.name))
        .to_tbl(iden(&fk.ref_table));
    for column in &fk.columns {
        stmt.from_col(iden(column));
    }
    for column in &fk.ref_columns {
        stmt.to_col(iden(column));
    }
    if let Some(action) = action(fk.on_delete) {
        stmt.on_delete(action);
    }
    if let Some(action) = action(fk.on_update) {
        stmt.on_update(action);
    }
    stmt
}

fn action(action: ReferentialAction) -> Option<ForeignKeyAction> {
    match action {
        ReferentialAction::NoAction => None,
        ReferentialAction::Restrict => Some(ForeignKeyAction::Restrict),
        ReferentialAction::Cascade => Some(ForeignKeyAction::Cascade),
        ReferentialAction::SetNull => Some(ForeignKeyAction::SetNull),
        ReferentialAction::SetDefault => Some(ForeignKeyAction::SetDefault),
    }
}

/// A constraint or index name as sea-query must be given it.
///
/// sea-query 1.0 writes index, UNIQUE and foreign key names between quotes
/// *without* escaping them (unlike column and table names), so a `"` in
/// such a name is doubled here. Both backends quote with `"`. The unit test
/// below pins this behaviour: if sea-query starts escaping, it fails.
pub(crate) fn raw_quoted_name(name: &str) -> String {
    name.replace('"', "\"\"")
}

/// A constant as a column default.
pub(crate) fn literal_default(literal: &Literal) -> Expr {
    match literal {
        Literal::Bool(b) => Expr::value(Value::Bool(Some(*b))),
        Literal::Int(i) => Expr::value(Value::BigInt(Some(*i))),
        Literal::Text(s) => Expr::value(Value::String(Some(s.clone()))),
    }
}

/// `"column" IN (v1, v2, ...)`.
pub(crate) fn one_of_sql<B: QuotedBuilder>(
    builder: &B,
    column: &str,
    values: &[Literal],
) -> String {
    let values: Vec<String> = values.iter().map(ToString::to_string).collect();
    format!("{} IN ({})", quoted(builder, column), values.join(", "))
}

/// `"column" >= min AND "column" <= max`, either bound optional.
pub(crate) fn range_sql<B: QuotedBuilder>(
    builder: &B,
    column: &str,
    min: Option<i64>,
    max: Option<i64>,
) -> String {
    let column = quoted(builder, column);
    let bounds: Vec<String> = [
        min.map(|m| format!("{column} >= {m}")),
        max.map(|m| format!("{column} <= {m}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    bounds.join(" AND ")
}

/// `length_fn("column") <= max`.
pub(crate) fn max_length_sql<B: QuotedBuilder>(
    builder: &B,
    length_fn: &str,
    column: &str,
    max: u32,
) -> String {
    format!("{length_fn}({}) <= {max}", quoted(builder, column))
}

#[cfg(test)]
mod tests {
    use sea_query::{PostgresQueryBuilder, SqliteQueryBuilder};

    use super::*;
    use crate::model::{Column, ColumnType, Unique};

    #[test]
    fn sea_query_writes_constraint_names_unescaped() {
        // If this fails, sea-query escapes names itself now and
        // `raw_quoted_name` must stop doubling quotes.
        let mut index = sea_query::Index::create();
        index.name("a\"b").table(iden("t")).col(iden("c"));
        assert_eq!(
            index.to_string(SqliteQueryBuilder),
            r#"CREATE INDEX "a"b" ON "t" ("c")"#
        );
    }

    #[test]
    fn names_with_quotes_are_escaped_everywhere() {
        let mut table = Table::new("we\"ird", "test");
        table
            .columns
            .push(Column::new("c\"ol", ColumnType::Integer));
        table.uniques.push(Unique {
            name: "uq\"x".into(),
            columns: vec!["c\"ol".into()],
        });
        let plan = TablePlan {
            table: &table,
            columns: vec![ColumnPlan {
                name: "c\"ol".into(),
                ty: SqColumnType::Integer,
                not_null: true,
                default: None,
                generated: None,
                generated_stored: true,
                comment: None,
                extra: None,
            }],
            checks: vec![(
                "ck\"x".into(),
                range_sql(&PostgresQueryBuilder, "c\"ol", Some(0), None),
            )],
            foreign_keys: vec![],
            partition_by: None,
        };
        assert_eq!(
            create_table(&plan).to_string(PostgresQueryBuilder),
            r#"CREATE TABLE "we""ird" ( "c""ol" integer NOT NULL, CONSTRAINT "uq""x" UNIQUE ("c""ol"), CONSTRAINT "ck""x" CHECK ("c""ol" >= 0) )"#
        );
    }

    #[test]
    fn checks_render_values_and_bounds() {
        let b = PostgresQueryBuilder;
        let values = [
            Literal::Text("it's".into()),
            Literal::Int(3),
            Literal::Bool(true),
        ];
        assert_eq!(
            one_of_sql(&b, "kind", &values),
            r#""kind" IN ('it''s', 3, true)"#
        );
        assert_eq!(
            range_sql(&b, "n", Some(1), Some(9)),
            r#""n" >= 1 AND "n" <= 9"#
        );
        assert_eq!(range_sql(&b, "n", None, Some(9)), r#""n" <= 9"#);
        assert_eq!(
            max_length_sql(&b, "length", "name", 80),
            r#"length("name") <= 80"#
        );
    }
}
