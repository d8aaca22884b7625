//! Reading a Postgres database's schema from `pg_catalog`.
//!
//! One query per kind of object, each over the whole database, all in one
//! read-only transaction (a consistent snapshot, and a `search_path` fixed
//! for the `pg_get_*def` functions, which qualify names by it). Definitions
//! are Postgres's own canonical text (`pg_get_indexdef`,
//! `pg_get_constraintdef`, `pg_get_expr`, `pg_get_triggerdef`,
//! `pg_get_viewdef`), so two databases built from the same DDL print the
//! same text.
//!
//! What is read: every schema but the system ones, leaving out objects that
//! belong to an extension (an extension's own tables and functions are the
//! extension's, not the schema's) and the migrator's bookkeeping tables.

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, QueryResult,
    Statement, TransactionTrait,
};

use super::VerifyError;
use super::catalog::{
    Catalog, ColumnState, ConstraintKind, ConstraintState, FunctionState, PolicyState, Rls,
    TableState, TriggerState, ViewState,
};

/// Relations of the schema: not in a system schema, not an extension's.
fn relation_filter(alias: &str) -> String {
    format!(
        "n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\\_%' \
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass \
                         AND d.objid = {alias}.oid AND d.deptype = 'e')"
    )
}

/// `name` in `public`, `schema.name` elsewhere.
fn qualified(ns: &str, name: &str) -> String {
    format!("CASE WHEN {ns} = 'public' THEN {name}::text ELSE {ns} || '.' || {name} END")
}

async fn rows(tx: &DatabaseTransaction, sql: String) -> Result<Vec<QueryResult>, DbErr> {
    tx.query_all_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
}

fn get<T: sea_orm::TryGetable>(row: &QueryResult, column: &str) -> Result<T, DbErr> {
    row.try_get::<T>("", column)
}

/// Reads the schema of the database `db` is connected to, resolving names
/// with `search_path` (the migrations' own).
pub(crate) async fn introspect(
    db: &DatabaseConnection,
    search_path: &str,
) -> Result<Catalog, VerifyError> {
    let tx = db.begin().await.map_err(VerifyError::introspect)?;
    let catalog = read(&tx, search_path)
        .await
        .map_err(VerifyError::introspect)?;
    tx.rollback().await.map_err(VerifyError::introspect)?;
    Ok(catalog)
}

async fn read(tx: &DatabaseTransaction, search_path: &str) -> Result<Catalog, DbErr> {
    tx.execute_unprepared("SET TRANSACTION READ ONLY").await?;
    // The migrations' search path: extension types resolve as they do there.
    tx.execute_unprepared(&format!("SET LOCAL search_path TO {search_path}"))
        .await?;
    let mut catalog = Catalog::default();
    for row in rows(
        tx,
        "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'".into(),
    )
    .await?
    {
        catalog.extensions.insert(get(&row, "extname")?);
    }
    relations(tx, &mut catalog).await?;
    columns(tx, &mut catalog).await?;
    constraints(tx, &mut catalog).await?;
    indexes(tx, &mut catalog).await?;
    policies(tx, &mut catalog).await?;
    triggers(tx, &mut catalog).await?;
    functions(tx, &mut catalog).await?;
    Ok(catalog)
}

/// Tables (with their RLS flags and partitioning), partitions and views.
async fn relations(tx: &DatabaseTransaction, catalog: &mut Catalog) -> Result<(), DbErr> {
    let sql = format!(
        "SELECT {name} AS name, c.relkind::text AS kind, c.relrowsecurity AS rls, \
                c.relforcerowsecurity AS forced, \
                CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key, \
                (SELECT {parent} FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent \
                   JOIN pg_namespace pn ON pn.oid = pc.relnamespace \
                  WHERE i.inhrelid = c.oid AND c.relispartition) AS parent, \
                CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound, \
                CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS view \
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
          WHERE c.relkind IN ('r', 'p', 'v', 'm') AND {filter}",
        name = qualified("n.nspname", "c.relname"),
        parent = qualified("pn.nspname", "pc.relname"),
        filter = relation_filter("c"),
    );
    let mut partitions = Vec::new();
    for row in rows(tx, sql).await? {
        let name: String = get(&row, "name")?;
        let kind: String = get(&row, "kind")?;
        if let Some(parent) = get::<Option<String>>(&row, "parent")? {
            let bound: Option<String> = get(&row, "bound")?;
            partitions.push((parent, name, bound.unwrap_or_default()));
            continue;
        }
        match kind.as_str() {
            "v" | "m" => {
                catalog.views.insert(
                    name,
                    ViewState {
                        materialized: kind == "m",
                        definition: get::<Option<String>>(&row, "view")?.unwrap_or_default(),
                        indexes: Default::default(),
                    },
                );
            }
            _ => {
                let table = TableState {
                    rls: Some(Rls {
                        enabled: get(&row, "rls")?,
                        forced: get(&row, "forced")?,
                    }),
                    partition_key: get(&row, "partition_key")?,
                    ..TableState::default()
                };
                catalog.tables.insert(name, table);
            }
        }
    }
    for (parent, name, bound) in partitions {
        if let Some(t) = catalog.tables.get_mut(&parent) {
            t.partitions.insert(name, bound);
        }
    }
    Ok(())
}

/// The tables' own relations: plain and partitioned, partitions left out
/// (their columns, keys and indexes are the parent's).
fn table_filter(alias: &str) -> String {
    format!(
        "{alias}.relkind IN ('r', 'p') AND NOT {alias}.relispartition AND {}",
        relation_filter(alias)
    )
}

async fn columns(tx: &DatabaseTransaction, catalog: &mut Catalog) -> Result<(), DbErr> {
    let sql = format!(
        "SELECT {name} AS tbl, a.attname::text AS name, \
                format_type(a.atttypid, a.atttypmod) AS ty, a.attnotnull AS not_null, \
                pg_get_expr(d.adbin, d.adrelid) AS expr, a.attgenerated::text AS generated \
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
           JOIN pg_namespace n ON n.oid = c.relnamespace \
           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
          WHERE a.attnum > 0 AND NOT a.attisdropped AND {filter}",
        name = qualified("n.nspname", "c.relname"),
        filter = table_filter("c"),
    );
    for row in rows(tx, sql).await? {
        let table: String = get(&row, "tbl")?;
        let expr: Option<String> = get(&row, "expr")?;
        let generated = get::<String>(&row, "generated")? == "s";
        let column = ColumnState {
            ty: get(&row, "ty")?,
            nullable: !get::<bool>(&row, "not_null")?,
            default: if generated { None } else { expr.clone() },
            generated: if generated { expr } else { None },
        };
        if let Some(t) = catalog.tables.get_mut(&table) {
            t.columns.insert(get(&row, "name")?, column);
        }
    }
    Ok(())
}

async fn constraints(tx: &DatabaseTransaction, catalog: &mut Catalog) -> Result<(), DbErr> {
    // NOT NULL constraints (contype 'n', Postgres 18) are the columns' nullability.
    let sql = format!(
        "SELECT {name} AS tbl, con.conname::text AS name, con.contype::text AS kind, \
                pg_get_constraintdef(con.oid) AS def \
           FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid \
           JOIN pg_namespace n ON n.oid = c.relnamespace \
          WHERE con.contype <> 'n' AND {filter}",
        name = qualified("n.nspname", "c.relname"),
        filter = table_filter("c"),
    );
    for row in rows(tx, sql).await? {
        let table: String = get(&row, "tbl")?;
        let kind = match get::<String>(&row, "kind")?.as_str() {
            "p" => ConstraintKind::PrimaryKey,
            "f" => ConstraintKind::ForeignKey,
            "u" => ConstraintKind::Unique,
            "c" => ConstraintKind::Check,
            "x" => ConstraintKind::Exclusion,
            _ => ConstraintKind::Other,
        };
        let state = ConstraintState {
            kind,
            definition: get(&row, "def")?,
        };
        if let Some(t) = catalog.tables.get_mut(&table) {
            t.constraints.insert(get(&row, "name")?, state);
        }
    }
    Ok(())
}

async fn indexes(tx: &DatabaseTransaction, catalog: &mut Catalog) -> Result<(), DbErr> {
    let sql = format!(
        "SELECT {name} AS tbl, ic.relname::text AS name, pg_get_indexdef(i.indexrelid) AS def \
           FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid \
           JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
          WHERE c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition AND {filter}",
        name = qualified("n.nspname", "c.relname"),
        filter = relation_filter("c"),
    );
    for row in rows(tx, sql).await? {
        let relation: String = get(&row, "tbl")?;
        let (name, def): (String, String) = (get(&row, "name")?, get(&row, "def")?);
        if let Some(t) = catalog.tables.get_mut(&relation) {
            t.indexes.insert(name, def);
        } else if let Some(v) = catalog.views.get_mut(&relation) {
            v.indexes.insert(name, def);
        }
    }
    Ok(())
}

async fn policies(tx: &DatabaseTransaction, catalog: &mut Catalog) -> Result<(), DbErr> {
    let sql = format!(
        "SELECT {name} AS tbl, p.policyname::text AS name, p.cmd, p.permissive, \
                array_to_string(ARRAY(SELECT r::text FROM unnest(p.roles) r ORDER BY 1), ', ') \
                  AS roles, p.qual, p.with_check \
           FROM pg_policies p",
        name = qualified("p.schemaname", "p.tablename"),
    );
    for row in rows(tx, sql).await? {
        let table: String = get(&row, "tbl")?;
        let policy = PolicyState {
            command: get(&row, "cmd")?,
            permissive: get(&row, "permissive")?,
            roles: get(&row, "roles")?,
            using: get(&row, "qual")?,
            with_check: get(&row, "with_check")?,
        };
        if let Some(t) = catalog.tables.get_mut(&table) {
            t.policies.insert(get(&row, "name")?, policy);
        }
    }
    Ok(())
}

async fn triggers(tx: &DatabaseTransaction, catalog: &mut Catalog) -> Result<(), DbErr> {
    let sql = format!(
        "SELECT {name} AS tbl, t.tgname::text AS name, pg_get_triggerdef(t.oid) AS def, \
                t.tgenabled <> 'D' AS enabled \
           FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
           JOIN pg_namespace n ON n.oid = c.relnamespace \
          WHERE NOT t.tgisinternal AND {filter}",
        name = qualified("n.nspname", "c.relname"),
        filter = table_filter("c"),
    );
    for row in rows(tx, sql).await? {
        let table: String = get(&row, "tbl")?;
        let trigger = TriggerState {
            definition: get(&row, "def")?,
            enabled: get(&row, "enabled")?,
        };
        if let Some(t) = catalog.tables.get_mut(&table) {
            t.triggers.insert(get(&row, "name")?, trigger);
        }
    }
    Ok(())
}

async fn functions(tx: &DatabaseTransaction, catalog: &mut Catalog) -> Result<(), DbErr> {
    let sql = format!(
        "SELECT {name} || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS sig, \
                COALESCE(pg_get_function_result(p.oid), '') AS returns, l.lanname::text AS lang, \
                p.provolatile::text AS volatility, p.prosecdef AS definer, \
                array_to_string(p.proconfig, ', ') AS config, p.prosrc AS body \
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
           JOIN pg_language l ON l.oid = p.prolang \
          WHERE n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\\_%' \
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass \
                            AND d.objid = p.oid AND d.deptype = 'e')",
        name = qualified("n.nspname", "p.proname"),
    );
    for row in rows(tx, sql).await? {
        let volatility = match get::<String>(&row, "volatility")?.as_str() {
            "i" => "immutable",
            "s" => "stable",
            _ => "volatile",
        };
        let function = FunctionState {
            returns: get(&row, "returns")?,
            language: get(&row, "lang")?,
            volatility: volatility.to_owned(),
            security_definer: get(&row, "definer")?,
            config: get(&row, "config")?,
            body: get(&row, "body")?,
        };
        catalog.functions.insert(get(&row, "sig")?, function);
    }
    Ok(())
}
