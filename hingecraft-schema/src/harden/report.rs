//! What hardening did to a schema, and what it noticed.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Conventions;

/// One hardening pass, in the order [`harden`](super::harden) runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Pass {
    /// Extensions in their own schema, a fixed `search_path` on functions.
    FunctionHygiene,
    /// `created_at`, `updated_at`, actors, `deleted_at`, `version`.
    SystemColumns,
    /// Wix's `_id`, `_owner`, `_createdDate`, `_updatedDate`.
    Wix,
    /// The audit log table, its trigger function and the audit triggers.
    Audit,
    /// NOT NULL and CHECK constraints.
    Constraints,
    /// Indexes for status, JSONB and text search; soft-delete unique indexes.
    QueryIndexes,
    /// An index behind every foreign key.
    FkIndexes,
    /// Row-level security and its policies.
    Rls,
    /// `updated_at` and optimistic-locking triggers.
    Triggers,
    /// Docs for what hardening created; undocumented objects.
    Comments,
    /// Keys of partitioned tables, and the function adding partitions.
    Partitions,
    /// Refresh functions of materialized views.
    Views,
}

impl Pass {
    /// The name a reader sees in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Pass::FunctionHygiene => "function hygiene",
            Pass::SystemColumns => "system columns",
            Pass::Wix => "wix",
            Pass::Audit => "audit",
            Pass::Constraints => "constraints",
            Pass::QueryIndexes => "query indexes",
            Pass::FkIndexes => "foreign key indexes",
            Pass::Rls => "row-level security",
            Pass::Triggers => "triggers",
            Pass::Comments => "comments",
            Pass::Partitions => "partitions",
            Pass::Views => "views",
        }
    }
}

impl fmt::Display for Pass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of schema object an action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ObjectKind {
    /// A table.
    Table,
    /// A column (its presence, type, nullability).
    Column,
    /// A foreign key constraint.
    ForeignKey,
    /// A CHECK constraint.
    Check,
    /// An index.
    Index,
    /// Row-level security of a table (enabled and forced).
    RowLevelSecurity,
    /// A row-level security policy.
    Policy,
    /// A trigger.
    Trigger,
    /// A function.
    Function,
    /// An extension.
    Extension,
    /// A doc comment (`COMMENT ON`).
    Comment,
}

impl ObjectKind {
    /// The name a reader sees in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Table => "table",
            ObjectKind::Column => "column",
            ObjectKind::ForeignKey => "foreign key",
            ObjectKind::Check => "check",
            ObjectKind::Index => "index",
            ObjectKind::RowLevelSecurity => "row-level security",
            ObjectKind::Policy => "policy",
            ObjectKind::Trigger => "trigger",
            ObjectKind::Function => "function",
            ObjectKind::Extension => "extension",
            ObjectKind::Comment => "comment",
        }
    }
}

/// What an action did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActionKind {
    /// The object did not exist and was added.
    Added,
    /// The object existed and one property was set (NOT NULL, a schema,
    /// a `search_path`).
    Changed,
    /// The object took the place of another of the same name (a UNIQUE
    /// constraint became a partial unique index).
    Replaced,
}

impl ActionKind {
    /// The name a reader sees in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Added => "added",
            ActionKind::Changed => "changed",
            ActionKind::Replaced => "replaced",
        }
    }
}

/// One change hardening made to the schema.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Action {
    /// The pass that made it.
    pub pass: Pass,
    /// The table it is on (`None` for functions and extensions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The kind of object.
    pub object: ObjectKind,
    /// The object's name (for a comment: the commented object).
    pub name: String,
    /// What was done.
    pub kind: ActionKind,
    /// Why, in one sentence.
    pub why: String,
}

/// What kind of observation a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingKind {
    /// Constraints the schema declares and the database enforces.
    Enforced,
    /// A declared object kept as it is, where hardening would have made
    /// something else.
    Kept,
    /// A table left without row-level security because it is declared public.
    PublicTable,
    /// A table, column or function without a doc comment.
    Undocumented,
    /// A declaration hardening cannot use as it is (a tenant column that
    /// is not a column); what depends on it was not added, or fails closed.
    Misconfigured,
}

impl FindingKind {
    /// The name a reader sees in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Enforced => "enforced",
            FindingKind::Kept => "kept as declared",
            FindingKind::PublicTable => "public table",
            FindingKind::Undocumented => "undocumented",
            FindingKind::Misconfigured => "misconfigured",
        }
    }
}

/// Something hardening noticed and did not change.
///
/// Findings describe the schema, so hardening an already hardened schema
/// reports them again; only [`Action`]s are changes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// The pass that noticed it.
    pub pass: Pass,
    /// The table it is about (`None` for functions and extensions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The kind of finding.
    pub kind: FindingKind,
    /// What exactly, in one sentence.
    pub detail: String,
}

/// What [`harden`](super::harden) changed and noticed, sorted by pass,
/// table and object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HardeningReport {
    /// The changes, one per object.
    pub actions: Vec<Action>,
    /// The observations.
    pub findings: Vec<Finding>,
}

impl HardeningReport {
    /// Whether hardening changed nothing (true for a second run).
    pub fn changed_nothing(&self) -> bool {
        self.actions.is_empty()
    }

    /// The changes one pass made.
    pub fn actions_of(&self, pass: Pass) -> impl Iterator<Item = &Action> {
        self.actions.iter().filter(move |a| a.pass == pass)
    }

    /// The tables left without row-level security because they are public.
    pub fn public_tables(&self) -> Vec<&str> {
        self.findings
            .iter()
            .filter(|f| f.kind == FindingKind::PublicTable)
            .filter_map(|f| f.table.as_deref())
            .collect()
    }

    /// Sorts entries by pass, table, object kind and name. The sort is
    /// stable, so entries equal on those keep the order they were made in.
    pub(super) fn sort(&mut self) {
        self.actions.sort_by(|a, b| {
            (a.pass, &a.table, a.object, &a.name).cmp(&(b.pass, &b.table, b.object, &b.name))
        });
        self.findings
            .sort_by(|a, b| (a.pass, &a.table, a.kind).cmp(&(b.pass, &b.table, b.kind)));
    }

    /// The report as Markdown: a summary line, a table of changes and a
    /// table of findings.
    pub fn to_markdown(&self) -> String {
        let mut out = String::from("# Hardening report\n\n");
        let passes: std::collections::BTreeSet<Pass> =
            self.actions.iter().map(|a| a.pass).collect();
        out.push_str(&format!(
            "{} change{} by {} pass{}; {} finding{}.\n",
            self.actions.len(),
            plural(self.actions.len()),
            passes.len(),
            if passes.len() == 1 { "" } else { "es" },
            self.findings.len(),
            plural(self.findings.len()),
        ));
        if !self.actions.is_empty() {
            out.push_str("\n## Changes\n\n");
            out.push_str("| pass | table | object | name | change | why |\n");
            out.push_str("|---|---|---|---|---|---|\n");
            for a in &self.actions {
                row(
                    &mut out,
                    &[
                        a.pass.as_str(),
                        a.table.as_deref().unwrap_or(""),
                        a.object.as_str(),
                        &a.name,
                        a.kind.as_str(),
                        &a.why,
                    ],
                );
            }
        }
        if !self.findings.is_empty() {
            out.push_str("\n## Findings\n\n");
            out.push_str("| pass | table | finding | detail |\n");
            out.push_str("|---|---|---|---|\n");
            for f in &self.findings {
                row(
                    &mut out,
                    &[
                        f.pass.as_str(),
                        f.table.as_deref().unwrap_or(""),
                        f.kind.as_str(),
                        &f.detail,
                    ],
                );
            }
        }
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One Markdown table row; `|` and line breaks in cells would break the
/// table, so they are escaped.
fn row(out: &mut String, cells: &[&str]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        out.push_str(&cell.replace('|', "\\|").replace('\n', " "));
        out.push_str(" |");
    }
    out.push('\n');
}

/// What a pass works with besides the schema: where it writes its actions
/// and findings, and the names the project's database uses.
#[derive(Debug)]
pub(super) struct Recorder<'a> {
    pub(super) report: &'a mut HardeningReport,
    pub(super) pass: Pass,
    /// The audit table, the extensions' schema, the session settings.
    pub(super) conventions: &'a Conventions,
}

impl Recorder<'_> {
    /// Records a change.
    pub(super) fn action(
        &mut self,
        table: Option<&str>,
        object: ObjectKind,
        name: &str,
        kind: ActionKind,
        why: impl Into<String>,
    ) {
        self.report.actions.push(Action {
            pass: self.pass,
            table: table.map(str::to_owned),
            object,
            name: name.to_owned(),
            kind,
            why: why.into(),
        });
    }

    /// Records an addition to a table.
    pub(super) fn added(&mut self, table: &str, object: ObjectKind, name: &str, why: &str) {
        self.action(Some(table), object, name, ActionKind::Added, why);
    }

    /// Records a finding.
    pub(super) fn finding(&mut self, table: Option<&str>, kind: FindingKind, detail: String) {
        self.report.findings.push(Finding {
            pass: self.pass,
            table: table.map(str::to_owned),
            kind,
            detail,
        });
    }
}
