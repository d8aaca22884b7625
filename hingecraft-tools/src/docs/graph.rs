//! What each diagram shows: its tables, how much of each, and the foreign
//! keys between them. [`super::mermaid`] and [`super::dot`] render the same
//! [`Diagram`], so the Mermaid text and the SVG image never disagree.

use std::collections::BTreeMap;

use hingecraft_schema::model::{Schema, Table};

/// The tables of one layer, or the layer-less tables of one module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The layer (`02_users_identity`), or `unlayered-<module>`; a file name.
    pub id: String,
    /// The heading a reader sees.
    pub title: String,
    /// The table names, sorted.
    pub tables: Vec<String>,
}

/// The group a table belongs to: its layer, or its module's unlayered group.
pub fn group_id(t: &Table) -> String {
    match &t.layer {
        Some(layer) => layer.clone(),
        None => format!("unlayered-{}", t.module),
    }
}

/// The groups of a schema's tables, sorted by id.
pub fn groups(schema: &Schema) -> Vec<Group> {
    let mut by_id: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in &schema.tables {
        by_id.entry(group_id(t)).or_default().push(t.name.clone());
    }
    by_id
        .into_iter()
        .map(|(id, mut tables)| {
            tables.sort();
            let title = match id.strip_prefix("unlayered-") {
                Some(module) => format!("Unlayered tables of module `{module}`"),
                None => format!("Layer `{id}`"),
            };
            Group { id, title, tables }
        })
        .collect()
}

/// How much of a table a diagram shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// Every column.
    All,
    /// The primary and foreign key columns.
    Keys,
    /// The name only: a table of another layer that a foreign key reaches.
    External,
}

/// A table in a diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The table name.
    pub table: String,
    /// How much of it is shown.
    pub detail: Detail,
}

/// A foreign key, drawn from the referenced (parent) table to the referencing one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// The referencing table.
    pub child: String,
    /// The referencing columns.
    pub columns: Vec<String>,
    /// The referenced table.
    pub parent: String,
    /// Whether a child row may have no parent (every referencing column is nullable).
    pub optional: bool,
}

impl Edge {
    /// The label of the edge: the referencing columns.
    pub fn label(&self) -> String {
        self.columns.join(", ")
    }
}

/// One diagram: the tables it shows and the foreign keys among them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    /// Its path stem under `svg/` (`schema`, `layers/<id>`, `tables/<name>`).
    pub name: String,
    /// The tables, sorted by name.
    pub nodes: Vec<Node>,
    /// The foreign keys, sorted.
    pub edges: Vec<Edge>,
}

/// The edges of every foreign key of a table.
pub fn edges_of(t: &Table) -> Vec<Edge> {
    t.foreign_keys
        .iter()
        .map(|fk| Edge {
            child: t.name.clone(),
            columns: fk.columns.clone(),
            parent: fk.ref_table.clone(),
            optional: fk
                .columns
                .iter()
                .all(|c| t.column(c).is_some_and(|c| c.nullable)),
        })
        .collect()
}

fn diagram(name: String, nodes: BTreeMap<String, Detail>, mut edges: Vec<Edge>) -> Diagram {
    edges.sort();
    edges.dedup();
    Diagram {
        name,
        nodes: nodes
            .into_iter()
            .map(|(table, detail)| Node { table, detail })
            .collect(),
        edges,
    }
}

/// Adds a table at a level of detail, keeping the most detailed one asked for.
fn add(nodes: &mut BTreeMap<String, Detail>, table: &str, detail: Detail) {
    let d = nodes.entry(table.to_owned()).or_insert(detail);
    *d = (*d).min(detail);
}

/// Every table with its keys, every foreign key.
pub fn schema_diagram(schema: &Schema) -> Diagram {
    let mut nodes = BTreeMap::new();
    let mut edges = Vec::new();
    for t in &schema.tables {
        add(&mut nodes, &t.name, Detail::Keys);
        edges.extend(edges_of(t));
    }
    for e in &edges {
        add(&mut nodes, &e.parent, Detail::External);
    }
    diagram("schema".into(), nodes, edges)
}

/// The tables of a group with their keys, the foreign keys they hold, and
/// the tables of other groups those keys reach (names only).
pub fn group_diagram(schema: &Schema, group: &Group) -> Diagram {
    let mut nodes = BTreeMap::new();
    let mut edges = Vec::new();
    for t in schema
        .tables
        .iter()
        .filter(|t| group.tables.contains(&t.name))
    {
        add(&mut nodes, &t.name, Detail::Keys);
        edges.extend(edges_of(t));
    }
    for e in &edges {
        add(&mut nodes, &e.parent, Detail::External);
    }
    diagram(format!("layers/{}", group.id), nodes, edges)
}

/// A table with every column, and its neighbours at distance 1 (the tables
/// it references and the tables referencing it) with their keys.
pub fn table_diagram(schema: &Schema, table: &Table) -> Diagram {
    let mut nodes = BTreeMap::new();
    add(&mut nodes, &table.name, Detail::All);
    let mut edges = edges_of(table);
    for t in &schema.tables {
        edges.extend(edges_of(t).into_iter().filter(|e| e.parent == table.name));
    }
    for e in &edges {
        let neighbour = if e.child == table.name {
            &e.parent
        } else {
            &e.child
        };
        let detail = if schema.table(neighbour).is_some() {
            Detail::Keys
        } else {
            Detail::External
        };
        add(&mut nodes, neighbour, detail);
    }
    diagram(format!("tables/{}", table.name), nodes, edges)
}

/// Every diagram of a schema: the whole schema, each group, each table.
pub fn diagrams(schema: &Schema) -> Vec<Diagram> {
    let mut out = vec![schema_diagram(schema)];
    out.extend(groups(schema).iter().map(|g| group_diagram(schema, g)));
    out.extend(schema.tables.iter().map(|t| table_diagram(schema, t)));
    out
}

/// Whether a column of a table is in its primary key, and whether in a foreign key.
pub fn key_kind(t: &Table, column: &str) -> (bool, bool) {
    (
        t.primary_key.iter().any(|c| c == column),
        t.foreign_keys
            .iter()
            .any(|f| f.columns.iter().any(|c| c == column)),
    )
}
