//! The HingeCraft migrator: [`Migrator`] applies the schema to Postgres or
//! SQLite through sea-orm-migration, and [`cli`] is the `migration` command.
//!
//! ```no_run
//! use hingecraft_migration::{Migrator, MigratorTrait};
//! # async fn run(db: &sea_orm::DatabaseConnection) -> Result<(), sea_orm::DbErr> {
//! Migrator::up(db, None).await?;
//! # Ok(()) }
//! ```

pub mod cli;
mod m0001_production_schema;
pub mod plan;
pub mod verify;

pub use sea_orm_migration::{MigrationTrait, MigratorTrait};

/// The database used when neither `--database-url` nor `DATABASE_URL` is given:
/// a SQLite file in the current directory, created if missing.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://hingecraft.db?mode=rwc";

/// Every HingeCraft migration, in order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m0001_production_schema::Migration)]
    }
}
