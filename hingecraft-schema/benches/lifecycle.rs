//! merge + harden + render(Postgres) on synthetic schemas of 100, 1,000 and
//! 10,000 tables (over 10, 100 and 1,000 modules, every table declared by
//! two modules). Time per table should stay flat as the size grows.
//!
//! `cargo bench -p hingecraft-schema --bench lifecycle`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hingecraft_schema::harden::{HardeningProfile, harden};
use hingecraft_schema::merge::merge;
use hingecraft_schema::render::{Dialect, Postgres};

#[path = "support/synthetic.rs"]
mod synthetic;

/// The allocator the `hingecraft` binary uses (the
/// lifecycle allocates many small strings; glibc's malloc and free took
/// about 45% of its instructions, mimalloc's a third of that).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn lifecycle(c: &mut Criterion) {
    let mut group = c.benchmark_group("merge_harden_render");
    group.sample_size(10);
    for (tables, modules) in [(100, 10), (1_000, 100), (10_000, 1_000)] {
        let input = synthetic::modules(tables, modules);
        group.throughput(Throughput::Elements(tables as u64));
        group.bench_with_input(BenchmarkId::from_parameter(tables), &input, |b, input| {
            b.iter(|| {
                let (schema, _) = merge(input, &[]).expect("synthetic modules merge");
                let (schema, _) = harden(schema, &HardeningProfile::production());
                Postgres.render(&schema).expect("renders")
            });
        });
    }
    group.finish();
}

criterion_group!(benches, lifecycle);
criterion_main!(benches);
