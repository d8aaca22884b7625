//! One run of merge + harden + render(Postgres) on a synthetic schema, for
//! measuring peak memory: `/usr/bin/time -v target/release/examples/scale 10000 1000`.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use hingecraft_schema::harden::{HardeningProfile, harden};
use hingecraft_schema::merge::merge;
use hingecraft_schema::render::{Dialect, Postgres};

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().expect("a number"));
    let tables = args.next().unwrap_or(10_000);
    let modules = args.next().unwrap_or(tables / 10);
    let input = synthetic::modules(tables, modules);
    let start = std::time::Instant::now();
    let (schema, _) = merge(&input, &[]).expect("synthetic modules merge");
    let (schema, _) = harden(schema, &HardeningProfile::production());
    let ddl = Postgres.render(&schema).expect("renders");
    let elapsed = start.elapsed();
    println!(
        "{tables} tables over {modules} modules: {} statements in {:.1} ms ({:.1} µs per table)",
        ddl.statements.len(),
        elapsed.as_secs_f64() * 1e3,
        elapsed.as_secs_f64() * 1e6 / tables as f64
    );
}
