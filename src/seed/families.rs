//! The seed data, one function per table family, in foreign-key order.

use crate::entities::production::{
    achievements, campaigns, design_versions, designs, document_chunks, donations,
    knowledge_documents, microfactories, production_orders, production_projects, receipts,
    system_alerts, user_achievements, users, workspace_members, workspaces,
};
use sea_orm::ActiveValue::Set;
use sea_orm::ConnectionTrait;
use sea_orm::prelude::PgVector;
use serde_json::json;
use uuid::Uuid;

use super::{Ctx, SeedError};

/// Workspaces seeded; each gets its own designs, orders, documents...
pub(super) const WORKSPACES: usize = 3;
/// Users seeded, spread over the workspaces.
pub(super) const USERS: usize = 9;
/// The dimension of `document_chunks.embedding`.
const EMBEDDING_DIM: usize = 1536;

const FIRST: &[&str] = &[
    "Ada", "Grace", "Linus", "Margaret", "Tim", "Hedy", "Alan", "Radia", "Ken", "Barbara",
];
const LAST: &[&str] = &[
    "Lovelace", "Hopper", "Torvalds", "Hamilton", "Berners", "Lamarr", "Turing", "Perlman",
];
const STUDIOS: &[&str] = &[
    "Cedar", "Harbor", "Foundry", "Juniper", "Kiln", "Meridian", "Orchard", "Quarry",
];
const OBJECTS: &[&str] = &[
    "hinge",
    "bracket",
    "stool",
    "lamp arm",
    "shelf joint",
    "planter",
    "desk organiser",
];
const CITIES: &[(&str, &str, f64, f64)] = &[
    ("Porto", "PT", 41.15, -8.61),
    ("Leeds", "GB", 53.80, -1.55),
    ("Tartu", "EE", 58.38, 26.72),
    ("Bologna", "IT", 44.49, 11.34),
];

/// Everything, in foreign-key order.
pub(super) async fn all<C: ConnectionTrait>(ctx: &mut Ctx<'_, C>) -> Result<(), SeedError> {
    let people = users(ctx).await?;
    donations(ctx, &people).await?;
    for w in 0..WORKSPACES {
        // Each workspace's owner is the first of its three members.
        let members: Vec<Uuid> = people.iter().skip(w * 3).take(3).copied().collect();
        let ws = workspace(ctx, w, &members).await?;
        let versions = designs(ctx, ws, &members).await?;
        orders(ctx, ws, &members, &versions).await?;
        knowledge(ctx, ws).await?;
        campaigns(ctx, ws).await?;
        gamification(ctx, ws, &members).await?;
        alerts(ctx, ws, members[0]).await?;
    }
    Ok(())
}

async fn users<C: ConnectionTrait>(ctx: &mut Ctx<'_, C>) -> Result<Vec<Uuid>, SeedError> {
    let mut ids = Vec::new();
    for i in 0..USERS {
        let id = ctx.id();
        let (first, last) = (ctx.pick(FIRST), ctx.pick(LAST));
        let created = ctx.time();
        let row = users::ActiveModel {
            id: Set(id),
            email: Set(format!(
                "{}.{}{i}@example.org",
                first.to_lowercase(),
                last.to_lowercase()
            )),
            display_name: Set(Some(format!("{first} {last}"))),
            username: Set(Some(format!("{}{i}", first.to_lowercase()))),
            status: Set("active".into()),
            is_student: Set(ctx.int(0, 3) == 0),
            email_verified_at: Set(Some(created)),
            created_at: Set(created),
            updated_at: Set(created),
            ..Default::default()
        };
        ctx.put("users", row).await?;
        ids.push(id);
    }
    Ok(ids)
}

/// Two donations per user; the completed ones get a tax receipt.
async fn donations<C: ConnectionTrait>(
    ctx: &mut Ctx<'_, C>,
    people: &[Uuid],
) -> Result<(), SeedError> {
    for (i, user) in people.iter().enumerate() {
        // A donation is its donor's row: written as the donor.
        ctx.scope(None, Some(*user)).await?;
        for k in 0..2 {
            let id = ctx.id();
            let amount = ctx.int(5, 250) * 100;
            let at = ctx.time();
            let completed = ctx.int(0, 3) > 0;
            let name = format!("{} {}", ctx.pick(FIRST), ctx.pick(LAST));
            let row = donations::ActiveModel {
                id: Set(id),
                user_id: Set(Some(*user)),
                donor_name: Set(Some(name.clone())),
                amount_minor: Set(amount),
                currency: Set("USD".into()),
                payment_method: Set(ctx.pick(&["card", "bank_transfer", "paypal"]).into()),
                status: Set(if completed { "completed" } else { "pending" }.into()),
                earmark: Set(ctx.pick(&["general", "microfactories", "education"]).into()),
                frequency: Set(if k == 0 { "one_time" } else { "monthly" }.into()),
                provider_reference: Set(Some(format!("pay_{}", id.simple()))),
                completed_at: Set(completed.then_some(at)),
                created_at: Set(at),
                updated_at: Set(at),
                ..Default::default()
            };
            ctx.put("donations", row).await?;
            if completed {
                let receipt = ctx.id();
                let row = receipts::ActiveModel {
                    id: Set(receipt),
                    donation_id: Set(id),
                    receipt_number: Set(format!("R-2026-{:03}{k}", i + 1)),
                    receipt_type: Set("tax_deductible".into()),
                    status: Set("issued".into()),
                    issued_to_name: Set(name),
                    amount_minor: Set(amount),
                    deductible_amount_minor: Set(Some(amount)),
                    currency: Set("USD".into()),
                    tax_year: Set(Some(2026)),
                    issued_at: Set(Some(at)),
                    created_at: Set(at),
                    updated_at: Set(at),
                    ..Default::default()
                };
                ctx.put("receipts", row).await?;
            }
        }
    }
    Ok(())
}

async fn workspace<C: ConnectionTrait>(
    ctx: &mut Ctx<'_, C>,
    w: usize,
    members: &[Uuid],
) -> Result<Uuid, SeedError> {
    let id = ctx.id();
    ctx.scope(Some(id), None).await?;
    let studio = ctx.pick(STUDIOS);
    let at = ctx.time();
    let row = workspaces::ActiveModel {
        id: Set(id),
        slug: Set(format!("{}-studio-{w}", studio.to_lowercase())),
        name: Set(format!("{studio} Studio")),
        description: Set(Some(format!(
            "A design collective around {}.",
            ctx.pick(OBJECTS)
        ))),
        plan: Set(ctx.pick(&["free", "team", "enterprise"]).into()),
        owner_id: Set(members[0]),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    };
    ctx.put("workspaces", row).await?;
    for (i, user) in members.iter().enumerate() {
        let member = ctx.id();
        let row = workspace_members::ActiveModel {
            id: Set(member),
            workspace_id: Set(id),
            user_id: Set(*user),
            role: Set(["owner", "admin", "member"][i.min(2)].into()),
            status: Set("active".into()),
            joined_at: Set(Some(at)),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        };
        ctx.put("workspace_members", row).await?;
    }
    Ok(id)
}

/// One design per member, each with a first version; returns the versions.
async fn designs<C: ConnectionTrait>(
    ctx: &mut Ctx<'_, C>,
    ws: Uuid,
    members: &[Uuid],
) -> Result<Vec<Uuid>, SeedError> {
    let mut versions = Vec::new();
    for (i, user) in members.iter().enumerate() {
        let (id, version) = (ctx.id(), ctx.id());
        let object = ctx.pick(OBJECTS);
        let at = ctx.time();
        let published = ctx.int(0, 1) == 1;
        let row = designs::ActiveModel {
            id: Set(id),
            workspace_id: Set(ws),
            user_id: Set(*user),
            title: Set(format!("Folding {object}")),
            slug: Set(format!("folding-{}-{i}", object.replace(' ', "-"))),
            status: Set(if published { "published" } else { "draft" }.into()),
            visibility: Set(if published { "public" } else { "workspace" }.into()),
            license: Set(Some("CC-BY-4.0".into())),
            hinge_spec: Set(json!({"pin_mm": ctx.int(3, 8), "leaves": 2})),
            published_at: Set(published.then_some(at)),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        };
        ctx.put("designs", row).await?;
        let row = design_versions::ActiveModel {
            id: Set(version),
            design_id: Set(id),
            version_number: Set(1),
            label: Set(Some("first cut".into())),
            parameters: Set(json!({"material": ctx.pick(&["birch ply", "PLA", "aluminium"])})),
            created_by: Set(Some(*user)),
            created_at: Set(at),
            ..Default::default()
        };
        ctx.put("design_versions", row).await?;
        versions.push(version);
    }
    Ok(versions)
}

/// Two microfactories, one project, one order per design version.
async fn orders<C: ConnectionTrait>(
    ctx: &mut Ctx<'_, C>,
    ws: Uuid,
    members: &[Uuid],
    versions: &[Uuid],
) -> Result<(), SeedError> {
    let mut factories = Vec::new();
    for _ in 0..2 {
        let id = ctx.id();
        let (city, country, lat, lon) = CITIES[ctx.int(0, CITIES.len() as i64 - 1) as usize];
        let at = ctx.time();
        let row = microfactories::ActiveModel {
            id: Set(id),
            workspace_id: Set(ws),
            slug: Set(format!("{}-{}", city.to_lowercase(), id.simple())),
            name: Set(format!("{city} Makerspace")),
            status: Set("active".into()),
            city: Set(Some(city.into())),
            country_code: Set(Some(country.into())),
            latitude: Set(Some(lat)),
            longitude: Set(Some(lon)),
            capabilities: Set(json!(["cnc", "laser", "3d_print"])),
            monthly_capacity_hours: Set(Some(ctx.int(80, 400) as i32)),
            currency: Set("EUR".into()),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        };
        ctx.put("microfactories", row).await?;
        factories.push(id);
    }
    let project = ctx.id();
    let at = ctx.time();
    let row = production_projects::ActiveModel {
        id: Set(project),
        workspace_id: Set(ws),
        name: Set("Spring batch".into()),
        lead_user_id: Set(Some(members[0])),
        microfactory_id: Set(Some(factories[0])),
        status: Set("in_production".into()),
        quantity: Set(versions.len() as i32 * 10),
        currency: Set("EUR".into()),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    };
    ctx.put("production_projects", row).await?;
    for (i, version) in versions.iter().enumerate() {
        let id = ctx.id();
        let (quantity, unit) = (ctx.int(1, 20), ctx.int(800, 4500));
        let at = ctx.time();
        let row = production_orders::ActiveModel {
            id: Set(id),
            order_number: Set(format!("PO-{}-{i}", &id.simple().to_string()[..8])),
            workspace_id: Set(ws),
            project_id: Set(project),
            microfactory_id: Set(factories[i % factories.len()]),
            design_version_id: Set(Some(*version)),
            placed_by: Set(Some(members[i % members.len()])),
            status: Set(ctx.pick(&["submitted", "accepted", "in_production"]).into()),
            quantity: Set(quantity as i32),
            unit_price_cents: Set(Some(unit)),
            total_cents: Set(quantity * unit),
            currency: Set("EUR".into()),
            submitted_at: Set(Some(at)),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        };
        ctx.put("production_orders", row).await?;
    }
    Ok(())
}

/// Two knowledge documents of three chunks each.
async fn knowledge<C: ConnectionTrait>(ctx: &mut Ctx<'_, C>, ws: Uuid) -> Result<(), SeedError> {
    for d in 0..2 {
        let id = ctx.id();
        let object = ctx.pick(OBJECTS);
        let at = ctx.time();
        let sentences: Vec<String> = (0..3)
            .map(|k| {
                format!(
                    "Step {}: cut, sand and fit the {object} before the finish coat.",
                    k + 1
                )
            })
            .collect();
        let row = knowledge_documents::ActiveModel {
            id: Set(id),
            workspace_id: Set(ws),
            title: Set(format!("Building a {object}, guide {d}")),
            document_type: Set("document".into()),
            body: Set(Some(sentences.join(" "))),
            status: Set("indexed".into()),
            chunk_count: Set(sentences.len() as i32),
            indexed_at: Set(Some(at)),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        };
        ctx.put("knowledge_documents", row).await?;
        for (k, sentence) in sentences.into_iter().enumerate() {
            let chunk = ctx.id();
            // The vector is drawn either way, so that the rows after it are
            // the same on every backend.
            let vector = ctx.unit_vector(EMBEDDING_DIM);
            let embed = ctx.report.embeddings;
            let row = document_chunks::ActiveModel {
                id: Set(chunk),
                document_id: Set(id),
                chunk_index: Set(k as i32),
                token_count: Set(sentence.split_whitespace().count() as i32),
                content: Set(sentence),
                embedding: if embed {
                    Set(Some(PgVector::from(vector)))
                } else {
                    Default::default()
                },
                embedding_model: Set(embed.then(|| "seed-unit-vectors".to_owned())),
                embedded_at: Set(embed.then_some(at)),
                created_at: Set(at),
                ..Default::default()
            };
            ctx.put("document_chunks", row).await?;
        }
    }
    Ok(())
}

async fn campaigns<C: ConnectionTrait>(ctx: &mut Ctx<'_, C>, ws: Uuid) -> Result<(), SeedError> {
    for (name, objective) in [("Spring launch", "launch"), ("Maker month", "engagement")] {
        let id = ctx.id();
        let starts = ctx.time();
        let budget = ctx.int(50, 500) * 1000;
        let row = campaigns::ActiveModel {
            id: Set(id),
            workspace_id: Set(ws),
            name: Set(name.into()),
            objective: Set(objective.into()),
            status: Set(ctx.pick(&["scheduled", "active", "completed"]).into()),
            starts_at: Set(Some(starts)),
            ends_at: Set(Some(starts + chrono::Duration::days(30))),
            budget_cents: Set(Some(budget)),
            spent_cents: Set(budget / ctx.int(2, 10)),
            currency: Set("EUR".into()),
            target_metrics: Set(json!({"signups": ctx.int(50, 500)})),
            created_at: Set(starts),
            updated_at: Set(starts),
            ..Default::default()
        };
        ctx.put("campaigns", row).await?;
    }
    Ok(())
}

/// Three achievements; every member has unlocked the first.
async fn gamification<C: ConnectionTrait>(
    ctx: &mut Ctx<'_, C>,
    ws: Uuid,
    members: &[Uuid],
) -> Result<(), SeedError> {
    let mut first = None;
    for (code, name, tier, points) in [
        ("first-design", "First design", "bronze", 50),
        ("first-order", "First order", "silver", 150),
        ("ten-quests", "Ten quests", "gold", 400),
    ] {
        let id = ctx.id();
        let at = ctx.time();
        let row = achievements::ActiveModel {
            id: Set(id),
            workspace_id: Set(ws),
            code: Set(code.into()),
            name: Set(name.into()),
            tier: Set(tier.into()),
            points: Set(points),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        };
        ctx.put("achievements", row).await?;
        first.get_or_insert(id);
    }
    let Some(first) = first else { return Ok(()) };
    for user in members {
        let id = ctx.id();
        let at = ctx.time();
        let row = user_achievements::ActiveModel {
            id: Set(id),
            workspace_id: Set(ws),
            user_id: Set(*user),
            achievement_id: Set(first),
            status: Set("unlocked".into()),
            progress: Set(1),
            unlocked_at: Set(Some(at)),
            points_awarded: Set(50),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        };
        ctx.put("user_achievements", row).await?;
    }
    Ok(())
}

/// An open critical alert, an acknowledged one and a resolved one.
async fn alerts<C: ConnectionTrait>(
    ctx: &mut Ctx<'_, C>,
    ws: Uuid,
    admin: Uuid,
) -> Result<(), SeedError> {
    for (kind, severity, status) in [
        ("quota", "critical", "open"),
        ("agent_failure", "high", "acknowledged"),
        ("integration", "medium", "resolved"),
    ] {
        let id = ctx.id();
        let at = ctx.time();
        let later = at + chrono::Duration::minutes(ctx.int(5, 600));
        let row = system_alerts::ActiveModel {
            id: Set(id),
            workspace_id: Set(ws),
            alert_type: Set(kind.into()),
            severity: Set(severity.into()),
            status: Set(status.into()),
            title: Set(format!("{kind} needs attention")),
            source: Set("rule".into()),
            dedup_key: Set(Some(format!("{kind}:seed"))),
            last_occurred_at: Set(at),
            acknowledged_by: Set((status != "open").then_some(admin)),
            acknowledged_at: Set((status != "open").then_some(later)),
            resolved_by: Set((status == "resolved").then_some(admin)),
            resolved_at: Set((status == "resolved").then_some(later)),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        };
        ctx.put("system_alerts", row).await?;
    }
    Ok(())
}
