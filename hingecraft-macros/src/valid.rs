//! Every rule a declaration must obey. All errors are collected, each on the
//! span of the attribute, string or field at fault.

use std::collections::BTreeSet;

use darling::Error;
use darling::util::SpannedValue;
use heck::ToUpperCamelCase;
use syn::Lit;

use crate::ast::{Field, Input};
use crate::attr::IndexMethod;
use crate::checked::{Column, Default, Flags, ForeignKey, Index, Table, type_name};
use crate::ident;
use crate::sqltype::{self, SqlType, ValueKind};
use crate::valid_constraints::{check_checks, foreign_key};

/// Checks the parsed input; `None` when any rule failed (errors recorded).
pub(crate) fn check<'a>(
    input: &'a Input,
    errors: &mut darling::error::Accumulator,
) -> Option<Table<'a>> {
    let attrs = input.attrs.as_ref()?;
    let mut found: Vec<Error> = Vec::new();
    let mut push = |e: Error| found.push(e);

    let name = attrs.name.as_str().to_owned();
    if let Some(msg) = ident::check(&name, "table") {
        push(Error::custom(msg).with_span(&attrs.name.span()));
    }
    let module = attrs.module.as_str().to_owned();
    if module.is_empty()
        || !module
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    {
        push(
            Error::custom(format!(
                "module name `{module}` must be lowercase letters, digits, `_` or `-`"
            ))
            .with_span(&attrs.module.span()),
        );
    }
    if attrs.public.is_present() && attrs.rls.is_present() {
        push(
            Error::custom("a table cannot be both `public` (no row-level security) and `rls`")
                .with_span(&attrs.public.span()),
        );
    }

    // Columns.
    let mut columns = Vec::new();
    let mut seen = BTreeSet::new();
    for field in &input.fields {
        if let Some(col) = column(field, &mut push) {
            if !seen.insert(col.name.clone()) {
                push(
                    Error::custom(format!("two fields map to column `{}`", col.name))
                        .with_span(&field.ident),
                );
            }
            columns.push(col);
        }
    }
    if columns.len() != input.fields.len() {
        errors.extend(found);
        return None;
    }
    let find = |path: &syn::Path, push: &mut dyn FnMut(Error)| -> Option<usize> {
        let wanted = path
            .get_ident()
            .map(|i| i.to_string().trim_start_matches("r#").to_owned());
        let found = wanted.as_ref().and_then(|w| {
            columns
                .iter()
                .position(|c| &c.name == w || &c.field.rust_name == w)
        });
        if found.is_none() {
            push(
                Error::custom(format!(
                    "no column `{}` in this table",
                    quote::quote!(#path)
                ))
                .with_span(path),
            );
        }
        found
    };

    // Primary key.
    let pk_fields: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.field.attrs.primary_key.is_present())
        .map(|(i, _)| i)
        .collect();
    let mut primary_key = Vec::new();
    match (&attrs.primary_key, pk_fields.as_slice()) {
        (Some(list), []) => {
            for p in list.iter() {
                primary_key.extend(find(p, &mut push));
            }
        }
        (Some(_), [first, ..]) => push(
            Error::custom("primary key declared twice: on the table and on this field; keep one")
                .with_span(&columns[*first].field.attrs.primary_key.span()),
        ),
        (None, []) => push(
            Error::custom(format!(
                "table `{name}` has no primary key; mark a field `#[hc(primary_key)]` or declare `primary_key(a, b)` on the table"
            ))
            .with_span(&input.original.ident),
        ),
        (None, [one]) => primary_key.push(*one),
        (None, [first, rest @ ..]) => {
            for i in rest {
                push(
                    Error::custom(format!(
                        "two primary keys: `{}` and `{}`; for a composite key declare `primary_key({}, {})` on the table",
                        columns[*first].name, columns[*i].name, columns[*first].name, columns[*i].name
                    ))
                    .with_span(&columns[*i].field.attrs.primary_key.span()),
                );
            }
        }
    }
    for &i in &primary_key {
        if columns[i].nullable {
            push(
                Error::custom("a primary key column cannot be `Option<_>`")
                    .with_span(&columns[i].field.original.ty),
            );
        }
    }

    // Uniques and indexes.
    let mut uniques: Vec<Vec<usize>> = Vec::new();
    let mut indexes = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        if c.field.attrs.unique.is_present() {
            uniques.push(vec![i]);
        }
        if c.field.attrs.indexed.is_present() {
            indexes.push(Index {
                columns: vec![i],
                method: IndexMethod::Btree,
                opclass: None,
                predicate: None,
                unique: false,
                name: None,
            });
        }
    }
    for list in &attrs.unique {
        let cols: Vec<usize> = list.iter().filter_map(|p| find(p, &mut push)).collect();
        if cols.len() == list.len() {
            uniques.push(cols);
        }
    }
    for idx in &attrs.index {
        let cols: Vec<usize> = idx
            .columns
            .iter()
            .filter_map(|p| find(p, &mut push))
            .collect();
        if idx.columns.is_empty() {
            push(Error::custom(
                "an index needs at least one column: `index(columns(a, b))`",
            ));
        }
        if let Some(n) = &idx.name
            && let Some(msg) = ident::check(n, "index")
        {
            push(Error::custom(msg).with_span(&n.span()));
        }
        if cols.len() == idx.columns.len() {
            indexes.push(Index {
                columns: cols,
                method: idx.method.as_ref().map_or(IndexMethod::Btree, |m| **m),
                opclass: idx.opclass.clone(),
                predicate: idx.predicate.clone(),
                unique: idx.unique.is_present(),
                name: idx.name.as_ref().map(|n| n.as_str().to_owned()),
            });
        }
    }

    // Foreign keys, checks, tenancy.
    let mut foreign_keys: Vec<ForeignKey> = Vec::new();
    let mut checks = Vec::new();
    let mut flags = Flags {
        audit: attrs.audit.is_present(),
        soft_delete: attrs.soft_delete.is_present(),
        versioned: attrs.versioned.is_present(),
        timestamps: attrs.timestamps.is_present(),
        rls: attrs.rls.is_present(),
        public: attrs.public.is_present(),
        ..Flags::default()
    };
    for (i, c) in columns.iter().enumerate() {
        let a = &c.field.attrs;
        if let Some(fk) = foreign_key(i, c, &name, &columns, &mut push) {
            let mut variant = fk.variant.to_string();
            while foreign_keys.iter().any(|f| f.variant == variant) {
                variant.push('2');
            }
            foreign_keys.push(ForeignKey {
                variant: syn::Ident::new(&variant, fk.span),
                ..fk
            });
        }
        check_checks(i, c, &mut checks, &mut push);
        for (flag, slot, what) in [
            (&a.tenant, &mut flags.tenant, "tenant"),
            (&a.owner, &mut flags.owner, "owner"),
        ] {
            if !flag.is_present() {
                continue;
            }
            if slot.is_some() {
                push(
                    Error::custom(format!("a table has at most one {what} column"))
                        .with_span(&flag.span()),
                );
            } else if c.ty != SqlType::Uuid {
                push(
                    Error::custom(format!("the {what} column must be a `Uuid`"))
                        .with_span(&c.field.original.ty),
                );
            } else {
                *slot = Some(i);
            }
        }
    }

    if !found.is_empty() {
        for e in found {
            errors.push(e);
        }
        return None;
    }
    Some(Table {
        input,
        name,
        module,
        layer: attrs.layer.as_ref().map(|l| l.as_str().to_owned()),
        flags,
        columns,
        primary_key,
        uniques,
        indexes,
        foreign_keys,
        checks,
        partition_by: attrs.partition_by.as_ref().map(|p| p.as_str().to_owned()),
        renamed_from: attrs.renamed_from.as_ref().map(|r| r.as_str().to_owned()),
    })
}

fn column<'a>(field: &'a Field, push: &mut dyn FnMut(Error)) -> Option<Column<'a>> {
    let a = &field.attrs;
    let name = a
        .name
        .as_ref()
        .map_or_else(|| field.rust_name.clone(), |n| n.as_str().to_owned());
    let name_span = a
        .name
        .as_ref()
        .map_or_else(|| field.ident.span(), SpannedValue::span);
    let mut ok = true;
    if let Some(msg) = ident::check(&name, "column") {
        push(Error::custom(msg).with_span(&name_span));
        ok = false;
    }
    // SeaORM names the column's variant after the field: `self_` would be
    // `Column::Self`, which is not Rust.
    let variant = field.rust_name.to_upper_camel_case();
    if hingecraft_model::rust::is_keyword(&variant) {
        let stem = field.rust_name.trim_end_matches('_');
        push(
            Error::custom(format!(
                "field `{}` makes the column variant `{variant}`, a Rust keyword; name the field `{stem}_column` (with `name = \"{stem}\"` for the column)",
                field.rust_name
            ))
            .with_span(&field.ident.span()),
        );
        ok = false;
    }
    let (inner_ty, nullable) = match sqltype::option_inner(&field.original.ty) {
        Some(inner) => (inner, true),
        None => (&field.original.ty, false),
    };
    let mut ty = match &a.sql_type {
        Some(s) => match sqltype::parse(s) {
            Ok(t) => Some(t),
            Err(msg) => {
                push(Error::custom(msg).with_span(&s.span()));
                None
            }
        },
        None if a.json.is_present() => Some(SqlType::Jsonb),
        // A vector's type is its dimension; the Rust type (`PgVector`) is checked below.
        None if a.dim.is_some() => None,
        None => {
            let t = sqltype::infer(inner_ty);
            if t.is_none() {
                push(
                    Error::custom(format!(
                        "cannot infer the SQL type of `{}`; add `#[hc(sql_type = \"...\")]` or `#[hc(json)]`",
                        quote::quote!(#inner_ty)
                    ))
                    .with_span(inner_ty),
                );
            }
            t
        }
    };
    if let Some(len) = &a.max_len {
        match ty {
            Some(SqlType::Text) if sqltype::is_string(inner_ty) && a.sql_type.is_none() => {
                ty = Some(SqlType::Varchar(**len))
            }
            _ => push(
                Error::custom("`max_len` applies to `String` fields only").with_span(&len.span()),
            ),
        }
    }
    if a.precision.is_some() || a.scale.is_some() {
        match ty {
            Some(SqlType::Numeric(p, s)) => {
                ty = Some(SqlType::Numeric(
                    a.precision.unwrap_or(p),
                    a.scale.unwrap_or(s),
                ))
            }
            _ => push(
                Error::custom("`precision` and `scale` apply to `Decimal` fields only")
                    .with_span(&field.ident),
            ),
        }
    }
    if let Some(dim) = &a.dim {
        match sqltype::infer(inner_ty) {
            None if a.sql_type.is_none() && !a.json.is_present() => {
                ty = Some(SqlType::Vector(**dim))
            }
            _ => push(
                Error::custom("`dim` applies to vector (`PgVector`) fields only")
                    .with_span(&dim.span()),
            ),
        }
    }
    let ty = ty?;
    let default = match (&a.default, &a.default_sql) {
        (Some(_), Some(sql)) => {
            push(
                Error::custom("`default` and `default_sql` both given; keep one")
                    .with_span(&sql.span()),
            );
            None
        }
        (Some(lit), None) => {
            let fits = matches!(
                (ty.kind(), lit),
                (ValueKind::Text | ValueKind::Json, Lit::Str(_))
                    | (ValueKind::Integer, Lit::Int(_))
                    | (ValueKind::Bool, Lit::Bool(_))
            );
            if !fits {
                push(
                    Error::custom(format!(
                        "default `{}` does not fit column type {}; use `default_sql` for expressions",
                        quote::quote!(#lit),
                        type_name(&ty)
                    ))
                    .with_span(lit),
                );
            }
            Some(Default::Literal(lit.clone()))
        }
        (None, Some(sql)) => Some(match sql.trim().to_ascii_lowercase().as_str() {
            "now()" | "current_timestamp" => Default::Now,
            "gen_random_uuid()" | "uuid_generate_v4()" => Default::RandomUuid,
            "" => {
                push(Error::custom("`default_sql` is empty").with_span(&sql.span()));
                return None;
            }
            _ => Default::Sql(sql.as_str().to_owned()),
        }),
        (None, None) => None,
    };
    if matches!(default, Some(Default::RandomUuid)) && ty != SqlType::Uuid {
        push(
            Error::custom("a random UUID default needs a `Uuid` column")
                .with_span(&field.original.ty),
        );
    }
    if let Some(expr) = &a.generated {
        if default.is_some() {
            push(
                Error::custom("a generated column has no default: the database computes it")
                    .with_span(&expr.span()),
            );
        }
        if a.primary_key.is_present() {
            push(
                Error::custom("a generated column cannot be (part of) the primary key")
                    .with_span(&expr.span()),
            );
        }
        if !nullable {
            push(
                Error::custom(
                    "a generated column's field must be an `Option<_>`: the entity never reads or writes it, so it stays `None`",
                )
                .with_span(&field.original.ty),
            );
        }
        if expr.trim().is_empty() {
            push(Error::custom("`generated` is empty").with_span(&expr.span()));
        }
    }
    ok.then_some(Column {
        field,
        name,
        ty,
        nullable,
        inner_ty,
        default,
        generated: a.generated.as_ref().map(|g| g.as_str().to_owned()),
        renamed_from: a.renamed_from.as_ref().map(|r| r.as_str().to_owned()),
    })
}
