//! Writers on a busy table while a migration runs: each inserts a row and
//! updates another in a loop, on a connection of its own, and records how
//! long each write took and whether it failed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};

/// What the writers saw.
#[derive(Debug, Clone, Copy, Default)]
pub struct Load {
    /// Writes done.
    pub writes: u64,
    /// Writes that failed.
    pub failed: u64,
    /// The longest a write took.
    pub max_stall: Duration,
}

impl Load {
    fn add(&mut self, other: Load) {
        self.writes += other.writes;
        self.failed += other.failed;
        self.max_stall = self.max_stall.max(other.max_stall);
    }
}

/// Runs `writers` writers on `url`'s `items` until `work` is done (and a
/// little after), each write bounded by a 5 s statement timeout (a write
/// that waits longer fails, as it would behind an application's timeout).
pub async fn under_load<T>(url: &str, writers: usize, work: impl Future<Output = T>) -> (T, Load) {
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for w in 0..writers {
        let db = connect(url).await;
        let stop = stop.clone();
        tasks.push(tokio::spawn(async move { write_loop(db, w, stop).await }));
    }
    // The writers are under way before the migration starts.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let out = work.await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    let mut load = Load::default();
    for t in tasks {
        load.add(t.await.unwrap());
    }
    (out, load)
}

async fn connect(url: &str) -> DatabaseConnection {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let db = Database::connect(options).await.unwrap();
    db.execute_unprepared("SET statement_timeout = '5s'")
        .await
        .unwrap();
    db
}

async fn write_loop(db: DatabaseConnection, writer: usize, stop: Arc<AtomicBool>) -> Load {
    // Rows of the fill, updated by primary key: old rows are written too.
    let ids: Vec<String> = db
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            format!(
                "SELECT id::text AS id FROM items ORDER BY id OFFSET {} LIMIT 500",
                writer * 500
            ),
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "id").unwrap())
        .collect();
    let mut load = Load::default();
    let mut n = 0u64;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let id = uuid::Uuid::new_v4();
        let insert = format!(
            "INSERT INTO items (id, account_id, sku, qty, note) \
             SELECT '{id}', id, 'w{writer}-{n}-{id}', {qty}, 'written' FROM accounts LIMIT 1",
            qty = n % 7
        );
        let update = format!(
            "UPDATE items SET qty = qty + 1, note = 'updated' WHERE id = '{}'",
            ids[(n as usize * 7) % ids.len()]
        );
        for sql in [insert, update] {
            let started = Instant::now();
            let result = db.execute_unprepared(&sql).await;
            load.max_stall = load.max_stall.max(started.elapsed());
            load.writes += 1;
            if result.is_err() {
                load.failed += 1;
            }
        }
    }
    let _ = db.close().await;
    load
}
