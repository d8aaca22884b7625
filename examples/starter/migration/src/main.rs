//! `cargo run -p starter-migration -- [up|down|status|fresh|refresh|reset|sql]`

fn main() -> std::process::ExitCode {
    hingecraft::migrate::cli::main(starter_migration::PROJECT, starter_migration::migrator())
}
