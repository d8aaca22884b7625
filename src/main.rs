//! `hingecraft`: the project's command line.
//!
//! - `sql --stage prototype|production [--module M] [--backend postgres|sqlite]`: print DDL;
//! - `report`: the merge and hardening report, as Markdown;
//! - `generate [--check] [--name N] [--allow-destructive] [--rebaseline]`: write (or
//!   check) the production entities and the next migration;
//! - `seed [--database-url URL] [--seed N]`: fill a database with seed data;
//! - `docs [--out DIR] [--check]`: write (or check) the entity docs and ER diagrams;
//! - `verify [--database-url URL] [--no-cache]`: compare a live database with the schema
//!   its migrations should have produced (exit 1 on drift).

mod codegen;
mod migrations;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use hingecraft::docs::{self, DocsInput, Dot};
use hingecraft::lifecycle::{self, StageError};
use hingecraft::render::{self, Dialect};
use hingecraft::{entities, migration};

/// HingeCraft schema: DDL, reports and generated entities of the HingeCraft schema.
#[derive(Debug, Parser)]
#[command(name = "hingecraft", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the DDL of a stage.
    Sql {
        /// Which stage: a module's prototype, or the merged production schema.
        #[arg(long, value_enum, default_value_t = StageArg::Production)]
        stage: StageArg,
        /// The module (prototype stage only).
        #[arg(long)]
        module: Option<String>,
        /// The backend to render for.
        #[arg(long, value_enum, default_value_t = Backend::Postgres)]
        backend: Backend,
    },
    /// Print the merge and hardening report as Markdown.
    Report,
    /// Write the production entities (hingecraft-entities/src/production/)
    /// and, when the schema changed, the next migration
    /// (hingecraft-migration/migrations/NNNN_<name>/).
    Generate {
        /// Write nothing; fail if a generated file is stale or a migration is missing.
        #[arg(long)]
        check: bool,
        /// The name of the new migration, if one is written.
        #[arg(long, default_value = "schema_change")]
        name: String,
        /// Write the migration even if a change deletes data.
        #[arg(long)]
        allow_destructive: bool,
        /// Replace every migration by a baseline regenerated from the schema.
        #[arg(long, conflicts_with = "check")]
        rebaseline: bool,
    },
    /// Migrate a database, then fill it with a small deterministic data set.
    Seed {
        /// Database URL; default: the migration command's (`DATABASE_URL`, else a SQLite file `hingecraft.db` here).
        #[arg(short = 'u', long, env = "DATABASE_URL")]
        database_url: Option<String>,
        /// The seed number: the same number gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write the entity docs and ER diagrams (docs/): Markdown with Mermaid,
    /// and SVG images when Graphviz `dot` is on PATH.
    Docs {
        /// The directory to write into (default: the workspace's docs/).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write nothing; fail if a file differs. Without `dot`, only the
        /// Markdown is compared.
        #[arg(long)]
        check: bool,
    },
    /// Compare a live database with the schema its migrations should have
    /// produced: counts, then every difference; exit 1 on drift.
    Verify {
        /// Database URL (postgres://... or sqlite://...); default: the
        /// migrator's, a SQLite file `hingecraft.db` here.
        #[arg(short = 'u', long, env = "DATABASE_URL")]
        database_url: Option<String>,
        /// Build the expected schema in a scratch database even when a
        /// cached copy of its catalog exists.
        #[arg(long)]
        no_cache: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum StageArg {
    Concept,
    Prototype,
    Production,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Backend {
    Postgres,
    Sqlite,
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

fn production() -> Result<entities::Production, ExitCode> {
    entities::production().map_err(|conflicts| {
        for c in &conflicts {
            eprintln!("conflict: {c}");
        }
        fail(format!(
            "{} merge conflict(s); add resolutions in hingecraft-entities",
            conflicts.len()
        ))
    })
}

/// mimalloc: the lifecycle allocates many small strings, where glibc's
/// malloc and free took about 45% of the instructions (see the lifecycle
/// benchmark of the schema crate).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Sql {
            stage,
            module,
            backend,
        } => sql(stage, module.as_deref(), backend),
        Command::Report => match production() {
            Ok(p) => {
                print!("{}", p.report_markdown());
                ExitCode::SUCCESS
            }
            Err(code) => code,
        },
        Command::Generate {
            check,
            name,
            allow_destructive,
            rebaseline,
        } => {
            let args = migrations::MigrationArgs {
                name,
                allow_destructive,
                rebaseline,
            };
            match generate(check) {
                code if code != ExitCode::SUCCESS => code,
                _ => generate_migration(check, &args),
            }
        }
        Command::Seed { database_url, seed } => seed_command(database_url, seed),
        Command::Docs { out, check } => write_docs(out, check),
        Command::Verify {
            database_url,
            no_cache,
        } => verify(database_url.as_deref(), no_cache),
    }
}

fn sql(stage: StageArg, module: Option<&str>, backend: Backend) -> ExitCode {
    let schema = match (stage, module) {
        (StageArg::Production, None) => match production() {
            Ok(p) => p.schema,
            Err(code) => return code,
        },
        (StageArg::Production, Some(_)) => {
            return fail(
                "--module applies to the prototype stage; production is every module merged",
            );
        }
        (StageArg::Prototype | StageArg::Concept, None) => {
            return fail("--module is required for this stage");
        }
        (StageArg::Concept, Some(m)) => {
            let modules = entities::all_modules();
            return match modules.iter().find(|x| x.name == m) {
                Some(x) => fail(StageError::ConceptHasNoSql {
                    module: x.name.clone(),
                }),
                None => fail(format!("no module named `{m}`")),
            };
        }
        (StageArg::Prototype, Some(m)) => {
            match lifecycle::prototype_schema(&entities::all_modules(), m) {
                Ok(s) => s,
                Err(e) => return fail(e),
            }
        }
    };
    let dialect: Box<dyn Dialect> = match backend {
        Backend::Postgres => Box::new(render::Postgres),
        Backend::Sqlite => Box::new(render::Sqlite),
    };
    match dialect.render(&schema) {
        Ok(ddl) => {
            print!("{}", ddl.script());
            for skipped in &ddl.skipped {
                println!("-- left out: {skipped}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// The migration half of `generate` (see `migrations.rs`).
fn generate_migration(check: bool, args: &migrations::MigrationArgs) -> ExitCode {
    let p = match production() {
        Ok(p) => p,
        Err(code) => return code,
    };
    let result = if check {
        migrations::check(&p.schema)
    } else {
        migrations::write(&p.schema, args)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn production_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("hingecraft-entities/src/production")
}

fn generate(check: bool) -> ExitCode {
    let p = match production() {
        Ok(p) => p,
        Err(code) => return code,
    };
    let dir = production_dir();
    let files = codegen::production_entities(&p.schema.tables);
    let mut stale = Vec::new();
    for f in &files {
        let path = dir.join(&f.name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(f.text.as_str()) {
            stale.push(path);
        }
    }
    // Files of tables that no longer exist.
    let wanted: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    let extra: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
                .filter(|p| !wanted.contains(&p.file_name().and_then(|n| n.to_str()).unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();
    if check {
        if stale.is_empty() && extra.is_empty() {
            println!("generated files are up to date ({} files)", files.len());
            return ExitCode::SUCCESS;
        }
        for p in &stale {
            eprintln!("stale: {}", p.display());
        }
        for p in &extra {
            eprintln!("no longer generated: {}", p.display());
        }
        return fail("generated files are stale: run `cargo run -- generate`");
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return fail(format!("cannot create {}: {e}", dir.display()));
    }
    for f in &files {
        let path = dir.join(&f.name);
        if stale.contains(&path)
            && let Err(e) = std::fs::write(&path, &f.text)
        {
            return fail(format!("cannot write {}: {e}", path.display()));
        }
    }
    for p in &extra {
        if let Err(e) = std::fs::remove_file(p) {
            return fail(format!("cannot remove {}: {e}", p.display()));
        }
    }
    println!(
        "generated {} files in {} ({} changed, {} removed)",
        files.len(),
        dir.display(),
        stale.len(),
        extra.len()
    );
    ExitCode::SUCCESS
}

/// `seed`: applies pending migrations (the seed data needs the production
/// schema), then writes the data set of `n` in one transaction.
fn seed_command(database_url: Option<String>, n: u64) -> ExitCode {
    use hingecraft::migration::{DEFAULT_DATABASE_URL, Migrator, cli::redact};
    let url = database_url.unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    runtime.block_on(async {
        let db = match sea_orm::Database::connect(&url).await {
            Ok(db) => db,
            Err(e) => return fail(format!("cannot connect to {}: {e}", redact(&url))),
        };
        if let Err(e) = Migrator::up(&db, None).await {
            return fail(format!("migrating {}: {e}", redact(&url)));
        }
        match hingecraft::seed::seed(&db, n).await {
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

/// `docs`: writes (or checks) the entity docs and ER diagrams.
fn write_docs(out: Option<PathBuf>, check: bool) -> ExitCode {
    let p = match production() {
        Ok(p) => p,
        Err(code) => return code,
    };
    let modules = entities::all_modules();
    let report = p.report_markdown();
    let input = DocsInput {
        schema: &p.schema,
        modules: &modules,
        report: &report,
    };
    let dot = Dot::find();
    if dot.is_none() {
        eprintln!(
            "note: Graphviz `dot` is not on PATH: SVG images are neither written nor checked"
        );
    }
    let files = match docs::generate(&input, dot.as_ref()) {
        Ok(files) => files,
        Err(e) => return fail(e),
    };
    let dir = out.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("docs"));
    let svg = dot.is_some();
    if check {
        return match docs::files::compare(&dir, &files, svg) {
            Ok(diffs) if diffs.is_empty() => {
                println!("docs are up to date ({} files)", files.len());
                ExitCode::SUCCESS
            }
            Ok(diffs) => {
                for d in &diffs {
                    eprintln!("{d}");
                }
                fail(format!(
                    "{} file(s) in {} do not match the schema: run `cargo run -- docs`",
                    diffs.len(),
                    dir.display()
                ))
            }
            Err(e) => fail(e),
        };
    }
    match docs::files::write(&dir, &files, svg) {
        Ok(changes) => {
            println!(
                "wrote the docs in {} ({} files, {} changed)",
                dir.display(),
                files.len(),
                changes.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// Exit 0 when the database holds exactly the expected schema, 1 on drift,
/// 2 when it cannot be verified.
fn verify(database_url: Option<&str>, no_cache: bool) -> ExitCode {
    let url = database_url.unwrap_or(migration::DEFAULT_DATABASE_URL);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    println!("database: {}", migration::cli::redact(url));
    let mut options = migration::verify::VerifyOptions::default();
    if no_cache {
        options = options.without_cache();
    }
    match runtime.block_on(migration::verify::verify_with(url, &options)) {
        Ok(report) => {
            print!("{report}");
            if report.is_clean() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
