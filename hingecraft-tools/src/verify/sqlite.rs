//! Reading a SQLite database's schema from `sqlite_master` and the pragmas.
//!
//! The table-valued pragma functions (`pragma_table_xinfo`,
//! `pragma_foreign_key_list`, `pragma_index_list`, `pragma_index_info`)
//! joined to `sqlite_master` read every table in one query per kind. SQLite
//! keeps no catalog of checks: the `CREATE TABLE` text is their only
//! record, kept as the table's definition.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement};

use super::VerifyError;
use super::catalog::{
    Catalog, ColumnState, ConstraintKind, ConstraintState, TableState, TriggerState, ViewState,
};

fn table_filter() -> String {
    "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'".to_owned()
}

async fn rows(db: &impl ConnectionTrait, sql: String) -> Result<Vec<QueryResult>, DbErr> {
    db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await
}

fn get<T: sea_orm::TryGetable>(row: &QueryResult, column: &str) -> Result<T, DbErr> {
    row.try_get::<T>("", column)
}

/// Whitespace collapsed: `ALTER TABLE` rewrites parts of the stored text.
fn normalize(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads the schema of the SQLite database `db` is connected to.
pub(crate) async fn introspect(db: &impl ConnectionTrait) -> Result<Catalog, VerifyError> {
    read(db).await.map_err(VerifyError::introspect)
}

async fn read(db: &impl ConnectionTrait) -> Result<Catalog, DbErr> {
    let mut catalog = Catalog::default();
    let filter = table_filter();
    for row in rows(
        db,
        format!("SELECT m.name, m.sql FROM sqlite_master m WHERE {filter}"),
    )
    .await?
    {
        let sql: Option<String> = get(&row, "sql")?;
        let table = TableState {
            definition: sql.as_deref().map(normalize),
            ..TableState::default()
        };
        catalog.tables.insert(get(&row, "name")?, table);
    }
    columns(db, &filter, &mut catalog).await?;
    foreign_keys(db, &filter, &mut catalog).await?;
    indexes(db, &filter, &mut catalog).await?;
    for row in rows(
        db,
        "SELECT m.type, m.name, m.tbl_name, m.sql FROM sqlite_master m \
          WHERE m.type IN ('view', 'trigger')"
            .into(),
    )
    .await?
    {
        let (kind, name): (String, String) = (get(&row, "type")?, get(&row, "name")?);
        let sql = normalize(&get::<Option<String>>(&row, "sql")?.unwrap_or_default());
        if kind == "view" {
            let view = ViewState {
                materialized: false,
                definition: sql,
                indexes: BTreeMap::new(),
            };
            catalog.views.insert(name, view);
        } else if let Some(t) = catalog.tables.get_mut(&get::<String>(&row, "tbl_name")?) {
            let trigger = TriggerState {
                definition: sql,
                enabled: true,
            };
            t.triggers.insert(name, trigger);
        }
    }
    Ok(catalog)
}

async fn columns(
    db: &impl ConnectionTrait,
    filter: &str,
    catalog: &mut Catalog,
) -> Result<(), DbErr> {
    // `hidden` is 2 or 3 for generated columns; their expression is only in
    // the table's text, which the definition comparison covers.
    let sql = format!(
        "SELECT m.name AS tbl, p.name, p.type, p.\"notnull\" AS not_null, p.dflt_value, \
                p.pk, p.hidden \
           FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE {filter}"
    );
    for row in rows(db, sql).await? {
        let table: String = get(&row, "tbl")?;
        let hidden: i64 = get(&row, "hidden")?;
        let column = ColumnState {
            // Declared types are case-insensitive; the pragma echoes them as written.
            ty: get::<String>(&row, "type")?.to_lowercase(),
            // A primary key column of a rowid table may hold NULL in SQLite,
            // but the renderer declares it NOT NULL; pragma reports the flag.
            nullable: get::<i64>(&row, "not_null")? == 0,
            default: get(&row, "dflt_value")?,
            generated: (hidden == 2 || hidden == 3).then(|| "(see table definition)".to_owned()),
        };
        if let Some(t) = catalog.tables.get_mut(&table) {
            t.columns.insert(get(&row, "name")?, column);
        }
    }
    Ok(())
}

/// Foreign keys have no name in SQLite's catalog: each is keyed by its
/// columns (`foreign key (owner_id)`).
async fn foreign_keys(
    db: &impl ConnectionTrait,
    filter: &str,
    catalog: &mut Catalog,
) -> Result<(), DbErr> {
    let sql = format!(
        "SELECT m.name AS tbl, f.id, f.seq, f.\"table\" AS target, f.\"from\" AS src, \
                f.\"to\" AS dst, f.on_update, f.on_delete \
           FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE {filter} \
          ORDER BY m.name, f.id, f.seq"
    );
    // (table, id) -> (from columns, target, to columns, on update, on delete)
    type Key = (Vec<String>, String, Vec<String>, String, String);
    let mut keys: BTreeMap<(String, i64), Key> = BTreeMap::new();
    for row in rows(db, sql).await? {
        let entry = keys
            .entry((get(&row, "tbl")?, get(&row, "id")?))
            .or_default();
        entry.0.push(get(&row, "src")?);
        entry.1 = get(&row, "target")?;
        entry
            .2
            .push(get::<Option<String>>(&row, "dst")?.unwrap_or_default());
        entry.3 = get(&row, "on_update")?;
        entry.4 = get(&row, "on_delete")?;
    }
    for ((table, _), (from, target, to, on_update, on_delete)) in keys {
        let name = format!("foreign key ({})", from.join(", "));
        let definition = format!(
            "FOREIGN KEY ({}) REFERENCES {target}({}) ON UPDATE {on_update} ON DELETE {on_delete}",
            from.join(", "),
            to.join(", ")
        );
        if let Some(t) = catalog.tables.get_mut(&table) {
            let kind = ConstraintKind::ForeignKey;
            t.constraints
                .insert(name, ConstraintState { kind, definition });
        }
    }
    Ok(())
}

/// Explicit indexes are compared by their `CREATE INDEX` text (partial and
/// expression ones included); the automatic ones behind a primary key or a
/// unique constraint by their columns.
async fn indexes(
    db: &impl ConnectionTrait,
    filter: &str,
    catalog: &mut Catalog,
) -> Result<(), DbErr> {
    let sql = format!(
        "SELECT m.name AS tbl, il.name, il.\"unique\" AS uniq, il.origin, s.sql, \
                (SELECT group_concat(COALESCE(ii.name, '<expr>'), ', ') \
                   FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno) ii) AS cols \
           FROM sqlite_master m JOIN pragma_index_list(m.name) il \
           LEFT JOIN sqlite_master s ON s.type = 'index' AND s.name = il.name \
          WHERE {filter}"
    );
    for row in rows(db, sql).await? {
        let table: String = get(&row, "tbl")?;
        let definition = match get::<Option<String>>(&row, "sql")? {
            Some(sql) => normalize(&sql),
            None => format!(
                "{}({}) [{}]",
                if get::<i64>(&row, "uniq")? == 1 {
                    "UNIQUE "
                } else {
                    ""
                },
                get::<Option<String>>(&row, "cols")?.unwrap_or_default(),
                get::<String>(&row, "origin")?,
            ),
        };
        if let Some(t) = catalog.tables.get_mut(&table) {
            t.indexes.insert(get(&row, "name")?, definition);
        }
    }
    Ok(())
}
