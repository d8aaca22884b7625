//! Reading a migration's SQL file: statements, split at top-level `;`
//! (quotes, dollar quotes and comments respected), and the guards that make
//! a statement depend on an optional extension.
//!
//! A guard is a comment line right before a statement:
//! `-- hingecraft: requires extension vector` (run only when the server
//! offers `vector`) or `-- hingecraft: without extension vector` (run only
//! when it does not: the plain-type fallback of the same object).

use std::collections::BTreeSet;

/// The prefix of a guard comment.
pub const GUARD: &str = "-- hingecraft:";

/// When a statement runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guard {
    /// Only when the server offers the extension.
    Requires(String),
    /// Only when it does not.
    Without(String),
}

impl Guard {
    /// The comment line that writes this guard.
    pub fn comment(&self) -> String {
        match self {
            Guard::Requires(e) => format!("{GUARD} requires extension {e}"),
            Guard::Without(e) => format!("{GUARD} without extension {e}"),
        }
    }

    fn parse(comment: &str) -> Option<Self> {
        let rest = comment.strip_prefix(GUARD)?.trim();
        if let Some(e) = rest.strip_prefix("requires extension ") {
            return Some(Guard::Requires(e.trim().to_owned()));
        }
        rest.strip_prefix("without extension ")
            .map(|e| Guard::Without(e.trim().to_owned()))
    }
}

/// One statement of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The SQL, without comments around it and without the `;`.
    pub sql: String,
    /// The guard written right before it, if any.
    pub guard: Option<Guard>,
}

/// The statements of a file, in order.
pub fn parse(text: &str) -> Vec<Statement> {
    tokens(text)
        .into_iter()
        .filter_map(|t| match t {
            Token::Statement(s) => Some(s),
            Token::Directive(_) => None,
        })
        .collect()
}

/// A statement, or a directive comment (`-- hingecraft: ...` that is not
/// a guard), in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    Statement(Statement),
    /// The directive's text after `-- hingecraft:`, trimmed.
    Directive(String),
}

pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut guard = None;
    let mut i = 0;
    let push = |out: &mut Vec<Token>, current: &str, guard: &mut Option<Guard>| {
        let sql = current.trim();
        if !sql.is_empty() {
            out.push(Token::Statement(Statement {
                sql: sql.to_owned(),
                guard: guard.take(),
            }));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '-' if chars.get(i + 1) == Some(&'-') => {
                let end = chars[i..]
                    .iter()
                    .position(|&c| c == '\n')
                    .map_or(chars.len(), |p| i + p);
                let comment: String = chars[i..end].iter().collect();
                let comment = comment.trim_end();
                if current.trim().is_empty() {
                    if let Some(g) = Guard::parse(comment) {
                        guard = Some(g);
                    } else if let Some(rest) = comment.strip_prefix(GUARD) {
                        out.push(Token::Directive(rest.trim().to_owned()));
                    }
                }
                i = end;
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                let end = find(&chars, i + 2, &['*', '/']).map_or(chars.len(), |p| p + 2);
                i = end;
                continue;
            }
            '\'' | '"' => {
                let end = closing_quote(&chars, i, c);
                current.extend(&chars[i..end]);
                i = end;
                continue;
            }
            '$' => {
                if let Some(tag_end) = dollar_tag(&chars, i) {
                    let tag: Vec<char> = chars[i..=tag_end].to_vec();
                    let end =
                        find(&chars, tag_end + 1, &tag).map_or(chars.len(), |p| p + tag.len());
                    current.extend(&chars[i..end]);
                    i = end;
                    continue;
                }
                current.push(c);
            }
            ';' => {
                push(&mut out, &current, &mut guard);
                current.clear();
            }
            _ => current.push(c),
        }
        i += 1;
    }
    push(&mut out, &current, &mut guard);
    out
}

/// The index after the quote closing the one at `start` (doubled quotes escape).
fn closing_quote(chars: &[char], start: usize, quote: char) -> usize {
    let mut i = start + 1;
    while i < chars.len() {
        if chars[i] == quote {
            if chars.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    chars.len()
}

/// The index of the `$` closing a dollar-quote tag opened at `start`.
fn dollar_tag(chars: &[char], start: usize) -> Option<usize> {
    let mut i = start + 1;
    if chars.get(i).is_some_and(char::is_ascii_digit) {
        return None; // `$1`: a parameter, not a quote
    }
    while let Some(&c) = chars.get(i) {
        if c == '$' {
            return Some(i);
        }
        if !(c.is_alphanumeric() || c == '_') {
            return None;
        }
        i += 1;
    }
    None
}

fn find(chars: &[char], from: usize, needle: &[char]) -> Option<usize> {
    (from..chars.len().saturating_sub(needle.len() - 1)).find(|&i| chars[i..].starts_with(needle))
}

/// A statement not run because the server lacks an extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The statement.
    pub sql: String,
    /// The extension it needs.
    pub extension: String,
    /// Whether a `without extension` fallback follows it (the object
    /// exists, in a plain form) rather than nothing.
    pub replaced: bool,
}

/// The statements to run on a server offering `available` extensions
/// (`None`: a backend without extensions, where no file has guards), and
/// each statement left out.
pub fn resolve(
    statements: &[Statement],
    available: Option<&BTreeSet<String>>,
) -> (Vec<String>, Vec<LeftOut>) {
    let offered = |e: &str| available.is_none_or(|a| a.contains(e));
    let mut run = Vec::new();
    let mut left_out = Vec::new();
    for (i, s) in statements.iter().enumerate() {
        match &s.guard {
            None => run.push(s.sql.clone()),
            Some(Guard::Requires(e)) if offered(e) => run.push(s.sql.clone()),
            Some(Guard::Requires(e)) => {
                let replaced = statements[i + 1..]
                    .iter()
                    .find(|n| n.guard != Some(Guard::Requires(e.clone())))
                    .is_some_and(|n| n.guard == Some(Guard::Without(e.clone())));
                left_out.push(LeftOut {
                    sql: s.sql.clone(),
                    extension: e.clone(),
                    replaced,
                });
            }
            Some(Guard::Without(e)) if !offered(e) => run.push(s.sql.clone()),
            Some(Guard::Without(_)) => {}
        }
    }
    (run, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_split_at_top_level_semicolons_only() {
        let text = "-- header; not a statement\nSET LOCAL x TO 1;\n\n\
            CREATE FUNCTION f() RETURNS int AS $fn$BEGIN; RETURN 1; END$fn$;\n\
            COMMENT ON TABLE \"a;b\" IS 'it''s; fine';\n/* block; */ SELECT $1";
        let sql: Vec<String> = parse(text).into_iter().map(|s| s.sql).collect();
        assert_eq!(
            sql,
            [
                "SET LOCAL x TO 1",
                "CREATE FUNCTION f() RETURNS int AS $fn$BEGIN; RETURN 1; END$fn$",
                "COMMENT ON TABLE \"a;b\" IS 'it''s; fine'",
                "SELECT $1",
            ]
        );
    }

    #[test]
    fn guards_pick_the_variant_for_the_server() {
        let text = "CREATE TABLE a (x int);\n\
            -- create table b\n-- hingecraft: requires extension vector\nCREATE TABLE b (v vector(3));\n\
            -- hingecraft: without extension vector\nCREATE TABLE b (v bytea);\n";
        let statements = parse(text);
        assert_eq!(statements.len(), 3);
        let with: BTreeSet<String> = ["vector".to_owned()].into();
        let (run, left) = resolve(&statements, Some(&with));
        assert_eq!(
            run,
            ["CREATE TABLE a (x int)", "CREATE TABLE b (v vector(3))"]
        );
        assert!(left.is_empty());
        let (run, left) = resolve(&statements, Some(&BTreeSet::new()));
        assert_eq!(run, ["CREATE TABLE a (x int)", "CREATE TABLE b (v bytea)"]);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].sql, "CREATE TABLE b (v vector(3))");
        assert!(left[0].replaced, "the fallback follows");
    }
}
