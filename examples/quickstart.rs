//! Embedded SQLite: migrate, insert a workspace and its owner through the
//! generated entities, and look the owner up by the unique e-mail.
//!
//! `cargo run --example quickstart`

use hingecraft_platform::entities::modules::{codex::workspaces, master::users};
use hingecraft_platform::migration::migrator;
use sea_orm::{ActiveModelBehavior, ActiveModelTrait, ActiveValue::Set, Database};

#[tokio::main]
async fn main() -> Result<(), sea_orm::DbErr> {
    let db = Database::connect("sqlite::memory:").await?;
    migrator().up(&db, None).await?;

    let ada = users::ActiveModel {
        email: Set("ada@example.com".into()),
        display_name: Set(Some("Ada".into())),
        status: Set("active".into()),
        ..users::ActiveModel::new()
    }
    .insert(&db)
    .await?;

    let workspace = workspaces::ActiveModel {
        slug: Set("analytical-engines".into()),
        name: Set("Analytical Engines".into()),
        owner_id: Set(ada.id),
        ..workspaces::ActiveModel::new()
    }
    .insert(&db)
    .await?;

    let found = users::Entity::find_by_email(&db, "ada@example.com")
        .await?
        .expect("ada was inserted");
    println!(
        "user:      {} <{}> ({}), id {}",
        found.display_name.as_deref().unwrap_or("-"),
        found.email,
        found.status,
        found.id
    );
    println!(
        "workspace: {} (/{}), plan {}, owned by {}",
        workspace.name, workspace.slug, workspace.plan, workspace.owner_id
    );
    assert_eq!(found.id, workspace.owner_id);
    Ok(())
}
