use serde::{Deserialize, Serialize};

use super::{Extension, Function, Table, View};

/// Where a module is in the lifecycle.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Documentation only: diagrams and field lists, no SQL.
    Concept,
    /// Real tables, exactly as declared, nothing added.
    #[default]
    Prototype,
    /// Merged with every other module, completed and hardened.
    Production,
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Stage::Concept => "concept",
            Stage::Prototype => "prototype",
            Stage::Production => "production",
        })
    }
}

/// A named partial schema: the tables one source module declares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Module {
    /// The module name (`master`, `codex`, `account-management`...).
    pub name: String,
    /// Its lifecycle stage.
    pub stage: Stage,
    /// What the module is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// Modules whose tables this one references.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// The tables it declares.
    pub tables: Vec<Table>,
    /// The functions it declares (API functions over its tables).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<Function>,
    /// The views it declares (aggregates over its tables).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
}

impl Module {
    /// An empty module at the given stage.
    pub fn new(name: impl Into<String>, stage: Stage) -> Self {
        Self {
            name: name.into(),
            stage,
            doc: None,
            depends_on: Vec::new(),
            tables: Vec::new(),
            functions: Vec::new(),
            views: Vec::new(),
        }
    }

    /// Adds a table.
    #[must_use]
    pub fn table(mut self, table: Table) -> Self {
        self.tables.push(table);
        self
    }

    /// Adds tables, in order (a module's `tables()`, as the runtime's
    /// `tables!` macro declares it).
    #[must_use]
    pub fn with_tables(mut self, tables: impl IntoIterator<Item = Table>) -> Self {
        self.tables.extend(tables);
        self
    }

    /// Sets what the module is for.
    #[must_use]
    pub fn doc(mut self, doc: impl Into<String>) -> Self {
        self.doc = Some(doc.into());
        self
    }

    /// Adds a module whose tables this one references.
    #[must_use]
    pub fn depends_on(mut self, module: impl Into<String>) -> Self {
        self.depends_on.push(module.into());
        self
    }

    /// Adds a function.
    #[must_use]
    pub fn function(mut self, function: Function) -> Self {
        self.functions.push(function);
        self
    }

    /// Adds a view.
    #[must_use]
    pub fn view(mut self, view: View) -> Self {
        self.views.push(view);
        self
    }
}

/// A whole schema: tables plus the database-level objects they need.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Schema {
    /// Extensions to create first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<Extension>,
    /// Functions (trigger functions, helpers, API functions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<Function>,
    /// The tables.
    pub tables: Vec<Table>,
    /// Views and materialized views, created after the tables and functions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
}

impl Schema {
    /// A schema of these tables.
    pub fn from_tables(tables: impl IntoIterator<Item = Table>) -> Self {
        Self {
            tables: tables.into_iter().collect(),
            ..Self::default()
        }
    }

    /// The table of that name.
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// The function of that name.
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// The view of that name.
    pub fn view(&self, name: &str) -> Option<&View> {
        self.views.iter().find(|v| v.name == name)
    }
}
