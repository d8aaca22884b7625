//! SQL identifier rules shared by table, column and constraint names.

use heck::ToSnakeCase;
use proc_macro2::Span;

/// Postgres truncates longer identifiers silently.
pub(crate) const MAX_IDENT_LEN: usize = 63;

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
    if hingecraft_model::sql::is_reserved(name) {
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

/// `name` as a Rust identifier, raw for a keyword (`r#type`), else
/// `name_suffix` for the keywords no raw identifier spells (`self_row`).
pub(crate) fn rust(name: &str, suffix: &str, span: Span) -> syn::Ident {
    let ident = hingecraft_model::rust::ident(name, suffix);
    match ident.strip_prefix("r#") {
        Some(raw) => syn::Ident::new_raw(raw, span),
        None => syn::Ident::new(&ident, span),
    }
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
