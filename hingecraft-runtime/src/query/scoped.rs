//! [`Scoped`]: a transaction bound to one workspace and user.

use hingecraft_model::SessionSettings;
use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, ExecResult, QueryResult, Statement,
    TransactionTrait,
};

use super::{Scope, ScopeKey};

/// A transaction with the scope's signed token set for its duration (`SET
/// LOCAL app.scope`), so row-level security applies to every query run
/// through it. Commit or roll back explicitly; dropping it rolls back.
///
/// The database trusts no setting a session writes: it verifies the
/// token's signature against its copy of the [`ScopeKey`], so a session
/// that sets `app.scope` (or any `app.*`) by hand gets no rows. The key is
/// the service's configuration ([`ScopeKey::from_env`]).
///
/// It is a [`ConnectionTrait`], so SeaORM's own API (`insert`, `find`)
/// works through it too.
///
/// ```no_run
/// # async fn run(db: &sea_orm::DatabaseConnection) -> Result<(), Box<dyn std::error::Error>> {
/// use hingecraft_runtime::query::{Scope, ScopeKey, Scoped};
/// let key = ScopeKey::from_env()?;
/// let workspace = uuid::Uuid::new_v4();
/// let scoped = Scoped::begin(db, &key, Scope::workspace(workspace)).await?;
/// // ... typed helpers of tenant tables take `&scoped` ...
/// scoped.commit().await?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Scoped {
    txn: DatabaseTransaction,
    scope: Scope,
}

impl Scoped {
    /// Begins a transaction on `db` and sets the scope's token in it,
    /// signed with `key` (on Postgres; SQLite has neither settings nor
    /// RLS, and relies on the helpers' own tenant filter), under the
    /// default setting name (`app.scope`).
    pub async fn begin<C>(db: &C, key: &ScopeKey, scope: Scope) -> Result<Self, DbErr>
    where
        C: TransactionTrait<Transaction = DatabaseTransaction>,
    {
        Self::begin_with(db, key, scope, &SessionSettings::default()).await
    }

    /// [`begin`](Self::begin), setting the token setting a project's
    /// conventions name (`Conventions::session`).
    pub async fn begin_with<C>(
        db: &C,
        key: &ScopeKey,
        scope: Scope,
        settings: &SessionSettings,
    ) -> Result<Self, DbErr>
    where
        C: TransactionTrait<Transaction = DatabaseTransaction>,
    {
        let txn = db.begin().await?;
        if txn.get_database_backend() == DbBackend::Postgres {
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT set_config($1, $2, true)",
                [settings.token.clone().into(), key.sign(&scope).into()],
            ))
            .await?;
        }
        Ok(Self { txn, scope })
    }

    /// Whom this handle acts for.
    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// Commits the transaction.
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    /// Rolls the transaction back.
    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

#[sea_orm::prelude::async_trait::async_trait]
impl ConnectionTrait for Scoped {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }
}
