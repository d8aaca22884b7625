//! Columns of one name from several declarations become one column.

use std::borrow::Cow;
use std::collections::HashMap;

use super::conflict::{ConflictKind, group};
use super::report::DecisionKind;
use super::resolution::{Class, Resolution};
use super::rules::{Ctx, Decl, Part, Rule, union};
use crate::model::{Column, ColumnType, DefaultValue};

/// Postgres refuses a `numeric` precision above this.
const MAX_NUMERIC_PRECISION: u32 = 1000;

/// The narrowest type that holds every value of both, when that is a safe
/// widening: varchar(n)+varchar(m) -> varchar(max), varchar+text -> text,
/// smallint < integer < bigint, numeric wide enough for both. `None` for
/// anything else.
///
/// Each family is a lattice and this is its join, so folding it over any
/// number of types gives the same answer in any order.
pub fn widen(a: &ColumnType, b: &ColumnType) -> Option<ColumnType> {
    use ColumnType as T;
    if a == b {
        return Some(a.clone());
    }
    let int_rank = |t: &ColumnType| match t {
        T::SmallInt => Some(0),
        T::Integer => Some(1),
        T::BigInt => Some(2),
        _ => None,
    };
    match (a, b) {
        (T::Varchar { len: x }, T::Varchar { len: y }) => Some(T::Varchar { len: *x.max(y) }),
        (T::Varchar { .. }, T::Text) | (T::Text, T::Varchar { .. }) => Some(T::Text),
        (
            T::Numeric {
                precision: p1,
                scale: s1,
            },
            T::Numeric {
                precision: p2,
                scale: s2,
            },
        ) => {
            // Keep every integer digit and every fractional digit of both.
            let scale = *s1.max(s2);
            let int_digits = p1.saturating_sub(*s1).max(p2.saturating_sub(*s2));
            let precision = int_digits.checked_add(scale)?;
            (precision <= MAX_NUMERIC_PRECISION).then_some(T::Numeric { precision, scale })
        }
        _ => match (int_rank(a), int_rank(b)) {
            (Some(x), Some(y)) => Some(if x >= y { a.clone() } else { b.clone() }),
            _ => None,
        },
    }
}

/// One declaration of a column.
#[derive(Debug, Clone, Copy)]
struct ColumnDecl<'a> {
    /// Which merged column it belongs to: the first-seen position of its name.
    slot: usize,
    column: &'a Column,
    modules: &'a [String],
    base: bool,
}

/// Merges the columns of the parts, in first-seen order.
pub(super) fn merge_columns(ctx: &mut Ctx<'_>, parts: &[Part<'_>]) -> Vec<Column> {
    let total = parts.iter().map(|p| p.table.columns.len()).sum();
    let mut slots: HashMap<&str, usize> = HashMap::with_capacity(total);
    let mut decls: Vec<ColumnDecl<'_>> = Vec::with_capacity(total);
    for p in parts {
        for c in &p.table.columns {
            let next = slots.len();
            decls.push(ColumnDecl {
                slot: *slots.entry(c.name.as_str()).or_insert(next),
                column: c,
                modules: p.column_modules(c),
                base: p.base,
            });
        }
    }
    // Stable: the declarations of one column stay in part order.
    decls.sort_by_key(|d| d.slot);
    decls
        .chunk_by(|a, b| a.slot == b.slot)
        .map(|decls| merge_column(ctx, decls))
        .collect()
}

fn merge_column(ctx: &mut Ctx<'_>, decls: &[ColumnDecl<'_>]) -> Column {
    // Most columns are declared once: nothing to decide. (The doc is
    // normalised as the general path does.)
    if let [one] = decls {
        return Column {
            doc: one.column.doc.clone().filter(|d| !d.trim().is_empty()),
            declared_by: one.modules.to_vec(),
            ..one.column.clone()
        };
    }
    let name = decls[0].column.name.as_str();
    let ty = merge_type(ctx, name, decls);

    let not_null: Vec<&[String]> = decls
        .iter()
        .filter(|d| !d.column.nullable)
        .map(|d| d.modules)
        .collect();
    let nullable = not_null.is_empty();
    if !nullable && not_null.len() < decls.len() {
        let nullable_in = union(
            decls
                .iter()
                .filter(|d| d.column.nullable)
                .map(|d| d.modules),
        );
        ctx.decide(
            Some(name),
            union(not_null),
            DecisionKind::NotNull { nullable_in },
        );
    }

    let default = merge_default(ctx, name, decls);
    let docs: Vec<_> = decls
        .iter()
        .map(|d| (d.column.doc.as_ref(), d.modules))
        .collect();
    let doc = ctx.doc(Some(name), &docs);
    let generated = merge_optional(
        ctx,
        name,
        decls,
        |c| c.generated.as_ref(),
        |expr| ConflictKind::Generated { expr },
    );
    let renamed_from = merge_optional(
        ctx,
        name,
        decls,
        |c| c.renamed_from.as_ref(),
        |from| ConflictKind::RenamedFrom { from },
    );

    Column {
        name: name.to_owned(),
        ty,
        nullable,
        default,
        doc,
        declared_by: union(decls.iter().map(|d| d.modules)),
        generated,
        renamed_from,
    }
}

/// A setting declared by some modules and left out by others: equal or
/// declared once is taken; two different values are a conflict.
fn merge_optional(
    ctx: &mut Ctx<'_>,
    name: &str,
    decls: &[ColumnDecl<'_>],
    get: impl Fn(&Column) -> Option<&String>,
    kind: impl Fn(String) -> ConflictKind,
) -> Option<String> {
    let mut set = decls
        .iter()
        .filter_map(|d| get(d.column).map(|v| (v, d.modules)));
    let (first, _) = set.clone().next()?;
    if set.all(|(v, _)| v == first) {
        return Some(first.clone());
    }
    let declared = group(
        decls
            .iter()
            .filter_map(|d| get(d.column).map(|v| (d.modules, v.clone()))),
    );
    ctx.conflict(Some(name), kind(first.clone()), declared);
    Some(first.clone())
}

fn merge_default(ctx: &mut Ctx<'_>, name: &str, decls: &[ColumnDecl<'_>]) -> Option<DefaultValue> {
    let first = &decls[0].column.default;
    if decls.iter().all(|d| d.column.default == *first) {
        return first.clone();
    }
    let defaults: Vec<Decl<'_, _>> = decls
        .iter()
        .map(|d| Decl {
            value: d.column.default.clone(),
            modules: Cow::Borrowed(d.modules),
            base: d.base,
        })
        .collect();
    ctx.agree(
        Rule {
            column: Some(name),
            what: "default",
            class: Class::Default,
            subject: name,
            kind: ConflictKind::Default,
        },
        &defaults,
        DefaultValue::to_string,
        |r| match r {
            Resolution::Default { default, .. } => default,
            _ => None,
        },
    )
}

fn merge_type(ctx: &mut Ctx<'_>, name: &str, decls: &[ColumnDecl<'_>]) -> ColumnType {
    let first = &decls[0].column.ty;
    if decls.iter().all(|d| d.column.ty == *first) {
        return first.clone();
    }
    let declared = || {
        group(
            decls
                .iter()
                .map(|d| (d.modules, d.column.ty.display_name())),
        )
    };
    let modules = union(decls.iter().map(|d| d.modules));
    let widened = decls[1..]
        .iter()
        .try_fold(first.clone(), |acc, d| widen(&acc, &d.column.ty));
    if let Some(ty) = widened {
        ctx.decide(
            Some(name),
            modules,
            DecisionKind::TypeWidened {
                declared: declared(),
                to: ty.display_name(),
            },
        );
        return ty;
    }
    match ctx.resolver.take(Class::Type, ctx.table, name) {
        Some(r) => {
            let ty = match &r {
                Resolution::Type { ty, .. } => ty.clone(),
                _ => first.clone(),
            };
            ctx.decide(
                Some(name),
                modules,
                DecisionKind::Resolved { resolution: r },
            );
            ty
        }
        None => {
            ctx.conflict(Some(name), ConflictKind::Type, declared());
            first.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnType as T;

    #[test]
    fn widening_is_the_join_of_each_family() {
        let v = |len| T::Varchar { len };
        let n = |precision, scale| T::Numeric { precision, scale };
        assert_eq!(widen(&v(20), &v(50)), Some(v(50)));
        assert_eq!(widen(&v(20), &T::Text), Some(T::Text));
        assert_eq!(widen(&T::Text, &v(20)), Some(T::Text));
        assert_eq!(widen(&T::SmallInt, &T::BigInt), Some(T::BigInt));
        assert_eq!(widen(&T::Integer, &T::SmallInt), Some(T::Integer));
        // numeric(10,2) holds 8 integer digits, numeric(6,4) holds 4 decimals.
        assert_eq!(widen(&n(10, 2), &n(6, 4)), Some(n(12, 4)));
        assert_eq!(widen(&n(1000, 0), &n(10, 5)), None);
        assert_eq!(widen(&T::Uuid, &T::Text), None);
        assert_eq!(widen(&T::Jsonb, &T::Text), None);
        assert_eq!(widen(&T::Integer, &n(10, 0)), None);
        assert_eq!(widen(&T::Real, &T::Double), None);
    }
}
