//! Optimistic locking: an UPDATE that names the version it read.

use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, ConnectionTrait, DbErr, EntityName, EntityTrait,
    IntoActiveModel, QueryFilter, Value,
};

use super::stale::stale_version;

/// An update refused because the row changed since it was read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "stale version on table `{table}`: the update was based on version {read:?}, and the row has moved on (or is gone); read it again and retry"
)]
#[non_exhaustive]
pub struct VersionConflict {
    /// The table.
    pub table: String,
    /// The version the update was based on.
    pub read: Value,
}

/// Why `update_versioned` wrote nothing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VersionedError {
    /// The row is at another version than the one read (or no longer exists).
    #[error(transparent)]
    Conflict(#[from] VersionConflict),
    /// The active model carries no version: an update cannot be checked.
    #[error("update of table `{table}` carries no `version`: set it to the version read")]
    NoVersion {
        /// The table.
        table: String,
    },
    /// Any other database error.
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Updates the row of `model` only if it is still at the version `model`
/// carries: `UPDATE .. SET .., version = <read> WHERE <pk> AND version =
/// <read>`. The hardening trigger `optimistic_lock_<table>` bumps the
/// version; a stale version matches no row, or is refused by the trigger
/// under a concurrent update, and both come back as
/// [`VersionedError::Conflict`] with nothing written.
///
/// `scope` narrows the rows further (the tenant filter of a scoped handle).
/// Generated as `ActiveModel::update_versioned` on versioned tables.
pub async fn versioned_update<A, C>(
    mut model: A,
    version: <A::Entity as EntityTrait>::Column,
    scope: sea_orm::Condition,
    db: &C,
) -> Result<<A::Entity as EntityTrait>::Model, VersionedError>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    C: ConnectionTrait,
{
    let table = <A::Entity as Default>::default().table_name().to_owned();
    let read = match model.get(version) {
        ActiveValue::Set(v) | ActiveValue::Unchanged(v) => v,
        ActiveValue::NotSet => return Err(VersionedError::NoVersion { table }),
    };
    // Sent even when unchanged, so the trigger compares it.
    model.set(version, read.clone());
    let result = <A::Entity as EntityTrait>::update(model)
        .validate()?
        .filter(version.eq(read.clone()))
        .filter(scope)
        .exec(db)
        .await;
    match result {
        Ok(row) => Ok(row),
        Err(DbErr::RecordNotUpdated) => Err(VersionConflict { table, read }.into()),
        Err(e) if stale_version(&e).is_some() => Err(VersionConflict { table, read }.into()),
        Err(e) => Err(e.into()),
    }
}
