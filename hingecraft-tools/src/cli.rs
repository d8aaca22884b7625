//! The project command line: a team's whole binary is
//!
//! ```ignore
//! fn main() -> std::process::ExitCode {
//!     hingecraft::cli::run(my_schema::project())
//! }
//! ```
//!
//! with the verbs `sql`, `report`, `generate`, `docs`, `verify` and
//! `migrate`. Generated files go where the project's [`Paths`] say,
//! relative to the project root: `--root`, else the `CARGO_MANIFEST_DIR` that
//! cargo sets when it runs the binary (`cargo run`), else the current
//! directory. The default database is the SQLite file `<project name>.db`
//! in the current directory; `DATABASE_URL` or `--database-url` replaces it.
//!
//! A binary with verbs of its own flattens [`Command`] into its own clap
//! enum and hands those to [`execute`].
//!
//! [`Paths`]: hingecraft_schema::Paths

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use hingecraft_runtime::migrate::{self, MigrationSource, Migrator, redact};
use hingecraft_schema::lifecycle::{self, StageError};
use hingecraft_schema::render::{self, Dialect};
use hingecraft_schema::{Production, Project};

use crate::codegen::{self, CodegenOptions};
use crate::docs::{self, DocsInput, Dot};
use crate::files;
use crate::generate;
use crate::verify::{self, VerifyOptions};

/// The command line of a project's tools.
#[derive(Debug, Parser)]
#[command(
    version,
    about = "A project's schema: SQL, reports, generated entities, migrations, docs and verification."
)]
pub struct Cli {
    /// Options every verb takes.
    #[command(flatten)]
    pub options: Options,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every verb takes.
#[derive(Debug, Clone, Default, Args)]
pub struct Options {
    /// The project root the project's paths are relative to (default: the
    /// `CARGO_MANIFEST_DIR` cargo sets when it runs this binary, else the
    /// current directory).
    #[arg(long, global = true, env = "HINGECRAFT_ROOT")]
    pub root: Option<PathBuf>,
}

impl Options {
    /// The project root: `--root`, else `CARGO_MANIFEST_DIR` read when the
    /// binary runs (never a path baked in when it was built), else `.`.
    pub fn root(&self) -> PathBuf {
        self.root
            .clone()
            .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("."))
    }
}

/// The verbs.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Print the DDL of the production schema, or of one module's prototype.
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
    /// Write the production entities and, when the schema changed since the
    /// last migration, the next migration `NNNN_<name>/`.
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
        /// Write the migration even if a column type change rewrites a
        /// table while reads and writes wait (refused otherwise, with the
        /// expand/contract steps that make it online).
        #[arg(long)]
        allow_rewrite: bool,
        /// Replace every migration by a baseline regenerated from the
        /// schema (only while no shared database has applied them).
        #[arg(long, conflicts_with = "check")]
        rebaseline: bool,
    },
    /// Write the entity docs and ER diagrams: Markdown with Mermaid, and
    /// SVG images when Graphviz `dot` is on PATH.
    Docs {
        /// The directory to write into (default: the project's docs directory).
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
        /// SQLite file `<project>.db` here.
        #[arg(short = 'u', long, env = "DATABASE_URL")]
        database_url: Option<String>,
        /// Build the expected schema in a scratch database even when a
        /// cached copy of its catalog exists.
        #[arg(long)]
        no_cache: bool,
    },
    /// Apply the project's migrations (read from its migrations directory).
    Migrate {
        /// Database URL (postgres://... or sqlite://...); default: the
        /// SQLite file `<project>.db` here.
        #[arg(short = 'u', long, env = "DATABASE_URL")]
        database_url: Option<String>,
        /// The longest a statement waits for a table lock on Postgres
        /// before its step is tried again, in milliseconds (default 500).
        #[arg(long, env = "HINGECRAFT_LOCK_TIMEOUT_MS")]
        lock_timeout_ms: Option<u64>,
        /// What to do; default: `up`.
        #[command(subcommand)]
        command: Option<migrate::cli::Command>,
    },
}

/// A lifecycle stage, as `sql --stage` takes it.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StageArg {
    /// Documentation only: no SQL.
    Concept,
    /// One module with its dependencies, as declared.
    Prototype,
    /// Every module merged, completed and hardened.
    Production,
}

/// A backend, as `sql --backend` takes it.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Backend {
    /// PostgreSQL.
    Postgres,
    /// SQLite.
    Sqlite,
    /// MySQL and MariaDB (a new database only: changes are not rendered yet).
    Mysql,
}

/// Parses the process's arguments and runs the verb on `project`.
pub fn run(project: Project) -> ExitCode {
    let cli = Cli::parse();
    execute(&project, &cli.options, cli.command)
}

/// Runs one verb on `project`.
pub fn execute(project: &Project, options: &Options, command: Command) -> ExitCode {
    let root = options.root();
    match command {
        Command::Sql {
            stage,
            module,
            backend,
        } => sql(project, stage, module.as_deref(), backend),
        Command::Report => match production(project) {
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
            allow_rewrite,
            rebaseline,
        } => {
            let p = match production(project) {
                Ok(p) => p,
                Err(code) => return code,
            };
            match entities(project, &p, &root, check) {
                code if code != ExitCode::SUCCESS => code,
                _ => migration(
                    project,
                    &p,
                    &root,
                    check,
                    &name,
                    generate::GenerateOptions::default()
                        .allow_destructive(allow_destructive)
                        .allow_rewrite(allow_rewrite),
                    rebaseline,
                ),
            }
        }
        Command::Docs { out, check } => write_docs(project, &root, out, check),
        Command::Verify {
            database_url,
            no_cache,
        } => verify(project, &root, database_url, no_cache),
        Command::Migrate {
            database_url,
            lock_timeout_ms,
            command,
        } => {
            let url = database_url.unwrap_or_else(|| migrate::default_database_url(&project.name));
            let mut migrator = migrator(project, &root);
            if let Some(ms) = lock_timeout_ms {
                migrator = migrator.with_lock_timeout(std::time::Duration::from_millis(ms));
            }
            let command = command.unwrap_or(migrate::cli::Command::Up { num: None });
            block_on(async {
                match migrate::cli::execute(&migrator, &url, command).await {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => fail(e),
                }
            })
        }
    }
}

/// The project's migrations, read from its migrations directory, with its
/// bookkeeping table and lock.
pub fn migrator(project: &Project, root: &Path) -> Migrator {
    Migrator::new(MigrationSource::directory(
        root.join(&project.paths.migrations),
    ))
    .with_bookkeeping(project.conventions.bookkeeping.clone())
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

fn block_on(work: impl Future<Output = ExitCode>) -> ExitCode {
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt.block_on(work),
        Err(e) => fail(format!("cannot start the async runtime: {e}")),
    }
}

fn production(project: &Project) -> Result<Production, ExitCode> {
    project.production().map_err(|conflicts| {
        for c in &conflicts {
            eprintln!("conflict: {c}");
        }
        fail(format!(
            "{} merge conflict(s): settle each with a resolution in the project description",
            conflicts.len()
        ))
    })
}

fn sql(project: &Project, stage: StageArg, module: Option<&str>, backend: Backend) -> ExitCode {
    let schema = match (stage, module) {
        (StageArg::Production, None) => match production(project) {
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
            return match project.all_modules().iter().find(|x| x.name == m) {
                Some(x) => fail(StageError::ConceptHasNoSql {
                    module: x.name.clone(),
                }),
                None => fail(format!("no module named `{m}`")),
            };
        }
        (StageArg::Prototype, Some(m)) => {
            match lifecycle::prototype_schema(&project.all_modules(), m) {
                Ok(s) => s,
                Err(e) => return fail(e),
            }
        }
    };
    let dialect: Box<dyn Dialect> = match backend {
        Backend::Postgres => Box::new(render::Postgres),
        Backend::Sqlite => Box::new(render::Sqlite),
        Backend::Mysql => Box::new(render::Mysql),
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

/// `generate`'s entity half: the production entities, written or checked.
fn entities(project: &Project, p: &Production, root: &Path, check: bool) -> ExitCode {
    let dir = root.join(&project.paths.entities);
    let options = CodegenOptions {
        crate_path: project.paths.crate_path.clone(),
        docs_dir: project.paths.docs.display().to_string(),
    };
    let generated = codegen::production_entities(&p.schema.tables, &options);
    // The entities directory holds only generated modules.
    let owned = |path: &str| path.ends_with(".rs") && !path.contains('/');
    let changes = match files::sync(&dir, &generated, &owned, check) {
        Ok(changes) => changes,
        Err(e) => return fail(e),
    };
    if check {
        if changes.is_empty() {
            println!("generated files are up to date ({} files)", generated.len());
            return ExitCode::SUCCESS;
        }
        for c in &changes {
            eprintln!("{c}");
        }
        return fail("generated files are stale: run `cargo run -- generate`");
    }
    println!(
        "generated {} files in {} ({} changed or removed)",
        generated.len(),
        dir.display(),
        changes.len()
    );
    ExitCode::SUCCESS
}

/// `generate`'s migration half: the next migration when the production
/// schema changed since the last snapshot, or a check that none is missing.
fn migration(
    project: &Project,
    p: &Production,
    root: &Path,
    check: bool,
    name: &str,
    options: generate::GenerateOptions,
    rebaseline: bool,
) -> ExitCode {
    let dir = root.join(&project.paths.migrations);
    let result = if check {
        generate::check(&dir, &p.schema).map(|()| println!("migrations are up to date"))
    } else if rebaseline {
        generate::rebaseline(&dir, &p.schema)
            .map(|written| println!("regenerated the baseline: {}", written.display()))
    } else {
        generate::next(&dir, &p.schema, name, options).and_then(|next| {
            match next {
                None => {
                    println!("migrations are up to date (the schema matches the last snapshot)")
                }
                Some(migration) => {
                    let written = generate::write(&dir, &migration)?;
                    println!(
                        "wrote migration {} ({} change(s)):",
                        written.display(),
                        migration.changes.len()
                    );
                    for change in &migration.changes {
                        println!("  {change}");
                    }
                    println!("plan (each step with the lock it takes and its hazards):");
                    for step in &migration.plan {
                        println!("  {step}");
                    }
                }
            }
            Ok(())
        })
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

/// `docs`: writes (or checks) the entity docs and ER diagrams.
fn write_docs(project: &Project, root: &Path, out: Option<PathBuf>, check: bool) -> ExitCode {
    let p = match production(project) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let modules = project.all_modules();
    let report = p.report_markdown();
    let input = DocsInput {
        title: project.title(),
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
    let generated = match docs::generate(&input, dot.as_ref()) {
        Ok(files) => files,
        Err(e) => return fail(e),
    };
    let dir = out.unwrap_or_else(|| root.join(&project.paths.docs));
    let svg = dot.is_some();
    if check {
        return match docs::compare(&dir, &generated, svg) {
            Ok(diffs) if diffs.is_empty() => {
                println!("docs are up to date ({} files)", generated.len());
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
    match docs::write(&dir, &generated, svg) {
        Ok(changes) => {
            println!(
                "wrote the docs in {} ({} files, {} changed)",
                dir.display(),
                generated.len(),
                changes.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// Exit 0 when the database holds exactly the expected schema, 1 on drift,
/// 2 when it cannot be verified.
fn verify(
    project: &Project,
    root: &Path,
    database_url: Option<String>,
    no_cache: bool,
) -> ExitCode {
    let url = database_url.unwrap_or_else(|| migrate::default_database_url(&project.name));
    println!("database: {}", redact(&url));
    let mut options =
        VerifyOptions::default().with_extensions_schema(&project.conventions.extensions_schema);
    if no_cache {
        options = options.without_cache();
    }
    let migrator = migrator(project, root);
    block_on(async {
        match verify::verify_with(&url, &migrator, &options).await {
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
    })
}
