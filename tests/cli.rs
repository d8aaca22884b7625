//! The `hingecraft` command line, run as a user runs it.

use std::process::{Command, Output};

fn hingecraft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hingecraft"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn sql_of_a_concept_module_is_a_clear_error() {
    let out = hingecraft(&["sql", "--stage", "prototype", "--module", "busm"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("module `busm` is at the concept stage"),
        "{}",
        stderr(&out)
    );
    let out = hingecraft(&["sql", "--stage", "concept", "--module", "busm"]);
    assert!(!out.status.success());
    let out = hingecraft(&["sql", "--stage", "prototype", "--module", "nope"]);
    assert!(
        stderr(&out).contains("no module named `nope`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn sql_of_a_prototype_is_exactly_what_the_module_declares() {
    let out = hingecraft(&["sql", "--stage", "prototype", "--module", "master-view"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sql = stdout(&out);
    assert!(sql.contains("CREATE TABLE \"accounts\" ( \"id\" uuid NOT NULL DEFAULT (gen_random_uuid()) PRIMARY KEY, \"name\" varchar(255), \"type\" varchar(50), \"status\" varchar(50), \"phone\" varchar(20) )"), "{sql}");
    assert!(
        !sql.contains("POLICY") && !sql.contains("TRIGGER"),
        "nothing added at the prototype stage"
    );

    let lite = stdout(&hingecraft(&[
        "sql",
        "--stage",
        "prototype",
        "--module",
        "master-view",
        "--backend",
        "sqlite",
    ]));
    assert!(
        lite.contains("-- left out: table `accounts`: default gen_random_uuid()"),
        "{lite}"
    );
}

#[test]
fn sql_of_production_is_merged_and_hardened() {
    let out = hingecraft(&["sql"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sql = stdout(&out);
    assert!(
        sql.contains("CREATE SCHEMA IF NOT EXISTS \"extensions\""),
        "extensions never land in public"
    );
    assert!(sql.contains("CREATE POLICY \"accounts_owner_or_admin\""));
    assert!(sql.contains("CREATE TRIGGER \"audit_accounts\""));
    let out = hingecraft(&["sql", "--module", "master"]);
    assert!(!out.status.success(), "--module is for prototypes");
}

#[test]
fn report_is_markdown_naming_modules_and_decisions() {
    let out = hingecraft(&["report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("# Merge report"), "{md}");
    assert!(md.contains("Canonical module: `busm`."));
    assert!(md.contains("Declared by modules `account-management`, `busm`, `master-view`."));
    assert!(
        md.contains("# Hardening report"),
        "the hardening report follows"
    );
}

#[test]
fn generated_entities_are_up_to_date() {
    let out = hingecraft(&["generate", "--check"]);
    assert!(
        out.status.success(),
        "run `cargo run -- generate`:\n{}",
        stderr(&out)
    );
}
