//! Tables declared with `#[table]` for the query-helper tests, and the
//! Postgres setup they run on: hardened (RLS forced, optimistic-lock
//! trigger), owned by a non-superuser, used by a non-superuser login role,
//! since a superuser bypasses row-level security.
#![allow(dead_code, unreachable_pub)]

use hingecraft_runtime::model::Schema;
use hingecraft_runtime::{Table, TableDef};
use hingecraft_schema::harden::{HardeningProfile, harden};
use hingecraft_schema::render::{Dialect, Postgres};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, TransactionTrait};

pub mod q_users {
    use hingecraft_runtime::prelude::*;

    /// A person (global: readable by all, written by admins).
    #[table(name = "q_users", module = "query", soft_delete)]
    pub struct QUser {
        #[hc(primary_key, default_sql = "gen_random_uuid()")]
        pub id: Uuid,
        #[hc(unique, max_len = 255)]
        pub email: String,
        #[hc(default_sql = "now()")]
        pub created_at: DateTimeWithTimeZone,
        pub deleted_at: Option<DateTimeWithTimeZone>,
    }
}

pub mod q_workspaces {
    use hingecraft_runtime::prelude::*;

    /// A tenant.
    #[table(name = "q_workspaces", module = "query")]
    pub struct QWorkspace {
        #[hc(primary_key, default_sql = "gen_random_uuid()")]
        pub id: Uuid,
        pub name: String,
    }
}

pub mod q_notes {
    use hingecraft_runtime::prelude::*;

    /// A note of a workspace: tenant-scoped, soft-deleted, versioned, searchable.
    #[table(
        name = "q_notes",
        module = "query",
        soft_delete,
        versioned,
        unique(workspace_id, slug)
    )]
    pub struct QNote {
        #[hc(primary_key, default_sql = "gen_random_uuid()")]
        pub id: Uuid,
        #[hc(tenant, references = "q_workspaces", on_delete = "cascade")]
        pub workspace_id: Uuid,
        #[hc(references = "q_users", on_delete = "cascade")]
        pub author_id: Uuid,
        pub slug: String,
        pub title: String,
        pub body: String,
        /// Replaced by a generated column in the tests' setup.
        #[hc(sql_type = "tsvector")]
        pub search_vector: Option<String>,
        #[hc(default = 1, min = 1)]
        pub version: i32,
        #[hc(default_sql = "now()")]
        pub created_at: DateTimeWithTimeZone,
        pub deleted_at: Option<DateTimeWithTimeZone>,
    }
}

pub fn tables() -> Vec<Table> {
    vec![
        q_users::Entity::table_def(),
        q_workspaces::Entity::table_def(),
        q_notes::Entity::table_def(),
    ]
}

/// The fixture schema, hardened with RLS, constraints and triggers only
/// (no audit log, no actor columns pointing at a `users` table).
pub fn hardened() -> Schema {
    let profile = HardeningProfile {
        rls: true,
        triggers: true,
        constraints: true,
        ..HardeningProfile::none()
    };
    harden(Schema::from_tables(tables()), &profile).0
}

/// Two throwaway roles on the test database: `owner` runs the DDL (so
/// FORCEd RLS binds it too), `app` is the service's login role. Dropped
/// by [`Roles::drop`].
#[derive(Debug)]
pub struct Roles {
    pub owner: String,
    pub app: String,
    admin_url: String,
}

impl Roles {
    /// Creates the roles, applies the hardened schema as `owner` (with
    /// `tweak` statements after it) and grants `app` the table privileges.
    pub async fn setup(admin: &DatabaseConnection, url: &str, db: &str, tweak: &[&str]) -> Self {
        let hex = &uuid::Uuid::new_v4().simple().to_string()[..8];
        let roles = Roles {
            owner: format!("hc_q_{hex}_owner"),
            app: format!("hc_q_{hex}"),
            admin_url: url.to_owned(),
        };
        let (owner, app) = (&roles.owner, &roles.app);
        exec(admin, &format!("CREATE ROLE {owner} LOGIN NOSUPERUSER NOBYPASSRLS; CREATE ROLE {app} LOGIN NOSUPERUSER NOBYPASSRLS")).await;
        exec(
            admin,
            &format!("GRANT CREATE ON DATABASE \"{db}\" TO {owner}"),
        )
        .await;
        exec(admin, &format!("GRANT CREATE ON SCHEMA public TO {owner}")).await;
        let txn = admin.begin().await.unwrap();
        exec(&txn, &format!("SET LOCAL ROLE {owner}")).await;
        let ddl = Postgres
            .render(&hardened())
            .expect("the fixture schema renders");
        for statement in ddl
            .statements
            .iter()
            .map(String::as_str)
            .chain(tweak.iter().copied())
        {
            exec(&txn, statement).await;
        }
        exec(
            &txn,
            &format!(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}"
            ),
        )
        .await;
        // The key the tests' handles sign with, added by its owner.
        exec(
            &txn,
            &format!(
                "INSERT INTO scope_keys (key_id, secret) VALUES ('{KEY_ID}', '\\x{}')",
                hex_secret()
            ),
        )
        .await;
        txn.commit().await.unwrap();
        roles
    }

    /// A pool logged in as the application role.
    pub async fn app_pool(&self, url: &str) -> DatabaseConnection {
        Database::connect(url.replacen("postgres@", &format!("{}@", self.app), 1))
            .await
            .unwrap()
    }

    /// Drops both roles and what they own.
    pub async fn drop(self) {
        let conn = Database::connect(&self.admin_url).await.unwrap();
        let _ = conn
            .execute_unprepared(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
            .await;
        let list = format!("{}, {}", self.owner, self.app);
        let _ = conn
            .execute_unprepared(&format!("DROP OWNED BY {list} CASCADE"))
            .await;
        let _ = conn
            .execute_unprepared(&format!("DROP ROLE IF EXISTS {list}"))
            .await;
        let _ = conn.close().await;
    }
}

/// The generated search column of the notes, as parallel schema work
/// declares such columns (`GENERATED ALWAYS AS (...) STORED`).
pub const NOTES_SEARCH_COLUMN: [&str; 2] = [
    "ALTER TABLE q_notes DROP COLUMN search_vector",
    "ALTER TABLE q_notes ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || body)) STORED",
];

pub async fn exec(conn: &impl ConnectionTrait, sql: &str) {
    if let Err(e) = conn.execute_unprepared(sql).await {
        panic!("{e}\n  in: {sql}");
    }
}

pub mod q_chunks {
    use hingecraft_runtime::prelude::*;

    /// A chunk of text with its embedding (created only where pgvector is).
    #[table(name = "q_chunks", module = "query")]
    pub struct QChunk {
        #[hc(primary_key, default_sql = "gen_random_uuid()")]
        pub id: Uuid,
        pub content: String,
        #[hc(dim = 3)]
        pub embedding: Option<PgVector>,
    }
}

/// The id of the key the tests sign scopes with.
pub const KEY_ID: &str = "test-key";

fn hex_secret() -> String {
    "5c".repeat(32)
}

/// The key the tests sign scopes with, as the database holds it.
pub fn key() -> hingecraft_runtime::query::ScopeKey {
    hingecraft_runtime::query::ScopeKey::new(KEY_ID, vec![0x5c; 32]).unwrap()
}
