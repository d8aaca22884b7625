//! `starter`: the starter's command line, the library's verbs (`sql`,
//! `report`, `generate`, `docs`, `verify`, `migrate`) on
//! [`starter::project`].

fn main() -> std::process::ExitCode {
    hingecraft::cli::run(starter::project())
}
