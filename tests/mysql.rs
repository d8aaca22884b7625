//! The production schema on a real MariaDB (or MySQL) database, rendered by
//! the MySQL dialect: every table built, the same columns as on Postgres
//! and SQLite, keys and checks enforced, and what the backend cannot hold
//! listed, never dropped silently.

use hingecraft::model::{
    Check, CheckKind, Column, ColumnType, DefaultValue, Index, IndexMethod, IndexPart, Literal,
    Schema, Table, Unique,
};
use hingecraft::render::{Dialect, Mysql};
use hingecraft_platform::migration::migrator;
use hingecraft_test_harness::{
    CatalogColumn, mysql_columns, mysql_tables, mysql_test_db, pg_columns, pg_test_db,
    sqlite_columns, sqlite_memory,
};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

async fn run_all(db: &impl ConnectionTrait, statements: &[String]) {
    for sql in statements {
        db.execute_unprepared(sql)
            .await
            .unwrap_or_else(|e| panic!("{e}\n{sql}"));
    }
}

fn shape(cols: Vec<CatalogColumn>) -> Vec<(String, bool, bool)> {
    cols.into_iter()
        .map(|c| (c.name, c.nullable, c.primary_key))
        .collect()
}

#[tokio::test]
async fn every_production_table_has_the_same_columns_on_mariadb_postgres_and_sqlite() {
    let Some(my) = mysql_test_db!() else { return };
    let production = hingecraft_platform::project().production().unwrap().schema;
    let ddl = Mysql.render(&production).unwrap();
    run_all(my.conn(), &ddl.statements).await;

    let mut expected: Vec<String> = production.tables.iter().map(|t| t.name.clone()).collect();
    expected.sort();
    assert_eq!(mysql_tables(my.conn()).await, expected);

    let lite = sqlite_memory().await;
    migrator().up(&lite, None).await.unwrap();
    let Some(pg) = pg_test_db!() else { return };
    migrator().up(pg.conn(), None).await.unwrap();
    for table in &production.tables {
        // Generated columns are Postgres SQL: neither SQLite nor MariaDB has
        // them, and both list them as left out.
        let mut in_pg = shape(pg_columns(pg.conn(), &table.name).await);
        in_pg.retain(|(name, _, _)| table.column(name).is_some_and(|c| c.generated.is_none()));
        let in_my = shape(mysql_columns(my.conn(), &table.name).await);
        let in_lite = shape(sqlite_columns(&lite, &table.name).await);
        assert_eq!(
            in_my, in_pg,
            "columns of `{}` on MariaDB and Postgres",
            table.name
        );
        assert_eq!(
            in_lite, in_pg,
            "columns of `{}` on SQLite and Postgres",
            table.name
        );
        for column in table.columns.iter().filter(|c| c.generated.is_some()) {
            assert!(
                ddl.skipped
                    .iter()
                    .any(|s| s.table() == Some(table.name.as_str())
                        && s.to_string()
                            .contains(&format!("generated column `{}`", column.name))),
                "generated column {}.{} is not listed as left out",
                table.name,
                column.name
            );
        }
    }

    // What MariaDB cannot hold is listed, table by table.
    for table in production.tables.iter().filter(|t| t.rls_enabled) {
        let listed: Vec<String> = ddl
            .skipped
            .iter()
            .filter(|s| s.table() == Some(table.name.as_str()))
            .map(ToString::to_string)
            .collect();
        assert!(
            listed.iter().any(|s| s.contains("row-level security")),
            "{}: {listed:?}",
            table.name
        );
        for policy in &table.policies {
            assert!(
                listed
                    .iter()
                    .any(|s| s.contains(&format!("policy `{}`", policy.name))),
                "{}: {listed:?}",
                table.name
            );
        }
        for trigger in &table.triggers {
            assert!(
                listed
                    .iter()
                    .any(|s| s.contains(&format!("trigger `{}`", trigger.name))),
                "{}: {listed:?}",
                table.name
            );
        }
    }
    for function in &production.functions {
        assert!(
            ddl.skipped.iter().any(|s| s.to_string()
                == format!(
                    "function `{}` (not created: its body is PL/pgSQL or Postgres SQL)",
                    function.name
                )),
            "function {} is not listed",
            function.name
        );
    }

    // And the drop script removes every table, cycles included.
    let drop = Mysql.render_drop(&production).unwrap();
    run_all(my.conn(), &drop.statements).await;
    assert!(mysql_tables(my.conn()).await.is_empty());
    pg.drop_db().await;
    my.drop_db().await;
}

/// A soft-deleted table with a partial unique key, a check, a keyed text
/// column and documented columns.
fn members() -> Schema {
    let mut t = Table::new("members", "fixture");
    t.doc = Some("A member of a club.".into());
    let mut email = Column::new("email", ColumnType::Text);
    email.doc = Some("Login e-mail, unique among members not deleted.".into());
    let mut id = Column::new("id", ColumnType::Uuid);
    id.default = Some(DefaultValue::RandomUuid);
    let mut created = Column::new("created_at", ColumnType::TimestampTz);
    created.default = Some(DefaultValue::Now);
    let mut status = Column::new("status", ColumnType::Varchar { len: 20 });
    status.default = Some(DefaultValue::Literal(Literal::Text("active".into())));
    t.columns = vec![
        id,
        email,
        status,
        Column::new("code", ColumnType::Text),
        created,
        Column::new("deleted_at", ColumnType::TimestampTz).nullable(),
    ];
    t.primary_key = vec!["id".into()];
    t.uniques.push(Unique {
        name: "uq_members_code".into(),
        columns: vec!["code".into()],
    });
    t.indexes.push(Index {
        name: "uq_members_email_live".into(),
        parts: vec![IndexPart::column("email")],
        unique: true,
        method: IndexMethod::Btree,
        predicate: Some(r#""deleted_at" IS NULL"#.into()),
    });
    t.checks.push(Check {
        name: "ck_members_status".into(),
        kind: CheckKind::OneOf {
            column: "status".into(),
            values: vec![
                Literal::Text("active".into()),
                Literal::Text("suspended".into()),
            ],
        },
    });
    Schema::from_tables([t])
}

#[test]
fn the_mysql_ddl_of_a_soft_deleted_table() {
    let ddl = Mysql.render(&members()).unwrap();
    insta::assert_snapshot!(ddl.script());
    let skipped: Vec<String> = ddl.skipped.iter().map(ToString::to_string).collect();
    insta::assert_debug_snapshot!(skipped);
}

async fn count(db: &impl ConnectionTrait, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(DbBackend::MySql, sql.to_owned()))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

#[tokio::test]
async fn a_deleted_row_frees_its_unique_value_and_checks_hold_on_mariadb() {
    let Some(my) = mysql_test_db!() else { return };
    run_all(my.conn(), &Mysql.render(&members()).unwrap().statements).await;
    let db = my.conn();
    db.execute_unprepared("INSERT INTO members (email, code) VALUES ('a@example.com', 'A1')")
        .await
        .unwrap();
    // Defaults: a uuid of 16 bytes, the status, the time.
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM members WHERE length(id) = 16 AND status = 'active' \
             AND created_at > now() - INTERVAL 1 MINUTE"
        )
        .await,
        1
    );
    let duplicate = db
        .execute_unprepared("INSERT INTO members (email, code) VALUES ('a@example.com', 'A2')")
        .await
        .unwrap_err();
    assert!(
        duplicate.to_string().contains("uq_members_email_live"),
        "{duplicate}"
    );
    // Deleted, the row frees its e-mail; it stays unique among live rows.
    db.execute_unprepared("UPDATE members SET deleted_at = now(6)")
        .await
        .unwrap();
    db.execute_unprepared("INSERT INTO members (email, code) VALUES ('a@example.com', 'A2')")
        .await
        .unwrap();
    db.execute_unprepared("INSERT INTO members (email, code) VALUES ('A@example.com', 'A3')")
        .await
        .unwrap(); // byte-wise, as on Postgres: another e-mail
    assert!(
        db.execute_unprepared("INSERT INTO members (email, code) VALUES ('a@example.com', 'A4')")
            .await
            .is_err()
    );
    // A unique constraint without a predicate does not free anything.
    assert!(
        db.execute_unprepared("INSERT INTO members (email, code) VALUES ('b@example.com', 'A1')")
            .await
            .is_err()
    );
    let bad = db
        .execute_unprepared(
            "INSERT INTO members (email, code, status) VALUES ('c@example.com', 'C', 'gone')",
        )
        .await
        .unwrap_err();
    assert!(bad.to_string().contains("ck_members_status"), "{bad}");
    // The helper columns stay out of `SELECT *` and out of the catalog's columns.
    let names: Vec<String> = mysql_columns(db, "members")
        .await
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(
        names,
        ["id", "email", "status", "code", "created_at", "deleted_at"]
    );
    my.drop_db().await;
}

#[test]
fn the_cli_prints_the_mysql_ddl_and_what_it_leaves_out() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hingecraft"))
        .args(["sql", "--backend", "mysql"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("CREATE TABLE `users` ("), "{text}");
    assert!(text.contains("ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;"));
    assert!(
        text.contains(
            "-- left out: table `accounts`: row-level security (MySQL and MariaDB have none"
        ),
        "{text}"
    );
}
