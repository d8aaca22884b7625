//! A migration file as the runner runs it: its format, its preamble and
//! its steps.
//!
//! - Format 1 (every file written before steps existed, `0001_baseline`
//!   among them): the whole file is one step, run in one transaction,
//!   statements as they are (their `SET LOCAL`s included).
//! - Format 2 (the line `-- hingecraft: format 2`): the statements before
//!   the first step are the preamble, session settings (`SET search_path`,
//!   `PRAGMA foreign_keys = OFF`) the runner applies on its connection
//!   before the steps and restores after. Each step starts with a marker
//!   line, `-- hingecraft: step N[, outside a transaction][, builds index
//!   NAME][, locks T1 T2]`. A step in a transaction is written between
//!   `BEGIN;` and `COMMIT;` (so that `psql -f` runs the file as the runner
//!   does); the runner runs it in its own transaction, with its record. A
//!   step outside a transaction is one re-runnable statement, recorded
//!   once it is done.
//!
//! Each format-2 step is recorded as it completes, so a killed run resumes
//! at the first step not done.

use super::MigrationError;
use super::script::{GUARD, Statement, Token, tokens};

/// The directive that marks a format-2 file.
pub const FORMAT_2: &str = "format 2";

/// The marker line of a step (`-- hingecraft: step 2, outside a transaction`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepMarker {
    /// The step's number, from 1.
    pub number: u32,
    /// Whether it runs outside a transaction.
    pub outside_transaction: bool,
    /// The index it builds concurrently: checked, and dropped when a killed
    /// build left it INVALID, before the step runs.
    pub builds_index: Option<String>,
    /// The tables it locks, named in the error when a lock is not granted.
    pub locks: Vec<String>,
}

impl StepMarker {
    /// The comment line that writes this marker.
    pub fn comment(&self) -> String {
        let mut out = format!("{GUARD} step {}", self.number);
        if self.outside_transaction {
            out.push_str(", outside a transaction");
        }
        if let Some(index) = &self.builds_index {
            out.push_str(&format!(", builds index {index}"));
        }
        if !self.locks.is_empty() {
            out.push_str(&format!(", locks {}", self.locks.join(" ")));
        }
        out
    }

    /// The marker of a directive (`step 2, outside a transaction`), if it
    /// is one.
    pub(crate) fn parse(directive: &str) -> Option<Result<Self, String>> {
        let rest = directive.strip_prefix("step ")?;
        let mut clauses = rest.split(',').map(str::trim);
        let number = clauses.next().and_then(|n| n.parse::<u32>().ok());
        let Some(number) = number else {
            return Some(Err(format!("`{directive}`: a step needs a number")));
        };
        let mut marker = StepMarker {
            number,
            ..StepMarker::default()
        };
        for clause in clauses {
            if clause == "outside a transaction" {
                marker.outside_transaction = true;
            } else if let Some(index) = clause.strip_prefix("builds index ") {
                marker.builds_index = Some(index.trim().to_owned());
            } else if let Some(tables) = clause.strip_prefix("locks ") {
                marker.locks = tables.split_whitespace().map(str::to_owned).collect();
            } else {
                return Some(Err(format!("`{directive}`: unknown clause `{clause}`")));
            }
        }
        Some(Ok(marker))
    }
}

/// One step: statements run and recorded together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Its marker (format 1: step 1, in a transaction).
    pub marker: StepMarker,
    /// The statements, without the `BEGIN` and `COMMIT` around them.
    pub statements: Vec<Statement>,
}

/// A migration file, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    /// 1 or 2 (see the module docs).
    pub format: u32,
    /// Session settings applied before the steps and restored after (format 2).
    pub preamble: Vec<Statement>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

fn is(sql: &str, keyword: &str) -> bool {
    sql.trim().eq_ignore_ascii_case(keyword)
}

impl Script {
    /// Parses one file of migration `migration`.
    ///
    /// # Errors
    /// A format-2 file whose markers are malformed, out of order, or whose
    /// step in a transaction is not written between `BEGIN` and `COMMIT`.
    pub fn parse(migration: &str, text: &str) -> Result<Self, MigrationError> {
        let tokens = tokens(text);
        let bad = |reason: String| MigrationError::Format {
            migration: migration.to_owned(),
            reason,
        };
        let format_2 = tokens
            .iter()
            .any(|t| matches!(t, Token::Directive(d) if d == FORMAT_2));
        if !format_2 {
            let statements = tokens
                .into_iter()
                .filter_map(|t| match t {
                    Token::Statement(s) => Some(s),
                    Token::Directive(_) => None,
                })
                .collect();
            return Ok(Self {
                format: 1,
                preamble: Vec::new(),
                steps: vec![Step {
                    marker: StepMarker {
                        number: 1,
                        ..StepMarker::default()
                    },
                    statements,
                }],
            });
        }
        let mut preamble = Vec::new();
        let mut steps: Vec<Step> = Vec::new();
        for token in tokens {
            match token {
                Token::Directive(d) => match StepMarker::parse(&d) {
                    None => {}
                    Some(Err(reason)) => return Err(bad(reason)),
                    Some(Ok(marker)) => {
                        if marker.number as usize != steps.len() + 1 {
                            return Err(bad(format!(
                                "step {} follows step {}",
                                marker.number,
                                steps.len()
                            )));
                        }
                        steps.push(Step {
                            marker,
                            statements: Vec::new(),
                        });
                    }
                },
                Token::Statement(s) => match steps.last_mut() {
                    Some(step) => step.statements.push(s),
                    None => preamble.push(s),
                },
            }
        }
        for step in &mut steps {
            let n = step.marker.number;
            if step.marker.outside_transaction {
                if step.statements.len() > 1 {
                    return Err(bad(format!(
                        "step {n} runs outside a transaction and must be one statement"
                    )));
                }
                continue;
            }
            let framed = step.statements.len() >= 2
                && is(&step.statements[0].sql, "BEGIN")
                && is(&step.statements[step.statements.len() - 1].sql, "COMMIT");
            if !framed {
                return Err(bad(format!(
                    "step {n} runs in a transaction and must be written between BEGIN and COMMIT"
                )));
            }
            step.statements.pop();
            step.statements.remove(0);
        }
        Ok(Self {
            format: 2,
            preamble,
            steps,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_the_format_line_is_one_step() {
        let script =
            Script::parse("0001_a", "SET LOCAL x TO 1;\nCREATE TABLE t (a int);\n").unwrap();
        assert_eq!(script.format, 1);
        assert_eq!(script.steps.len(), 1);
        assert_eq!(script.steps[0].statements.len(), 2);
        assert!(!script.steps[0].marker.outside_transaction);
    }

    #[test]
    fn a_format_2_file_has_a_preamble_and_steps() {
        let text = "-- header\n-- hingecraft: format 2\nSET search_path TO public;\n\n\
            -- hingecraft: step 1, locks users\n-- add column\nBEGIN;\nALTER TABLE users ADD COLUMN n text;\nCOMMIT;\n\n\
            -- hingecraft: step 2, outside a transaction, builds index idx_n, locks users\n\
            CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_n ON users (n);\n";
        let script = Script::parse("0002_b", text).unwrap();
        assert_eq!(script.format, 2);
        assert_eq!(script.preamble[0].sql, "SET search_path TO public");
        assert_eq!(script.steps.len(), 2);
        assert_eq!(
            script.steps[0].statements[0].sql,
            "ALTER TABLE users ADD COLUMN n text"
        );
        assert_eq!(script.steps[0].statements.len(), 1);
        let second = &script.steps[1].marker;
        assert!(second.outside_transaction);
        assert_eq!(second.builds_index.as_deref(), Some("idx_n"));
        assert_eq!(second.locks, ["users"]);
        assert_eq!(
            StepMarker::parse(second.comment()[GUARD.len()..].trim())
                .unwrap()
                .unwrap(),
            *second
        );
    }

    #[test]
    fn malformed_steps_are_refused_naming_the_migration() {
        let unframed = "-- hingecraft: format 2\n-- hingecraft: step 1\nALTER TABLE t ADD c int;\n";
        let err = Script::parse("0003_c", unframed).unwrap_err().to_string();
        assert!(err.contains("0003_c") && err.contains("BEGIN"), "{err}");
        let skipped = "-- hingecraft: format 2\n-- hingecraft: step 2\nBEGIN;\nCOMMIT;\n";
        assert!(Script::parse("0003_c", skipped).is_err());
    }
}
