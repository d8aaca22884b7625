//! Renderer-wide unit tests that need no fixture schema.

use super::{Dialect, Postgres, Sqlite};
use crate::model::{
    Column, ColumnType, Extension, Function, Index, IndexMethod, IndexPart, Policy, PolicyCommand,
    Schema, Table, Unique, Volatility,
};

fn index(name: &str, column: &str) -> Index {
    Index {
        name: name.into(),
        parts: vec![IndexPart::column(column)],
        unique: false,
        method: IndexMethod::Btree,
        predicate: None,
    }
}

#[test]
fn names_and_function_bodies_are_quoted_on_both_backends() {
    let mut table = Table::new("we\"ird", "test");
    table.columns = vec![Column::new("co\"l", ColumnType::Text).doc("it's")];
    table.primary_key = vec!["co\"l".into()];
    table.uniques = vec![Unique {
        name: "uq\"x".into(),
        columns: vec!["co\"l".into()],
    }];
    table.indexes = vec![index("idx\"x", "co\"l")];
    table.policies = vec![Policy {
        name: "p\"x".into(),
        command: PolicyCommand::Select,
        roles: vec!["ro\"le".into()],
        using: Some("true".into()),
        with_check: None,
    }];
    let function = Function {
        name: "dollar\"fn".into(),
        doc: None,
        args: vec![],
        returns: "text".into(),
        language: "sql".into(),
        body: "SELECT '$fn$ costs $1'".into(),
        volatility: Volatility::Immutable,
        security_definer: false,
        search_path: vec![],
    };
    let schema = Schema {
        extensions: vec![Extension {
            name: "uuid-ossp".into(),
            schema: "ext\"s".into(),
            optional: false,
        }],
        functions: vec![function],
        tables: vec![table],
        views: vec![],
    };
    let pg = Postgres.render(&schema).unwrap().script();
    assert_eq!(
        pg,
        [
            r#"CREATE SCHEMA IF NOT EXISTS "ext""s";"#,
            r#"CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA "ext""s";"#,
            r#"CREATE TABLE "we""ird" ( "co""l" text NOT NULL PRIMARY KEY, CONSTRAINT "uq""x" UNIQUE ("co""l") );"#,
            r#"CREATE INDEX "idx""x" ON "we""ird" USING btree ("co""l");"#,
            r#"CREATE OR REPLACE FUNCTION "dollar""fn"() RETURNS text LANGUAGE sql IMMUTABLE AS $fn1$SELECT '$fn$ costs $1'$fn1$;"#,
            r#"CREATE POLICY "p""x" ON "we""ird" AS PERMISSIVE FOR SELECT TO "ro""le" USING (true);"#,
            r#"COMMENT ON COLUMN "we""ird"."co""l" IS 'it''s';"#,
            "",
        ]
        .join("\n")
    );
    let sqlite = Sqlite.render(&schema).unwrap().statements;
    assert_eq!(
        sqlite,
        [
            r#"CREATE TABLE "we""ird" ( "co""l" text NOT NULL PRIMARY KEY, CONSTRAINT "uq""x" UNIQUE ("co""l") )"#,
            r#"CREATE INDEX "idx""x" ON "we""ird" ("co""l")"#,
        ]
    );
}
