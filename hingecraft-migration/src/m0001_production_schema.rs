//! The production schema (every source module merged, completed and
//! hardened), rendered for the connected backend and fitted to what the
//! server offers.

use sea_orm_migration::prelude::*;

use crate::plan;

#[derive(Debug)]
pub(crate) struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0001_production_schema"
    }
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
        let ddl = plan::create(manager.get_connection()).await?;
        run(manager, ddl.statements).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let ddl = plan::drop(manager.get_connection()).await?;
        run(manager, ddl.statements).await
    }
}
