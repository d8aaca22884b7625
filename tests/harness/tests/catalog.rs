//! The catalog readers describe the same table alike on both backends.

use hingecraft_test_harness::{
    CatalogColumn, pg_columns, pg_tables, pg_test_db, sqlite_columns, sqlite_memory, sqlite_tables,
};
use sea_orm::ConnectionTrait;

const DDL: &str = "CREATE TABLE author (
    id integer PRIMARY KEY NOT NULL,
    name varchar(40) NOT NULL,
    bio text,
    rank integer NOT NULL DEFAULT 0
)";

fn column(
    name: &str,
    data_type: &str,
    nullable: bool,
    default: Option<&str>,
    pk: bool,
) -> CatalogColumn {
    CatalogColumn {
        name: name.into(),
        data_type: data_type.into(),
        nullable,
        default: default.map(Into::into),
        primary_key: pk,
    }
}

#[tokio::test]
async fn same_table_reads_alike_on_both_backends() {
    let lite = sqlite_memory().await;
    lite.execute_unprepared(DDL).await.unwrap();
    let lite_columns = sqlite_columns(&lite, "author").await;
    assert_eq!(
        lite_columns,
        [
            column("id", "INTEGER", false, None, true),
            column("name", "varchar(40)", false, None, false),
            column("bio", "TEXT", true, None, false),
            column("rank", "INTEGER", false, Some("0"), false),
        ]
    );
    assert_eq!(sqlite_tables(&lite).await, ["author"]);

    let Some(pg) = pg_test_db!() else { return };
    pg.execute_unprepared(DDL).await.unwrap();
    pg.execute_unprepared("CREATE SCHEMA other; CREATE TABLE other.\"Mixed\" (x bigint)")
        .await
        .unwrap();
    let pg_columns_ = pg_columns(&*pg, "author").await;
    assert_eq!(
        pg_columns_,
        [
            column("id", "integer", false, None, true),
            column("name", "character varying(40)", false, None, false),
            column("bio", "text", true, None, false),
            column("rank", "integer", false, Some("0"), false),
        ]
    );
    let shape = |cols: &[CatalogColumn]| {
        cols.iter()
            .map(|c| (c.name.clone(), c.nullable, c.primary_key, c.default.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&pg_columns_), shape(&lite_columns));
    assert_eq!(pg_tables(&*pg).await, ["author"]);
    assert_eq!(
        pg_columns(&*pg, "other.Mixed").await,
        [column("x", "bigint", true, None, false)]
    );
}

#[tokio::test]
#[should_panic(expected = "table `missing` does not exist")]
async fn missing_sqlite_table_is_reported() {
    let lite = sqlite_memory().await;
    sqlite_columns(&lite, "missing").await;
}
