//! A downstream service on Postgres, through the typed API only: migrate,
//! create a workspace and its users, run a campaign, unlock an
//! achievement, record a donation with its receipt, and search the
//! workspace's knowledge documents.
//!
//! `cargo run --example service` (Postgres from `DATABASE_URL`, an admin
//! database such as `postgres://postgres@127.0.0.1:5432/postgres`, which is
//! the default). The example creates a scratch database, and drops it at the end.
//!
//! Tenant tables are only reached through a [`Scoped`] handle, so row-level
//! security applies when the service logs in as its own (non-superuser)
//! role, as it should in production. The handle carries a scope token the
//! service signs with its key ([`ScopeKey`], in production from its
//! configuration: `ScopeKey::from_env()`); the database holds the same key
//! and verifies every token.

use hingecraft::model::SessionSettings;
use hingecraft::query::{Scope, ScopeKey, Scoped, install_key};
use hingecraft::{PoolOptions, connect};
use hingecraft_platform::entities::codex_api;
use hingecraft_platform::entities::production::{
    achievements, campaigns, donations, knowledge_documents, receipts, user_achievements, users,
    workspace_members, workspaces,
};
use hingecraft_platform::migration::migrator;
use receipts::ReceiptsOfDonation as _;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, IntoActiveModel};

const DB: &str = "hingecraft_service_example";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let admin_url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let admin = connect(PoolOptions::new(&admin_url).max_connections(1)).await?;
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {DB} WITH (FORCE)"))
        .await?;
    admin
        .execute_unprepared(&format!("CREATE DATABASE {DB}"))
        .await?;
    let url = match admin_url.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{DB}"),
        None => admin_url.clone(),
    };
    let db = connect(
        PoolOptions::new(url)
            .max_connections(4)
            .application_name("service-example"),
    )
    .await?;
    let outcome = run(&db).await;
    db.close().await?;
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {DB} WITH (FORCE)"))
        .await?;
    outcome
}

async fn run(db: &sea_orm::DatabaseConnection) -> Result<(), Box<dyn std::error::Error>> {
    migrator().up(db, None).await?;
    // A fresh key, installed by the role that ran the migrations.
    let secret: Vec<u8> = [uuid::Uuid::new_v4(), uuid::Uuid::new_v4()]
        .iter()
        .flat_map(|u| *u.as_bytes())
        .collect();
    let key = ScopeKey::new("service-example", secret)?;
    install_key(db, &key, &SessionSettings::default()).await?;

    // Users and workspaces are global tables.
    let ada = users::ActiveModel {
        email: Set("ada@example.com".into()),
        display_name: Set(Some("Ada".into())),
        status: Set("active".into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let bob = users::ActiveModel {
        email: Set("bob@example.com".into()),
        status: Set("active".into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let workspace = workspaces::ActiveModel {
        slug: Set("engines".into()),
        name: Set("Analytical Engines".into()),
        owner_id: Set(ada.id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    println!("workspace {} owned by {}", workspace.slug, ada.email);

    // Everything of the workspace goes through a handle scoped to it.
    let scoped = Scoped::begin(db, &key, Scope::workspace(workspace.id).user(ada.id)).await?;
    for (user, role) in [(&ada, "owner"), (&bob, "member")] {
        workspace_members::ActiveModel {
            user_id: Set(user.id),
            role: Set(role.into()),
            status: Set("active".into()),
            ..Default::default()
        }
        .insert_scoped(&scoped)
        .await?;
    }

    // A campaign: drafted, then started.
    let campaign = campaigns::ActiveModel {
        name: Set("Spring launch".into()),
        objective: Set("launch".into()),
        ..Default::default()
    }
    .insert_scoped(&scoped)
    .await?;
    let mut start = campaign.into_active_model();
    start.status = Set("active".into());
    let campaign = start.update(&scoped).await?;
    let running = campaigns::Entity::page_after(&scoped, None, 10).await?;
    println!(
        "campaign {} is {} ({} in the workspace)",
        campaign.name,
        campaign.status,
        running.len()
    );

    // An achievement, unlocked for bob.
    let first = achievements::ActiveModel {
        code: Set("first-campaign".into()),
        name: Set("First campaign".into()),
        category: Set("campaigns".into()),
        points: Set(50),
        ..Default::default()
    }
    .insert_scoped(&scoped)
    .await?;
    // The codex function records it and credits bob's stats; a second
    // call changes nothing.
    assert!(codex_api::unlock_achievement(&scoped, bob.id, first.id).await?);
    assert!(!codex_api::unlock_achievement(&scoped, bob.id, first.id).await?);
    let found =
        user_achievements::Entity::find_by_user_id_and_achievement_id(&scoped, bob.id, first.id)
            .await?
            .expect("just unlocked");
    println!(
        "{} unlocked {} ({} points)",
        bob.email, first.code, found.points_awarded
    );
    assert_eq!(found.status, "unlocked");

    // A donation by ada, with its receipt.
    let donation = donations::ActiveModel {
        user_id: Set(Some(ada.id)),
        amount_minor: Set(2_500),
        currency: Set("USD".into()),
        payment_method: Set("card".into()),
        status: Set("completed".into()),
        completed_at: Set(Some(hingecraft::query::now())),
        ..Default::default()
    }
    .insert(&scoped)
    .await?;
    receipts::ActiveModel {
        donation_id: Set(donation.id),
        receipt_number: Set("R-0001".into()),
        issued_to_name: Set("Ada".into()),
        amount_minor: Set(donation.amount_minor),
        currency: Set(donation.currency.clone()),
        status: Set("issued".into()),
        ..Default::default()
    }
    .insert(&scoped)
    .await?;
    let issued = donation.receipts(&scoped).await?;
    let back = receipts::Entity::find_by_receipt_number(&scoped, "R-0001")
        .await?
        .expect("issued");
    assert_eq!(
        back.donation(&scoped).await?.map(|d| d.id),
        Some(donation.id)
    );
    println!(
        "donation of {} {} with receipt {}",
        donation.amount_minor, donation.currency, issued[0].receipt_number
    );

    // Knowledge documents of the workspace, then a ranked full-text search
    // over their generated `search_vector`.
    for title in ["Brand script", "Legal framework"] {
        knowledge_documents::ActiveModel {
            title: Set(title.into()),
            body: Set(Some(format!("{title} of the workspace"))),
            ..Default::default()
        }
        .insert_scoped(&scoped)
        .await?;
    }
    let docs = knowledge_documents::Entity::search(&scoped, "legal", 10).await?;
    assert_eq!(docs.len(), 1);
    println!(
        "knowledge documents matching `legal`: {}",
        docs.iter()
            .map(|d| d.title.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    scoped.commit().await?;
    Ok(())
}
