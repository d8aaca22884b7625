use serde::{Deserialize, Serialize};

/// A Postgres extension the schema needs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Extension {
    /// The extension name (`pgcrypto`, `pg_trgm`, `vector`...).
    pub name: String,
    /// The schema it is installed into; never `public`.
    pub schema: String,
    /// Whether the schema still works without it (it is created only when
    /// the server offers it, and what depends on it is left out).
    pub optional: bool,
}

/// How a function may be optimised by the planner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Volatility {
    /// May change the database or return different results for the same arguments.
    #[default]
    Volatile,
    /// Same results for the same arguments within one statement.
    Stable,
    /// Same results for the same arguments, forever.
    Immutable,
}

/// A function argument.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FunctionArg {
    /// The argument name.
    pub name: String,
    /// Its SQL type.
    pub ty: String,
    /// Its default, in SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

/// A SQL function declared by the schema.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Function {
    /// The function name.
    pub name: String,
    /// What it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The arguments, in order.
    pub args: Vec<FunctionArg>,
    /// The return type, in SQL (`trigger`, `void`, `TABLE (...)`).
    pub returns: String,
    /// The language (`plpgsql`, `sql`).
    pub language: String,
    /// The body, without the dollar quotes.
    pub body: String,
    /// Planner volatility.
    pub volatility: Volatility,
    /// Whether it runs with its owner's rights.
    pub security_definer: bool,
    /// The fixed `search_path` it runs with.
    pub search_path: Vec<String>,
}
