//! The annotated struct, with its attributes parsed and its syntax kept for spans.

use darling::FromMeta;
use darling::ast::NestedMeta;
use proc_macro2::TokenStream;
use syn::spanned::Spanned;

use crate::attr::{FieldAttrs, TableAttrs};

/// The struct under `#[table]`.
pub(crate) struct Input {
    /// The struct as written, `#[hc]` attributes removed.
    pub(crate) original: syn::ItemStruct,
    /// Parsed table arguments (`None` when they did not parse: errors were recorded).
    pub(crate) attrs: Option<TableAttrs>,
    /// The struct's doc comment.
    pub(crate) doc: Option<String>,
    /// Attributes other than docs, kept for the generated `Model`.
    pub(crate) passthrough: Vec<syn::Attribute>,
    pub(crate) fields: Vec<Field>,
}

/// One field of the struct.
pub(crate) struct Field {
    pub(crate) original: syn::Field,
    pub(crate) ident: syn::Ident,
    /// The field name without `r#`.
    pub(crate) rust_name: String,
    pub(crate) attrs: FieldAttrs,
    pub(crate) doc: Option<String>,
}

impl Input {
    /// Parses the attribute arguments and the struct, recording every error.
    pub(crate) fn parse(
        args: TokenStream,
        item: TokenStream,
        errors: &mut darling::error::Accumulator,
    ) -> Option<Self> {
        let mut original: syn::ItemStruct = match syn::parse2(item) {
            Ok(s) => s,
            Err(e) => {
                errors.push(
                    darling::Error::custom(format!(
                        "#[table] goes on a struct with named fields: {e}"
                    ))
                    .with_span(&e.span()),
                );
                return None;
            }
        };
        let attrs = match NestedMeta::parse_meta_list(args) {
            Ok(list) => errors.handle(TableAttrs::from_list(&list)),
            Err(e) => {
                errors.push(darling::Error::from(e));
                None
            }
        };
        if !original.generics.params.is_empty() {
            errors.push(
                darling::Error::custom("a table struct cannot be generic")
                    .with_span(&original.generics),
            );
        }
        let doc = doc_of(&original.attrs);
        let passthrough = original
            .attrs
            .iter()
            .filter(|a| !a.path().is_ident("doc"))
            .cloned()
            .collect();
        let mut fields = Vec::new();
        match &mut original.fields {
            syn::Fields::Named(named) => {
                for field in named.named.iter_mut() {
                    let attrs = field_attrs(field, errors);
                    field.attrs.retain(|a| !a.path().is_ident("hc"));
                    let ident = field.ident.clone().expect("named field");
                    let rust_name = ident.to_string().trim_start_matches("r#").to_owned();
                    fields.push(Field {
                        doc: doc_of(&field.attrs),
                        original: field.clone(),
                        ident,
                        rust_name,
                        attrs,
                    });
                }
            }
            other => errors.push(
                darling::Error::custom("#[table] goes on a struct with named fields")
                    .with_span(&other.span()),
            ),
        }
        Some(Input {
            original,
            attrs,
            doc,
            passthrough,
            fields,
        })
    }
}

/// Merges every `#[hc(...)]` of a field into one list, so that a key repeated
/// across two attributes is a duplicate too.
fn field_attrs(field: &syn::Field, errors: &mut darling::error::Accumulator) -> FieldAttrs {
    let mut items = Vec::new();
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("hc")) {
        match &attr.meta {
            syn::Meta::List(list) => match NestedMeta::parse_meta_list(list.tokens.clone()) {
                Ok(parsed) => items.extend(parsed),
                Err(e) => errors.push(darling::Error::from(e)),
            },
            other => errors.push(
                darling::Error::custom("expected `#[hc(...)]` with a list of keys")
                    .with_span(other),
            ),
        }
    }
    errors
        .handle(FieldAttrs::from_list(&items))
        .unwrap_or_default()
}

/// The text of `///` comments, one leading space per line removed.
fn doc_of(attrs: &[syn::Attribute]) -> Option<String> {
    let mut lines = Vec::new();
    for attr in attrs {
        if let syn::Meta::NameValue(nv) = &attr.meta
            && nv.path.is_ident("doc")
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
        {
            let line = s.value();
            lines.push(
                line.strip_prefix(' ')
                    .unwrap_or(&line)
                    .trim_end()
                    .to_owned(),
            );
        }
    }
    let text = lines.join("\n").trim().to_owned();
    (!text.is_empty()).then_some(text)
}
