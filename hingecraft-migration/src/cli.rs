//! The `migration` command: up, down, status, fresh, refresh, reset and
//! sql, on a default database, with a report of what was used and applied.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use sea_orm_migration::sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};

use crate::runner::{self, Report};
use crate::{DEFAULT_DATABASE_URL, Migration, MigrationError, files, script};

/// Applies the HingeCraft schema to a database.
#[derive(Debug, Parser)]
#[command(name = "migration", version, about)]
pub struct Cli {
    /// Database URL (postgres://... or sqlite://...); default: a SQLite file `hingecraft.db` here.
    #[arg(short = 'u', long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Postgres schema to migrate (search path).
    #[arg(
        short = 's',
        long,
        env = "DATABASE_SCHEMA",
        global = true,
        default_value = "public"
    )]
    pub database_schema: String,

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

/// The URL with its password replaced, fit for printing.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Connects as the runner needs: two connections on Postgres (one holds
/// the migration lock), one on SQLite.
pub async fn connect(url: &str, schema: &str) -> Result<DatabaseConnection, MigrationError> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false);
    if url.starts_with("postgres") {
        options.set_schema_search_path(schema.to_owned());
        options.max_connections(2).min_connections(1);
    } else {
        options.max_connections(1);
    }
    Ok(Database::connect(options).await?)
}

/// Runs the command line; returns the error to print on failure.
pub async fn run(cli: Cli) -> Result<(), MigrationError> {
    let url = cli
        .database_url
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
    let command = cli.command.unwrap_or(Command::Up { num: None });
    if command != Command::Sql {
        println!("database: {}", redact(&url));
    }
    let migrations = match &cli.migrations_dir {
        Some(dir) => files::from_dir(dir)?,
        None => files::embedded()?,
    };
    let db = connect(&url, &cli.database_schema).await?;
    let report = match command {
        Command::Up { num } => runner::up(&db, &migrations, num).await?,
        Command::Down { num } => runner::down(&db, &migrations, Some(num)).await?,
        Command::Reset => runner::down(&db, &migrations, None).await?,
        Command::Refresh => {
            let down = runner::down(&db, &migrations, None).await?;
            let mut up = runner::up(&db, &migrations, None).await?;
            up.rolled_back = down.rolled_back;
            up
        }
        Command::Fresh => {
            runner::drop_everything(&db).await?;
            runner::up(&db, &migrations, None).await?
        }
        Command::Status => {
            for m in runner::status(&db, &migrations).await? {
                let state = if m.applied { "applied" } else { "pending" };
                println!("{state:<9} {}", m.name);
            }
            return Ok(());
        }
        Command::Sql => {
            print!("{}", sql(&db, &migrations).await?);
            return Ok(());
        }
    };
    print_report(&report);
    Ok(())
}

fn print_report(report: &Report) {
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

/// Every migration's up SQL as this server would run it, one script.
async fn sql(db: &DatabaseConnection, migrations: &[Migration]) -> Result<String, MigrationError> {
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    let available = if postgres {
        Some(runner::available_extensions(db).await?)
    } else {
        None
    };
    let mut out = String::new();
    for m in migrations {
        let text = if postgres {
            m.postgres_up()
        } else {
            m.sqlite_up()
        };
        let (run, _) = script::resolve(&script::parse(text), available.as_ref());
        out.push_str(&format!("-- {}\n", m.name));
        for sql in run {
            out.push_str(&sql);
            out.push_str(";\n");
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/x"),
            "postgres://app:***@db:5432/x"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/x"),
            "postgres://postgres@127.0.0.1/x"
        );
        assert_eq!(
            redact("sqlite://hingecraft.db?mode=rwc"),
            "sqlite://hingecraft.db?mode=rwc"
        );
    }
}
