//! What the merger cannot decide alone: conflicts, and what each module declared.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What a group of modules declared for one thing (a type, a default...).
///
/// Modules that declared the same value are grouped, so a message reads
/// "modules `a`, `b` declare text, module `c` declares uuid".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    /// The modules, sorted.
    pub modules: Vec<String>,
    /// What they declared, as a reader sees it (`varchar(50)`, `now()`...).
    pub value: String,
}

impl fmt::Display for Declaration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.modules.len() == 1 {
            "declares"
        } else {
            "declare"
        };
        write!(f, "{} {verb} {}", Modules(&self.modules), self.value)
    }
}

/// Groups `(modules, value)` pairs by value, in first-seen order, each
/// group's modules sorted and without duplicates.
pub(super) fn group<'a>(
    items: impl IntoIterator<Item = (&'a [String], String)>,
) -> Vec<Declaration> {
    let mut out: Vec<Declaration> = Vec::new();
    for (modules, value) in items {
        let decl = match out.iter_mut().find(|d| d.value == value) {
            Some(d) => d,
            None => {
                out.push(Declaration {
                    modules: Vec::new(),
                    value,
                });
                out.last_mut().expect("just pushed")
            }
        };
        decl.modules.extend(modules.iter().cloned());
    }
    for d in &mut out {
        d.modules.sort();
        d.modules.dedup();
    }
    out
}

/// "module `a`" or "modules `a`, `b`".
pub(super) struct Modules<'a>(pub(super) &'a [String]);

impl fmt::Display for Modules<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.len() == 1 {
            "module "
        } else {
            "modules "
        })?;
        for (i, m) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{m}`")?;
        }
        Ok(())
    }
}

/// Two or more modules declare something differently and no rule or
/// [`Resolution`](super::Resolution) decides which wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Conflict {
    /// The table.
    pub table: String,
    /// The column, when the conflict is about one (for a multi-column
    /// foreign key: the columns joined by `,`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// What conflicts.
    pub kind: ConflictKind,
    /// What each module declared, grouped by value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declarations: Vec<Declaration>,
}

/// The class of a [`Conflict`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum ConflictKind {
    /// Column types no safe widening reconciles.
    Type,
    /// Different defaults for one column.
    Default,
    /// Foreign keys on the same columns pointing at different targets or
    /// with different actions.
    ForeignKey,
    /// Range or SQL checks that differ on the same column.
    Check {
        /// The check's name (of the first module declaring it).
        name: String,
    },
    /// Different primary keys.
    PrimaryKey,
    /// Different layers.
    Layer,
    /// One module declares the table public, another wants row-level security.
    PublicAndRls,
    /// Different tenant columns.
    TenantColumn,
    /// Different owner columns.
    OwnerColumn,
    /// Policies of one name with different bodies.
    Policy {
        /// The policy name.
        name: String,
    },
    /// Triggers of one name with different bodies.
    Trigger {
        /// The trigger name.
        name: String,
    },
    /// Different indexes of one name.
    Index {
        /// The index name.
        name: String,
    },
    /// Different generation expressions for one generated column.
    Generated {
        /// The first module's expression.
        expr: String,
    },
    /// Different partitioning of one table.
    Partition {
        /// The first module's partitioning.
        first: String,
    },
    /// Different previous names for one renamed table or column.
    RenamedFrom {
        /// The first module's previous name.
        from: String,
    },
    /// Different functions of one name (`table` of the conflict is empty).
    Function {
        /// The function name.
        name: String,
    },
    /// Different views of one name (`table` of the conflict is empty).
    View {
        /// The view name.
        name: String,
    },
    /// A column of a merged table that the canonical module lacks, under
    /// [`PartialFieldPolicy::Error`](super::PartialFieldPolicy::Error).
    PartialField {
        /// The canonical module.
        canonical: String,
    },
    /// A resolution that matches no conflict.
    StaleResolution {
        /// The resolution's kind (`Resolution::Type`...).
        resolution: String,
        /// What it names: `table.column`, `table.name` or `table`.
        subject: String,
    },
    /// Different modules under one name: a module name must identify one
    /// module. (`table` of the conflict is the module's first table, or empty.)
    DuplicateModule {
        /// The module name.
        module: String,
    },
    /// Resolutions of one kind for one conflict that say different things.
    DuplicateResolution {
        /// The resolutions' kind (`Resolution::Type`...).
        resolution: String,
        /// What they name: `table.column`, `table.name` or `table`.
        subject: String,
    },
}

impl ConflictKind {
    /// The resolution that settles a conflict of this kind, and what it
    /// names after the table (the column, or the object's name).
    fn resolution(&self) -> Option<(&'static str, Subject<'_>)> {
        Some(match self {
            ConflictKind::Type => ("Type", Subject::Column),
            ConflictKind::Default => ("Default", Subject::Column),
            ConflictKind::ForeignKey => ("ForeignKey", Subject::Column),
            ConflictKind::Check { name } => ("Check", Subject::ColumnOr(name)),
            ConflictKind::PrimaryKey => ("PrimaryKey", Subject::Table),
            ConflictKind::Layer => ("Layer", Subject::Table),
            ConflictKind::PublicAndRls => ("Public", Subject::Table),
            ConflictKind::TenantColumn => ("TenantColumn", Subject::Table),
            ConflictKind::OwnerColumn => ("OwnerColumn", Subject::Table),
            ConflictKind::Policy { name } => ("Policy", Subject::Name(name)),
            ConflictKind::Trigger { name } => ("Trigger", Subject::Name(name)),
            ConflictKind::Index { name } => ("Index", Subject::Name(name)),
            ConflictKind::PartialField { .. }
            | ConflictKind::StaleResolution { .. }
            | ConflictKind::DuplicateModule { .. }
            | ConflictKind::Function { .. }
            | ConflictKind::View { .. }
            | ConflictKind::Generated { .. }
            | ConflictKind::RenamedFrom { .. }
            | ConflictKind::Partition { .. }
            | ConflictKind::DuplicateResolution { .. } => return None,
        })
    }
}

enum Subject<'a> {
    Table,
    Column,
    ColumnOr(&'a str),
    Name(&'a str),
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let ConflictKind::DuplicateModule { module } = &self.kind {
            return write!(
                f,
                "module `{module}` is given {} times with different contents; a module name must name one module",
                self.declarations.len()
            );
        }
        if let ConflictKind::Function { name } | ConflictKind::View { name } = &self.kind {
            let what = if matches!(self.kind, ConflictKind::Function { .. }) {
                "function"
            } else {
                "view"
            };
            write!(
                f,
                "{what} `{name}` has {} different definitions",
                self.declarations.len()
            )?;
            for (i, d) in self.declarations.iter().enumerate() {
                f.write_str(if i == 0 { ": one from " } else { ", one from " })?;
                write!(f, "{}", Modules(&d.modules))?;
            }
            return write!(f, "; declare it once, or make the definitions equal");
        }
        write!(f, "table `{}`", self.table)?;
        if let Some(c) = &self.column {
            write!(f, ", column `{c}`")?;
        }
        f.write_str(": ")?;
        match &self.kind {
            ConflictKind::Type => f.write_str("conflicting types")?,
            ConflictKind::Default => f.write_str("conflicting defaults")?,
            ConflictKind::ForeignKey => f.write_str("conflicting foreign keys")?,
            ConflictKind::Check { name } => write!(f, "conflicting checks `{name}`")?,
            ConflictKind::PrimaryKey => f.write_str("conflicting primary keys")?,
            ConflictKind::Layer => f.write_str("conflicting layers")?,
            ConflictKind::PublicAndRls => {
                f.write_str("declared public and with row-level security")?;
            }
            ConflictKind::TenantColumn => f.write_str("conflicting tenant columns")?,
            ConflictKind::OwnerColumn => f.write_str("conflicting owner columns")?,
            ConflictKind::Policy { name } => write!(f, "conflicting policies `{name}`")?,
            ConflictKind::Trigger { name } => write!(f, "conflicting triggers `{name}`")?,
            ConflictKind::Index { name } => write!(f, "different indexes named `{name}`")?,
            ConflictKind::Generated { .. } => f.write_str("conflicting generation expressions")?,
            ConflictKind::RenamedFrom { .. } => f.write_str("conflicting previous names")?,
            ConflictKind::Partition { .. } => f.write_str("conflicting partitioning")?,
            ConflictKind::PartialField { canonical } => {
                write!(
                    f,
                    "partial field, absent from canonical module `{canonical}`"
                )?;
            }
            ConflictKind::StaleResolution {
                resolution,
                subject,
            } => {
                return write!(
                    f,
                    "stale resolution: {resolution} for {subject} matches no conflict; remove it"
                );
            }
            ConflictKind::DuplicateModule { .. }
            | ConflictKind::Function { .. }
            | ConflictKind::View { .. } => unreachable!("written above"),
            ConflictKind::DuplicateResolution {
                resolution,
                subject,
            } => {
                return write!(
                    f,
                    "resolutions disagree: more than one {resolution} for {subject}; keep one"
                );
            }
        }
        for (i, d) in self.declarations.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { ", " })?;
            write!(f, "{d}")?;
        }
        match self.kind.resolution() {
            Some((kind, subject)) => {
                write!(f, "; add a Resolution::{kind} for {}", self.table)?;
                match (subject, &self.column) {
                    (Subject::Table, _) => Ok(()),
                    (Subject::Column | Subject::ColumnOr(_), Some(c)) => write!(f, ".{c}"),
                    (Subject::ColumnOr(name) | Subject::Name(name), _) => write!(f, ".{name}"),
                    (Subject::Column, None) => Ok(()),
                }
            }
            None => f.write_str(
                "; add the column to the canonical module, or complete with PartialFieldPolicy::Warn",
            ),
        }
    }
}

impl std::error::Error for Conflict {}

/// Puts conflicts (and the declarations in each) in one order whatever the
/// order of the modules: by table, column, then what they say (two conflicts of one table can otherwise
/// come out in the order the modules were given).
pub(super) fn sort(conflicts: &mut [Conflict]) {
    for c in conflicts.iter_mut() {
        c.declarations
            .sort_by(|a, b| (&a.modules, &a.value).cmp(&(&b.modules, &b.value)));
    }
    conflicts.sort_by_cached_key(|c| (c.table.clone(), c.column.clone(), c.to_string()));
}
