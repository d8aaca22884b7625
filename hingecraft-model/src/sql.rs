//! Quoting for the SQL the library writes as text (the statements sea-query
//! does not build: `DO` blocks, the runner's and verify's queries, the
//! migration files' preamble, the fragments hardening writes): one place
//! for identifiers, string literals and the Postgres keywords.
//!
//! Identifiers are quoted with `"` and literals with `'`, each doubled
//! inside: standard SQL, read the same by Postgres (with
//! `standard_conforming_strings`, the default since 9.1), SQLite and
//! MariaDB in ANSI mode. Backslashes are plain characters.

/// `name` as a quoted identifier: `"na""me"`.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `text` as a string literal: `'it''s'`.
pub fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `name` written bare where Postgres reads it bare as itself (lower-case
/// letters, digits and `_`, not starting with a digit, not a keyword that
/// [`needs_quotes`]), and quoted with [`quote_ident`] otherwise: SQL
/// templates keep their customary `audit_logs`, and any other name is
/// still safe.
pub fn bare_or_quoted(name: &str) -> String {
    let mut chars = name.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain && !needs_quotes(name) {
        name.to_owned()
    } else {
        quote_ident(name)
    }
}

/// Whether `name` is a reserved Postgres key word ("reserved" and
/// "reserved (can be function or type)" in the key word appendix, as of
/// Postgres 17): as a table or column name it would need quotes everywhere.
pub fn is_reserved(name: &str) -> bool {
    RESERVED.binary_search(&name).is_ok()
}

/// Whether `name` must be quoted to name a table or column in every
/// position: a [reserved](is_reserved) key word, or a "non-reserved
/// (cannot be function or type)" one (`integer`, `values`, `row`, ...).
pub fn needs_quotes(name: &str) -> bool {
    is_reserved(name) || COLUMN_NAME_KEYWORDS.binary_search(&name).is_ok()
}

/// Reserved Postgres key words. Sorted.
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

/// Postgres key words that are non-reserved but cannot be a function or
/// type name (so not a bare column name in every position). Sorted.
const COLUMN_NAME_KEYWORDS: &[&str] = &[
    "between",
    "bigint",
    "bit",
    "boolean",
    "char",
    "character",
    "coalesce",
    "dec",
    "decimal",
    "exists",
    "extract",
    "float",
    "greatest",
    "grouping",
    "inout",
    "int",
    "integer",
    "interval",
    "json",
    "json_array",
    "json_arrayagg",
    "json_exists",
    "json_object",
    "json_objectagg",
    "json_query",
    "json_scalar",
    "json_serialize",
    "json_table",
    "json_value",
    "least",
    "merge_action",
    "national",
    "nchar",
    "none",
    "normalize",
    "nullif",
    "numeric",
    "out",
    "overlay",
    "position",
    "precision",
    "real",
    "row",
    "setof",
    "smallint",
    "substring",
    "time",
    "timestamp",
    "treat",
    "trim",
    "values",
    "varchar",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_doubled() {
        assert_eq!(quote_ident("we\"ird"), "\"we\"\"ird\"");
        assert_eq!(quote_literal("it's"), "'it''s'");
        assert_eq!(quote_literal("back\\slash"), "'back\\slash'");
        assert_eq!(quote_ident(""), "\"\"");
    }

    #[test]
    fn bare_only_where_postgres_reads_the_name_as_itself() {
        assert_eq!(bare_or_quoted("audit_logs"), "audit_logs");
        assert_eq!(bare_or_quoted("user"), "\"user\"");
        assert_eq!(bare_or_quoted("values"), "\"values\"");
        assert_eq!(bare_or_quoted("Mixed"), "\"Mixed\"");
        assert_eq!(bare_or_quoted("9lives"), "\"9lives\"");
        assert_eq!(bare_or_quoted(""), "\"\"");
        assert_eq!(bare_or_quoted("type"), "type", "a non-reserved key word");
        assert_eq!(bare_or_quoted("_log2"), "_log2");
        assert_eq!(bare_or_quoted("change log"), "\"change log\"");
        assert_eq!(bare_or_quoted("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn keyword_lists_are_sorted() {
        assert!(RESERVED.windows(2).all(|w| w[0] < w[1]));
        assert!(COLUMN_NAME_KEYWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_reserved("user") && !is_reserved("integer") && needs_quotes("integer"));
    }
}
