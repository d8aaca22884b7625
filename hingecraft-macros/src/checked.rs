//! The table as the rules leave it: every name checked, every type known,
//! what `valid` produces and `expand` reads.

use proc_macro2::Span;
use syn::Lit;

use crate::ast::{Field, Input};
use crate::attr::{Action, IndexMethod};
use crate::sqltype::{SqlType, ValueKind};

/// A checked table, ready to expand.
pub(crate) struct Table<'a> {
    pub(crate) input: &'a Input,
    pub(crate) name: String,
    pub(crate) module: String,
    pub(crate) layer: Option<String>,
    pub(crate) flags: Flags,
    pub(crate) columns: Vec<Column<'a>>,
    /// Indexes into `columns`.
    pub(crate) primary_key: Vec<usize>,
    pub(crate) uniques: Vec<Vec<usize>>,
    pub(crate) indexes: Vec<Index>,
    pub(crate) foreign_keys: Vec<ForeignKey>,
    pub(crate) checks: Vec<Check>,
    /// The partition column's name (it may be a system column hardening adds).
    pub(crate) partition_by: Option<String>,
    pub(crate) renamed_from: Option<String>,
}

#[derive(Default)]
pub(crate) struct Flags {
    pub(crate) audit: bool,
    pub(crate) soft_delete: bool,
    pub(crate) versioned: bool,
    pub(crate) timestamps: bool,
    pub(crate) rls: bool,
    pub(crate) public: bool,
    pub(crate) tenant: Option<usize>,
    pub(crate) owner: Option<usize>,
}

pub(crate) struct Column<'a> {
    pub(crate) field: &'a Field,
    pub(crate) name: String,
    pub(crate) ty: SqlType,
    pub(crate) nullable: bool,
    /// The Rust type without `Option`.
    pub(crate) inner_ty: &'a syn::Type,
    pub(crate) default: Option<Default>,
    pub(crate) generated: Option<String>,
    pub(crate) renamed_from: Option<String>,
}

pub(crate) enum Default {
    Literal(Lit),
    Now,
    RandomUuid,
    Sql(String),
}

pub(crate) struct Index {
    pub(crate) columns: Vec<usize>,
    pub(crate) method: IndexMethod,
    pub(crate) opclass: Option<String>,
    pub(crate) predicate: Option<String>,
    pub(crate) unique: bool,
    pub(crate) name: Option<String>,
}

pub(crate) struct ForeignKey {
    pub(crate) column: usize,
    pub(crate) ref_table: String,
    pub(crate) ref_column: String,
    /// Span of the `references` string, where a missing target is reported.
    pub(crate) span: Span,
    /// Path of the target's module, relative to the declaring file's module
    /// (`None`: the table references itself).
    pub(crate) module_path: Option<syn::Path>,
    pub(crate) on_delete: Action,
    pub(crate) on_update: Action,
    /// The `Relation` variant name.
    pub(crate) variant: syn::Ident,
}

pub(crate) enum Check {
    OneOf {
        column: usize,
        values: Vec<Lit>,
    },
    Range {
        column: usize,
        min: Option<i64>,
        max: Option<i64>,
    },
    Sql {
        column: usize,
        expr: String,
    },
}

pub(crate) fn type_name(ty: &SqlType) -> &'static str {
    match ty.kind() {
        ValueKind::Text => "text",
        ValueKind::Integer => "integer",
        ValueKind::Float => "numeric",
        ValueKind::Bool => "boolean",
        ValueKind::Json => "jsonb (a JSON text literal)",
        ValueKind::Other => "of this kind (not text, integer or boolean)",
    }
}

/// A literal as text, for comparisons and messages.
pub(crate) fn lit_text(lit: &Lit) -> String {
    match lit {
        Lit::Str(s) => format!("\"{}\"", s.value()),
        Lit::Int(i) => i.base10_digits().to_owned(),
        Lit::Bool(b) => b.value.to_string(),
        other => quote::quote!(#other).to_string(),
    }
}
