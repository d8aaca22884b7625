//! `verify` of the whole production schema on a freshly migrated database.
//!
//! `cargo bench -p migration --bench verify` (Postgres as the tests find
//! it). Prints once the time of a first verification, which builds the
//! expected schema in a scratch database, then measures the usual one,
//! which finds the expected catalog cached and only reads the live database.

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use hingecraft::verify::{VerifyOptions, verify_with};
use hingecraft_migration::migrator;
use hingecraft_test_harness::{PgTestDb, sqlite_file};

fn verify(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut group = c.benchmark_group("verify");
    group.sample_size(10);

    if let Some(pg) = rt.block_on(PgTestDb::for_test("verify bench")) {
        rt.block_on(migrator().up(pg.conn(), None)).unwrap();
        let dir = std::env::temp_dir().join(format!("hc-verify-bench-{}", std::process::id()));
        let options = VerifyOptions::default().with_cache_dir(&dir);
        let start = Instant::now();
        let first = rt
            .block_on(verify_with(pg.url(), &migrator(), &options))
            .unwrap();
        assert!(first.is_clean(), "{first}");
        eprintln!(
            "verify/postgres, expected schema built in a scratch database: {:.3} s",
            start.elapsed().as_secs_f64()
        );
        group.bench_function("postgres", |b| {
            b.iter(|| {
                rt.block_on(verify_with(pg.url(), &migrator(), &options))
                    .unwrap()
            })
        });
        rt.block_on(pg.drop_db());
        let _ = std::fs::remove_dir_all(&dir);
    }

    let lite = rt.block_on(sqlite_file());
    rt.block_on(migrator().up(&lite, None)).unwrap();
    let options = VerifyOptions::default().without_cache();
    group.bench_function("sqlite", |b| {
        b.iter(|| {
            rt.block_on(verify_with(lite.url(), &migrator(), &options))
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, verify);
criterion_main!(benches);
