use serde::{Deserialize, Serialize};

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Column {
    /// The column name, a snake_case SQL identifier.
    pub name: String,
    /// The SQL type.
    #[serde(rename = "type")]
    pub ty: ColumnType,
    /// Whether NULL is allowed.
    pub nullable: bool,
    /// The default, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<DefaultValue>,
    /// What the column holds, from the field's doc comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The modules whose declarations made this column, sorted (set by the
    /// merger; empty for a column as one module declared it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declared_by: Vec<String>,
    /// For a generated column: the expression it is computed from, in
    /// Postgres syntax (`GENERATED ALWAYS AS (...) STORED`). Never written
    /// by the application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    /// The column's previous name, when it was renamed: the diff turns the
    /// old column into this one with a rename instead of a drop and an add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

impl Column {
    /// A NOT NULL column with no default and no doc.
    pub fn new(name: impl Into<String>, ty: ColumnType) -> Self {
        Self {
            name: name.into(),
            ty,
            nullable: false,
            default: None,
            doc: None,
            declared_by: Vec::new(),
            generated: None,
            renamed_from: None,
        }
    }

    /// Allows NULL.
    #[must_use]
    pub fn nullable(mut self) -> Self {
        self.nullable = true;
        self
    }

    /// Sets the default.
    #[must_use]
    pub fn default(mut self, default: DefaultValue) -> Self {
        self.default = Some(default);
        self
    }

    /// Sets the doc comment.
    #[must_use]
    pub fn doc(mut self, doc: impl Into<String>) -> Self {
        self.doc = Some(doc.into());
        self
    }

    /// Makes it a stored generated column computed from `expr` (Postgres SQL).
    #[must_use]
    pub fn generated(mut self, expr: impl Into<String>) -> Self {
        self.generated = Some(expr.into());
        self
    }
}

/// The column types the HingeCraft catalogue needs.
///
/// Enum-like text is `Text` (or `Varchar`) plus a [`CheckKind::OneOf`](crate::CheckKind::OneOf)
/// check on the table: the values stay data the merger can union.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ColumnType {
    /// `uuid`
    Uuid,
    /// `text`
    Text,
    /// `varchar(n)`
    Varchar {
        /// The maximum length in characters.
        len: u32,
    },
    /// `smallint` (16 bits)
    SmallInt,
    /// `integer` (32 bits)
    Integer,
    /// `bigint` (64 bits)
    BigInt,
    /// `real` (32-bit float)
    Real,
    /// `double precision` (64-bit float)
    Double,
    /// `numeric(p, s)`
    Numeric {
        /// Total digits.
        precision: u32,
        /// Digits after the decimal point.
        scale: u32,
    },
    /// `boolean`
    Boolean,
    /// `timestamptz`
    TimestampTz,
    /// `date`
    Date,
    /// `jsonb`
    Jsonb,
    /// `bytea`
    Bytea,
    /// `text[]`
    TextArray,
    /// `ltree` (a label path, from the ltree extension)
    Ltree,
    /// `vector(n)` (from the pgvector extension)
    Vector {
        /// The dimension.
        dim: u32,
    },
    /// `tsvector` (full-text search document)
    TsVector,
}

impl ColumnType {
    /// The name a reader sees in docs and reports, in Postgres spelling.
    pub fn display_name(&self) -> String {
        match self {
            ColumnType::Uuid => "uuid".into(),
            ColumnType::Text => "text".into(),
            ColumnType::Varchar { len } => format!("varchar({len})"),
            ColumnType::SmallInt => "smallint".into(),
            ColumnType::Integer => "integer".into(),
            ColumnType::BigInt => "bigint".into(),
            ColumnType::Real => "real".into(),
            ColumnType::Double => "double precision".into(),
            ColumnType::Numeric { precision, scale } => format!("numeric({precision},{scale})"),
            ColumnType::Boolean => "boolean".into(),
            ColumnType::TimestampTz => "timestamptz".into(),
            ColumnType::Date => "date".into(),
            ColumnType::Jsonb => "jsonb".into(),
            ColumnType::Bytea => "bytea".into(),
            ColumnType::TextArray => "text[]".into(),
            ColumnType::Ltree => "ltree".into(),
            ColumnType::Vector { dim } => format!("vector({dim})"),
            ColumnType::TsVector => "tsvector".into(),
        }
    }

    /// Whether values of this type are text a person may search.
    pub fn is_textual(&self) -> bool {
        matches!(self, ColumnType::Text | ColumnType::Varchar { .. })
    }
}

/// A column default.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum DefaultValue {
    /// A constant.
    Literal(Literal),
    /// The current time (`now()`).
    Now,
    /// A random (version 4) UUID (`gen_random_uuid()`).
    ///
    /// Generated entities also fill it in client-side, so that backends
    /// without a UUID function (SQLite) get the same behaviour.
    RandomUuid,
    /// Any other SQL expression, in Postgres syntax.
    Sql(String),
}

impl DefaultValue {
    /// A constant text default: `DefaultValue::text("active")` is `'active'`.
    pub fn text(value: impl Into<String>) -> Self {
        Self::Literal(Literal::Text(value.into()))
    }
}

/// A constant value, for defaults and checks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Literal {
    /// `true` / `false`
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string.
    Text(String),
}

/// The default as Postgres reads it, and as the docs, the reports and the
/// codegen show it: `now()`, `gen_random_uuid()`, `'active'`, `0`, or the
/// SQL as declared.
impl std::fmt::Display for DefaultValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DefaultValue::Literal(l) => write!(f, "{l}"),
            DefaultValue::Now => f.write_str("now()"),
            DefaultValue::RandomUuid => f.write_str("gen_random_uuid()"),
            DefaultValue::Sql(sql) => f.write_str(sql),
        }
    }
}

impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Int(i) => write!(f, "{i}"),
            Literal::Text(s) => f.write_str(&crate::sql::quote_literal(s)),
        }
    }
}
