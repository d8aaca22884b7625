//! The result of a verification: counts expected and found, and every drift.

use std::fmt;

use super::catalog::Counts;

/// What a drift is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Subject {
    /// An extension.
    Extension {
        /// Its name.
        name: String,
    },
    /// A table as a whole.
    Table {
        /// The table.
        table: String,
    },
    /// A column.
    Column {
        /// The table.
        table: String,
        /// The column.
        column: String,
    },
    /// A constraint (primary key, foreign key, unique, check, exclusion).
    Constraint {
        /// The table.
        table: String,
        /// The constraint's name (SQLite: `foreign key (cols)`).
        name: String,
    },
    /// An index of a table or a materialized view.
    Index {
        /// The table or materialized view.
        table: String,
        /// The index.
        name: String,
    },
    /// A table's row-level security flags.
    RowLevelSecurity {
        /// The table.
        table: String,
    },
    /// A policy.
    Policy {
        /// The table.
        table: String,
        /// The policy.
        name: String,
    },
    /// A trigger.
    Trigger {
        /// The table.
        table: String,
        /// The trigger.
        name: String,
    },
    /// A table's partitioning (`PARTITION BY`).
    Partitioning {
        /// The partitioned table.
        table: String,
    },
    /// One partition of a partitioned table.
    Partition {
        /// The partitioned table.
        table: String,
        /// The partition.
        name: String,
    },
    /// A function or procedure.
    Function {
        /// `name(identity arguments)`.
        signature: String,
    },
    /// A view or materialized view.
    View {
        /// The view.
        name: String,
    },
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Extension { name } => write!(f, "extension {name}"),
            Subject::Table { table } => write!(f, "table {table}"),
            Subject::Column { table, column } => write!(f, "table {table}: column {column}"),
            Subject::Constraint { table, name } => write!(f, "table {table}: constraint {name}"),
            Subject::Index { table, name } => write!(f, "table {table}: index {name}"),
            Subject::RowLevelSecurity { table } => write!(f, "table {table}: row-level security"),
            Subject::Policy { table, name } => write!(f, "table {table}: policy {name}"),
            Subject::Trigger { table, name } => write!(f, "table {table}: trigger {name}"),
            Subject::Partitioning { table } => write!(f, "table {table}: partitioning"),
            Subject::Partition { table, name } => write!(f, "table {table}: partition {name}"),
            Subject::Function { signature } => write!(f, "function {signature}"),
            Subject::View { name } => write!(f, "view {name}"),
        }
    }
}

/// Which property of an object that exists on both sides differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Aspect {
    /// The whole object, printed canonically (index, constraint, trigger,
    /// view, partition bound, SQLite table text).
    Definition,
    /// A column's type.
    Type,
    /// A column's nullability.
    Nullability,
    /// A column's default.
    Default,
    /// A generated column's expression.
    Generated,
    /// A policy's command.
    Command,
    /// Permissive or restrictive.
    Permissive,
    /// A policy's roles.
    Roles,
    /// A policy's `USING` expression.
    Using,
    /// A policy's `WITH CHECK` expression.
    WithCheck,
    /// Whether a trigger fires.
    Enabled,
    /// Whether a view is materialized.
    Materialized,
    /// A function's result type.
    Returns,
    /// A function's language.
    Language,
    /// A function's volatility.
    Volatility,
    /// `SECURITY DEFINER` or invoker.
    Security,
    /// Settings fixed on a function (its `search_path`).
    Config,
    /// A function's body.
    Body,
}

impl fmt::Display for Aspect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Aspect::Definition => "definition",
            Aspect::Type => "type",
            Aspect::Nullability => "nullability",
            Aspect::Default => "default",
            Aspect::Generated => "generated expression",
            Aspect::Command => "command",
            Aspect::Permissive => "permissive",
            Aspect::Roles => "roles",
            Aspect::Using => "USING",
            Aspect::WithCheck => "WITH CHECK",
            Aspect::Enabled => "enabled",
            Aspect::Materialized => "materialized",
            Aspect::Returns => "result type",
            Aspect::Language => "language",
            Aspect::Volatility => "volatility",
            Aspect::Security => "security",
            Aspect::Config => "settings",
            Aspect::Body => "body",
        })
    }
}

/// One difference between the database and the schema its migrations
/// should have produced.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Drift {
    /// Expected, not found.
    Missing {
        /// What is missing.
        subject: Subject,
    },
    /// Found, not expected.
    Unexpected {
        /// What was found.
        subject: Subject,
        /// What it is, in one line (`text, nullable`).
        found: String,
    },
    /// On both sides, but different.
    Differs {
        /// The object.
        subject: Subject,
        /// The property that differs; `None` when the subject is the property
        /// (row-level security).
        aspect: Option<Aspect>,
        /// The expected value.
        expected: String,
        /// The value found.
        found: String,
    },
}

impl Drift {
    /// What the drift is about.
    pub fn subject(&self) -> &Subject {
        match self {
            Drift::Missing { subject }
            | Drift::Unexpected { subject, .. }
            | Drift::Differs { subject, .. } => subject,
        }
    }
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Missing { subject } => write!(f, "{subject}: missing"),
            Drift::Unexpected { subject, found } => write!(f, "{subject}: unexpected ({found})"),
            Drift::Differs {
                subject,
                aspect,
                expected,
                found,
            } => {
                write!(f, "{subject}: ")?;
                if let Some(aspect) = aspect {
                    write!(f, "{aspect} differs: ")?;
                }
                write!(f, "expected {expected}, found {found}")
            }
        }
    }
}

/// The outcome of [`verify`](super::verify).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifyReport {
    /// `postgres` or `sqlite`.
    pub backend: &'static str,
    /// The counts of the schema the migrations should have produced.
    pub expected: Counts,
    /// The counts of the live database.
    pub found: Counts,
    /// Every difference, sorted by its printed form.
    pub drift: Vec<Drift>,
}

impl VerifyReport {
    /// No drift at all.
    pub fn is_clean(&self) -> bool {
        self.drift.is_empty()
    }
}

/// The counts side by side, then one line per drift (or `no drift`).
impl fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (e, x) = (&self.expected, &self.found);
        writeln!(f, "{:<14}{:>10}{:>10}", "", "expected", "found")?;
        for (label, expected, found) in [
            ("tables", e.tables, x.tables),
            ("indexes", e.indexes, x.indexes),
            ("foreign keys", e.foreign_keys, x.foreign_keys),
            ("RLS policies", e.policies, x.policies),
            ("triggers", e.triggers, x.triggers),
            ("functions", e.functions, x.functions),
            ("views", e.views, x.views),
        ] {
            writeln!(f, "{label:<14}{expected:>10}{found:>10}")?;
        }
        if self.drift.is_empty() {
            return writeln!(f, "no drift");
        }
        writeln!(f, "{} difference(s):", self.drift.len())?;
        for d in &self.drift {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}
