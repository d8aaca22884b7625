//! End to end on Postgres: a lookup by e-mail through the generated
//! `find_by_email`, the same query hand-written with SeaORM, and raw
//! `sqlx::query_as`; then 10,000 rows inserted through the typed API
//! (batched `insert_many`) against `COPY` of the same rows.
//!
//! Prints the median time of each side and the ratios; run by
//! `scripts/bench-queries.sh`. Needs Postgres (the test harness's server);
//! prints a SKIPPED line without one.

#[path = "support/query_fixture.rs"]
mod query_fixture;

use std::time::{Duration, Instant};

use hingecraft_test_harness::PgTestDb;
use query_fixture::bench_users::{self, ActiveModel, Column, Entity};
use sea_orm::sqlx::{self, Connection as _};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

/// A `bench_users` row, as raw sqlx reads it.
type Row = (
    Uuid,
    String,
    String,
    i32,
    Option<chrono::DateTime<chrono::FixedOffset>>,
);

const USERS: usize = 1_000;
const LOOKUPS: usize = 2_000;
const ROUNDS: usize = 7;
const BULK: usize = 10_000;

#[tokio::main]
async fn main() {
    let Some(pg) = PgTestDb::for_test("bench query_pg").await else {
        return;
    };
    pg.execute_unprepared(
        "CREATE TABLE bench_users (id uuid PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, name text NOT NULL, score integer NOT NULL DEFAULT 0, deleted_at timestamptz)",
    )
    .await
    .unwrap();
    let rows: Vec<ActiveModel> = (0..USERS).map(|i| user(i, "seed")).collect();
    Entity::insert_many(rows).exec(pg.conn()).await.unwrap();
    let pool = sqlx::PgPool::connect(pg.url()).await.unwrap();
    let emails: Vec<String> = (0..LOOKUPS)
        .map(|i| format!("user{}@example.com", (i * 7919) % USERS))
        .collect();

    let mut generated = Vec::new();
    let mut seaorm = Vec::new();
    let mut raw = Vec::new();
    for _ in 0..ROUNDS {
        generated.push(
            time(async {
                for e in &emails {
                    assert!(Entity::find_by_email(pg.conn(), e).await.unwrap().is_some());
                }
            })
            .await,
        );
        seaorm.push(
            time(async {
                for e in &emails {
                    let found = Entity::find()
                        .filter(Column::DeletedAt.is_null())
                        .filter(Column::Email.eq(e.as_str()))
                        .one(pg.conn())
                        .await
                        .unwrap();
                    assert!(found.is_some());
                }
            })
            .await,
        );
        raw.push(time(async {
            for e in &emails {
                let found: Option<Row> =
                    sqlx::query_as("SELECT id, email, name, score, deleted_at FROM bench_users WHERE deleted_at IS NULL AND email = $1 LIMIT 1")
                        .bind(e)
                        .fetch_optional(&pool)
                        .await
                        .unwrap();
                assert!(found.is_some());
            }
        }).await);
    }
    let (g, s, r) = (median(generated), median(seaorm), median(raw));
    println!("lookup by e-mail, {LOOKUPS} lookups, median of {ROUNDS}:");
    println!("  generated find_by_email  {:>9.3} ms", ms(g));
    println!("  hand-written SeaORM      {:>9.3} ms", ms(s));
    println!("  raw sqlx::query_as       {:>9.3} ms", ms(r));
    println!(
        "  ratio generated/SeaORM   {:>9.3}",
        g.as_secs_f64() / s.as_secs_f64()
    );
    println!(
        "  ratio generated/sqlx     {:>9.3}",
        g.as_secs_f64() / r.as_secs_f64()
    );

    let mut typed = Vec::new();
    let mut copy = Vec::new();
    for round in 0..3 {
        pg.execute_unprepared("TRUNCATE bench_users").await.unwrap();
        typed.push(
            time(async {
                let mut all = (0..BULK).map(|i| user(i, &format!("t{round}")));
                loop {
                    let batch: Vec<ActiveModel> = all.by_ref().take(1_000).collect();
                    if batch.is_empty() {
                        break;
                    }
                    Entity::insert_many(batch).exec(pg.conn()).await.unwrap();
                }
            })
            .await,
        );
        pg.execute_unprepared("TRUNCATE bench_users").await.unwrap();
        let mut conn = sqlx::PgConnection::connect(pg.url()).await.unwrap();
        copy.push(
            time(async {
                let mut data = String::with_capacity(BULK * 80);
                for i in 0..BULK {
                    data.push_str(&format!(
                        "{}\tuser{i}@example.com\tc{round} {i}\t{i}\n",
                        Uuid::new_v4()
                    ));
                }
                let mut sink = conn
                    .copy_in_raw("COPY bench_users (id, email, name, score) FROM STDIN")
                    .await
                    .unwrap();
                sink.send(data.as_bytes()).await.unwrap();
                assert_eq!(sink.finish().await.unwrap(), BULK as u64);
            })
            .await,
        );
        conn.close().await.unwrap();
    }
    let (t, c) = (median(typed), median(copy));
    println!("insert {BULK} rows, median of 3:");
    println!("  typed insert_many (1,000 a batch) {:>9.3} ms", ms(t));
    println!("  COPY                             {:>9.3} ms", ms(c));
    println!(
        "  ratio typed/COPY                 {:>9.3}",
        t.as_secs_f64() / c.as_secs_f64()
    );
    pool.close().await;
    let _ = bench_users::Entity;
}

fn user(i: usize, tag: &str) -> ActiveModel {
    ActiveModel {
        id: Set(Uuid::new_v4()),
        email: Set(format!("user{i}@example.com")),
        name: Set(format!("{tag} {i}")),
        score: Set(i as i32),
        deleted_at: Set(None),
    }
}

async fn time(f: impl std::future::Future<Output = ()>) -> Duration {
    let start = Instant::now();
    f.await;
    start.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
