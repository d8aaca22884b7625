//! Building the SQL of a lookup by e-mail: the generated finder's statement
//! against the same query written by hand with SeaORM. Counted in
//! instructions with callgrind by `scripts/bench-queries.sh`, which runs
//! each side with N and with 0 iterations and subtracts the start-up.
//!
//! `query_sql generated|hand N`: builds the statement N times.

#[path = "support/query_fixture.rs"]
mod query_fixture;

use std::hint::black_box;

use query_fixture::bench_users::{Column, Entity};
use sea_orm::{ColumnTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QueryTrait};

fn main() {
    // `cargo bench` passes `--bench`: flags are not arguments of this bench.
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with("--"));
    let side = args.next().unwrap_or_else(|| "generated".into());
    let n: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let db = DatabaseConnection::default();
    let mut total = 0usize;
    for i in 0..n {
        let email = black_box(if i % 2 == 0 {
            "ada@example.com"
        } else {
            "bob@example.com"
        });
        let statement = match side.as_str() {
            // Exactly what `Entity::find_by_email` builds before running it.
            "generated" => Entity::__hc_base(black_box(&db))
                .filter(Column::Email.eq(email))
                .build(DbBackend::Postgres),
            // The same query, by hand: live rows, by e-mail.
            "hand" => Entity::find()
                .filter(Column::DeletedAt.is_null())
                .filter(Column::Email.eq(email))
                .build(DbBackend::Postgres),
            other => panic!("unknown side `{other}`: generated or hand"),
        };
        total += black_box(statement).sql.len();
    }
    println!("{side}: {n} statements, {total} bytes of SQL");
}
