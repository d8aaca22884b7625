//! The optimistic-locking refusal, read out of a SeaORM error.

use sea_orm::{DbErr, RuntimeErr, sqlx};

/// The SQLSTATE the optimistic-locking trigger raises (serialization
/// failure: read again and retry).
pub const STALE_VERSION_SQLSTATE: &str = "40001";

/// An UPDATE refused because it was based on a stale version of the row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
#[non_exhaustive]
pub struct StaleVersion {
    /// The table, as the trigger reports it.
    pub table: Option<String>,
    /// The database's message, naming the table and both versions.
    pub message: String,
}

/// The stale-version refusal this error is, if it is one.
///
/// Recognised by SQLSTATE `40001` together with the error's column field
/// `version`, which the trigger sets: a plain serialization failure of a
/// `SERIALIZABLE` transaction has no column. Both call for the same retry.
pub fn stale_version(err: &DbErr) -> Option<StaleVersion> {
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err
    else {
        return None;
    };
    let sqlx::Error::Database(db) = &**e else {
        return None;
    };
    let pg = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>()?;
    (pg.code() == STALE_VERSION_SQLSTATE && pg.column() == Some("version")).then(|| StaleVersion {
        table: pg.table().map(str::to_owned),
        message: pg.message().to_owned(),
    })
}
