//! The attribute grammar, parsed by darling.
//!
//! Table level: `#[table(name = "...", module = "...", layer = "...", audit,
//! soft_delete, versioned, timestamps, rls, public, primary_key(a, b),
//! unique(a, b), index(columns(a, b), method = "gin", opclass = "...",
//! predicate = "...", unique, name = "..."), partition_by = "created_at",
//! renamed_from = "...")]`.
//!
//! Field level: `#[hc(...)]`, keys listed on [`FieldAttrs`].

use darling::util::{Flag, PathList, SpannedValue};
use darling::{FromMeta, ast::NestedMeta};
use syn::Lit;

/// The arguments of `#[table(...)]`.
#[derive(Debug, FromMeta)]
pub(crate) struct TableAttrs {
    pub(crate) name: SpannedValue<String>,
    pub(crate) module: SpannedValue<String>,
    #[darling(default)]
    pub(crate) layer: Option<SpannedValue<String>>,
    #[darling(default)]
    pub(crate) audit: Flag,
    #[darling(default)]
    pub(crate) soft_delete: Flag,
    #[darling(default)]
    pub(crate) versioned: Flag,
    #[darling(default)]
    pub(crate) timestamps: Flag,
    #[darling(default)]
    pub(crate) rls: Flag,
    #[darling(default)]
    pub(crate) public: Flag,
    #[darling(default)]
    pub(crate) primary_key: Option<PathList>,
    #[darling(default, multiple)]
    pub(crate) unique: Vec<PathList>,
    #[darling(default, multiple)]
    pub(crate) index: Vec<IndexAttr>,
    /// Monthly range partitioning on this timestamp column (Postgres).
    #[darling(default)]
    pub(crate) partition_by: Option<SpannedValue<String>>,
    /// The table's previous name (a rename, not a drop and a create).
    #[darling(default)]
    pub(crate) renamed_from: Option<SpannedValue<String>>,
}

/// `index(columns(a, b), method = "gin", opclass = "jsonb_path_ops", predicate = "...", unique, name = "...")`.
#[derive(Debug, FromMeta)]
pub(crate) struct IndexAttr {
    pub(crate) columns: PathList,
    #[darling(default)]
    pub(crate) method: Option<SpannedValue<IndexMethod>>,
    #[darling(default)]
    pub(crate) opclass: Option<String>,
    #[darling(default)]
    pub(crate) predicate: Option<String>,
    #[darling(default)]
    pub(crate) unique: Flag,
    #[darling(default)]
    pub(crate) name: Option<SpannedValue<String>>,
}

/// The arguments of every `#[hc(...)]` on one field, merged.
#[derive(Debug, Default, FromMeta)]
pub(crate) struct FieldAttrs {
    /// The column is (part of) the primary key.
    #[darling(default)]
    pub(crate) primary_key: Flag,
    /// The column's values are unique.
    #[darling(default)]
    pub(crate) unique: Flag,
    /// The column gets a b-tree index.
    #[darling(default)]
    pub(crate) indexed: Flag,
    /// The column is JSON (`jsonb`), whatever its Rust type.
    #[darling(default)]
    pub(crate) json: Flag,
    /// The column holds the workspace a row belongs to (row-level security).
    #[darling(default)]
    pub(crate) tenant: Flag,
    /// The column holds the user a row belongs to (row-level security).
    #[darling(default)]
    pub(crate) owner: Flag,
    /// The SQL column name, when not the field name.
    #[darling(default)]
    pub(crate) name: Option<SpannedValue<String>>,
    /// A constant default.
    #[darling(default)]
    pub(crate) default: Option<Lit>,
    /// A SQL default (`now()`, `gen_random_uuid()`, ...).
    #[darling(default)]
    pub(crate) default_sql: Option<SpannedValue<String>>,
    /// The allowed values (an enum-like column).
    #[darling(default)]
    pub(crate) one_of: Option<SpannedValue<LitList>>,
    /// Inclusive lower bound.
    #[darling(default)]
    pub(crate) min: Option<SpannedValue<Bound>>,
    /// Inclusive upper bound.
    #[darling(default)]
    pub(crate) max: Option<SpannedValue<Bound>>,
    /// Maximum length in characters (`varchar(n)`).
    #[darling(default)]
    pub(crate) max_len: Option<SpannedValue<u32>>,
    /// Any other CHECK, as a SQL expression.
    #[darling(default)]
    pub(crate) check: Option<SpannedValue<String>>,
    /// The referenced table.
    #[darling(default)]
    pub(crate) references: Option<syn::LitStr>,
    /// The referenced column (default `id`).
    #[darling(default)]
    pub(crate) ref_column: Option<syn::LitStr>,
    /// The module of the referenced entity, when it is not a sibling module.
    #[darling(default)]
    pub(crate) entity: Option<syn::LitStr>,
    /// `ON DELETE` action.
    #[darling(default)]
    pub(crate) on_delete: Option<SpannedValue<Action>>,
    /// `ON UPDATE` action.
    #[darling(default)]
    pub(crate) on_update: Option<SpannedValue<Action>>,
    /// The SQL type, when it cannot be inferred from the Rust type.
    #[darling(default)]
    pub(crate) sql_type: Option<SpannedValue<String>>,
    /// Total digits of a `Decimal` (`numeric(p, s)`).
    #[darling(default)]
    pub(crate) precision: Option<u32>,
    /// Digits after the point of a `Decimal`.
    #[darling(default)]
    pub(crate) scale: Option<u32>,
    /// The dimension of a vector.
    #[darling(default)]
    pub(crate) dim: Option<SpannedValue<u32>>,
    /// A stored generated column: its expression, in Postgres SQL. The
    /// database computes it; the entity never reads or writes it.
    #[darling(default)]
    pub(crate) generated: Option<SpannedValue<String>>,
    /// The column's previous name (a rename, not a drop and an add).
    #[darling(default)]
    pub(crate) renamed_from: Option<SpannedValue<String>>,
}

/// A list of literals: `one_of("a", "b")` or `one_of(1, 2)`.
#[derive(Debug, Clone)]
pub(crate) struct LitList(pub(crate) Vec<Lit>);

impl FromMeta for LitList {
    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        let mut errors = darling::Error::accumulator();
        let mut out = Vec::new();
        for item in items {
            match item {
                NestedMeta::Lit(lit @ (Lit::Str(_) | Lit::Int(_))) => out.push(lit.clone()),
                other => errors.push(
                    darling::Error::custom("expected a string or integer literal").with_span(other),
                ),
            }
        }
        if out.is_empty() && items.is_empty() {
            errors.push(darling::Error::custom("expected at least one value"));
        }
        errors.finish_with(LitList(out))
    }
}

/// An integer bound, negative ones included (`min = -90`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bound(pub(crate) i64);

impl FromMeta for Bound {
    fn from_expr(expr: &syn::Expr) -> darling::Result<Self> {
        match expr {
            syn::Expr::Lit(syn::ExprLit {
                lit: Lit::Int(i), ..
            }) => i
                .base10_parse()
                .map(Bound)
                .map_err(|e| darling::Error::custom(e).with_span(i)),
            syn::Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Neg(_),
                expr: inner,
                ..
            }) => Self::from_expr(inner).map(|Bound(v)| Bound(-v)),
            syn::Expr::Group(g) => Self::from_expr(&g.expr),
            other => Err(darling::Error::custom(
                "expected an integer, e.g. `min = 0` or `min = -90`",
            )
            .with_span(other)),
        }
    }
}

/// A referential action (`on_delete = "..."`), spelled as in SQL.
#[allow(clippy::enum_variant_names)] // `NoAction` is the SQL name
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromMeta)]
pub(crate) enum Action {
    #[darling(rename = "no action")]
    NoAction,
    #[darling(rename = "restrict")]
    Restrict,
    #[darling(rename = "cascade")]
    Cascade,
    #[darling(rename = "set null")]
    SetNull,
    #[darling(rename = "set default")]
    SetDefault,
}

/// An index access method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromMeta)]
pub(crate) enum IndexMethod {
    #[darling(rename = "btree")]
    Btree,
    #[darling(rename = "gin")]
    Gin,
    #[darling(rename = "gist")]
    Gist,
    #[darling(rename = "hnsw")]
    Hnsw,
}
