//! Resolutions: the decisions a person takes where the rules cannot.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::conflict::{Conflict, ConflictKind};
use crate::model::{
    CheckKind, ColumnType, DefaultValue, Index, Policy, ReferentialAction, Trigger,
};

/// How to settle one [`Conflict`]: each variant answers the conflict of its
/// kind at one table (and column, or named object).
///
/// A resolution that matches no conflict is itself a conflict (a stale
/// resolution), so that the list cannot silently outlive the disagreement it
/// settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum Resolution {
    /// The column's type.
    Type {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// The type to use.
        ty: ColumnType,
    },
    /// The column's default (`None`: no default).
    Default {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// The default to use.
        default: Option<DefaultValue>,
    },
    /// The foreign key on the column.
    ForeignKey {
        /// The table.
        table: String,
        /// The referencing column (several: joined by `,`).
        column: String,
        /// The referenced table.
        ref_table: String,
        /// The referenced column (several: joined by `,`).
        ref_column: String,
        /// `ON DELETE` action.
        on_delete: ReferentialAction,
        /// `ON UPDATE` action.
        on_update: ReferentialAction,
    },
    /// The check that replaces the conflicting ones (`None`: no check).
    Check {
        /// The table.
        table: String,
        /// The checked column; for a SQL check whose column cannot be told
        /// from its name (`ck_<table>_<column>_expr`), the check's name.
        column: String,
        /// The check to use.
        check: Option<CheckKind>,
    },
    /// The primary key columns.
    PrimaryKey {
        /// The table.
        table: String,
        /// The key columns, in order.
        columns: Vec<String>,
    },
    /// The layer (`None`: no layer).
    Layer {
        /// The table.
        table: String,
        /// The layer to use.
        layer: Option<String>,
    },
    /// Public or row-level security: `true` keeps the table public (and drops
    /// the `rls` flag and `rls_enabled`), `false` drops the `public` flag.
    Public {
        /// The table.
        table: String,
        /// Whether the table stays public.
        public: bool,
    },
    /// The tenant column (`None`: none).
    TenantColumn {
        /// The table.
        table: String,
        /// The column to use.
        column: Option<String>,
    },
    /// The owner column (`None`: none).
    OwnerColumn {
        /// The table.
        table: String,
        /// The column to use.
        column: Option<String>,
    },
    /// The policy of that name (`None`: drop it).
    Policy {
        /// The table.
        table: String,
        /// The policy name.
        name: String,
        /// The policy to use.
        policy: Option<Policy>,
    },
    /// The trigger of that name (`None`: drop it).
    Trigger {
        /// The table.
        table: String,
        /// The trigger name.
        name: String,
        /// The trigger to use.
        trigger: Option<Trigger>,
    },
    /// The index of that name (`None`: drop every index of that name).
    Index {
        /// The table.
        table: String,
        /// The index name.
        name: String,
        /// The index to use.
        index: Option<Index>,
    },
}

/// The kind of a resolution, which is also the kind of conflict it settles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Class {
    Type,
    Default,
    ForeignKey,
    Check,
    PrimaryKey,
    Layer,
    Public,
    TenantColumn,
    OwnerColumn,
    Policy,
    Trigger,
    Index,
}

impl Class {
    fn name(self) -> &'static str {
        match self {
            Class::Type => "Resolution::Type",
            Class::Default => "Resolution::Default",
            Class::ForeignKey => "Resolution::ForeignKey",
            Class::Check => "Resolution::Check",
            Class::PrimaryKey => "Resolution::PrimaryKey",
            Class::Layer => "Resolution::Layer",
            Class::Public => "Resolution::Public",
            Class::TenantColumn => "Resolution::TenantColumn",
            Class::OwnerColumn => "Resolution::OwnerColumn",
            Class::Policy => "Resolution::Policy",
            Class::Trigger => "Resolution::Trigger",
            Class::Index => "Resolution::Index",
        }
    }

    /// Whether the subject is a column (else a named object, or nothing).
    fn subject_is_column(self) -> bool {
        matches!(
            self,
            Class::Type | Class::Default | Class::ForeignKey | Class::Check
        )
    }
}

impl Resolution {
    /// The table it applies to.
    pub fn table(&self) -> &str {
        match self {
            Resolution::Type { table, .. }
            | Resolution::Default { table, .. }
            | Resolution::ForeignKey { table, .. }
            | Resolution::Check { table, .. }
            | Resolution::PrimaryKey { table, .. }
            | Resolution::Layer { table, .. }
            | Resolution::Public { table, .. }
            | Resolution::TenantColumn { table, .. }
            | Resolution::OwnerColumn { table, .. }
            | Resolution::Policy { table, .. }
            | Resolution::Trigger { table, .. }
            | Resolution::Index { table, .. } => table,
        }
    }

    /// What it names after the table: the column or the object's name
    /// (empty for a table-level resolution).
    pub fn subject(&self) -> &str {
        match self {
            Resolution::Type { column, .. }
            | Resolution::Default { column, .. }
            | Resolution::ForeignKey { column, .. }
            | Resolution::Check { column, .. } => column,
            Resolution::Policy { name, .. }
            | Resolution::Trigger { name, .. }
            | Resolution::Index { name, .. } => name,
            Resolution::PrimaryKey { .. }
            | Resolution::Layer { .. }
            | Resolution::Public { .. }
            | Resolution::TenantColumn { .. }
            | Resolution::OwnerColumn { .. } => "",
        }
    }

    /// Its kind as written in code (`Resolution::Type`).
    pub fn kind_name(&self) -> &'static str {
        self.class().name()
    }

    pub(super) fn class(&self) -> Class {
        match self {
            Resolution::Type { .. } => Class::Type,
            Resolution::Default { .. } => Class::Default,
            Resolution::ForeignKey { .. } => Class::ForeignKey,
            Resolution::Check { .. } => Class::Check,
            Resolution::PrimaryKey { .. } => Class::PrimaryKey,
            Resolution::Layer { .. } => Class::Layer,
            Resolution::Public { .. } => Class::Public,
            Resolution::TenantColumn { .. } => Class::TenantColumn,
            Resolution::OwnerColumn { .. } => Class::OwnerColumn,
            Resolution::Policy { .. } => Class::Policy,
            Resolution::Trigger { .. } => Class::Trigger,
            Resolution::Index { .. } => Class::Index,
        }
    }
}

type Key = (Class, String, String);

/// The resolutions of one pass, found by what they settle, with which of
/// them were used.
///
/// Keys are owned strings: a lookup happens once per conflict, which is rare,
/// so its allocation costs nothing that matters.
#[derive(Debug)]
pub(super) struct Resolver {
    entries: BTreeMap<Key, (usize, Resolution, bool)>,
    duplicates: Vec<(usize, Conflict)>,
}

impl Resolver {
    pub(super) fn new(resolutions: &[Resolution]) -> Self {
        let mut entries: BTreeMap<Key, (usize, Resolution, bool)> = BTreeMap::new();
        let mut duplicates = Vec::new();
        for (i, r) in resolutions.iter().enumerate() {
            let key = (r.class(), r.table().to_owned(), r.subject().to_owned());
            match entries.get(&key) {
                // The same resolution twice says one thing: keep it once.
                Some((_, kept, _)) if kept == r => {}
                Some(_) => duplicates.push((i, conflict_for(r, ConflictKindOf::Duplicate))),
                None => {
                    entries.insert(key, (i, r.clone(), false));
                }
            }
        }
        Self {
            entries,
            duplicates,
        }
    }

    /// The resolution of that kind for `table` and `subject`, marked used.
    pub(super) fn take(&mut self, class: Class, table: &str, subject: &str) -> Option<Resolution> {
        let key = (class, table.to_owned(), subject.to_owned());
        let (_, r, used) = self.entries.get_mut(&key)?;
        *used = true;
        Some(r.clone())
    }

    /// Conflicts for resolutions that disagree or matched nothing, in the
    /// order they were given.
    pub(super) fn finish(self) -> Vec<Conflict> {
        let mut out = self.duplicates;
        out.extend(
            self.entries
                .into_values()
                .filter(|(_, _, used)| !used)
                .map(|(i, r, _)| (i, conflict_for(&r, ConflictKindOf::Stale))),
        );
        out.sort_by_key(|(i, _)| *i);
        out.into_iter().map(|(_, c)| c).collect()
    }
}

enum ConflictKindOf {
    Stale,
    Duplicate,
}

fn conflict_for(r: &Resolution, which: ConflictKindOf) -> Conflict {
    let resolution = r.kind_name().to_owned();
    let subject = match r.subject() {
        "" => r.table().to_owned(),
        s => format!("{}.{s}", r.table()),
    };
    Conflict {
        table: r.table().to_owned(),
        column: r
            .class()
            .subject_is_column()
            .then(|| r.subject().to_owned()),
        kind: match which {
            ConflictKindOf::Stale => ConflictKind::StaleResolution {
                resolution,
                subject,
            },
            ConflictKindOf::Duplicate => ConflictKind::DuplicateResolution {
                resolution,
                subject,
            },
        },
        declarations: Vec::new(),
    }
}
