//! SQL identifier rules shared by table, column and constraint names.

use heck::ToSnakeCase;

/// Postgres truncates longer identifiers silently.
pub(crate) const MAX_IDENT_LEN: usize = 63;

/// Postgres reserved key words (reserved, and reserved-but-may-be-function-or-type):
/// as a table or column name they would need quoting everywhere.
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "not",
    "notnull",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
    "similar",
    "some",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
];

/// Why a name cannot be a SQL identifier, or `None` when it can.
pub(crate) fn check(name: &str, what: &str) -> Option<String> {
    if name.is_empty() {
        return Some(format!("{what} name is empty"));
    }
    if name.len() > MAX_IDENT_LEN {
        return Some(format!(
            "{what} name `{name}` is {} bytes long; Postgres identifiers are at most {MAX_IDENT_LEN} bytes",
            name.len()
        ));
    }
    if RESERVED.contains(&name) {
        return Some(format!(
            "{what} name `{name}` is a reserved word in Postgres; choose another name"
        ));
    }
    let snake = name.to_snake_case();
    let starts_ok = name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
    let chars_ok = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if snake != name || !starts_ok || !chars_ok {
        return Some(format!(
            "{what} name `{name}` is not snake_case (try `{snake}`)"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_snake_case() {
        assert_eq!(check("user_profiles", "table"), None);
        assert_eq!(check("zip2", "column"), None);
        assert_eq!(
            check("type", "column"),
            None,
            "non-reserved key words are fine"
        );
    }

    #[test]
    fn rejects_bad_names() {
        assert!(
            check("UserProfiles", "table")
                .unwrap()
                .contains("user_profiles")
        );
        assert!(check("user", "table").unwrap().contains("reserved"));
        assert!(
            check(&"a".repeat(64), "table")
                .unwrap()
                .contains("64 bytes")
        );
        assert!(check("", "table").unwrap().contains("empty"));
        assert!(check("9lives", "column").unwrap().contains("snake_case"));
    }
}
