//! Declarations of one table from several modules become one table.

use std::borrow::Cow;

use super::conflict::{Conflict, ConflictKind, Declaration};
use super::report::{Decision, DecisionKind};
use super::resolution::{Class, Resolution, Resolver};
use super::rules::{Ctx, Decl, Part, Rule, union};
use super::{column, constraint, describe};
use crate::model::{Table, TableFlags};

/// A merged table, what was decided, and what could not be.
#[derive(Debug)]
pub(super) struct Merged {
    pub(super) table: Table,
    pub(super) decisions: Vec<Decision>,
    pub(super) conflicts: Vec<Conflict>,
}

/// Merges the parts (in the order given: module order) into one table.
/// `Table.module` is the first module; the caller overrides it when
/// completing.
pub(super) fn merge_table(name: &str, parts: &[Part<'_>], resolver: &mut Resolver) -> Merged {
    if let [one] = parts
        && !one.base
    {
        return Merged {
            table: as_declared(one),
            decisions: Vec::new(),
            conflicts: Vec::new(),
        };
    }
    let mut ctx = Ctx {
        table: name,
        resolver,
        decisions: Vec::new(),
        conflicts: Vec::new(),
    };
    let modules = union(parts.iter().map(|p| p.modules));
    let mut table = Table::new(name, modules.first().cloned().unwrap_or_default());

    let docs: Vec<_> = parts
        .iter()
        .map(|p| (p.table.doc.as_ref(), p.modules))
        .collect();
    table.doc = ctx.doc(None, &docs);
    table.primary_key = primary_key(&mut ctx, parts);
    table.layer = optional(&mut ctx, parts, Class::Layer, |t| t.layer.clone());
    table.columns = column::merge_columns(&mut ctx, parts);
    let (flags, rls_enabled) = flags(&mut ctx, parts);
    table.flags = flags;
    table.rls_enabled = rls_enabled;

    table.foreign_keys = constraint::foreign_keys(&mut ctx, parts);
    table.uniques = constraint::uniques(&mut ctx, parts);
    let column_names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    table.checks = constraint::checks(&mut ctx, parts, &column_names);
    table.indexes = constraint::indexes(&mut ctx, parts);
    table.policies = constraint::policies(&mut ctx, parts);
    table.triggers = constraint::triggers(&mut ctx, parts);
    table.partition = first_of(
        &mut ctx,
        parts,
        |t| t.partition.as_ref(),
        |p| format!("by {:?} on {}", p.interval, p.column).to_lowercase(),
        |first| ConflictKind::Partition { first },
    );
    table.renamed_from = first_of(
        &mut ctx,
        parts,
        |t| t.renamed_from.as_ref(),
        Clone::clone,
        |from| ConflictKind::RenamedFrom { from },
    );
    table.declared_by = modules;

    Merged {
        table,
        decisions: ctx.decisions,
        conflicts: ctx.conflicts,
    }
}

/// A setting some declarations make and others leave out: equal or declared
/// once is taken; different values are a conflict.
fn first_of<'a, T: PartialEq + Clone + 'a>(
    ctx: &mut Ctx<'_>,
    parts: &[Part<'a>],
    get: impl Fn(&'a Table) -> Option<&'a T>,
    describe: impl Fn(&T) -> String,
    kind: impl FnOnce(String) -> ConflictKind,
) -> Option<T> {
    let set: Vec<(&T, &[String])> = parts
        .iter()
        .filter_map(|p| get(p.table).map(|v| (v, p.modules)))
        .collect();
    let (first, _) = *set.first()?;
    if set.iter().any(|(v, _)| *v != first) {
        let declared = super::conflict::group(set.iter().map(|(v, m)| (*m, describe(v))));
        ctx.conflict(None, kind(describe(first)), declared);
    }
    Some(first.clone())
}

/// A table only one module declares: taken as declared, with its provenance
/// (and blank docs dropped, as merging does).
fn as_declared(part: &Part<'_>) -> Table {
    let mut table = part.table.clone();
    table.module = part.modules.first().cloned().unwrap_or_default();
    table.declared_by = part.modules.to_vec();
    table.doc = table.doc.filter(|d| !d.trim().is_empty());
    for c in &mut table.columns {
        c.declared_by = part.modules.to_vec();
        c.doc = c.doc.take().filter(|d| !d.trim().is_empty());
    }
    table
}

fn table_decls<'a, T>(
    parts: &[Part<'a>],
    value: impl Fn(&'a Table) -> Option<T>,
) -> Vec<Decl<'a, T>> {
    parts
        .iter()
        .map(|p| Decl {
            value: value(p.table),
            modules: Cow::Borrowed(p.modules),
            base: p.base,
        })
        .collect()
}

/// Primary keys must be equal; a declaration without one takes the others'.
fn primary_key(ctx: &mut Ctx<'_>, parts: &[Part<'_>]) -> Vec<String> {
    let decls = table_decls(parts, |t| {
        (!t.primary_key.is_empty()).then(|| t.primary_key.clone())
    });
    let rule = Rule {
        column: None,
        what: "primary key",
        class: Class::PrimaryKey,
        subject: "",
        kind: ConflictKind::PrimaryKey,
    };
    ctx.agree(
        rule,
        &decls,
        |k| describe::columns(k),
        |r| match r {
            Resolution::PrimaryKey { columns, .. } => Some(columns),
            _ => None,
        },
    )
    .unwrap_or_default()
}

/// A table property that is one optional name: layer, tenant or owner column.
fn optional<'a>(
    ctx: &mut Ctx<'_>,
    parts: &[Part<'a>],
    class: Class,
    value: impl Fn(&'a Table) -> Option<String>,
) -> Option<String> {
    let (what, kind) = match class {
        Class::TenantColumn => ("tenant column", ConflictKind::TenantColumn),
        Class::OwnerColumn => ("owner column", ConflictKind::OwnerColumn),
        _ => ("layer", ConflictKind::Layer),
    };
    let decls = table_decls(parts, value);
    let rule = Rule {
        column: None,
        what,
        class,
        subject: "",
        kind,
    };
    ctx.agree(
        rule,
        &decls,
        |v| format!("`{v}`"),
        |r| match r {
            Resolution::Layer { layer: v, .. }
            | Resolution::TenantColumn { column: v, .. }
            | Resolution::OwnerColumn { column: v, .. } => v,
            _ => None,
        },
    )
}

/// A boolean behaviour wanted by any declaration: on.
fn flag(ctx: &mut Ctx<'_>, parts: &[Part<'_>], what: &str, get: fn(&Table) -> bool) -> bool {
    let decls = table_decls(parts, |t| get(t).then_some(()));
    ctx.presence(None, what, || "on".to_owned(), &decls);
    decls.iter().any(|d| d.value.is_some())
}

/// Table flags and `rls_enabled`: booleans unioned, columns agreed, and a
/// public table may not be wanted under row-level security by another module.
fn flags(ctx: &mut Ctx<'_>, parts: &[Part<'_>]) -> (TableFlags, bool) {
    let mut f = TableFlags {
        audit: flag(ctx, parts, "flag audit", |t| t.flags.audit),
        soft_delete: flag(ctx, parts, "flag soft_delete", |t| t.flags.soft_delete),
        versioned: flag(ctx, parts, "flag versioned", |t| t.flags.versioned),
        timestamps: flag(ctx, parts, "flag timestamps", |t| t.flags.timestamps),
        rls: flag(ctx, parts, "flag rls", |t| t.flags.rls),
        public: flag(ctx, parts, "flag public", |t| t.flags.public),
        tenant_column: optional(ctx, parts, Class::TenantColumn, |t| {
            t.flags.tenant_column.clone()
        }),
        owner_column: optional(ctx, parts, Class::OwnerColumn, |t| {
            t.flags.owner_column.clone()
        }),
    };
    let mut rls_enabled = flag(ctx, parts, "row-level security", |t| t.rls_enabled);

    // One module's own choice of both is its business; two modules
    // disagreeing about who may read the table is a conflict.
    let public = union(
        parts
            .iter()
            .filter(|p| p.table.flags.public)
            .map(|p| p.modules),
    );
    let rls = union(
        parts
            .iter()
            .filter(|p| p.table.flags.rls || p.table.rls_enabled)
            .map(|p| p.modules),
    );
    let disagree = public.iter().any(|a| rls.iter().any(|b| a != b));
    if disagree {
        match ctx.resolver.take(Class::Public, ctx.table, "") {
            Some(r) => {
                if let Resolution::Public { public: keep, .. } = r {
                    f.public = keep;
                    if keep {
                        f.rls = false;
                        rls_enabled = false;
                    }
                }
                ctx.decide(
                    None,
                    union([public.as_slice(), rls.as_slice()]),
                    DecisionKind::Resolved { resolution: r },
                );
            }
            None => ctx.conflict(
                None,
                ConflictKind::PublicAndRls,
                vec![
                    Declaration {
                        modules: public,
                        value: "public".into(),
                    },
                    Declaration {
                        modules: rls,
                        value: "row-level security".into(),
                    },
                ],
            ),
        }
    }
    (f, rls_enabled)
}
