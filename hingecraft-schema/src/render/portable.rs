//! Whether a partial-index predicate, written for Postgres, means the same
//! on SQLite.
//!
//! Predicates are SQL text in the model. Rather than parse Postgres SQL,
//! this accepts a small, safe subset: column names of the table, string and
//! number literals, `NULL`/`TRUE`/`FALSE`, `AND`/`OR`/`NOT`/`IS`/`IN`/
//! `BETWEEN`, comparisons, parentheses and commas. Anything else (casts,
//! function calls, `LIKE`, whose case rules differ, operators like `@>`)
//! makes the predicate non-portable, and the renderer leaves that index out
//! rather than build it with a different meaning.

use crate::model::Table;

const KEYWORDS: [&str; 10] = [
    "and", "or", "not", "is", "null", "true", "false", "in", "between", "distinct",
];

/// Whether `predicate` is in the portable subset, naming only columns of `table`.
pub(crate) fn is_portable_predicate(predicate: &str, table: &Table) -> bool {
    let chars: Vec<char> = predicate.chars().collect();
    let mut i = 0;
    let mut tokens = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        tokens += 1;
        if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let keyword = KEYWORDS.contains(&word.to_ascii_lowercase().as_str());
            // A bare word is a keyword or a column; `E'...'`, `B'...'` and
            // function calls are caught because they are neither.
            if !keyword && table.column(&word).is_none() {
                return false;
            }
        } else if c == '"' {
            let Some((name, next)) = quoted_run(&chars, i, '"') else {
                return false;
            };
            if table.column(&name).is_none() {
                return false;
            }
            i = next;
        } else if c == '\'' {
            let Some((_, next)) = quoted_run(&chars, i, '\'') else {
                return false;
            };
            i = next;
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
        } else if let Some(len) = operator_len(&chars[i..]) {
            i += len;
        } else {
            return false;
        }
    }
    tokens > 0
}

/// A run quoted by `quote` starting at `start`, with doubled quotes inside:
/// its content and the index after it.
fn quoted_run(chars: &[char], start: usize, quote: char) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut i = start + 1;
    while i < chars.len() {
        if chars[i] == quote {
            if chars.get(i + 1) == Some(&quote) {
                out.push(quote);
                i += 2;
                continue;
            }
            return Some((out, i + 1));
        }
        out.push(chars[i]);
        i += 1;
    }
    None
}

/// The length of a comparison, parenthesis or comma at the start, if any.
fn operator_len(rest: &[char]) -> Option<usize> {
    match rest {
        ['<', '>' | '=', ..] | ['>', '=', ..] | ['!', '=', ..] => Some(2),
        ['=' | '<' | '>' | '(' | ')' | ',', ..] => Some(1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, ColumnType};

    fn table() -> Table {
        let mut t = Table::new("t", "test");
        for name in ["deleted_at", "status", "is_primary", "Mixed"] {
            t.columns.push(Column::new(name, ColumnType::Text));
        }
        t
    }

    #[test]
    fn simple_predicates_are_portable() {
        let t = table();
        for p in [
            "deleted_at IS NULL",
            "status = 'active' AND deleted_at IS NULL",
            "status IN ('a', 'it''s')",
            "NOT is_primary",
            "\"Mixed\" <> 'x'",
            "(status != 'x') OR is_primary = TRUE",
        ] {
            assert!(is_portable_predicate(p, &t), "{p}");
        }
    }

    #[test]
    fn postgres_only_predicates_are_not() {
        let t = table();
        for p in [
            "",
            "status::text = 'a'",
            "lower(status) = 'a'",
            "status LIKE 'a%'",
            "status = E'a'",
            "unknown_column IS NULL",
            "deleted_at > now()",
            "tags @> '{a}'",
            "status = 'unterminated",
        ] {
            assert!(!is_portable_predicate(p, &t), "{p}");
        }
    }
}
