//! How declarations read in conflicts and reports.
//!
//! These are descriptions for people, not SQL: the renderers own SQL.

use super::Resolution;
use crate::model::{
    CheckKind, DefaultValue, Index, Literal, Policy, ReferentialAction, Trigger, TriggerEvent,
    TriggerTiming,
};

pub(super) fn values(values: &[Literal]) -> String {
    let items: Vec<String> = values.iter().map(ToString::to_string).collect();
    format!("({})", items.join(", "))
}

pub(super) fn check(c: &CheckKind) -> String {
    match c {
        CheckKind::OneOf { column, values: v } => format!("{column} one of {}", values(v)),
        CheckKind::Range { column, min, max } => match (min, max) {
            (Some(lo), Some(hi)) => format!("{column} between {lo} and {hi}"),
            (Some(lo), None) => format!("{column} >= {lo}"),
            (None, Some(hi)) => format!("{column} <= {hi}"),
            (None, None) => format!("{column} unbounded"),
        },
        CheckKind::MaxLength { column, max } => format!("{column} at most {max} characters"),
        CheckKind::Sql(sql) => format!("`{sql}`"),
    }
}

pub(super) fn foreign_key(
    ref_table: &str,
    ref_columns: &[String],
    on_delete: ReferentialAction,
    on_update: ReferentialAction,
) -> String {
    format!(
        "{ref_table}({}) on delete {} on update {}",
        ref_columns.join(", "),
        on_delete.as_sql(),
        on_update.as_sql()
    )
}

pub(super) fn columns(columns: &[String]) -> String {
    format!("({})", columns.join(", "))
}

pub(super) fn index(ix: &Index) -> String {
    let parts: Vec<String> = ix
        .parts
        .iter()
        .map(|p| match &p.opclass {
            Some(op) => format!("{} {op}", p.column),
            None => p.column.clone(),
        })
        .collect();
    let mut out = format!(
        "{}{} ({})",
        if ix.unique { "unique " } else { "" },
        ix.method.as_sql(),
        parts.join(", ")
    );
    if let Some(p) = &ix.predicate {
        out.push_str(&format!(" where {p}"));
    }
    out
}

pub(super) fn policy(p: &Policy) -> String {
    let mut out = format!("for {}", p.command.as_sql());
    if !p.roles.is_empty() {
        out.push_str(&format!(" to {}", p.roles.join(", ")));
    }
    if let Some(u) = &p.using {
        out.push_str(&format!(" using ({u})"));
    }
    if let Some(w) = &p.with_check {
        out.push_str(&format!(" with check ({w})"));
    }
    out
}

pub(super) fn trigger(t: &Trigger) -> String {
    let events: Vec<&str> = t
        .events
        .iter()
        .map(|e| match e {
            TriggerEvent::Insert => "insert",
            TriggerEvent::Update => "update",
            TriggerEvent::Delete => "delete",
        })
        .collect();
    let timing = match t.timing {
        TriggerTiming::Before => "before",
        TriggerTiming::After => "after",
    };
    format!("{timing} {} executes {}()", events.join(" or "), t.function)
}

fn or_none<T>(v: Option<&T>, f: impl Fn(&T) -> String) -> String {
    v.map_or_else(|| "none".to_owned(), f)
}

/// `Resolution::Type for accounts.type: text`.
pub(super) fn resolution(r: &Resolution) -> String {
    let what = match r {
        Resolution::Type { ty, .. } => ty.display_name(),
        Resolution::Default { default: d, .. } => or_none(d.as_ref(), DefaultValue::to_string),
        Resolution::ForeignKey {
            ref_table,
            ref_column,
            on_delete,
            on_update,
            ..
        } => {
            let ref_columns: Vec<String> =
                ref_column.split(',').map(|c| c.trim().to_owned()).collect();
            foreign_key(ref_table, &ref_columns, *on_delete, *on_update)
        }
        Resolution::Check { check: c, .. } => or_none(c.as_ref(), check),
        Resolution::PrimaryKey { columns: c, .. } => columns(c),
        Resolution::Layer { layer, .. } => or_none(layer.as_ref(), Clone::clone),
        Resolution::Public { public, .. } => {
            if *public {
                "public".into()
            } else {
                "row-level security".into()
            }
        }
        Resolution::TenantColumn { column, .. } | Resolution::OwnerColumn { column, .. } => {
            or_none(column.as_ref(), Clone::clone)
        }
        Resolution::Policy { policy: p, .. } => or_none(p.as_ref(), policy),
        Resolution::Trigger { trigger: t, .. } => or_none(t.as_ref(), trigger),
        Resolution::Index { index: i, .. } => or_none(i.as_ref(), index),
    };
    let subject = match r.subject() {
        "" => r.table().to_owned(),
        s => format!("{}.{s}", r.table()),
    };
    format!("{} for {subject}: {what}", r.kind_name())
}
