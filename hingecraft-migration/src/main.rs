//! `cargo run -p migration -- [up|down|status|fresh|refresh|reset|sql]`

fn main() -> std::process::ExitCode {
    hingecraft::migrate::cli::main(
        hingecraft_migration::PROJECT,
        hingecraft_migration::migrator(),
    )
}
