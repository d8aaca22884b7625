//! The production schema (every source module merged, completed and
//! hardened), rendered for the connected backend.

use hingecraft_schema::render::{self, Dialect};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(Debug)]
pub(crate) struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0001_production_schema"
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

fn production() -> Result<hingecraft_schema::Schema, DbErr> {
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

async fn run(manager: &SchemaManager<'_>, statements: Vec<String>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(&sql)
            .await
            .map_err(|e| DbErr::Migration(format!("{e}\n  in: {sql}")))?;
    }
    Ok(())
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // the trait's own signature, as async_trait expands it
impl MigrationTrait for Migration {
    /// On every backend, so that a failed migration leaves the database as it was.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let schema = production()?;
        let ddl = dialect(manager.get_database_backend())?
            .render(&schema)
            .map_err(|e| DbErr::Migration(e.to_string()))?;
        run(manager, ddl.statements).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let schema = production()?;
        let ddl = dialect(manager.get_database_backend())?
            .render_drop(&schema)
            .map_err(|e| DbErr::Migration(e.to_string()))?;
        run(manager, ddl.statements).await
    }
}
