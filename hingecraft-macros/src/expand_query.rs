//! Code generation of the typed query helpers: lookups, keyset pages, soft
//! delete, optimistic locking, text and vector search. Navigation along
//! foreign keys and tenancy are in [`expand_nav`](crate::expand_nav).
//!
//! Every finder starts from the hidden `Entity::__hc_base(db)`: the live
//! rows (soft delete) of the scope's workspace (tenancy). The connection's
//! type is bounded by `ScopeFor<Scope of the table>`, so the helpers of a
//! tenant table take a `Scoped` handle and nothing else.

use heck::ToUpperCamelCase;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};

use crate::checked::Table;
use crate::sqltype::{self, SqlType};

/// What the helpers know of a table beyond its declaration.
pub(crate) struct Shape {
    /// `query::Tenant` or `query::Global`.
    pub(crate) scope: TokenStream,
    /// Index of `deleted_at` when the table is soft-deleted and has it
    /// (source modules leave it to hardening: no helpers then).
    pub(crate) deleted_at: Option<usize>,
    /// Index of an integer `version` of a versioned table.
    pub(crate) version: Option<usize>,
    /// Index of a NOT NULL timestamptz `created_at`.
    pub(crate) created_at: Option<usize>,
}

impl Shape {
    pub(crate) fn of(t: &Table<'_>, root: &TokenStream) -> Self {
        let find = |name: &str, ok: &dyn Fn(&SqlType, bool) -> bool| {
            t.columns
                .iter()
                .position(|c| c.name == name && ok(&c.ty, c.nullable))
        };
        let scoped = t.flags.tenant.is_some() || t.flags.owner.is_some();
        Shape {
            scope: if scoped {
                quote!(#root::query::Tenant)
            } else {
                quote!(#root::query::Global)
            },
            deleted_at: t
                .flags
                .soft_delete
                .then(|| {
                    find("deleted_at", &|ty, null| {
                        *ty == SqlType::TimestampTz && null
                    })
                })
                .flatten(),
            version: t
                .flags
                .versioned
                .then(|| {
                    find("version", &|ty, null| {
                        matches!(ty, SqlType::SmallInt | SqlType::Integer | SqlType::BigInt)
                            && !null
                    })
                })
                .flatten(),
            created_at: find("created_at", &|ty, null| {
                *ty == SqlType::TimestampTz && !null
            }),
        }
    }
}

pub(crate) fn column_variant(t: &Table<'_>, i: usize) -> syn::Ident {
    format_ident!("{}", t.columns[i].field.rust_name.to_upper_camel_case())
}

/// The parameter type of a lookup by one column (`&str` for strings).
fn param_ty(t: &Table<'_>, i: usize) -> TokenStream {
    let inner = t.columns[i].inner_ty;
    if sqltype::is_string(inner) {
        quote!(&str)
    } else {
        quote!(#inner)
    }
}

/// `Entity::__hc_base`, the tenancy marker, and every helper of this file.
pub(crate) fn helpers(t: &Table<'_>, shape: &Shape, root: &TokenStream) -> TokenStream {
    let scope = &shape.scope;
    let live = shape.deleted_at.map(|i| {
        let v = column_variant(t, i);
        quote!(.filter(Column::#v.is_null()))
    });
    let tenant = match t.flags.tenant {
        Some(i) => {
            let v = column_variant(t, i);
            quote! {
                match #root::query::ScopeFor::<#scope>::workspace(db) {
                    Some(workspace) => sea_orm::Condition::all().add(Column::#v.eq(workspace)),
                    None => sea_orm::Condition::all(),
                }
            }
        }
        None => quote!(sea_orm::Condition::all()),
    };
    // Only tenant tables filter: the others build the same statement as a
    // hand-written query, nothing more.
    let tenant_filter = t
        .flags
        .tenant
        .map(|_| quote!(.filter(Entity::__hc_tenant(db))));
    let bound = quote!(#root::query::ScopeFor<#scope>);
    let lookups = lookups(t, &bound);
    let pages = pages(t, shape, &bound);
    let soft = soft_delete(t, shape, &bound, root, &tenant_filter);
    let versioned = versioned(t, shape, &bound, root);
    let search = search(t, &bound, root);
    let insert = t.flags.tenant.map(|i| {
        let f = &t.columns[i].field.ident;
        let value = if t.columns[i].nullable {
            quote!(Some(db.scope().workspace_id))
        } else {
            quote!(db.scope().workspace_id)
        };
        let doc = format!(
            "Inserts the row into the handle's workspace: `{}` is set from the scope, whatever it held.",
            t.columns[i].name
        );
        quote! {
            impl ActiveModel {
                #[doc = #doc]
                pub async fn insert_scoped(mut self, db: &#root::query::Scoped) -> Result<Model, sea_orm::DbErr> {
                    self.#f = sea_orm::ActiveValue::Set(#value);
                    sea_orm::ActiveModelTrait::insert(self, db).await
                }
            }
        }
    });
    quote! {
        impl #root::query::Tenancy for Entity {
            type Scope = #scope;
        }

        impl Entity {
            /// The rows of the scope's workspace (no condition outside a tenant table).
            #[doc(hidden)]
            pub fn __hc_tenant<C: #root::query::ScopeFor<#scope>>(db: &C) -> sea_orm::Condition {
                #tenant
            }

            /// The rows every finder starts from: live ones, of the scope's workspace.
            #[doc(hidden)]
            pub fn __hc_base<C: #root::query::ScopeFor<#scope>>(db: &C) -> sea_orm::Select<Entity> {
                <Entity as sea_orm::EntityTrait>::find() #live #tenant_filter
            }
            #lookups
            #pages
        }
        #soft
        #versioned
        #search
        #insert
    }
}

/// `find_by_pk` and `find_by_<unique>`: by the primary key, every unique
/// column, composite unique key and unique index.
fn lookups(t: &Table<'_>, bound: &TokenStream) -> TokenStream {
    let mut out = Vec::new();
    // (what, columns, predicate of a partial unique index)
    let mut keys: Vec<(&str, &[usize], Option<&str>)> = vec![("primary key", &t.primary_key, None)];
    keys.extend(t.uniques.iter().map(|u| ("unique key", u.as_slice(), None)));
    keys.extend(t.indexes.iter().filter(|ix| ix.unique).map(|ix| {
        (
            "unique index",
            ix.columns.as_slice(),
            ix.predicate.as_deref(),
        )
    }));
    let mut names = std::collections::BTreeSet::new();
    for (what, cols, predicate) in keys {
        let fname = if what == "primary key" {
            format_ident!("find_by_pk")
        } else {
            let joined: Vec<&str> = cols
                .iter()
                .map(|&i| t.columns[i].field.rust_name.as_str())
                .collect();
            format_ident!("find_by_{}", joined.join("_and_"))
        };
        if !names.insert(fname.to_string()) {
            continue;
        }
        let args = cols.iter().map(|&i| {
            let (arg, ty) = (
                crate::ident::rust(&t.columns[i].field.rust_name, "column", Span::call_site()),
                param_ty(t, i),
            );
            quote!(#arg: #ty)
        });
        let conds = cols.iter().map(|&i| {
            let (arg, v) = (
                crate::ident::rust(&t.columns[i].field.rust_name, "column", Span::call_site()),
                column_variant(t, i),
            );
            quote!(.filter(Column::#v.eq(#arg)))
        });
        let col_names: Vec<String> = cols
            .iter()
            .map(|&i| format!("`{}`", t.columns[i].name))
            .collect();
        let mut doc = format!(
            "Finds the `{}` row by its {what} ({}).",
            t.name,
            col_names.join(", ")
        );
        let partial = predicate.map(|p| {
            doc.push_str(&format!(" Only rows where `{p}`, as the index."));
            quote!(.filter(sea_orm::sea_query::Expr::cust(#p)))
        });
        out.push(quote! {
            #[doc = #doc]
            pub async fn #fname<C>(db: &C, #(#args),*) -> Result<Option<Model>, sea_orm::DbErr>
            where
                C: #bound,
            {
                Entity::__hc_base(db)
                    #(#conds)*
                    #partial
                    .one(db)
                    .await
            }
        });
    }
    quote!(#(#out)*)
}

/// Keyset pagination on a single-column primary key, and on
/// (`created_at`, primary key) when the table has `created_at`.
fn pages(t: &Table<'_>, shape: &Shape, bound: &TokenStream) -> TokenStream {
    let [pk] = t.primary_key.as_slice() else {
        return TokenStream::new();
    };
    let (pkv, pk_ty) = (column_variant(t, *pk), param_ty(t, *pk));
    let doc = format!(
        "A page of live `{}` rows in primary-key order: the first `limit` rows after `after` (from the start when `None`). Pass the last row's key to get the next page.",
        t.name
    );
    let by_created = shape.created_at.map(|c| {
        let cv = column_variant(t, c);
        let doc = format!(
            "A page of live `{}` rows in creation order (`created_at`, then the key): the first `limit` rows after the cursor `(created_at, key)` of the last row seen.",
            t.name
        );
        quote! {
            #[doc = #doc]
            pub async fn page_by_created_after<C>(
                db: &C,
                after: Option<(sea_orm::prelude::DateTimeWithTimeZone, #pk_ty)>,
                limit: u64,
            ) -> Result<Vec<Model>, sea_orm::DbErr>
            where
                C: #bound,
            {
                let mut select = Entity::__hc_base(db);
                if let Some((at, key)) = after {
                    select = select.filter(
                        sea_orm::Condition::any()
                            .add(Column::#cv.gt(at))
                            .add(sea_orm::Condition::all().add(Column::#cv.eq(at)).add(Column::#pkv.gt(key))),
                    );
                }
                select
                    .order_by_asc(Column::#cv)
                    .order_by_asc(Column::#pkv)
                    .limit(limit)
                    .all(db)
                    .await
            }
        }
    });
    quote! {
        #[doc = #doc]
        pub async fn page_after<C>(db: &C, after: Option<#pk_ty>, limit: u64) -> Result<Vec<Model>, sea_orm::DbErr>
        where
            C: #bound,
        {
            let mut select = Entity::__hc_base(db);
            if let Some(key) = after {
                select = select.filter(Column::#pkv.gt(key));
            }
            select.order_by_asc(Column::#pkv).limit(limit).all(db).await
        }
        #by_created
    }
}

/// The filter on the row's primary key, read from `self` (a `Model`).
fn pk_filter(t: &Table<'_>) -> TokenStream {
    let conds = t.primary_key.iter().map(|&i| {
        let (v, f) = (column_variant(t, i), &t.columns[i].field.ident);
        quote!(.filter(Column::#v.eq(self.#f.clone())))
    });
    quote!(#(#conds)*)
}

/// Soft delete, on tables that are flagged and have `deleted_at`.
fn soft_delete(
    t: &Table<'_>,
    shape: &Shape,
    bound: &TokenStream,
    root: &TokenStream,
    tenant_filter: &Option<TokenStream>,
) -> TokenStream {
    let Some(d) = shape.deleted_at else {
        return TokenStream::new();
    };
    let dv = column_variant(t, d);
    let pk = pk_filter(t);
    let name = &t.name;
    let active = format!(
        "The live `{name}` rows (`deleted_at IS NULL`): what every generated finder starts from."
    );
    let with = format!("Every `{name}` row, soft-deleted ones included.");
    let only = format!("The soft-deleted `{name}` rows only.");
    quote! {
        impl Entity {
            #[doc = #active]
            pub fn active() -> sea_orm::Select<Entity> {
                <Entity as sea_orm::EntityTrait>::find().filter(Column::#dv.is_null())
            }

            #[doc = #with]
            pub fn with_deleted() -> sea_orm::Select<Entity> {
                <Entity as sea_orm::EntityTrait>::find()
            }

            #[doc = #only]
            pub fn only_deleted() -> sea_orm::Select<Entity> {
                <Entity as sea_orm::EntityTrait>::find().filter(Column::#dv.is_not_null())
            }
        }

        impl Model {
            /// Marks the row deleted (`deleted_at = now`); finders skip it from
            /// then on. `false` when it was already deleted or is not visible.
            pub async fn soft_delete<C>(&self, db: &C) -> Result<bool, sea_orm::DbErr>
            where
                C: #bound,
            {
                let done = <Entity as sea_orm::EntityTrait>::update_many()
                    .col_expr(Column::#dv, sea_orm::sea_query::Expr::value(#root::query::now()))
                    #pk
                    #tenant_filter
                    .filter(Column::#dv.is_null())
                    .exec(db)
                    .await?;
                Ok(done.rows_affected == 1)
            }

            /// Brings a soft-deleted row back (`deleted_at = NULL`). `false`
            /// when it was not deleted or is not visible.
            pub async fn restore<C>(&self, db: &C) -> Result<bool, sea_orm::DbErr>
            where
                C: #bound,
            {
                let done = <Entity as sea_orm::EntityTrait>::update_many()
                    .col_expr(
                        Column::#dv,
                        sea_orm::sea_query::Expr::value(Option::<sea_orm::prelude::DateTimeWithTimeZone>::None),
                    )
                    #pk
                    #tenant_filter
                    .filter(Column::#dv.is_not_null())
                    .exec(db)
                    .await?;
                Ok(done.rows_affected == 1)
            }

            /// Deletes the row for good (`DELETE`), deleted or not. The only
            /// generated way to remove a soft-deleted table's row.
            pub async fn hard_delete<C>(&self, db: &C) -> Result<bool, sea_orm::DbErr>
            where
                C: #bound,
            {
                let done = <Entity as sea_orm::EntityTrait>::delete_many()
                    #pk
                    #tenant_filter
                    .exec(db)
                    .await?;
                Ok(done.rows_affected == 1)
            }
        }
    }
}

/// `ActiveModel::update_versioned` on versioned tables with `version`.
fn versioned(t: &Table<'_>, shape: &Shape, bound: &TokenStream, root: &TokenStream) -> TokenStream {
    let Some(v) = shape.version else {
        return TokenStream::new();
    };
    let v = column_variant(t, v);
    quote! {
        impl ActiveModel {
            /// Saves the changes only if the row is still at the `version`
            /// this model carries (the one read); otherwise writes nothing and
            /// returns `VersionedError::Conflict`. The database bumps the version.
            pub async fn update_versioned<C>(self, db: &C) -> Result<Model, #root::query::VersionedError>
            where
                C: #bound,
            {
                #root::query::versioned_update(self, Column::#v, Entity::__hc_tenant(db), db).await
            }
        }
    }
}

/// `search` on tables with a tsvector column, `nearest` on tables with a
/// vector column (suffixed with the column when there are several).
fn search(t: &Table<'_>, bound: &TokenStream, root: &TokenStream) -> TokenStream {
    let name = &t.name;
    let pick = |want: &dyn Fn(&SqlType) -> bool| -> Vec<usize> {
        (0..t.columns.len())
            .filter(|&i| want(&t.columns[i].ty))
            .collect()
    };
    let texts = pick(&|ty| *ty == SqlType::TsVector);
    let vectors = pick(&|ty| matches!(ty, SqlType::Vector(_)));
    let mut out = Vec::new();
    for &i in &texts {
        let col = &t.columns[i].name;
        let f = if texts.len() == 1 {
            format_ident!("search")
        } else {
            format_ident!("search_{}", t.columns[i].field.rust_name)
        };
        let doc = format!(
            "The live `{name}` rows whose `{col}` matches `query` (web-search syntax: words, `\"a phrase\"`, `-word`, `or`), best first by `ts_rank`, at most `limit`. Postgres only."
        );
        out.push(quote! {
            #[doc = #doc]
            pub async fn #f<C>(db: &C, query: &str, limit: u64) -> Result<Vec<Model>, sea_orm::DbErr>
            where
                C: #bound,
            {
                #root::query::search(Entity::__hc_base(db), #name, #col, query)
                    .limit(limit)
                    .all(db)
                    .await
            }
        });
    }
    for &i in &vectors {
        let col = &t.columns[i].name;
        let f = if vectors.len() == 1 {
            format_ident!("nearest")
        } else {
            format_ident!("nearest_{}", t.columns[i].field.rust_name)
        };
        let doc = format!(
            "The `k` live `{name}` rows whose `{col}` is nearest to `embedding` by cosine distance (`<=>`), nearest first. Postgres with pgvector only."
        );
        out.push(quote! {
            #[doc = #doc]
            pub async fn #f<C>(db: &C, embedding: &sea_orm::prelude::PgVector, k: u64) -> Result<Vec<Model>, sea_orm::DbErr>
            where
                C: #bound,
            {
                #root::query::nearest(Entity::__hc_base(db), #name, #col, embedding.clone().into())
                    .limit(k)
                    .all(db)
                    .await
            }
        });
    }
    if out.is_empty() {
        return TokenStream::new();
    }
    quote! {
        impl Entity {
            #(#out)*
        }
    }
}
