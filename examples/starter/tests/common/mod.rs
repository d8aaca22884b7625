//! What the database tests share: a day of the service on the typed
//! production entities, the same on SQLite and on Postgres.

#![allow(dead_code)]

use hingecraft::model::SessionSettings;
use hingecraft::query::{Scope, ScopeKey, Scoped, install_key};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection};
use starter::entities::production::{contacts, customers, invoices, users, workspaces};
use starter_migration::migrator;

use contacts::ContactsOfCustomer as _;
use invoices::InvoicesOfCustomer as _;

/// What a day of the service leaves in the database.
#[derive(Debug)]
pub(crate) struct World {
    pub(crate) ada: users::Model,
    pub(crate) bob: users::Model,
    /// Ada's workspace, with the customer Initech.
    pub(crate) acme: workspaces::Model,
    /// Bob's workspace, with the customer Hooli.
    pub(crate) globex: workspaces::Model,
    pub(crate) initech: customers::Model,
    pub(crate) hooli: customers::Model,
}

/// Migrates `db` with the embedded migrations, then works as the service
/// does: global rows on the connection, tenant rows through a handle
/// scoped to their workspace. Asserts every step.
pub(crate) async fn a_day_of_the_service(db: &DatabaseConnection) -> World {
    let report = migrator().up(db, None).await.unwrap();
    assert_eq!(report.applied, ["0001_baseline", "0002_tenancy_hardening"]);
    assert_eq!(migrator().up(db, None).await.unwrap().applied.len(), 0);
    // The service's key, installed by the role that migrated.
    install_key(db, &key(), &SessionSettings::default())
        .await
        .unwrap();

    // Users and workspaces are global tables: any connection reaches them.
    let ada = user(db, "ada@example.com", "Ada").await;
    let bob = user(db, "bob@example.com", "Bob").await;
    let acme = workspace(db, "acme", "Acme", &ada).await;
    let globex = workspace(db, "globex", "Globex", &bob).await;

    // Lookups by unique columns, and navigation to a parent.
    let found = users::Entity::find_by_email(db, "ada@example.com")
        .await
        .unwrap()
        .expect("ada is found by e-mail");
    assert_eq!(found.id, ada.id);
    let found = workspaces::Entity::find_by_slug(db, "acme")
        .await
        .unwrap()
        .expect("acme is found by slug");
    assert_eq!(
        found.owner(db).await.unwrap().map(|u| u.email),
        Some(ada.email.clone())
    );

    // Tenant tables go through a handle scoped to the workspace: inserts
    // land in it, finders see only its rows.
    let acme_scope = Scoped::begin(db, &key(), Scope::workspace(acme.id).user(ada.id))
        .await
        .unwrap();
    let initech = customers::ActiveModel {
        name: Set("Initech".into()),
        billing_email: Set(Some("ap@initech.example".into())),
        account_manager_id: Set(Some(ada.id)),
        ..Default::default()
    }
    .insert_scoped(&acme_scope)
    .await
    .unwrap();
    assert_eq!(initech.workspace_id, acme.id);
    assert_eq!(
        initech.status, "lead",
        "the default the resolution chose: a new customer is a lead"
    );
    assert_eq!(initech.payment_terms_days, 30);
    let first = invoice(&acme_scope, &initech, "INV-001", 12_000).await;
    assert_eq!(
        (first.status.as_str(), first.currency.as_str()),
        ("draft", "EUR")
    );
    let second = invoice(&acme_scope, &initech, "INV-002", 4_500).await;
    contacts::ActiveModel {
        customer_id: Set(initech.id),
        full_name: Set("Peter Gibbons".into()),
        email: Set(Some("peter@initech.example".into())),
        role: Set(Some("Accounts payable".into())),
        ..Default::default()
    }
    .insert_scoped(&acme_scope)
    .await
    .unwrap();

    // A lookup by the composite key, and navigation both ways.
    let found = invoices::Entity::find_by_workspace_id_and_number(&acme_scope, acme.id, "INV-001")
        .await
        .unwrap()
        .expect("INV-001 is found by its number");
    assert_eq!(found.id, first.id);
    assert_eq!(
        found.customer(&acme_scope).await.unwrap().map(|c| c.name),
        Some("Initech".into())
    );
    assert_eq!(
        found.workspace(&acme_scope).await.unwrap().map(|w| w.slug),
        Some("acme".into())
    );
    assert_eq!(
        numbers(initech.invoices(&acme_scope).await.unwrap()),
        ["INV-001", "INV-002"]
    );
    let people = initech.contacts(&acme_scope).await.unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(
        people[0].customer(&acme_scope).await.unwrap().map(|c| c.id),
        Some(initech.id)
    );
    assert_eq!(
        initech
            .account_manager(&acme_scope)
            .await
            .unwrap()
            .map(|u| u.id),
        Some(ada.id)
    );

    // Soft delete: a voided invoice stays, the finders skip it.
    assert!(second.soft_delete(&acme_scope).await.unwrap());
    assert!(
        !second.soft_delete(&acme_scope).await.unwrap(),
        "voiding twice does nothing"
    );
    assert_eq!(
        invoices::Entity::find_by_pk(&acme_scope, second.id)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        invoices::Entity::find_by_workspace_id_and_number(&acme_scope, acme.id, "INV-002")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        numbers(initech.invoices(&acme_scope).await.unwrap()),
        ["INV-001"]
    );
    let voided = invoices::Entity::only_deleted()
        .all(&acme_scope)
        .await
        .unwrap();
    assert_eq!(voided.iter().map(|i| i.id).collect::<Vec<_>>(), [second.id]);
    assert!(voided[0].deleted_at.is_some());
    assert_eq!(
        invoices::Entity::with_deleted()
            .all(&acme_scope)
            .await
            .unwrap()
            .len(),
        2
    );
    // The number is unique among live invoices only: it can be issued again.
    let reissued = invoice(&acme_scope, &initech, "INV-002", 4_000).await;
    assert_eq!(
        invoices::Entity::find_by_workspace_id_and_number(&acme_scope, acme.id, "INV-002")
            .await
            .unwrap()
            .map(|i| i.id),
        Some(reissued.id)
    );
    acme_scope.commit().await.unwrap();

    // Another workspace's customer, through that workspace's handle.
    let globex_scope = Scoped::begin(db, &key(), Scope::workspace(globex.id).user(bob.id))
        .await
        .unwrap();
    let hooli = customers::ActiveModel {
        name: Set("Hooli".into()),
        status: Set("active".into()),
        ..Default::default()
    }
    .insert_scoped(&globex_scope)
    .await
    .unwrap();
    assert_eq!(hooli.workspace_id, globex.id);
    globex_scope.commit().await.unwrap();

    // A tenant-scoped query: acme's handle sees acme's customers only.
    let acme_scope = Scoped::begin(db, &key(), Scope::workspace(acme.id))
        .await
        .unwrap();
    let names: Vec<String> = customers::Entity::page_after(&acme_scope, None, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Initech"]);
    assert_eq!(
        customers::Entity::find_by_pk(&acme_scope, hooli.id)
            .await
            .unwrap(),
        None
    );
    acme_scope.commit().await.unwrap();

    World {
        ada,
        bob,
        acme,
        globex,
        initech,
        hooli,
    }
}

async fn user(db: &DatabaseConnection, email: &str, name: &str) -> users::Model {
    users::ActiveModel {
        email: Set(email.into()),
        display_name: Set(Some(name.into())),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

async fn workspace(
    db: &DatabaseConnection,
    slug: &str,
    name: &str,
    owner: &users::Model,
) -> workspaces::Model {
    workspaces::ActiveModel {
        slug: Set(slug.into()),
        name: Set(name.into()),
        owner_id: Set(owner.id),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

async fn invoice(
    scope: &Scoped,
    customer: &customers::Model,
    number: &str,
    amount_cents: i64,
) -> invoices::Model {
    invoices::ActiveModel {
        customer_id: Set(customer.id),
        number: Set(number.into()),
        amount_cents: Set(amount_cents),
        ..Default::default()
    }
    .insert_scoped(scope)
    .await
    .unwrap()
}

fn numbers(invoices: Vec<invoices::Model>) -> Vec<String> {
    let mut numbers: Vec<String> = invoices.into_iter().map(|i| i.number).collect();
    numbers.sort();
    numbers
}

/// The key the service signs its scopes with; the database holds it too.
pub(crate) fn key() -> ScopeKey {
    ScopeKey::new("starter-test", vec![0x17; 32]).unwrap()
}
