//! The lifecycle of the seed's accounts example, stage by stage:
//! concept (documentation only), prototype (each sub-module alone, exactly
//! as declared), production (merged, completed by the canonical module,
//! hardened), with the merge report.
//!
//! `cargo run --example lifecycle`

use hingecraft::lifecycle::{concept_markdown, prototype_schema};
use hingecraft::render::{Dialect, Postgres};
use hingecraft_platform::entities;

const ACCOUNT_TABLES: [&str; 6] = [
    "territories",
    "accounts",
    "locations",
    "contacts",
    "services",
    "work_orders",
];

fn main() {
    let modules = entities::all_modules();

    println!("==================== CONCEPT: documentation only ====================\n");
    let canonical = entities::canonical();
    let docs = concept_markdown(&canonical);
    let excerpt: Vec<&str> = docs.lines().take(40).collect();
    println!("{}\n[...]\n", excerpt.join("\n"));
    match prototype_schema(&modules, &canonical.name) {
        Err(e) => println!("asking the concept stage for SQL: {e}\n"),
        Ok(_) => unreachable!("a concept module has no SQL"),
    }

    println!("==================== PROTOTYPE: each sub-module alone ====================\n");
    for name in ["master-view", "account-management", "service-scheduler"] {
        let schema = prototype_schema(&modules, name).expect("prototype renders");
        let ddl = Postgres.render(&schema).expect("prototype DDL");
        let own: Vec<&str> = modules
            .iter()
            .find(|m| m.name == name)
            .unwrap()
            .tables
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        println!(
            "---- {name}: tables {own:?} (with its dependencies: {} tables) ----",
            schema.tables.len()
        );
        for statement in ddl
            .statements
            .iter()
            .filter(|s| own.iter().any(|t| s.contains(&format!("TABLE \"{t}\""))))
        {
            println!("{statement};\n");
        }
    }

    println!("==================== PRODUCTION: merged, completed, hardened ====================\n");
    let production = hingecraft_platform::project()
        .production()
        .unwrap_or_else(|conflicts| {
            for c in conflicts {
                eprintln!("conflict: {c}");
            }
            std::process::exit(1)
        });
    for table in ACCOUNT_TABLES {
        let ddl = Postgres
            .render_table(&production.schema, table)
            .expect("production DDL");
        println!("---- {table} ----");
        print!("{}", ddl.script());
        println!();
    }

    println!("==================== MERGE AND HARDENING REPORT ====================\n");
    let report = production.report_markdown();
    for line in report
        .lines()
        .filter(|l| ACCOUNT_TABLES.iter().any(|t| l.contains(t)) || l.starts_with('#'))
    {
        println!("{line}");
    }
}
