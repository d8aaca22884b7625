//! The database's refusal of a write, as a typed value.
//!
//! SeaORM's `SqlErr` names unique and foreign-key violations only; services
//! also need CHECK and NOT NULL, and the constraint, table and column at
//! fault, from Postgres, SQLite and (feature `mysql`) MySQL and MariaDB alike.

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
        #[cfg(feature = "mysql")]
        if let Some(my) = db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
            return mysql_violation(my.number(), my.message());
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

/// MySQL and MariaDB report an error number and a message that names the
/// key, the constraint or the column:
/// - 1062 `Duplicate entry 'a' for key 'uq_users_email'` (MySQL 8: `'users.uq_users_email'`);
/// - 1452 / 1451 `... a foreign key constraint fails (`db`.`child`, CONSTRAINT `fk` FOREIGN KEY ...)`;
/// - 4025 (MariaDB) ``CONSTRAINT `ck` failed for `db`.`t` ``, 3819 (MySQL) `Check constraint 'ck' is violated.`;
/// - 1048 `Column 'c' cannot be null`, 1364 `Field 'c' doesn't have a default value`.
#[cfg_attr(not(feature = "mysql"), allow(dead_code))]
fn mysql_violation(number: u16, message: &str) -> Option<ConstraintViolation> {
    /// The text between the first `open` after `after` and the next `close`.
    fn between<'a>(message: &'a str, after: &str, open: char, close: char) -> Option<&'a str> {
        let rest = &message[message.find(after)? + after.len()..];
        let start = rest.find(open)? + open.len_utf8();
        let end = rest[start..].find(close)? + start;
        Some(&rest[start..end])
    }
    let (kind, constraint, table, column) = match number {
        1062 | 1586 => {
            let key = between(message, "for key", '\'', '\'');
            let key = key.map(|k| k.rsplit('.').next().unwrap_or(k).to_owned());
            (ViolationKind::Unique, key, None, None)
        }
        1451 | 1452 | 1216 | 1217 => {
            let child = between(message, "fails (", '`', '`')
                .and_then(|_| message.split("`.`").nth(1))
                .and_then(|t| t.split('`').next());
            let fk = between(message, "CONSTRAINT", '`', '`');
            (
                ViolationKind::ForeignKey,
                fk.map(str::to_owned),
                child.map(str::to_owned),
                None,
            )
        }
        4025 => {
            let check = between(message, "CONSTRAINT", '`', '`');
            let table = message
                .rsplit("`.`")
                .next()
                .filter(|_| message.contains("failed for"))
                .map(|t| t.trim_end_matches('`').to_owned());
            (ViolationKind::Check, check.map(str::to_owned), table, None)
        }
        3819 => {
            let check = between(message, "Check constraint", '\'', '\'');
            (ViolationKind::Check, check.map(str::to_owned), None, None)
        }
        1048 => {
            let column = between(message, "Column", '\'', '\'');
            (
                ViolationKind::NotNull,
                None,
                None,
                column.map(str::to_owned),
            )
        }
        1364 => {
            let column = between(message, "Field", '\'', '\'');
            (
                ViolationKind::NotNull,
                None,
                None,
                column.map(str::to_owned),
            )
        }
        _ => return None,
    };
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

    #[test]
    fn mysql_messages_are_parsed() {
        let v = mysql_violation(
            1062,
            "Duplicate entry 'ada@example.com' for key 'uq_users_email'",
        )
        .unwrap();
        assert_eq!(
            (v.kind, v.constraint.as_deref()),
            (ViolationKind::Unique, Some("uq_users_email"))
        );
        let v =
            mysql_violation(1062, "Duplicate entry 'a' for key 'users.uq_users_email'").unwrap();
        assert_eq!(v.constraint.as_deref(), Some("uq_users_email"));
        let v = mysql_violation(
            1452,
            "Cannot add or update a child row: a foreign key constraint fails (`hc_test_1`.`user_profiles`, \
             CONSTRAINT `fk_user_profiles_user_id` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`))",
        )
        .unwrap();
        assert_eq!(
            (v.kind, v.constraint.as_deref(), v.table.as_deref()),
            (
                ViolationKind::ForeignKey,
                Some("fk_user_profiles_user_id"),
                Some("user_profiles")
            )
        );
        let v = mysql_violation(
            4025,
            "CONSTRAINT `ck_users_status_in` failed for `hc_test_1`.`users`",
        )
        .unwrap();
        assert_eq!(
            (v.kind, v.constraint.as_deref(), v.table.as_deref()),
            (
                ViolationKind::Check,
                Some("ck_users_status_in"),
                Some("users")
            )
        );
        let v = mysql_violation(3819, "Check constraint 'ck_x' is violated.").unwrap();
        assert_eq!(v.constraint.as_deref(), Some("ck_x"));
        let v = mysql_violation(1364, "Field 'name' doesn't have a default value").unwrap();
        assert_eq!(
            (v.kind, v.column.as_deref()),
            (ViolationKind::NotNull, Some("name"))
        );
        let v = mysql_violation(1048, "Column 'name' cannot be null").unwrap();
        assert_eq!(v.column.as_deref(), Some("name"));
        assert!(mysql_violation(1064, "You have an error in your SQL syntax").is_none());
    }
}
