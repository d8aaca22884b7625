//! The schema the migrations should have produced, built for real: the
//! expected DDL is applied to a scratch database on the same server (a
//! fresh Postgres database from `template0`, dropped afterwards; an
//! in-memory SQLite database), which is then introspected by the same code
//! as the live one. Postgres's canonical forms (of defaults, index and
//! policy expressions, trigger definitions) come out identical on both
//! sides without being re-implemented here, and the server's extensions
//! shape both sides alike. The catalog built is cached (see [`cache`]).

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement,
};

use hingecraft_runtime::migrate::{Bookkeeping, LockPolicy, Migration, redact, runner};

use super::catalog::Catalog;
use super::{VerifyError, cache, postgres, sqlite};

/// A database name no other run uses: `hc_verify_<pid>_<time>_<n>`.
fn scratch_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos() ^ (d.as_secs() as u32))
        .unwrap_or(0);
    format!(
        "hc_verify_{:x}_{nanos:x}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// `url` pointing at database `name` on the same server, query kept.
pub(crate) fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut out = format!("{}/{name}", &base[..path_start]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

fn scratch_options(url: String) -> ConnectOptions {
    let mut opts = ConnectOptions::new(url);
    opts.max_connections(1)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .idle_timeout(None::<Duration>)
        .max_lifetime(None::<Duration>)
        .sqlx_logging(false);
    opts
}

/// The expected catalog on Postgres: from the cache in `cache_dir` when it
/// holds it, else built in a scratch database next to the live one (the
/// role must be allowed to create databases) and stored there.
pub(crate) async fn postgres(
    live: &DatabaseConnection,
    url: &str,
    migrations: &[Migration],
    search_path: &str,
    cache_dir: Option<&Path>,
) -> Result<Catalog, VerifyError> {
    // The server's extensions decide the DDL; the live database is on the
    // same server, so asking it gives the scratch database's answer.
    let script: String = expected_statements(live, migrations)
        .await?
        .iter()
        .map(|s| format!("{s};\n"))
        .collect();
    let version = live
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT current_setting('server_version_num') AS v",
        ))
        .await
        .and_then(|row| match row {
            Some(row) => row.try_get::<String>("", "v"),
            None => Ok(String::new()),
        })
        .map_err(VerifyError::introspect)?;
    let key = cache::key(&format!("{search_path}\n{script}"), &version);
    if let Some(catalog) = cache_dir.and_then(|dir| cache::load(dir, &key)) {
        return Ok(catalog);
    }
    let catalog = scratch_postgres(live, url, migrations, search_path).await?;
    if let Some(dir) = cache_dir {
        cache::store(dir, &key, &catalog);
    }
    Ok(catalog)
}

async fn scratch_postgres(
    live: &DatabaseConnection,
    url: &str,
    migrations: &[Migration],
    search_path: &str,
) -> Result<Catalog, VerifyError> {
    let name = scratch_name();
    let scratch_err = |source: DbErr| VerifyError::Scratch {
        database: name.clone(),
        source,
    };
    // template0: nothing a site added to template1 leaks into the expectation.
    live.execute_unprepared(&format!("CREATE DATABASE \"{name}\" TEMPLATE template0"))
        .await
        .map_err(scratch_err)?;
    let built = build_postgres(&with_database(url, &name), migrations, search_path).await;
    // Dropped whatever happened; FORCE ends a connection a failure left open.
    let dropped = live
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await;
    let catalog = built.map_err(|e| match e {
        VerifyError::Scratch { source, .. } => scratch_err(source),
        other => other,
    })?;
    dropped.map_err(scratch_err)?;
    Ok(catalog)
}

/// The bookkeeping of the scratch databases: the runner's own tables there
/// are left out of the expected catalog.
fn scratch_bookkeeping() -> Bookkeeping {
    Bookkeeping {
        table: "hingecraft_verify_scratch_migrations".into(),
        ..Bookkeeping::default()
    }
}

/// Applies the migrations with the runner, as `migrate up` does, and
/// leaves its bookkeeping out of the catalog.
async fn migrate(db: &DatabaseConnection, migrations: &[Migration]) -> Result<(), DbErr> {
    let b = scratch_bookkeeping();
    runner::up(db, &b, migrations, None, LockPolicy::default())
        .await
        .map(drop)
        .map_err(DbErr::from)
}

pub(crate) fn without_bookkeeping(mut catalog: Catalog, key: &str) -> Catalog {
    catalog.tables.remove(key);
    catalog.tables.remove(&format!("{key}_steps"));
    catalog
}

async fn build_postgres(
    url: &str,
    migrations: &[Migration],
    search_path: &str,
) -> Result<Catalog, VerifyError> {
    let scratch_err = |source: DbErr| VerifyError::Scratch {
        database: redact(url),
        source,
    };
    let db = Database::connect(scratch_options(url.to_owned()))
        .await
        .map_err(scratch_err)?;
    let result = async {
        migrate(&db, migrations).await.map_err(scratch_err)?;
        postgres::introspect(&db, search_path).await
    }
    .await;
    let _ = db.close().await;
    result.map(|c| without_bookkeeping(c, &scratch_bookkeeping().table))
}

/// The expected catalog on SQLite, built in memory.
pub(crate) async fn sqlite(migrations: &[Migration]) -> Result<Catalog, VerifyError> {
    let scratch_err = |source: DbErr| VerifyError::Scratch {
        database: "sqlite::memory:".into(),
        source,
    };
    // One connection: every connection to `:memory:` is its own database.
    let db = Database::connect(scratch_options("sqlite::memory:".into()))
        .await
        .map_err(scratch_err)?;
    migrate(&db, migrations).await.map_err(scratch_err)?;
    let catalog = sqlite::introspect(&db).await;
    let _ = db.close().await;
    catalog.map(|c| without_bookkeeping(c, &scratch_bookkeeping().table))
}

/// Every migration's up statements as this server runs them (the extensions
/// it offers decide the guarded ones): what `migrate up` leaves behind.
async fn expected_statements(
    db: &DatabaseConnection,
    migrations: &[Migration],
) -> Result<Vec<String>, VerifyError> {
    Ok(runner::up_statements(db, migrations)
        .await
        .map_err(|e| VerifyError::Expected(e.into()))?
        .into_iter()
        .flat_map(|(_, statements)| statements)
        .collect())
}
