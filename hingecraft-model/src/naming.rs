//! Deterministic names for constraints and indexes.
//!
//! Postgres truncates identifiers longer than 63 bytes without a word, which
//! can make two names collide. Long names are therefore shortened here, with a
//! hash of the full name, so that each stays unique and stable.

/// The longest identifier Postgres keeps whole.
pub const MAX_IDENT_LEN: usize = 63;

/// `<prefix>_<table>_<col>_<col>...`, shortened when too long.
pub fn constraint_name(prefix: &str, table: &str, columns: &[&str]) -> String {
    let mut name = format!("{prefix}_{table}");
    for c in columns {
        name.push('_');
        name.push_str(c);
    }
    shorten(name)
}

/// A foreign key's name.
pub fn foreign_key(table: &str, columns: &[&str]) -> String {
    constraint_name("fk", table, columns)
}

/// A UNIQUE constraint's name.
pub fn unique(table: &str, columns: &[&str]) -> String {
    constraint_name("uq", table, columns)
}

/// An index's name.
pub fn index(table: &str, columns: &[&str]) -> String {
    constraint_name("idx", table, columns)
}

/// The unique index on a materialized view's key.
pub fn view_key(view: &str) -> String {
    shorten(format!("uq_{view}_key"))
}

/// A CHECK constraint's name; `what` tells checks on one column apart
/// (`in`, `range`, `len`, `expr`).
pub fn check(table: &str, column: &str, what: &str) -> String {
    constraint_name("ck", table, &[column, what])
}

/// Cuts a name to [`MAX_IDENT_LEN`] bytes, ending it with a hash of the whole.
pub fn shorten(name: String) -> String {
    if name.len() <= MAX_IDENT_LEN {
        return name;
    }
    // FNV-1a: stable across platforms and releases, unlike std's hasher.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let suffix = format!("_{:08x}", hash as u32);
    let mut cut = MAX_IDENT_LEN - suffix.len();
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{suffix}", &name[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_kept() {
        assert_eq!(
            foreign_key("users", &["workspace_id"]),
            "fk_users_workspace_id"
        );
        assert_eq!(check("accounts", "type", "in"), "ck_accounts_type_in");
    }

    #[test]
    fn long_names_are_shortened_uniquely_and_stably() {
        let a = index(
            "a_rather_long_table_name_for_testing",
            &["first_long_column", "second_long_column"],
        );
        let b = index(
            "a_rather_long_table_name_for_testing",
            &["first_long_column", "second_long_columm"],
        );
        assert_eq!(a.len(), MAX_IDENT_LEN);
        assert_ne!(a, b);
        assert_eq!(
            a,
            index(
                "a_rather_long_table_name_for_testing",
                &["first_long_column", "second_long_column"]
            )
        );
    }
}
