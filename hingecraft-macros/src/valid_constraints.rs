//! The rules of foreign keys and checks, split from [`valid`](crate::valid)
//! for size: each returns what it found and pushes every error.

use std::collections::BTreeSet;

use darling::Error;
use darling::util::SpannedValue;
use heck::ToUpperCamelCase;
use proc_macro2::Span;
use syn::Lit;

use crate::attr::Action;
use crate::checked::{Check, Column, Default, ForeignKey, lit_text, type_name};
use crate::ident;
use crate::sqltype::ValueKind;

pub(crate) fn foreign_key(
    i: usize,
    c: &Column<'_>,
    table: &str,
    columns: &[Column<'_>],
    push: &mut dyn FnMut(Error),
) -> Option<ForeignKey> {
    let a = &c.field.attrs;
    let Some(target) = &a.references else {
        for (given, key) in [
            (a.on_delete.as_ref().map(SpannedValue::span), "on_delete"),
            (a.on_update.as_ref().map(SpannedValue::span), "on_update"),
        ]
        .into_iter()
        .chain([
            (a.ref_column.as_ref().map(|l| l.span()), "ref_column"),
            (a.entity.as_ref().map(|l| l.span()), "entity"),
        ]) {
            if let Some(span) = given {
                push(
                    Error::custom(format!("`{key}` needs `references = \"table\"`"))
                        .with_span(&span),
                );
            }
        }
        return None;
    };
    let ref_table = target.value();
    if let Some(msg) = ident::check(&ref_table, "referenced table") {
        push(Error::custom(msg).with_span(target));
        return None;
    }
    let ref_column = a
        .ref_column
        .as_ref()
        .map_or_else(|| "id".to_owned(), syn::LitStr::value);
    if let Some(msg) = ident::check(&ref_column, "referenced column") {
        push(Error::custom(msg).with_span(a.ref_column.as_ref().unwrap_or(target)));
        return None;
    }
    let self_ref = ref_table == table;
    if self_ref && !columns.iter().any(|col| col.name == ref_column) {
        push(
            Error::custom(format!(
                "table `{table}` has no column `{ref_column}` to reference"
            ))
            .with_span(a.ref_column.as_ref().unwrap_or(target)),
        );
    }
    let on_delete = a.on_delete.as_ref().map_or(Action::NoAction, |v| **v);
    let on_update = a.on_update.as_ref().map_or(Action::NoAction, |v| **v);
    for (action, given, key) in [
        (on_delete, &a.on_delete, "on_delete"),
        (on_update, &a.on_update, "on_update"),
    ] {
        if action == Action::SetNull && !c.nullable {
            push(
                Error::custom(format!("`{key} = \"set null\"` on column `{}`, which is NOT NULL; make the field an `Option<_>`", c.name))
                    .with_span(&given.as_ref().map_or_else(|| target.span(), SpannedValue::span)),
            );
        }
        if action == Action::SetDefault && c.default.is_none() {
            push(
                Error::custom(format!(
                    "`{key} = \"set default\"` on column `{}`, which has no default",
                    c.name
                ))
                .with_span(
                    &given
                        .as_ref()
                        .map_or_else(|| target.span(), SpannedValue::span),
                ),
            );
        }
    }
    let module_path = if self_ref {
        None
    } else {
        let text = a
            .entity
            .as_ref()
            .map_or_else(|| format!("super::{ref_table}"), syn::LitStr::value);
        match syn::parse_str::<syn::Path>(&text) {
            Ok(p) => Some(p),
            Err(_) => {
                push(
                    Error::custom(format!("`{text}` is not a module path"))
                        .with_span(a.entity.as_ref().unwrap_or(target)),
                );
                return None;
            }
        }
    };
    let stem = c.name.strip_suffix("_id").unwrap_or(&c.name);
    Some(ForeignKey {
        column: i,
        ref_table,
        ref_column,
        span: target.span(),
        module_path,
        on_delete,
        on_update,
        variant: relation_variant(stem, target.span()),
    })
}

pub(crate) fn check_checks(
    i: usize,
    c: &Column<'_>,
    checks: &mut Vec<Check>,
    push: &mut dyn FnMut(Error),
) {
    let a = &c.field.attrs;
    if let Some(list) = &a.one_of {
        let kind = c.ty.kind();
        let mut seen = BTreeSet::new();
        for v in &list.0 {
            let fits = matches!(
                (kind, v),
                (ValueKind::Text, Lit::Str(_)) | (ValueKind::Integer, Lit::Int(_))
            );
            if !fits {
                push(
                    Error::custom(format!(
                        "`one_of` value does not fit the column type ({})",
                        type_name(&c.ty)
                    ))
                    .with_span(v),
                );
            }
            if !seen.insert(lit_text(v)) {
                push(Error::custom(format!("`one_of` lists {} twice", lit_text(v))).with_span(v));
            }
        }
        if let Some(Default::Literal(d)) = &c.default
            && !list.0.iter().any(|v| lit_text(v) == lit_text(d))
        {
            push(
                Error::custom(format!(
                    "default {} is not one of the allowed values",
                    lit_text(d)
                ))
                .with_span(d),
            );
        }
        checks.push(Check::OneOf {
            column: i,
            values: list.0.clone(),
        });
    }
    if a.min.is_some() || a.max.is_some() {
        let span = a
            .min
            .as_ref()
            .or(a.max.as_ref())
            .map(SpannedValue::span)
            .unwrap_or_else(Span::call_site);
        if !matches!(c.ty.kind(), ValueKind::Integer | ValueKind::Float) {
            push(Error::custom("`min` and `max` apply to numeric columns only").with_span(&span));
        }
        let (min, max) = (a.min.as_ref().map(|v| v.0), a.max.as_ref().map(|v| v.0));
        if let (Some(lo), Some(hi)) = (min, max)
            && lo > hi
        {
            push(
                Error::custom(format!("`min = {lo}` is greater than `max = {hi}`"))
                    .with_span(&span),
            );
        }
        checks.push(Check::Range {
            column: i,
            min,
            max,
        });
    }
    if let Some(expr) = &a.check {
        if expr.trim().is_empty() {
            push(Error::custom("`check` is empty").with_span(&expr.span()));
        }
        checks.push(Check::Sql {
            column: i,
            expr: expr.as_str().to_owned(),
        });
    }
}

/// The relation's variant, after the column's stem: `author_id` ->
/// `Author`; a keyword (`self_id` -> `Self`) gets `Row` added.
fn relation_variant(stem: &str, span: Span) -> syn::Ident {
    let camel = stem.to_upper_camel_case();
    if hingecraft_model::rust::is_keyword(&camel) {
        syn::Ident::new(&format!("{camel}Row"), span)
    } else {
        syn::Ident::new(&camel, span)
    }
}
