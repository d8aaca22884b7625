//! SQL names as Rust identifiers: the one keyword list the `#[table]` macro
//! (lookup arguments, navigation methods) and the entity codegen (fields)
//! share, so that a column named after a keyword gives code that compiles.

/// Every Rust keyword that cannot be an identifier as written: the strict
/// ones, the ones reserved for later (`abstract`, `become`, ...) and those
/// of the 2018 and 2024 editions (`async`, `await`, `dyn`, `try`, `gen`).
/// Weak keywords (`union`, `raw`, `safe`, `macro_rules`) are identifiers.
pub const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The keywords that are not raw identifiers either: `r#self` is not Rust.
pub const NOT_RAW: &[&str] = &["Self", "crate", "self", "super"];

/// Whether `name` is a Rust keyword (see [`KEYWORDS`]).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// `name` as a Rust identifier: itself, `r#name` for a keyword, and
/// `name_suffix` for the four keywords no raw identifier can spell
/// (`self_column` for a field, `self_row` for a navigation method).
///
/// ```
/// use hingecraft_model::rust::ident;
/// assert_eq!(ident("title", "column"), "title");
/// assert_eq!(ident("type", "column"), "r#type");
/// assert_eq!(ident("gen", "column"), "r#gen");
/// assert_eq!(ident("self", "column"), "self_column");
/// ```
pub fn ident(name: &str, suffix: &str) -> String {
    if NOT_RAW.contains(&name) {
        format!("{name}_{suffix}")
    } else if is_keyword(name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_covers_every_edition() {
        let mut sorted = KEYWORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, KEYWORDS);
        for k in [
            "gen", "static", "let", "self", "Self", "super", "crate", "async", "dyn", "try",
        ] {
            assert!(is_keyword(k), "{k}");
        }
        assert!(!is_keyword("union"), "a weak keyword is an identifier");
        assert!(NOT_RAW.iter().all(|k| is_keyword(k)));
    }

    #[test]
    fn keywords_are_raw_or_suffixed() {
        assert_eq!(ident("static", "column"), "r#static");
        assert_eq!(ident("crate", "row"), "crate_row");
        assert_eq!(ident("super", "column"), "super_column");
        assert_eq!(ident("union", "column"), "union");
    }
}
