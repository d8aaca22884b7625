//! Small Markdown helpers shared by the pages.

use hingecraft_schema::model::{CheckKind, Column, ReferentialAction};

/// Text made safe for one Markdown table cell: one line, `|` escaped.
pub(crate) fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// A column's default in a table cell: inline code, or `generated:` and
/// the expression (the docs' pages and the entities' rustdoc alike).
pub(crate) fn default_cell(c: &Column) -> String {
    match (&c.generated, &c.default) {
        (Some(expr), _) => format!("generated: {}", code(expr)),
        (None, Some(d)) => code(&d.to_string()),
        (None, None) => String::new(),
    }
}

/// Inline code for a table cell (empty text stays empty).
pub(crate) fn code(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("`{}`", cell(s).replace('`', "'"))
    }
}

/// The first paragraph of a doc comment, on one line.
pub(crate) fn summary(doc: Option<&str>) -> String {
    doc.and_then(|d| d.split("\n\n").next())
        .map(cell)
        .unwrap_or_default()
}

/// A CHECK constraint described in words (the docs are not SQL).
pub(crate) fn check_text(kind: &CheckKind) -> String {
    match kind {
        CheckKind::OneOf { column, values } => {
            let v: Vec<String> = values.iter().map(ToString::to_string).collect();
            format!("`{column}` is one of {}", v.join(", "))
        }
        CheckKind::Range { column, min, max } => match (min, max) {
            (Some(a), Some(b)) => format!("`{column}` is between {a} and {b}"),
            (Some(a), None) => format!("`{column}` is at least {a}"),
            (None, Some(b)) => format!("`{column}` is at most {b}"),
            (None, None) => format!("`{column}`: no bound"),
        },
        CheckKind::MaxLength { column, max } => {
            format!("`{column}` has at most {max} characters")
        }
        CheckKind::Sql(s) => code(s),
    }
}

/// A referential action in words, or nothing for the default (no action).
pub(crate) fn action(a: ReferentialAction) -> Option<String> {
    match a {
        ReferentialAction::NoAction => None,
        other => Some(other.as_sql().to_lowercase()),
    }
}

/// A Markdown link to a table page, from a page in the same directory or
/// from another directory (`prefix` is `""` or `"../tables/"`).
pub(crate) fn table_link(prefix: &str, table: &str) -> String {
    format!("[`{table}`]({prefix}{table}.md)")
}
