//! What a HingeCraft service does: run the platform's migrations, then use
//! the typed production models. SQLite in memory unless `DATABASE_URL` is
//! given. It depends on the HingeCraft entities and migrations, and on
//! `hingecraft` without its tools.

use hingecraft::{PoolOptions, connect};
use hingecraft_entities::production::{users, workspaces};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite::memory:".into());
    let db = connect(PoolOptions::new(url).max_connections(1)).await?;
    hingecraft_migration::migrator().up(&db, None).await?;
    let ada = users::ActiveModel {
        email: Set("ada@example.com".into()),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    workspaces::ActiveModel {
        slug: Set("engines".into()),
        name: Set("Analytical Engines".into()),
        owner_id: Set(ada.id),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    let found = users::Entity::find_by_email(&db, "ada@example.com")
        .await?
        .ok_or("the user just inserted is not found")?;
    let owned = workspaces::Entity::find_by_slug(&db, "engines").await?;
    println!(
        "downstream ok: {} owns {}",
        found.email,
        owned.map(|w| w.name).unwrap_or_default()
    );
    Ok(())
}
