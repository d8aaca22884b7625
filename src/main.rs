//! `hingecraft`: the HingeCraft project's command line. The library's verbs
//! (`sql`, `report`, `generate`, `docs`, `verify`, `migrate`) on
//! [`hingecraft_platform::project`], plus `seed`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hingecraft::cli::{self, Options};
use hingecraft::migrate::{default_database_url, redact};
use hingecraft_platform::{migration, project, seed};

/// mimalloc: the lifecycle allocates many small strings, where glibc's
/// malloc and free took about 45% of the instructions (see the lifecycle
/// benchmark of the schema crate).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// HingeCraft schema: DDL, reports, generated entities, migrations, docs and
/// seed data of the HingeCraft platform.
#[derive(Debug, Parser)]
#[command(name = "hingecraft", version, about)]
struct Cli {
    #[command(flatten)]
    options: Options,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(flatten)]
    Schema(cli::Command),
    /// Migrate a database, then fill it with a small deterministic data set.
    Seed {
        /// Database URL; default: the migration command's (`DATABASE_URL`,
        /// else a SQLite file `hingecraft.db` here).
        #[arg(short = 'u', long, env = "DATABASE_URL")]
        database_url: Option<String>,
        /// The seed number: the same number gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Schema(command) => cli::execute(&project(), &cli.options, command),
        Command::Seed { database_url, seed } => seed_command(database_url, seed),
    }
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

/// `seed`: applies pending migrations (the seed data needs the production
/// schema), installs the scope key of the configuration
/// (`HINGECRAFT_SCOPE_KEY_ID`, `HINGECRAFT_SCOPE_KEY`: the role running the
/// migrations owns the key table), then writes the data set of `n` in one
/// transaction under scopes signed with that key.
fn seed_command(database_url: Option<String>, n: u64) -> ExitCode {
    let url = database_url.unwrap_or_else(|| default_database_url(migration::PROJECT));
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    runtime.block_on(async {
        let db = match sea_orm::Database::connect(&url).await {
            Ok(db) => db,
            Err(e) => return fail(format!("cannot connect to {}: {e}", redact(&url))),
        };
        if let Err(e) = migration::migrator().up(&db, None).await {
            return fail(format!("migrating {}: {e}", redact(&url)));
        }
        // The key the database verifies scopes with; the seeder signs with it.
        let key = match hingecraft::query::ScopeKey::from_env() {
            Ok(key) => key,
            Err(e) => return fail(format!("seeding needs the service's scope key: {e}")),
        };
        let settings = &project().conventions.session;
        if let Err(e) = hingecraft::query::install_key(&db, &key, settings).await {
            return fail(format!("installing scope key `{}`: {e}", key.id()));
        }
        match seed::seed(&db, n, &key).await {
            Ok(report) => {
                println!("seeded {} with seed {n}:", redact(&url));
                for (table, rows) in &report.rows {
                    println!("  {table}: {rows}");
                }
                if !report.embeddings {
                    println!("  (no vector column: chunk embeddings left NULL)");
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        }
    })
}
