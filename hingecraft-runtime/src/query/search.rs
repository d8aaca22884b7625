//! Full-text and vector search, as `Select`s the generated helpers finish.

use hingecraft_model::sql::quote_ident;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order};
use sea_orm::{EntityTrait, QueryFilter, QueryOrder, Select, Value};

/// Rows whose tsvector column `column` matches `query` (web-search syntax:
/// words, `"a phrase"`, `-not`, `or`), best first by `ts_rank`.
/// Postgres only. Generated as `Entity::search` on tables with a tsvector column.
pub fn search<E: EntityTrait>(
    select: Select<E>,
    table: &str,
    column: &str,
    query: &str,
) -> Select<E> {
    let col = format!("{}.{}", quote_ident(table), quote_ident(column));
    select
        .filter(Expr::cust_with_values(
            format!("{col} @@ websearch_to_tsquery($1)"),
            [query],
        ))
        .order_by(
            Expr::cust_with_values(format!("ts_rank({col}, websearch_to_tsquery($1))"), [query]),
            Order::Desc,
        )
}

/// Rows nearest to `embedding` by cosine distance (pgvector's `<=>`),
/// nearest first; rows without an embedding are left out. Postgres with
/// pgvector only. Generated as `Entity::nearest` on tables with a vector column.
pub fn nearest<E: EntityTrait>(
    select: Select<E>,
    table: &str,
    column: &str,
    embedding: Value,
) -> Select<E> {
    let col = format!("{}.{}", quote_ident(table), quote_ident(column));
    select
        .filter(Expr::col((Alias::new(table), Alias::new(column))).is_not_null())
        .order_by(
            Expr::cust_with_values(format!("{col} <=> $1"), [embedding]),
            Order::Asc,
        )
}
