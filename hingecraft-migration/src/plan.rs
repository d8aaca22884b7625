//! What the migrations run on a given database: the production schema,
//! rendered for its backend, fitted to the extensions the server offers.

use std::collections::BTreeSet;

use hingecraft_schema::Schema;
use hingecraft_schema::render::{self, Ddl, Dialect, Skipped};
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

/// The schema every Postgres statement is run with: extension objects
/// (types such as `vector` and `ltree`, operator classes) live in their own
/// schema, and unqualified names in the DDL must find them.
pub const SEARCH_PATH: &str = "SET LOCAL search_path TO public, extensions";

fn production() -> Result<Schema, DbErr> {
    hingecraft_entities::production()
        .map(|p| p.schema)
        .map_err(|conflicts| {
            let list: Vec<String> = conflicts.iter().map(ToString::to_string).collect();
            DbErr::Migration(format!(
                "the source modules do not merge:\n{}",
                list.join("\n")
            ))
        })
}

/// The extensions the Postgres server can create.
pub async fn available_extensions(db: &impl ConnectionTrait) -> Result<BTreeSet<String>, DbErr> {
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT name FROM pg_available_extensions",
        ))
        .await?;
    rows.iter()
        .map(|r| r.try_get::<String>("", "name"))
        .collect()
}

/// The schema as this database can hold it, and what it cannot.
async fn fitted(db: &impl ConnectionTrait) -> Result<(Schema, Vec<Skipped>), DbErr> {
    let schema = production()?;
    match db.get_database_backend() {
        DbBackend::Postgres => Ok(render::server::adapt(
            &schema,
            &available_extensions(db).await?,
        )),
        _ => Ok((schema, Vec::new())),
    }
}

fn dialect(backend: DbBackend) -> Result<Box<dyn Dialect>, DbErr> {
    match backend {
        DbBackend::Postgres => Ok(Box::new(render::Postgres)),
        DbBackend::Sqlite => Ok(Box::new(render::Sqlite)),
        other => Err(DbErr::Migration(format!(
            "backend {other:?} is not supported yet; use Postgres or SQLite"
        ))),
    }
}

/// The statements creating the schema on this database, and what they leave out.
pub async fn create(db: &impl ConnectionTrait) -> Result<Ddl, DbErr> {
    let backend = db.get_database_backend();
    let (schema, mut skipped) = fitted(db).await?;
    let mut ddl = dialect(backend)?
        .render(&schema)
        .map_err(|e| DbErr::Migration(e.to_string()))?;
    if backend == DbBackend::Postgres {
        ddl.statements.insert(0, SEARCH_PATH.to_owned());
    }
    skipped.append(&mut ddl.skipped);
    ddl.skipped = skipped;
    Ok(ddl)
}

/// The statements dropping the schema from this database.
pub async fn drop(db: &impl ConnectionTrait) -> Result<Ddl, DbErr> {
    let backend = db.get_database_backend();
    let (schema, _) = fitted(db).await?;
    dialect(backend)?
        .render_drop(&schema)
        .map_err(|e| DbErr::Migration(e.to_string()))
}
