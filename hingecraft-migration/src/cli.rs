//! The `migration` command: sea-orm-migration's subcommands, a default
//! database, and a report of what was used and applied.

use clap::{Parser, Subcommand};
use sea_orm_migration::MigratorTrait;
use sea_orm_migration::sea_orm::{ConnectOptions, Database, DbErr};

use crate::{DEFAULT_DATABASE_URL, Migrator};

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

    /// What to do; default: `up`.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands, as sea-orm-migration names them.
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

/// Runs the command line; returns the error to print on failure.
pub async fn run(cli: Cli) -> Result<(), DbErr> {
    let url = cli
        .database_url
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
    println!("database: {}", redact(&url));
    let mut options = ConnectOptions::new(url.clone());
    options.sqlx_logging(false);
    if url.starts_with("postgres") {
        options.set_schema_search_path(cli.database_schema);
    }
    let db = Database::connect(options).await?;
    let before = applied(&db).await?;
    match cli.command.unwrap_or(Command::Up { num: None }) {
        Command::Up { num } => Migrator::up(&db, num).await?,
        Command::Down { num } => Migrator::down(&db, Some(num)).await?,
        Command::Fresh => Migrator::fresh(&db).await?,
        Command::Refresh => Migrator::refresh(&db).await?,
        Command::Reset => Migrator::reset(&db).await?,
        Command::Status => {
            for m in Migrator::get_migration_with_status(&db).await? {
                println!(
                    "{:<9} {}",
                    format!("{:?}", m.status()).to_lowercase(),
                    m.name()
                );
            }
            return Ok(());
        }
    }
    let after = applied(&db).await?;
    let rolled_back: Vec<_> = before.iter().filter(|m| !after.contains(m)).collect();
    let newly: Vec<_> = after.iter().filter(|m| !before.contains(m)).collect();
    for m in &rolled_back {
        println!("rolled back: {m}");
    }
    for m in &newly {
        println!("applied: {m}");
    }
    if !newly.is_empty() {
        for skipped in crate::plan::create(&db).await?.skipped {
            println!("left out: {skipped}");
        }
    }
    if rolled_back.is_empty() && newly.is_empty() {
        println!(
            "nothing to do: {} migration(s) applied, none pending",
            after.len()
        );
    }
    Ok(())
}

async fn applied(
    db: &sea_orm_migration::sea_orm::DatabaseConnection,
) -> Result<Vec<String>, DbErr> {
    Ok(Migrator::get_applied_migrations(db)
        .await?
        .iter()
        .map(|m| m.name().to_owned())
        .collect())
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
