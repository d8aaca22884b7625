//! `hingecraft seed`: a small, realistic data set across every layer of a
//! migrated database, the same for the same seed number on every run.
//!
//! # What it writes
//! Per workspace (three): members, designs with a first version,
//! microfactories, production projects and orders, knowledge documents
//! with their chunks, campaigns, achievements (some unlocked) and system
//! alerts; platform-wide: users and donations (the completed ones with a
//! receipt). [`SeedReport`] counts the rows per table.
//!
//! # Determinism
//! Every value comes from a ChaCha8 generator seeded with the seed number:
//! ids, names, amounts and timestamps (offsets from a fixed date, never
//! `now()`). Rows go in through the production entities' `ActiveModel`s
//! with every column the seed data cares about set; the rest take the
//! schema's defaults.
//!
//! # Row-level security
//! The seeder runs in one transaction under scope tokens it signs with the
//! key it is given (the database must hold the same key): as platform
//! administrator for the users and workspaces, as each donor for their
//! donations, and as administrator of each workspace in turn for that
//! workspace's rows. It passes the forced policies even as a role without
//! `BYPASSRLS`, and nothing is left behind if a row fails. SQLite has no
//! such settings.
//!
//! # Embeddings
//! `document_chunks.embedding` gets a deterministic unit vector only where
//! it is a pgvector column. On a Postgres without pgvector the migrator
//! leaves the vector out, and SQLite has none: there the chunks keep a NULL
//! embedding (and no `embedding_model`), since bytes in place of a vector
//! would be read by nothing.

mod families;

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use hingecraft::model::SessionSettings;
use hingecraft::query::{Scope, ScopeKey};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    Statement, TransactionTrait,
};
use uuid::Uuid;

/// What went wrong while seeding.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SeedError {
    /// A row was refused (constraint, policy) or the database failed.
    #[error("seeding table `{table}`: {source}")]
    Insert {
        /// The table being written.
        table: &'static str,
        /// The database's error.
        source: DbErr,
    },
    /// The transaction or a session setting failed.
    #[error("seeding: {0}")]
    Database(#[from] DbErr),
}

/// Rows written, per table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedReport {
    /// Table name to number of rows inserted.
    pub rows: BTreeMap<&'static str, usize>,
    /// Whether chunk embeddings were written (a pgvector column).
    pub embeddings: bool,
}

/// Fills a migrated database with the data set of seed `n`.
///
/// # Errors
/// [`SeedError::Insert`] naming the table whose row was refused (seeding a
/// database twice conflicts on unique keys), or a database error.
pub async fn seed(
    db: &DatabaseConnection,
    n: u64,
    key: &ScopeKey,
) -> Result<SeedReport, SeedError> {
    let txn = db.begin().await?;
    let embeddings = has_vector_embedding(&txn).await?;
    let mut ctx = Ctx {
        db: &txn,
        key,
        rng: ChaCha8Rng::seed_from_u64(n),
        report: SeedReport {
            embeddings,
            ..SeedReport::default()
        },
    };
    ctx.scope(None, None).await?;
    families::all(&mut ctx).await?;
    let report = ctx.report;
    txn.commit().await?;
    Ok(report)
}

/// Whether `document_chunks.embedding` is a pgvector column here.
async fn has_vector_embedding(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(false);
    }
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT format_type(atttypid, atttypmod) AS ty FROM pg_attribute \
             WHERE attrelid = to_regclass('document_chunks') AND attname = 'embedding' \
             AND NOT attisdropped",
        ))
        .await?;
    Ok(match row {
        Some(r) => r.try_get::<String>("", "ty")?.starts_with("vector"),
        None => false,
    })
}

/// The seeding session: the connection, the generator, the counts.
pub(crate) struct Ctx<'a, C: ConnectionTrait> {
    db: &'a C,
    key: &'a ScopeKey,
    rng: ChaCha8Rng,
    report: SeedReport,
}

impl<C: ConnectionTrait> Ctx<'_, C> {
    /// Acts, for the rest of the transaction (Postgres), as platform
    /// administrator and administrator of `workspace` (none: the nil
    /// uuid, which no row has), as `user`: a signed token.
    async fn scope(&self, workspace: Option<Uuid>, user: Option<Uuid>) -> Result<(), DbErr> {
        if self.db.get_database_backend() == DbBackend::Postgres {
            let mut scope = Scope::workspace(workspace.unwrap_or_default())
                .workspace_admin()
                .platform_admin();
            scope.user_id = user;
            self.db
                .execute_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT set_config($1, $2, true)",
                    [
                        SessionSettings::default().token.into(),
                        self.key.sign(&scope).into(),
                    ],
                ))
                .await?;
        }
        Ok(())
    }

    /// Inserts one row, without reading it back: a table the server could
    /// only hold in part (no vector column) still takes the row.
    async fn put<A>(&mut self, table: &'static str, row: A) -> Result<(), SeedError>
    where
        A: ActiveModelTrait + Send,
    {
        <A::Entity as EntityTrait>::insert(row)
            .exec_without_returning(self.db)
            .await
            .map_err(|source| SeedError::Insert { table, source })?;
        *self.report.rows.entry(table).or_default() += 1;
        Ok(())
    }

    /// A random (version 4) id from the generator.
    fn id(&mut self) -> Uuid {
        uuid::Builder::from_random_bytes(self.rng.random()).into_uuid()
    }

    /// A number in `lo..=hi`.
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        self.rng.random_range(lo..=hi)
    }

    /// One of the items.
    fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[self.rng.random_range(0..items.len())]
    }

    /// A time within the first 90 days of 2026 (UTC), to the second.
    fn time(&mut self) -> DateTime<FixedOffset> {
        let base = Utc
            .with_ymd_and_hms(2026, 1, 1, 8, 0, 0)
            .single()
            .unwrap_or_default();
        (base + Duration::seconds(self.int(0, 90 * 24 * 3600))).fixed_offset()
    }

    /// A unit vector of `dim` components.
    fn unit_vector(&mut self, dim: usize) -> Vec<f32> {
        let v: Vec<f32> = (0..dim)
            .map(|_| self.rng.random_range(-1.0f32..1.0))
            .collect();
        let norm = v
            .iter()
            .map(|x| x * x)
            .sum::<f32>()
            .sqrt()
            .max(f32::EPSILON);
        v.into_iter().map(|x| x / norm).collect()
    }
}
