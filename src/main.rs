//! `hingecraft`: the project's command line.

use clap::{Parser, Subcommand, ValueEnum};
use hingecraft::render::{self, Dialect};

/// HingeCraft schema: print the DDL of the declared tables.
#[derive(Debug, Parser)]
#[command(name = "hingecraft", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the DDL of every declared table.
    Sql {
        /// The backend to render for.
        #[arg(long, value_enum, default_value_t = Backend::Postgres)]
        backend: Backend,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Backend {
    Postgres,
    Sqlite,
}

fn main() {
    let cli = Cli::parse();
    match cli.command {
        Command::Sql { backend } => {
            let schema = hingecraft::entities::declared_schema();
            let dialect: Box<dyn Dialect> = match backend {
                Backend::Postgres => Box::new(render::Postgres),
                Backend::Sqlite => Box::new(render::Sqlite),
            };
            match dialect.render(&schema) {
                Ok(ddl) => {
                    for statement in &ddl.statements {
                        println!("{statement};\n");
                    }
                    for skipped in &ddl.skipped {
                        println!("-- left out: {skipped}");
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    std::process::exit(1);
                }
            }
        }
    }
}
