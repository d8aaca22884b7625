//! Catalog readers: the tables and columns a database actually has, in a
//! shape that can be compared across Postgres, SQLite and MySQL/MariaDB.

use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, Value};

/// One column as the database catalog describes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CatalogColumn {
    /// Column name.
    pub name: String,
    /// Postgres: `format_type()` text (`integer`, `character varying(40)`,
    /// `timestamp with time zone`, ...). SQLite: the declared type as `PRAGMA table_info` reports it (it
    /// upper-cases the basic type names: `INTEGER`, `TEXT`, but `varchar(40)`).
    pub data_type: String,
    /// `false` when the column is `NOT NULL`. SQLite reports what was
    /// declared: a primary key column without `NOT NULL` shows as nullable.
    pub nullable: bool,
    /// Default expression as the catalog prints it, if any.
    pub default: Option<String>,
    /// Part of the primary key.
    pub primary_key: bool,
}

const PG_COLUMNS: &str = r#"
SELECT a.attname::text AS name,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       NOT a.attnotnull AS nullable,
       pg_get_expr(d.adbin, d.adrelid) AS "default",
       EXISTS (SELECT 1 FROM pg_index i
               WHERE i.indrelid = a.attrelid AND i.indisprimary
                 AND a.attnum = ANY (i.indkey)) AS primary_key
FROM pg_attribute a
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum"#;

/// Columns of `table` in Postgres, in column order. `table` is a table name
/// looked up through `search_path`, or `schema.table`; names are taken
/// literally (no case folding).
///
/// Panics if the table does not exist or the catalog cannot be read.
pub async fn pg_columns(db: &impl ConnectionTrait, table: &str) -> Vec<CatalogColumn> {
    let regclass = match table.split_once('.') {
        Some((schema, name)) => format!("{}.{}", quote_ident(schema), quote_ident(name)),
        None => quote_ident(table),
    };
    let exists = query(
        db,
        DbBackend::Postgres,
        "SELECT to_regclass($1) IS NOT NULL AS found",
        vec![regclass.clone().into()],
    )
    .await;
    let found: bool = get(&exists[0], "found", table);
    assert!(
        found,
        "table `{table}` does not exist in the Postgres database"
    );

    query(db, DbBackend::Postgres, PG_COLUMNS, vec![regclass.into()])
        .await
        .iter()
        .map(|row| CatalogColumn {
            name: get(row, "name", table),
            data_type: get(row, "data_type", table),
            nullable: get(row, "nullable", table),
            default: get(row, "default", table),
            primary_key: get(row, "primary_key", table),
        })
        .collect()
}

/// Columns of `table` in SQLite (`PRAGMA table_info`), in column order.
///
/// Panics if the table does not exist or the catalog cannot be read.
pub async fn sqlite_columns(db: &impl ConnectionTrait, table: &str) -> Vec<CatalogColumn> {
    let rows = query(
        db,
        DbBackend::Sqlite,
        r#"SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid"#,
        vec![table.into()],
    )
    .await;
    assert!(
        !rows.is_empty(),
        "table `{table}` does not exist in the SQLite database"
    );
    rows.iter()
        .map(|row| CatalogColumn {
            name: get(row, "name", table),
            data_type: get(row, "type", table),
            nullable: get::<i64>(row, "notnull", table) == 0,
            default: get(row, "dflt_value", table),
            primary_key: get::<i64>(row, "pk", table) > 0,
        })
        .collect()
}

/// Columns of `table` in the current MySQL/MariaDB database
/// (`information_schema.columns`), in column order. `data_type` is the
/// column type as the server prints it (`varchar(255)`, `binary(16)`...).
/// Invisible columns are left out, as `SELECT *` leaves them out: they are
/// the server's means (a key over a generated value), not the table's data.
///
/// Panics if the table does not exist or the catalog cannot be read.
pub async fn mysql_columns(db: &impl ConnectionTrait, table: &str) -> Vec<CatalogColumn> {
    let sql = "SELECT CAST(column_name AS CHAR) AS name, CAST(column_type AS CHAR) AS data_type, \
               is_nullable = 'YES' AS nullable, CAST(column_default AS CHAR) AS dflt, \
               column_key = 'PRI' AS pk FROM information_schema.columns \
               WHERE table_schema = DATABASE() AND table_name = ? \
               AND extra NOT LIKE '%INVISIBLE%' ORDER BY ordinal_position";
    let rows = query(db, DbBackend::MySql, sql, vec![table.into()]).await;
    assert!(
        !rows.is_empty(),
        "table `{table}` does not exist in the MySQL database"
    );
    rows.iter()
        .map(|row| CatalogColumn {
            name: get(row, "name", table),
            data_type: get(row, "data_type", table),
            nullable: get::<i64>(row, "nullable", table) != 0,
            // MariaDB writes "no default" of a nullable column as `NULL`.
            default: get::<Option<String>>(row, "dflt", table).filter(|d| d != "NULL"),
            primary_key: get::<i64>(row, "pk", table) != 0,
        })
        .collect()
}

/// Names of the base tables of the current MySQL/MariaDB database, sorted.
pub async fn mysql_tables(db: &impl ConnectionTrait) -> Vec<String> {
    let sql = "SELECT CAST(table_name AS CHAR) AS name FROM information_schema.tables \
               WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1";
    // Sorted here: the catalog's collation does not order by bytes.
    let mut names: Vec<String> = query(db, DbBackend::MySql, sql, vec![])
        .await
        .iter()
        .map(|row| get(row, "name", "information_schema.tables"))
        .collect();
    names.sort();
    names
}

/// Names of the ordinary and partitioned tables in the current schema, sorted.
pub async fn pg_tables(db: &impl ConnectionTrait) -> Vec<String> {
    // Partitions are storage of their parent, not tables of the schema; a
    // partitioned parent is in pg_class (relkind 'p') but not in pg_tables.
    let sql = "SELECT c.relname::text AS name FROM pg_catalog.pg_class c \
               WHERE c.relnamespace = current_schema()::regnamespace \
               AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1";
    query(db, DbBackend::Postgres, sql, vec![])
        .await
        .iter()
        .map(|row| get(row, "name", "pg_tables"))
        .collect()
}

/// Names of the tables in SQLite, without SQLite's internal `sqlite_*` tables, sorted.
pub async fn sqlite_tables(db: &impl ConnectionTrait) -> Vec<String> {
    let sql = "SELECT name FROM sqlite_master \
               WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
    query(db, DbBackend::Sqlite, sql, vec![])
        .await
        .iter()
        .map(|row| get(row, "name", "sqlite_master"))
        .collect()
}

async fn query(
    db: &impl ConnectionTrait,
    backend: DbBackend,
    sql: &str,
    values: Vec<Value>,
) -> Vec<QueryResult> {
    let actual = db.get_database_backend();
    assert_eq!(
        actual, backend,
        "catalog query meant for {backend:?} run on a {actual:?} connection"
    );
    db.query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
        .unwrap_or_else(|e| panic!("catalog query failed: {e}\n{sql}"))
}

fn get<T: sea_orm::TryGetable>(row: &QueryResult, column: &str, table: &str) -> T {
    row.try_get("", column)
        .unwrap_or_else(|e| panic!("reading `{column}` from the catalog of `{table}` failed: {e}"))
}

fn quote_ident(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}
