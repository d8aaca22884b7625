//! The database's refusal of a write, as a typed value.
//!
//! SeaORM's `SqlErr` names unique and foreign-key violations only; services
//! also need CHECK and NOT NULL, and the constraint, table and column at
//! fault, from Postgres and SQLite alike.

use sea_orm::{DbErr, RuntimeErr, sqlx};

/// Which kind of constraint refused a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ViolationKind {
    /// A UNIQUE constraint or unique index (including a primary key).
    Unique,
    /// A foreign key: the referenced row is missing, or still referenced.
    ForeignKey,
    /// A CHECK constraint.
    Check,
    /// A NOT NULL column got NULL.
    NotNull,
}

/// A write refused by a constraint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind:?} violation{}{}: {message}", table.as_ref().map(|t| format!(" on table `{t}`")).unwrap_or_default(), constraint.as_ref().map(|c| format!(" (constraint `{c}`)")).unwrap_or_default())]
#[non_exhaustive]
pub struct ConstraintViolation {
    /// The kind of constraint.
    pub kind: ViolationKind,
    /// The constraint's name, when the database reports it.
    pub constraint: Option<String>,
    /// The table, when the database reports it.
    pub table: Option<String>,
    /// The column, when the database reports it (NOT NULL, SQLite UNIQUE).
    pub column: Option<String>,
    /// The database's own message.
    pub message: String,
}

/// Reads a constraint violation out of a SeaORM error.
pub trait DbErrExt {
    /// The violation, if this error is one.
    fn violation(&self) -> Option<ConstraintViolation>;
}

impl DbErrExt for DbErr {
    fn violation(&self) -> Option<ConstraintViolation> {
        let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = self
        else {
            return None;
        };
        let sqlx::Error::Database(db) = &**e else {
            return None;
        };
        if let Some(pg) = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
            let kind = match pg.code() {
                "23505" => ViolationKind::Unique,
                "23503" => ViolationKind::ForeignKey,
                "23514" => ViolationKind::Check,
                "23502" => ViolationKind::NotNull,
                _ => return None,
            };
            return Some(ConstraintViolation {
                kind,
                constraint: pg.constraint().map(str::to_owned),
                table: pg.table().map(str::to_owned),
                column: pg.column().map(str::to_owned),
                message: pg.message().to_owned(),
            });
        }
        if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
            return sqlite_violation(db.code().as_deref(), db.message());
        }
        None
    }
}

/// SQLite reports extended result codes and a message such as
/// `UNIQUE constraint failed: users.email` or `CHECK constraint failed: ck_users_status_in`.
fn sqlite_violation(code: Option<&str>, message: &str) -> Option<ConstraintViolation> {
    let kind = match code? {
        "2067" | "1555" => ViolationKind::Unique,
        "787" => ViolationKind::ForeignKey,
        "275" => ViolationKind::Check,
        "1299" => ViolationKind::NotNull,
        _ => return None,
    };
    let detail = message.split_once("failed: ").map(|(_, d)| d.trim());
    let (mut constraint, mut table, mut column) = (None, None, None);
    match (kind, detail) {
        (ViolationKind::Unique | ViolationKind::NotNull, Some(d)) => {
            // `table.column[, table.column]`
            let first = d.split(',').next().unwrap_or(d).trim();
            if let Some((t, c)) = first.split_once('.') {
                table = Some(t.to_owned());
                column = (!d.contains(',')).then(|| c.to_owned());
            }
        }
        (ViolationKind::Check, Some(d)) => constraint = Some(d.to_owned()),
        _ => {}
    }
    Some(ConstraintViolation {
        kind,
        constraint,
        table,
        column,
        message: message.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_messages_are_parsed() {
        let v = sqlite_violation(Some("2067"), "UNIQUE constraint failed: users.email").unwrap();
        assert_eq!(
            (v.kind, v.table.as_deref(), v.column.as_deref()),
            (ViolationKind::Unique, Some("users"), Some("email"))
        );
        let v =
            sqlite_violation(Some("275"), "CHECK constraint failed: ck_users_status_in").unwrap();
        assert_eq!(
            (v.kind, v.constraint.as_deref()),
            (ViolationKind::Check, Some("ck_users_status_in"))
        );
        let v = sqlite_violation(Some("2067"), "UNIQUE constraint failed: m.a, m.b").unwrap();
        assert_eq!((v.table.as_deref(), v.column), (Some("m"), None));
        assert!(sqlite_violation(Some("1"), "syntax error").is_none());
    }
}
