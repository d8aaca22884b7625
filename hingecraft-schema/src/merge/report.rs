//! The merge report: every decision the merger took, with the modules that
//! caused it, so that nothing is resolved silently.

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use super::Resolution;
use super::conflict::{Declaration, Modules};
use super::describe;

/// What merging (and completing) did, table by table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MergeReport {
    /// The merged modules, sorted, without duplicates.
    pub modules: Vec<String>,
    /// The canonical module, once the schema is completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// One entry per table, sorted by name.
    pub tables: Vec<TableReport>,
    /// Tables the canonical module declares and no merged module does: left
    /// out, since completion completes tables in use and adds none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub canonical_only: Vec<String>,
}

/// What happened to one table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TableReport {
    /// The table name.
    pub table: String,
    /// The modules that declared it, sorted.
    pub modules: Vec<String>,
    /// Where each column came from, in column order (empty for a table of
    /// one module: every column is that module's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<ColumnOrigin>,
    /// The decisions taken, in the order they were taken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// What deserves a look but was not an error.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// The modules that declared a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnOrigin {
    /// The column.
    pub column: String,
    /// The modules, sorted.
    pub modules: Vec<String>,
}

/// One decision of the merger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Decision {
    /// The column it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The modules whose declarations it took, sorted.
    pub modules: Vec<String>,
    /// What was decided.
    #[serde(flatten)]
    pub kind: DecisionKind,
}

/// What the merger decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum DecisionKind {
    /// Different types, one safely wider than all: the wider.
    TypeWidened {
        /// What each module declared.
        declared: Vec<Declaration>,
        /// The type taken.
        to: String,
    },
    /// NOT NULL in some modules, nullable in others: NOT NULL.
    NotNull {
        /// The modules that allowed NULL.
        nullable_in: Vec<String>,
    },
    /// Different value sets of a one-of check: their union.
    ValuesUnioned {
        /// What each module declared.
        declared: Vec<Declaration>,
        /// The union, in first-seen order.
        to: String,
    },
    /// Different maximum lengths: the largest.
    MaxLengthWidened {
        /// What each module declared.
        declared: Vec<Declaration>,
        /// The maximum taken.
        to: u32,
    },
    /// Declared by some modules and not others: taken.
    Taken {
        /// What (`default`, `layer`, `unique`, `flag audit`...).
        what: String,
        /// The value taken.
        value: String,
        /// The modules that did not declare it.
        without: Vec<String>,
    },
    /// A doc that differs from the one taken (the first non-empty one in
    /// module order): not taken.
    DocNotTaken {
        /// The doc not taken.
        doc: String,
        /// The modules whose doc was taken.
        taken_from: Vec<String>,
    },
    /// One constraint or index under different names: the first name kept.
    NameKept {
        /// The object (`unique (email)`, `index btree (email)`...).
        what: String,
        /// The name kept.
        kept: String,
        /// The names not kept, with their modules.
        dropped: Vec<Declaration>,
    },
    /// The same index unique in some modules and not others: unique.
    UniqueIndex {
        /// The index name.
        index: String,
        /// The modules that declared it not unique.
        non_unique_in: Vec<String>,
    },
    /// A conflict settled by a resolution.
    Resolved {
        /// The resolution applied.
        resolution: Resolution,
    },
    /// A column only the canonical module declares: added.
    ColumnAdded,
    /// Columns put in the canonical module's order.
    ColumnsReordered,
}

/// Something to look at that did not stop the merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Warning {
    /// The column it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The modules involved, sorted.
    pub modules: Vec<String>,
    /// What it is.
    #[serde(flatten)]
    pub kind: WarningKind,
}

/// The class of a [`Warning`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum WarningKind {
    /// A column of a merged table that the canonical module lacks.
    PartialField {
        /// The canonical module.
        canonical: String,
    },
}

fn list(items: &[Declaration]) -> String {
    let parts: Vec<String> = items.iter().map(ToString::to_string).collect();
    parts.join(", ")
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let by = Modules(&self.modules);
        match &self.kind {
            DecisionKind::TypeWidened { declared, to } => {
                write!(f, "type widened to {to}: {}", list(declared))
            }
            DecisionKind::NotNull { nullable_in } => {
                write!(
                    f,
                    "NOT NULL from {by}, nullable in {}",
                    Modules(nullable_in)
                )
            }
            DecisionKind::ValuesUnioned { declared, to } => {
                write!(f, "allowed values unioned to {to}: {}", list(declared))
            }
            DecisionKind::MaxLengthWidened { declared, to } => {
                write!(f, "maximum length widened to {to}: {}", list(declared))
            }
            DecisionKind::Taken {
                what,
                value,
                without,
            } => write!(
                f,
                "{what} {value} taken from {by}, not declared by {}",
                Modules(without)
            ),
            DecisionKind::DocNotTaken { doc, taken_from } => write!(
                f,
                "doc of {by} not taken (the one of {} is): \"{}\"",
                Modules(taken_from),
                doc.split_whitespace().collect::<Vec<_>>().join(" ")
            ),
            DecisionKind::NameKept {
                what,
                kept,
                dropped,
            } => write!(f, "{what} named `{kept}`; not kept: {}", list(dropped)),
            DecisionKind::UniqueIndex {
                index,
                non_unique_in,
            } => write!(
                f,
                "index `{index}` unique from {by}, not unique in {}",
                Modules(non_unique_in)
            ),
            DecisionKind::Resolved { resolution } => {
                write!(f, "resolved by {}", describe::resolution(resolution))
            }
            DecisionKind::ColumnAdded => write!(f, "added from canonical {by}"),
            DecisionKind::ColumnsReordered => {
                write!(f, "columns put in the order of canonical {by}")
            }
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            WarningKind::PartialField { canonical } => write!(
                f,
                "partial field: declared by {}, absent from canonical module `{canonical}`",
                Modules(&self.modules)
            ),
        }
    }
}

fn bullet(out: &mut String, column: Option<&String>, text: &dyn fmt::Display) {
    match column {
        Some(c) => writeln!(out, "- `{c}`: {text}"),
        None => writeln!(out, "- {text}"),
    }
    .expect("writing to a String cannot fail");
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl MergeReport {
    /// The report as Markdown: a summary, then per table the modules that
    /// declared it, where each column came from (for tables of several
    /// modules), each decision and each warning. Deterministic.
    pub fn to_markdown(&self) -> String {
        let mut out = String::from("# Merge report\n\n");
        // `write!` to a String cannot fail; the results are ignored below.
        let _ = writeln!(out, "Modules: {}.", names(&self.modules));
        if let Some(c) = &self.canonical {
            let _ = writeln!(out, "Canonical module: `{c}`.");
        }
        let decisions: usize = self.tables.iter().map(|t| t.decisions.len()).sum();
        let warnings: usize = self.tables.iter().map(|t| t.warnings.len()).sum();
        let _ = writeln!(
            out,
            "\n{}, {}, {}.",
            plural(self.tables.len(), "table", "tables"),
            plural(decisions, "decision", "decisions"),
            plural(warnings, "warning", "warnings")
        );
        if !self.canonical_only.is_empty() {
            let _ = writeln!(
                out,
                "\nDeclared only by the canonical module, left out: {}.",
                names(&self.canonical_only)
            );
        }
        for t in &self.tables {
            t.write_markdown(&mut out);
        }
        out
    }
}

fn names(items: &[String]) -> String {
    if items.is_empty() {
        return "none".into();
    }
    let quoted: Vec<String> = items.iter().map(|m| format!("`{m}`")).collect();
    quoted.join(", ")
}

impl TableReport {
    fn write_markdown(&self, out: &mut String) {
        let _ = writeln!(out, "\n## `{}`\n", self.table);
        if self.modules.len() <= 1 && self.decisions.is_empty() && self.warnings.is_empty() {
            let _ = writeln!(
                out,
                "Declared by {}; taken as declared.",
                Modules(&self.modules)
            );
            return;
        }
        let _ = writeln!(out, "Declared by {}.", Modules(&self.modules));
        if self.modules.len() > 1 {
            out.push_str("\n| Column | Declared by |\n|---|---|\n");
            for c in &self.columns {
                let _ = writeln!(out, "| `{}` | {} |", c.column, names(&c.modules));
            }
        }
        if !self.decisions.is_empty() {
            out.push_str("\nDecisions:\n\n");
            for d in &self.decisions {
                bullet(out, d.column.as_ref(), d);
            }
        }
        if !self.warnings.is_empty() {
            out.push_str("\nWarnings:\n\n");
            for w in &self.warnings {
                bullet(out, w.column.as_ref(), w);
            }
        }
    }
}
