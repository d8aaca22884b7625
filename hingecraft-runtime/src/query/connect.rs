//! A connection pool for services: pool sizes, timeouts, and TLS.

use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

/// How a service connects: the pool, its timeouts, and whether TLS is required.
///
/// ```no_run
/// # async fn run() -> Result<(), hingecraft_runtime::query::ConnectError> {
/// use hingecraft_runtime::query::{PoolOptions, connect};
/// let db = connect(
///     PoolOptions::new("postgres://app@db.internal/hingecraft")
///         .max_connections(20)
///         .require_tls(true),
/// )
/// .await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct PoolOptions {
    url: String,
    max_connections: u32,
    min_connections: u32,
    acquire_timeout: Duration,
    idle_timeout: Duration,
    max_lifetime: Duration,
    statement_timeout: Option<Duration>,
    application_name: Option<String>,
    require_tls: bool,
}

impl PoolOptions {
    /// Defaults for a service: 10 connections at most, 1 kept open, 5 s to
    /// acquire one, idle ones closed after 10 min, each replaced after 30 min.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            max_connections: 10,
            min_connections: 1,
            acquire_timeout: Duration::from_secs(5),
            idle_timeout: Duration::from_secs(600),
            max_lifetime: Duration::from_secs(1800),
            statement_timeout: None,
            application_name: None,
            require_tls: false,
        }
    }

    /// The pool's size.
    pub fn max_connections(mut self, n: u32) -> Self {
        self.max_connections = n;
        self
    }

    /// Connections kept open when idle.
    pub fn min_connections(mut self, n: u32) -> Self {
        self.min_connections = n;
        self
    }

    /// How long to wait for a free connection (and to open one).
    pub fn acquire_timeout(mut self, d: Duration) -> Self {
        self.acquire_timeout = d;
        self
    }

    /// A server-side limit on every statement (Postgres).
    pub fn statement_timeout(mut self, d: Duration) -> Self {
        self.statement_timeout = Some(d);
        self
    }

    /// The name the server shows for these connections (Postgres).
    pub fn application_name(mut self, name: impl Into<String>) -> Self {
        self.application_name = Some(name.into());
        self
    }

    /// Refuse to talk to Postgres unencrypted: `sslmode=require` is added
    /// to the URL unless it names a mode, and the connection is checked to
    /// be encrypted (`pg_stat_ssl`) before the pool is handed out.
    pub fn require_tls(mut self, on: bool) -> Self {
        self.require_tls = on;
        self
    }

    fn url(&self) -> String {
        if !self.require_tls || self.url.contains("sslmode=") || !is_postgres(&self.url) {
            return self.url.clone();
        }
        let sep = if self.url.contains('?') { '&' } else { '?' };
        format!("{}{sep}sslmode=require", self.url)
    }
}

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Why [`connect`] failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConnectError {
    /// The pool could not be opened (unreachable server, refused login,
    /// TLS handshake failed).
    #[error("could not connect to the database: {0}")]
    Connect(#[source] DbErr),
    /// TLS was required and the connection is not encrypted.
    #[error("TLS is required but the connection to the database is not encrypted")]
    NotEncrypted,
    /// TLS was required of a database that is not Postgres.
    #[error("TLS can only be required of a Postgres database")]
    TlsUnsupported,
}

/// Opens a pool with `options`; see [`PoolOptions`].
pub async fn connect(options: PoolOptions) -> Result<DatabaseConnection, ConnectError> {
    if options.require_tls && !is_postgres(&options.url) {
        return Err(ConnectError::TlsUnsupported);
    }
    let mut opts = ConnectOptions::new(options.url());
    opts.max_connections(options.max_connections)
        .min_connections(options.min_connections)
        .acquire_timeout(options.acquire_timeout)
        .connect_timeout(options.acquire_timeout)
        .idle_timeout(options.idle_timeout)
        .max_lifetime(options.max_lifetime)
        .sqlx_logging(false);
    if let Some(d) = options.statement_timeout {
        opts.statement_timeout(d);
    }
    if let Some(name) = &options.application_name {
        opts.set_application_name(name.clone());
    }
    let db = Database::connect(opts)
        .await
        .map_err(ConnectError::Connect)?;
    if options.require_tls && db.get_database_backend() == DbBackend::Postgres {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                DbBackend::Postgres,
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            ))
            .await
            .map_err(ConnectError::Connect)?;
        let encrypted = row
            .map(|r| r.try_get::<bool>("", "ssl"))
            .transpose()
            .map_err(ConnectError::Connect)?
            .unwrap_or(false);
        if !encrypted {
            return Err(ConnectError::NotEncrypted);
        }
    }
    Ok(db)
}
