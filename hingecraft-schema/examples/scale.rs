//! One run of merge + harden + render(Postgres) on a synthetic schema, for
//! measuring peak memory: `/usr/bin/time -v target/release/examples/scale 10000 1000`.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use hingecraft_schema::harden::{HardeningProfile, harden};
use hingecraft_schema::merge::merge;
use hingecraft_schema::render::{Dialect, Postgres};

/// The allocator the `hingecraft` and `migration` binaries use.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().expect("a number"));
    let tables = args.next().unwrap_or(10_000);
    let modules = args.next().unwrap_or(tables / 10);
    let input = synthetic::modules(tables, modules);
    let start = std::time::Instant::now();
    let (schema, _) = merge(&input, &[]).expect("synthetic modules merge");
    let merged = start.elapsed();
    let (schema, _) = harden(schema, &HardeningProfile::production());
    let hardened = start.elapsed();
    let ddl = Postgres.render(&schema).expect("renders");
    let elapsed = start.elapsed();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "{tables} tables over {modules} modules: {} statements in {:.1} ms ({:.1} µs per table; \
         merge {:.1} ms, harden {:.1} ms, render {:.1} ms)",
        ddl.statements.len(),
        ms(elapsed),
        elapsed.as_secs_f64() * 1e6 / tables as f64,
        ms(merged),
        ms(hardened - merged),
        ms(elapsed - hardened),
    );
}
