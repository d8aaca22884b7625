//! The `migration` command of a project: up, down, status, fresh, refresh,
//! reset and sql, on a default database, with a report of what was used and
//! applied.

use std::path::PathBuf;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

use super::{MigrationError, MigrationSource, Migrator, Report, default_database_url, redact};

/// Applies a project's migrations to a database.
#[derive(Debug, Parser)]
#[command(name = "migration", version, about)]
pub struct Cli {
    /// Database URL (postgres://... or sqlite://...); default: a SQLite
    /// file named after the project here (`<project>.db`).
    #[arg(short = 'u', long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// The longest a statement waits for a table lock on Postgres before
    /// its step is tried again, in milliseconds (default 500). Migrations
    /// create their objects in the schemas their snapshot names (each file
    /// sets its `search_path`), so there is no schema option: a second
    /// copy of a schema is a second database.
    #[arg(long, env = "HINGECRAFT_LOCK_TIMEOUT_MS", global = true)]
    pub lock_timeout_ms: Option<u64>,

    /// Read migrations from this directory instead of those built in.
    #[arg(long, global = true)]
    pub migrations_dir: Option<PathBuf>,

    /// What to do; default: `up`.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Clone, Subcommand, PartialEq, Eq)]
pub enum Command {
    /// Apply pending migrations.
    Up {
        /// How many to apply (default: all).
        #[arg(short, long)]
        num: Option<u32>,
    },
    /// Roll back applied migrations.
    Down {
        /// How many to roll back.
        #[arg(short, long, default_value_t = 1)]
        num: u32,
    },
    /// Show which migrations are applied.
    Status,
    /// Drop every table of the database, then apply every migration.
    Fresh,
    /// Roll back every applied migration, then apply them all again.
    Refresh,
    /// Roll back every applied migration.
    Reset,
    /// Print the SQL of every migration for this database's server (optional
    /// extensions resolved), as `up` on an empty database would run it.
    Sql,
}

/// Connects as the runner needs: one connection, which holds the
/// migration lock and runs the migrations.
pub async fn connect(url: &str) -> Result<DatabaseConnection, MigrationError> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .max_connections(1)
        .min_connections(1);
    Ok(Database::connect(options).await?)
}

/// Runs one command against a database, printing what it did.
///
/// # Errors
/// The connection fails, or the runner does.
pub async fn execute(
    migrator: &Migrator,
    url: &str,
    command: Command,
) -> Result<(), MigrationError> {
    if command != Command::Sql {
        println!("database: {}", redact(url));
    }
    // Unreadable migrations fail before the connection, which would create
    // an empty SQLite file.
    migrator.migrations()?;
    let db = connect(url).await?;
    let report = match command {
        Command::Up { num } => migrator.up(&db, num).await?,
        Command::Down { num } => migrator.down(&db, Some(num)).await?,
        Command::Reset => migrator.reset(&db).await?,
        Command::Refresh => migrator.refresh(&db).await?,
        Command::Fresh => migrator.fresh(&db).await?,
        Command::Status => {
            for m in migrator.status(&db).await? {
                let state = if m.applied { "applied" } else { "pending" };
                match m.partial {
                    Some((done, total)) => println!(
                        "{state:<9} {} ({done} of {total} steps {})",
                        m.name,
                        if m.applied { "rolled back" } else { "applied" }
                    ),
                    None => println!("{state:<9} {}", m.name),
                }
            }
            return Ok(());
        }
        Command::Sql => {
            print!("{}", migrator.sql(&db).await?);
            return Ok(());
        }
    };
    print_report(&report);
    Ok(())
}

/// Runs the command line of project `project` (its default database is the
/// SQLite file `<project>.db` here); returns the error to print on failure.
///
/// # Errors
/// As [`execute`].
pub async fn run(cli: Cli, project: &str, migrator: Migrator) -> Result<(), MigrationError> {
    let url = cli
        .database_url
        .unwrap_or_else(|| default_database_url(project));
    let command = cli.command.unwrap_or(Command::Up { num: None });
    let mut migrator = match &cli.migrations_dir {
        Some(dir) => Migrator::new(MigrationSource::directory(dir))
            .with_bookkeeping(migrator.bookkeeping().clone())
            .with_lock_policy(migrator.lock_policy()),
        None => migrator,
    };
    if let Some(ms) = cli.lock_timeout_ms {
        migrator = migrator.with_lock_timeout(std::time::Duration::from_millis(ms));
    }
    execute(&migrator, &url, command).await
}

/// The whole `migration` binary of a project: parses the arguments, runs
/// the command, prints an error and exits 1 on failure.
///
/// ```ignore
/// // migration/src/main.rs
/// use hingecraft_runtime::migrate::{Migrator, cli};
///
/// fn main() -> std::process::ExitCode {
///     cli::main("starter", Migrator::new(hingecraft_runtime::embed_migrations!("migrations")))
/// }
/// ```
pub fn main(project: &str, migrator: Migrator) -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli, project, migrator)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print_report(report: &Report) {
    for r in &report.lock_retries {
        println!("lock: {r}");
    }
    for n in &report.notes {
        println!("note: {n}");
    }
    for m in &report.rolled_back {
        println!("rolled back: {m}");
    }
    for m in &report.applied {
        println!("applied: {m}");
    }
    for l in &report.left_out {
        println!("left out: {l}");
    }
    if report.rolled_back.is_empty() && report.applied.is_empty() {
        println!(
            "nothing to do: {} migration(s) applied, none pending",
            report.total_applied
        );
    }
}
