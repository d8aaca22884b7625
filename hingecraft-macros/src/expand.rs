//! Code generation: the SeaORM entity and the table definition; the query
//! helpers are in [`expand_query`](crate::expand_query) and
//! [`expand_nav`](crate::expand_nav).

use heck::ToUpperCamelCase;
use hingecraft_model::sql::quote_literal;
use proc_macro_crate::{FoundCrate, crate_name};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Lit;

use crate::ast::Input;
use crate::attr::{Action, IndexMethod};
use crate::checked::{self, Check, Default, Table};
use crate::expand_nav::target_module;
use crate::expand_query::{Shape, column_variant};
use crate::sqltype::SqlType;
use crate::valid;

/// The whole expansion of `#[table(...)] struct ...`.
pub(crate) fn table(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = darling::Error::accumulator();
    let Some(input) = Input::parse(args, item.clone(), &mut errors) else {
        let errs = errors.finish().err().map(darling::Error::write_errors);
        return quote!(#item #errs);
    };
    let table = valid::check(&input, &mut errors);
    match (table, errors.finish()) {
        (Some(table), Ok(())) => expand(&table, &root_path()),
        (_, result) => {
            // Keep the struct (without `#[hc]`) so that code using it does not
            // pile further errors on the real ones.
            let original = &input.original;
            let errs = result.err().map(darling::Error::write_errors);
            quote!(#original #errs)
        }
    }
}

/// The path of the crate holding the runtime support, as the calling crate
/// names it: `hingecraft-runtime` when it depends on it, else the
/// `hingecraft` facade's re-export.
fn root_path() -> TokenStream {
    match crate_name("hingecraft-runtime") {
        Ok(FoundCrate::Name(name)) => {
            let name = format_ident!("{name}");
            quote!(::#name)
        }
        Ok(FoundCrate::Itself) => quote!(::hingecraft_runtime),
        Err(_) => match crate_name("hingecraft") {
            Ok(FoundCrate::Name(name)) => {
                let name = format_ident!("{name}");
                quote!(::#name::__runtime)
            }
            _ => quote!(::hingecraft::__runtime),
        },
    }
}

fn expand(t: &Table<'_>, root: &TokenStream) -> TokenStream {
    let input = t.input;
    let vis = &input.original.vis;
    let alias = &input.original.ident;
    let hidden = format_ident!("__hingecraft_table_{}", t.name);
    let table_name = &t.name;
    let serde_crate = format!("{}::__private::serde", root.to_string().replace(' ', ""));

    let model_doc = rustdoc(t);
    let passthrough = &input.passthrough;
    let fields = t.columns.iter().enumerate().map(|(i, c)| {
        let f = &c.field.original;
        let attrs = &f.attrs;
        let ident = &c.field.ident;
        let ty = &f.ty;
        let fvis = match &f.vis {
            syn::Visibility::Inherited => quote!(pub(super)),
            v => quote!(#v),
        };
        let name = &c.name;
        let mut orm = vec![quote!(column_name = #name)];
        if t.primary_key.contains(&i) {
            orm.push(quote!(primary_key));
            orm.push(quote!(auto_increment = false));
        }
        if t.uniques.iter().any(|u| u == &[i]) {
            orm.push(quote!(unique));
        }
        if let Some(ct) = c.ty.sea_orm_column_type() {
            orm.push(quote!(column_type = #ct));
        }
        if c.ty == SqlType::Ltree {
            orm.push(quote!(select_as = "text"));
            orm.push(quote!(save_as = "ltree"));
        }
        // Read as text: the driver has no Rust type for tsvector.
        if c.ty == SqlType::TsVector {
            orm.push(quote!(select_as = "text"));
            orm.push(quote!(save_as = "tsvector"));
        }
        if c.generated.is_some() {
            // The database computes it: never selected, never written.
            orm = vec![quote!(ignore)];
        }
        quote! {
            #(#attrs)*
            #[sea_orm(#(#orm),*)]
            #fvis #ident: #ty
        }
    });

    let fk_imports = fk_imports(t);
    let relation = relations(t, root);
    let behavior = behavior(t);
    let shape = Shape::of(t, root);
    let helpers = crate::expand_query::helpers(t, &shape, root);
    let (navigation, nav_traits) = crate::expand_nav::navigation(t, root);
    let table_def = table_def(t, root);
    let alias_doc = format!("A row of `{table_name}`: the SeaORM [`Model`] of this table.");

    quote! {
        #vis use #hidden::{ActiveModel, Column, Entity, Model, PrimaryKey, Relation #(, #nav_traits)*};

        #[doc = #alias_doc]
        #vis type #alias = Model;

        #[doc(hidden)]
        #[allow(unused_imports, unused_variables, clippy::all, missing_docs, unreachable_pub)]
        mod #hidden {
            use super::*;
            use #root::__private::sea_orm;
            use sea_orm::entity::prelude::*;
            use sea_orm::{QueryOrder as _, QuerySelect as _};

            #model_doc
            #(#passthrough)*
            #[derive(Clone, Debug, PartialEq, sea_orm::DeriveEntityModel, #root::__private::serde::Serialize, #root::__private::serde::Deserialize)]
            #[serde(crate = #serde_crate)]
            #[sea_orm(table_name = #table_name)]
            pub struct Model {
                #(#fields,)*
            }

            #fk_imports
            #relation
            #behavior
            #helpers
            #navigation
            #table_def
        }
    }
}

/// The rustdoc of the model: the table's doc and a table of its columns.
fn rustdoc(t: &Table<'_>) -> TokenStream {
    let mut text = String::new();
    if let Some(doc) = &t.input.doc {
        text.push_str(doc);
        text.push_str("\n\n");
    }
    text.push_str(&format!(
        "Table `{}`, declared by module `{}`",
        t.name, t.module
    ));
    if let Some(layer) = &t.layer {
        text.push_str(&format!(", layer `{layer}`"));
    }
    text.push_str(".\n\n| column | type | null | default | comment |\n|---|---|---|---|---|\n");
    for (i, c) in t.columns.iter().enumerate() {
        let mut ty = sql_type_name(&c.ty);
        if t.primary_key.contains(&i) {
            ty.push_str(" (PK)");
        }
        if let Some(fk) = t.foreign_keys.iter().find(|f| f.column == i) {
            ty.push_str(&format!(" → `{}.{}`", fk.ref_table, fk.ref_column));
        }
        let default = match &c.default {
            None => String::new(),
            Some(Default::Literal(Lit::Str(s))) => quote_literal(&s.value()),
            Some(Default::Literal(l)) => checked::lit_text(l),
            Some(Default::Now) => "now()".into(),
            Some(Default::RandomUuid) => "gen_random_uuid()".into(),
            Some(Default::Sql(s)) => s.clone(),
        };
        let doc = c
            .field
            .doc
            .as_deref()
            .unwrap_or("")
            .replace('\n', " ")
            .replace('|', "\\|");
        text.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            c.name,
            ty,
            if c.nullable { "yes" } else { "no" },
            if default.is_empty() {
                String::new()
            } else {
                format!("`{default}`")
            },
            doc
        ));
    }
    let lines = text.lines().map(|l| format!(" {l}"));
    quote!(#(#[doc = #lines])*)
}

fn sql_type_name(ty: &SqlType) -> String {
    match ty {
        SqlType::Uuid => "uuid".into(),
        SqlType::Text => "text".into(),
        SqlType::Varchar(n) => format!("varchar({n})"),
        SqlType::SmallInt => "smallint".into(),
        SqlType::Integer => "integer".into(),
        SqlType::BigInt => "bigint".into(),
        SqlType::Real => "real".into(),
        SqlType::Double => "double precision".into(),
        SqlType::Numeric(p, s) => format!("numeric({p},{s})"),
        SqlType::Boolean => "boolean".into(),
        SqlType::TimestampTz => "timestamptz".into(),
        SqlType::Date => "date".into(),
        SqlType::Jsonb => "jsonb".into(),
        SqlType::Bytea => "bytea".into(),
        SqlType::TextArray => "text[]".into(),
        SqlType::Ltree => "ltree".into(),
        SqlType::Vector(d) => format!("vector({d})"),
        SqlType::TsVector => "tsvector".into(),
    }
}

/// One `use <target module> as __hc_fk_<Variant>;` per foreign key, on the
/// span of the `references` string: a missing module is reported there,
/// once, and every later use of the alias stays quiet.
fn fk_imports(t: &Table<'_>) -> TokenStream {
    let imports = t.foreign_keys.iter().filter_map(|fk| {
        let p = fk.module_path.as_ref()?;
        let path = if p.leading_colon.is_some()
            || p.segments.first().is_some_and(|s| s.ident == "crate")
        {
            quote!(#p)
        } else {
            quote!(super::#p)
        };
        let path: TokenStream = path
            .into_iter()
            .map(|mut tt| {
                tt.set_span(fk.span);
                tt
            })
            .collect();
        let alias = format_ident!("__hc_fk_{}", fk.variant, span = fk.span);
        Some(quote!(use #path as #alias;))
    });
    quote!(#(#imports)*)
}

fn action_name(a: Action) -> &'static str {
    match a {
        Action::NoAction => "NoAction",
        Action::Restrict => "Restrict",
        Action::Cascade => "Cascade",
        Action::SetNull => "SetNull",
        Action::SetDefault => "SetDefault",
    }
}

fn relations(t: &Table<'_>, root: &TokenStream) -> TokenStream {
    let variants = t.foreign_keys.iter().map(|fk| {
        let variant = &fk.variant;
        let doc = format!(
            "`{}.{}` → `{}.{}`",
            t.name, t.columns[fk.column].name, fk.ref_table, fk.ref_column
        );
        quote!(#[doc = #doc] #variant)
    });
    // Spanned on the `references = "..."` string: a target module or column
    // that does not exist is reported there, once.
    let arms = t.foreign_keys.iter().map(|fk| {
        let module = target_module(fk);
        let variant = &fk.variant;
        let from = column_variant(t, fk.column);
        let to = format_ident!("{}", fk.ref_column.to_upper_camel_case(), span = fk.span);
        let (on_delete, on_update) = (
            format_ident!("{}", action_name(fk.on_delete)),
            format_ident!("{}", action_name(fk.on_update)),
        );
        let (table, col) = (&t.name, &t.columns[fk.column].name);
        quote_spanned! {fk.span=>
            Self::#variant => {
                use #module as target;
                <Entity as sea_orm::EntityTrait>::belongs_to(target::Entity)
                .from(Column::#from)
                .to(target::Column::#to)
                .on_delete(sea_orm::prelude::ForeignKeyAction::#on_delete)
                .on_update(sea_orm::prelude::ForeignKeyAction::#on_update)
                .fk_name(&#root::model::naming::foreign_key(#table, &[#col]))
                .into()
            }
        }
    });
    let related = t.foreign_keys.iter().filter(|fk| {
        fk.module_path.is_some()
            && t.foreign_keys
                .iter()
                .filter(|o| o.ref_table == fk.ref_table)
                .count()
                == 1
    });
    let related = related.map(|fk| {
        let module = target_module(fk);
        let variant = &fk.variant;
        quote! {
            impl sea_orm::Related<#module::Entity> for Entity {
                fn to() -> sea_orm::RelationDef {
                    sea_orm::RelationTrait::def(&Relation::#variant)
                }
            }
        }
    });
    quote! {
        /// The foreign keys of this table, as SeaORM relations.
        #[derive(Copy, Clone, Debug, sea_orm::EnumIter)]
        pub enum Relation {
            #(#variants,)*
        }

        impl sea_orm::RelationTrait for Relation {
            fn def(&self) -> sea_orm::RelationDef {
                match *self {
                    #(#arms,)*
                }
            }
        }
        #(#related)*
    }
}

fn behavior(t: &Table<'_>) -> TokenStream {
    let uuids: Vec<_> = t
        .columns
        .iter()
        .filter(|c| matches!(c.default, Some(Default::RandomUuid)) && !c.nullable)
        .map(|c| &c.field.ident)
        .collect();
    if uuids.is_empty() {
        return quote!(impl sea_orm::ActiveModelBehavior for ActiveModel {});
    }
    quote! {
        /// New rows get their random UUIDs here, so that every backend
        /// behaves alike (SQLite has no UUID function for a default).
        #[sea_orm::prelude::async_trait::async_trait]
        impl sea_orm::ActiveModelBehavior for ActiveModel {
            fn new() -> Self {
                Self {
                    #(#uuids: sea_orm::ActiveValue::Set(sea_orm::prelude::Uuid::new_v4()),)*
                    ..<Self as sea_orm::ActiveModelTrait>::default()
                }
            }

            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, sea_orm::DbErr>
            where
                C: sea_orm::ConnectionTrait,
            {
                if insert {
                    #(if self.#uuids.is_not_set() {
                        self.#uuids = sea_orm::ActiveValue::Set(sea_orm::prelude::Uuid::new_v4());
                    })*
                }
                Ok(self)
            }
        }
    }
}

fn lit_tokens(lit: &Lit, root: &TokenStream) -> TokenStream {
    let l = quote!(#root::model::Literal);
    match lit {
        Lit::Str(s) => quote!(#l::Text(#s.to_owned())),
        Lit::Int(i) => quote!(#l::Int(#i)),
        Lit::Bool(b) => quote!(#l::Bool(#b)),
        other => quote!(#l::Text(stringify!(#other).to_owned())),
    }
}

fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(Some(#s.to_owned())),
        None => quote!(None),
    }
}

fn table_def(t: &Table<'_>, root: &TokenStream) -> TokenStream {
    let m = quote!(#root::model);
    let (name, module) = (&t.name, &t.module);
    let doc = opt_str(t.input.doc.as_deref());
    let layer = opt_str(t.layer.as_deref());
    let col_name = |i: usize| t.columns[i].name.as_str();
    let columns = t.columns.iter().map(|c| {
        let cname = &c.name;
        let ty = c.ty.to_tokens(root);
        let nullable = c.nullable;
        let default = match &c.default {
            None => quote!(None),
            Some(Default::Literal(l)) => {
                let l = lit_tokens(l, root);
                quote!(Some(#m::DefaultValue::Literal(#l)))
            }
            Some(Default::Now) => quote!(Some(#m::DefaultValue::Now)),
            Some(Default::RandomUuid) => quote!(Some(#m::DefaultValue::RandomUuid)),
            Some(Default::Sql(s)) => quote!(Some(#m::DefaultValue::Sql(#s.to_owned()))),
        };
        let doc = opt_str(c.field.doc.as_deref());
        let generated = opt_str(c.generated.as_deref());
        let renamed_from = opt_str(c.renamed_from.as_deref());
        quote!(#m::Column { name: #cname.to_owned(), ty: #ty, nullable: #nullable, default: #default, doc: #doc, declared_by: Vec::new(), generated: #generated, renamed_from: #renamed_from })
    });
    let pk = t.primary_key.iter().map(|&i| col_name(i));
    let fks = t.foreign_keys.iter().map(|fk| {
        let col = col_name(fk.column);
        let (rt, rc) = (&fk.ref_table, &fk.ref_column);
        let (od, ou) = (
            format_ident!("{}", action_name(fk.on_delete)),
            format_ident!("{}", action_name(fk.on_update)),
        );
        quote!(#m::ForeignKey {
            name: #m::naming::foreign_key(#name, &[#col]),
            columns: vec![#col.to_owned()],
            ref_table: #rt.to_owned(),
            ref_columns: vec![#rc.to_owned()],
            on_delete: #m::ReferentialAction::#od,
            on_update: #m::ReferentialAction::#ou,
        })
    });
    let uniques = t.uniques.iter().map(|u| {
        let cols: Vec<&str> = u.iter().map(|&i| col_name(i)).collect();
        quote!(#m::Unique { name: #m::naming::unique(#name, &[#(#cols),*]), columns: vec![#(#cols.to_owned()),*] })
    });
    let mut checks = Vec::new();
    for ck in &t.checks {
        checks.push(match ck {
            Check::OneOf { column, values } => {
                let cname = col_name(*column);
                let vals = values.iter().map(|v| lit_tokens(v, root));
                quote!(#m::Check {
                    name: #m::naming::check(#name, #cname, "in"),
                    kind: #m::CheckKind::OneOf { column: #cname.to_owned(), values: vec![#(#vals),*] },
                })
            }
            Check::Range { column, min, max } => {
                let cname = col_name(*column);
                let min = min.map_or_else(|| quote!(None), |v| quote!(Some(#v)));
                let max = max.map_or_else(|| quote!(None), |v| quote!(Some(#v)));
                quote!(#m::Check {
                    name: #m::naming::check(#name, #cname, "range"),
                    kind: #m::CheckKind::Range { column: #cname.to_owned(), min: #min, max: #max },
                })
            }
            Check::Sql { column, expr } => {
                let cname = col_name(*column);
                quote!(#m::Check { name: #m::naming::check(#name, #cname, "expr"), kind: #m::CheckKind::Sql(#expr.to_owned()) })
            }
        });
    }
    let indexes = t.indexes.iter().map(|ix| {
        let cols: Vec<&str> = ix.columns.iter().map(|&i| col_name(i)).collect();
        let iname = match &ix.name {
            Some(n) => quote!(#n.to_owned()),
            None => quote!(#m::naming::index(#name, &[#(#cols),*])),
        };
        let opclass = opt_str(ix.opclass.as_deref());
        let parts = cols.iter().map(|c| quote!(#m::IndexPart { column: #c.to_owned(), opclass: #opclass }));
        let method = format_ident!(
            "{}",
            match ix.method {
                IndexMethod::Btree => "Btree",
                IndexMethod::Gin => "Gin",
                IndexMethod::Gist => "Gist",
                IndexMethod::Hnsw => "Hnsw",
            }
        );
        let unique = ix.unique;
        let predicate = opt_str(ix.predicate.as_deref());
        quote!(#m::Index { name: #iname, parts: vec![#(#parts),*], unique: #unique, method: #m::IndexMethod::#method, predicate: #predicate })
    });
    let f = &t.flags;
    let (audit, soft_delete, versioned, timestamps, rls, public) = (
        f.audit,
        f.soft_delete,
        f.versioned,
        f.timestamps,
        f.rls,
        f.public,
    );
    let tenant = opt_str(f.tenant.map(col_name));
    let owner = opt_str(f.owner.map(col_name));
    let partition = match &t.partition_by {
        Some(column) => quote!(Some(#m::Partitioning {
            column: #column.to_owned(),
            interval: #m::PartitionInterval::Month,
        })),
        None => quote!(None),
    };
    let renamed_from = opt_str(t.renamed_from.as_deref());
    let span = Span::call_site();
    quote_spanned! {span=>
        impl #root::TableDef for Entity {
            const TABLE_NAME: &'static str = #name;
            const MODULE: &'static str = #module;

            fn table_def() -> #m::Table {
                let mut table = #m::Table::new(#name, #module);
                table.doc = #doc;
                table.layer = #layer;
                table.columns = vec![#(#columns),*];
                table.primary_key = vec![#(#pk.to_owned()),*];
                table.foreign_keys = vec![#(#fks),*];
                table.uniques = vec![#(#uniques),*];
                table.checks = vec![#(#checks),*];
                table.indexes = vec![#(#indexes),*];
                table.flags = #m::TableFlags {
                    audit: #audit,
                    soft_delete: #soft_delete,
                    versioned: #versioned,
                    timestamps: #timestamps,
                    rls: #rls,
                    public: #public,
                    tenant_column: #tenant,
                    owner_column: #owner,
                };
                table.partition = #partition;
                table.renamed_from = #renamed_from;
                table
            }
        }
    }
}
