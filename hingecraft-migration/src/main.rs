//! `cargo run -p migration -- [up|down|status|fresh|refresh|reset]`

use clap::Parser;
use hingecraft_migration::cli::{Cli, run};

#[tokio::main]
async fn main() {
    if let Err(e) = run(Cli::parse()).await {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
