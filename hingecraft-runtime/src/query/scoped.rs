//! [`Scoped`]: a transaction bound to one workspace and user.

use hingecraft_model::SessionSettings;
use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, ExecResult, QueryResult, Statement,
    TransactionTrait,
};
use uuid::Uuid;

/// Whom a [`Scoped`] handle acts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// `app.workspace_id`: the workspace whose rows are visible.
    pub workspace_id: Uuid,
    /// `app.user_id`: the user acting, for owner policies.
    pub user_id: Option<Uuid>,
}

impl Scope {
    /// A scope for a workspace, with no user.
    pub fn workspace(workspace_id: Uuid) -> Self {
        Self {
            workspace_id,
            user_id: None,
        }
    }

    /// The same scope, acting as `user_id`.
    pub fn user(mut self, user_id: Uuid) -> Self {
        self.user_id = Some(user_id);
        self
    }
}

/// A transaction with `app.workspace_id` and `app.user_id` set for its
/// duration (`SET LOCAL`), so row-level security applies to every query
/// run through it. Commit or roll back explicitly; dropping it rolls back.
///
/// It is a [`ConnectionTrait`], so SeaORM's own API (`insert`, `find`)
/// works through it too.
///
/// ```no_run
/// # async fn run(db: &sea_orm::DatabaseConnection) -> Result<(), sea_orm::DbErr> {
/// use hingecraft_runtime::query::{Scope, Scoped};
/// let workspace = uuid::Uuid::new_v4();
/// let scoped = Scoped::begin(db, Scope::workspace(workspace)).await?;
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
    /// Begins a transaction on `db` and sets the scope's settings in it
    /// (on Postgres; SQLite has neither settings nor RLS, and relies on
    /// the helpers' own tenant filter), under the default setting names
    /// (`app.workspace_id`, `app.user_id`).
    pub async fn begin<C>(db: &C, scope: Scope) -> Result<Self, DbErr>
    where
        C: TransactionTrait<Transaction = DatabaseTransaction>,
    {
        Self::begin_with(db, scope, &SessionSettings::default()).await
    }

    /// [`begin`](Self::begin), setting the session settings a project's
    /// conventions name (`Conventions::session`).
    pub async fn begin_with<C>(
        db: &C,
        scope: Scope,
        settings: &SessionSettings,
    ) -> Result<Self, DbErr>
    where
        C: TransactionTrait<Transaction = DatabaseTransaction>,
    {
        let txn = db.begin().await?;
        if txn.get_database_backend() == DbBackend::Postgres {
            let user = scope.user_id.map(|u| u.to_string()).unwrap_or_default();
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT set_config($1, $2, true), set_config($3, $4, true)",
                [
                    settings.workspace.clone().into(),
                    scope.workspace_id.to_string().into(),
                    settings.user.clone().into(),
                    user.into(),
                ],
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
