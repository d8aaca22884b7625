//! SQL types: inferred from the Rust field type, or parsed from `sql_type = "..."`.

use proc_macro2::TokenStream;
use quote::quote;

/// A column's SQL type, as the macro knows it (mirrors `hingecraft_model::ColumnType`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SqlType {
    Uuid,
    Text,
    Varchar(u32),
    SmallInt,
    Integer,
    BigInt,
    Real,
    Double,
    Numeric(u32, u32),
    Boolean,
    TimestampTz,
    Date,
    Jsonb,
    Bytea,
    TextArray,
    Ltree,
    Vector(u32),
    TsVector,
}

/// What kind of value a column holds, to check defaults and checks against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueKind {
    Text,
    Integer,
    Float,
    Bool,
    Json,
    Other,
}

impl SqlType {
    pub(crate) fn kind(&self) -> ValueKind {
        match self {
            SqlType::Text | SqlType::Varchar(_) | SqlType::Ltree => ValueKind::Text,
            SqlType::SmallInt | SqlType::Integer | SqlType::BigInt => ValueKind::Integer,
            SqlType::Real | SqlType::Double | SqlType::Numeric(..) => ValueKind::Float,
            SqlType::Boolean => ValueKind::Bool,
            SqlType::Jsonb => ValueKind::Json,
            _ => ValueKind::Other,
        }
    }

    /// Tokens building the `ColumnType` value.
    pub(crate) fn to_tokens(&self, root: &TokenStream) -> TokenStream {
        let ct = quote!(#root::model::ColumnType);
        match self {
            SqlType::Uuid => quote!(#ct::Uuid),
            SqlType::Text => quote!(#ct::Text),
            SqlType::Varchar(len) => quote!(#ct::Varchar { len: #len }),
            SqlType::SmallInt => quote!(#ct::SmallInt),
            SqlType::Integer => quote!(#ct::Integer),
            SqlType::BigInt => quote!(#ct::BigInt),
            SqlType::Real => quote!(#ct::Real),
            SqlType::Double => quote!(#ct::Double),
            SqlType::Numeric(p, s) => quote!(#ct::Numeric { precision: #p, scale: #s }),
            SqlType::Boolean => quote!(#ct::Boolean),
            SqlType::TimestampTz => quote!(#ct::TimestampTz),
            SqlType::Date => quote!(#ct::Date),
            SqlType::Jsonb => quote!(#ct::Jsonb),
            SqlType::Bytea => quote!(#ct::Bytea),
            SqlType::TextArray => quote!(#ct::TextArray),
            SqlType::Ltree => quote!(#ct::Ltree),
            SqlType::Vector(dim) => quote!(#ct::Vector { dim: #dim }),
            SqlType::TsVector => quote!(#ct::TsVector),
        }
    }

    /// The `#[sea_orm(column_type = ...)]` SeaORM needs where its own
    /// inference from the Rust type would differ from the SQL type.
    pub(crate) fn sea_orm_column_type(&self) -> Option<String> {
        Some(match self {
            SqlType::Text | SqlType::Ltree | SqlType::TsVector => "Text".into(),
            SqlType::Varchar(len) => format!("String(StringLen::N({len}))"),
            SqlType::Numeric(p, s) => format!("Decimal(Some(({p}, {s})))"),
            SqlType::Jsonb => "JsonBinary".into(),
            SqlType::Vector(dim) => format!("Vector(Some({dim}))"),
            _ => return None,
        })
    }
}

/// The last segment of a type path and its first generic argument, if any.
fn last_segment(ty: &syn::Type) -> Option<(String, Option<&syn::Type>)> {
    let syn::Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    let seg = p.path.segments.last()?;
    let arg = match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    };
    Some((seg.ident.to_string(), arg))
}

/// `Option<T>` -> `Some(T)`.
pub(crate) fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    match last_segment(ty) {
        Some((name, Some(inner))) if name == "Option" => Some(inner),
        _ => None,
    }
}

/// Whether the Rust type is `String`.
pub(crate) fn is_string(ty: &syn::Type) -> bool {
    matches!(last_segment(ty), Some((name, None)) if name == "String")
}

/// The SQL type of a (non-optional) Rust type, when it can be inferred.
pub(crate) fn infer(ty: &syn::Type) -> Option<SqlType> {
    if let syn::Type::Path(_) = ty {
        let (name, arg) = last_segment(ty)?;
        return Some(match (name.as_str(), arg) {
            ("Uuid", None) => SqlType::Uuid,
            ("String", None) => SqlType::Text,
            ("i16", None) => SqlType::SmallInt,
            ("i32", None) => SqlType::Integer,
            ("i64", None) => SqlType::BigInt,
            ("f32", None) => SqlType::Real,
            ("f64", None) => SqlType::Double,
            ("bool", None) => SqlType::Boolean,
            ("DateTimeWithTimeZone" | "DateTimeUtc", None) => SqlType::TimestampTz,
            ("DateTime", Some(_)) => SqlType::TimestampTz,
            ("Date" | "NaiveDate", None) => SqlType::Date,
            ("Json" | "Value", None) => SqlType::Jsonb,
            ("Decimal", None) => SqlType::Numeric(19, 4),
            ("Vec", Some(inner)) => match last_segment(inner) {
                Some((n, None)) if n == "u8" => SqlType::Bytea,
                Some((n, None)) if n == "String" => SqlType::TextArray,
                _ => return None,
            },
            _ => return None,
        });
    }
    None
}

/// Parses `sql_type = "..."`.
pub(crate) fn parse(s: &str) -> Result<SqlType, String> {
    let t = s.trim().to_ascii_lowercase();
    let args = |prefix: &str| -> Option<Vec<u32>> {
        let rest = t.strip_prefix(prefix)?.trim();
        let inner = rest.strip_prefix('(')?.strip_suffix(')')?;
        inner.split(',').map(|n| n.trim().parse().ok()).collect()
    };
    Ok(match t.as_str() {
        "uuid" => SqlType::Uuid,
        "text" => SqlType::Text,
        "smallint" => SqlType::SmallInt,
        "integer" | "int" => SqlType::Integer,
        "bigint" => SqlType::BigInt,
        "real" => SqlType::Real,
        "double precision" => SqlType::Double,
        "boolean" | "bool" => SqlType::Boolean,
        "timestamptz" => SqlType::TimestampTz,
        "date" => SqlType::Date,
        "jsonb" => SqlType::Jsonb,
        "bytea" => SqlType::Bytea,
        "text[]" => SqlType::TextArray,
        "ltree" => SqlType::Ltree,
        "tsvector" => SqlType::TsVector,
        _ => {
            if let Some(a) = args("varchar").filter(|a| a.len() == 1) {
                SqlType::Varchar(a[0])
            } else if let Some(a) = args("numeric").filter(|a| a.len() == 2) {
                SqlType::Numeric(a[0], a[1])
            } else if let Some(a) = args("vector").filter(|a| a.len() == 1) {
                SqlType::Vector(a[0])
            } else {
                return Err(format!(
                    "unknown SQL type `{s}`; expected one of: uuid, text, varchar(n), smallint, integer, \
                     bigint, real, double precision, numeric(p, s), boolean, timestamptz, date, jsonb, \
                     bytea, text[], ltree, vector(n), tsvector"
                ));
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_parameterised_types() {
        assert_eq!(parse("varchar(20)"), Ok(SqlType::Varchar(20)));
        assert_eq!(parse("NUMERIC(12, 2)"), Ok(SqlType::Numeric(12, 2)));
        assert_eq!(parse("vector(1536)"), Ok(SqlType::Vector(1536)));
        assert!(parse("varchar").is_err());
        assert!(
            parse("money")
                .unwrap_err()
                .contains("unknown SQL type `money`")
        );
    }

    #[test]
    fn infers_common_types() {
        let t: syn::Type = syn::parse_quote!(Option<DateTimeWithTimeZone>);
        assert_eq!(infer(option_inner(&t).unwrap()), Some(SqlType::TimestampTz));
        let t: syn::Type = syn::parse_quote!(Vec<String>);
        assert_eq!(infer(&t), Some(SqlType::TextArray));
        let t: syn::Type = syn::parse_quote!(MyType);
        assert_eq!(infer(&t), None);
    }
}
