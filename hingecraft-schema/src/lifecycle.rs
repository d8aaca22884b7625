//! The lifecycle stages of a module: what each stage may produce.
//!
//! - Concept: documentation only ([`concept_markdown`]); asking for SQL is an error.
//! - Prototype: exactly what the module declares, with the tables of the
//!   modules it depends on, nothing added ([`prototype_schema`]).
//! - Production: every module merged, completed and hardened (`merge`, `harden`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::{CheckKind, Module, Schema, Stage, Table};

/// Why a stage cannot produce what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StageError {
    /// SQL was asked of a concept-stage module.
    #[error("module `{module}` is at the concept stage: it is documentation only and has no SQL")]
    ConceptHasNoSql {
        /// The module.
        module: String,
    },
    /// No module has that name.
    #[error("no module named `{module}` (modules: {known})")]
    UnknownModule {
        /// The name asked for.
        module: String,
        /// The names there are, comma-separated.
        known: String,
    },
    /// A dependency is missing or at the concept stage.
    #[error("module `{module}` depends on `{dependency}`, which {why}")]
    BadDependency {
        /// The module.
        module: String,
        /// The dependency.
        dependency: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// Two modules of a prototype declare the same table.
    #[error(
        "table `{table}` is declared by both `{first}` and `{second}` among module `{module}` and its \
         dependencies; a prototype renders one view of each table (depend on one of them, or merge for production)"
    )]
    DuplicateTable {
        /// The module being rendered.
        module: String,
        /// The table.
        table: String,
        /// The first declaring module.
        first: String,
        /// The second declaring module.
        second: String,
    },
}

fn find<'a>(modules: &'a [Module], name: &str) -> Result<&'a Module, StageError> {
    modules
        .iter()
        .find(|m| m.name == name)
        .ok_or_else(|| StageError::UnknownModule {
            module: name.to_owned(),
            known: modules
                .iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The prototype schema of one module: its tables and those of the modules
/// it depends on (transitively), exactly as declared; its own functions and
/// views, and the dependencies' functions that their tables' triggers call.
pub fn prototype_schema(modules: &[Module], module: &str) -> Result<Schema, StageError> {
    let root = find(modules, module)?;
    if root.stage == Stage::Concept {
        return Err(StageError::ConceptHasNoSql {
            module: root.name.clone(),
        });
    }
    // Breadth-first over dependencies; a module is visited once, so cycles end.
    let mut order = vec![root];
    let mut i = 0;
    while i < order.len() {
        for dep in &order[i].depends_on {
            let found = modules.iter().find(|m| &m.name == dep).ok_or_else(|| {
                StageError::BadDependency {
                    module: order[i].name.clone(),
                    dependency: dep.clone(),
                    why: "is not among the modules",
                }
            })?;
            if found.stage == Stage::Concept {
                return Err(StageError::BadDependency {
                    module: order[i].name.clone(),
                    dependency: dep.clone(),
                    why: "is at the concept stage and has no tables to depend on",
                });
            }
            if !order.iter().any(|m| m.name == found.name) {
                order.push(found);
            }
        }
        i += 1;
    }
    // The module's own view of a table replaces its dependencies' views of
    // it; two dependencies disagreeing is the merger's business, not a prototype's.
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    let mut tables = Vec::new();
    for m in &order {
        for t in &m.tables {
            if seen.get(t.name.as_str()) == Some(&root.name.as_str()) {
                continue;
            }
            if let Some(first) = seen.insert(&t.name, &m.name) {
                return Err(StageError::DuplicateTable {
                    module: root.name.clone(),
                    table: t.name.clone(),
                    first: first.to_owned(),
                    second: m.name.clone(),
                });
            }
            tables.push(t.clone());
        }
    }
    // Functions and views come from the module itself: a dependency's API is
    // not part of the tables a prototype iterates on. A dependency's trigger
    // functions are, though: a table declared with a trigger needs the
    // function the trigger calls.
    let mut functions = root.functions.clone();
    for m in order.iter().skip(1) {
        for f in &m.functions {
            let called = tables
                .iter()
                .flat_map(|t| &t.triggers)
                .any(|trigger| trigger.function == f.name);
            if called && functions.iter().all(|g| g.name != f.name) {
                functions.push(f.clone());
            }
        }
    }
    let mut schema = Schema::from_tables(tables);
    schema.functions = functions;
    schema.views = root.views.clone();
    Ok(schema)
}

/// A module's tables as documentation: fields, types, keys and relationships,
/// in Markdown with a Mermaid ER diagram. What the concept stage produces.
pub fn concept_markdown(module: &Module) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Module `{}` ({} stage)\n", module.name, module.stage);
    if let Some(doc) = &module.doc {
        let _ = writeln!(out, "{doc}\n");
    }
    let _ = writeln!(out, "```mermaid\nerDiagram");
    for t in &module.tables {
        let _ = writeln!(out, "    {} {{", t.name);
        for c in &t.columns {
            let key = if t.primary_key.contains(&c.name) {
                " PK"
            } else if t.foreign_keys.iter().any(|f| f.columns.contains(&c.name)) {
                " FK"
            } else {
                ""
            };
            let ty = c.ty.display_name().replace(['(', ')', ',', '[', ']'], "_");
            let _ = writeln!(
                out,
                "        {} {}{}",
                ty.trim_end_matches('_'),
                c.name,
                key
            );
        }
        let _ = writeln!(out, "    }}");
    }
    for t in &module.tables {
        for fk in &t.foreign_keys {
            let many = if fk
                .columns
                .iter()
                .all(|c| t.column(c).is_some_and(|c| c.nullable))
            {
                "o|"
            } else {
                "||"
            };
            let _ = writeln!(
                out,
                "    {} {}--o{{ {} : \"{}\"",
                fk.ref_table,
                many,
                t.name,
                fk.columns.join(", ")
            );
        }
    }
    let _ = writeln!(out, "```\n");
    for t in &module.tables {
        table_fields(&mut out, t);
    }
    out
}

fn table_fields(out: &mut String, t: &Table) {
    let _ = writeln!(out, "## `{}`\n", t.name);
    if let Some(doc) = &t.doc {
        let _ = writeln!(out, "{doc}\n");
    }
    let _ = writeln!(
        out,
        "| field | type | required | notes |\n|---|---|---|---|"
    );
    for c in &t.columns {
        let mut notes = Vec::new();
        if t.primary_key.contains(&c.name) {
            notes.push("primary key".to_owned());
        }
        if t.uniques.iter().any(|u| u.columns == [c.name.clone()]) {
            notes.push("unique".to_owned());
        }
        for fk in t
            .foreign_keys
            .iter()
            .filter(|f| f.columns == [c.name.clone()])
        {
            notes.push(format!(
                "→ `{}.{}`",
                fk.ref_table,
                fk.ref_columns.join(", ")
            ));
        }
        for ck in &t.checks {
            if let CheckKind::OneOf { column, values } = &ck.kind
                && column == &c.name
            {
                let v: Vec<String> = values.iter().map(ToString::to_string).collect();
                notes.push(format!("one of {}", v.join(", ")));
            }
        }
        if let Some(doc) = &c.doc {
            notes.push(doc.replace('\n', " "));
        }
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            c.name,
            c.ty.display_name(),
            if c.nullable { "no" } else { "yes" },
            notes.join("; ").replace('|', "\\|")
        );
    }
    let _ = writeln!(out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, ColumnType};

    fn module(name: &str, stage: Stage, deps: &[&str], tables: &[&str]) -> Module {
        let mut m = Module::new(name, stage);
        m.depends_on = deps.iter().map(|d| (*d).to_owned()).collect();
        for t in tables {
            let mut table = Table::new(*t, name);
            table.columns.push(Column::new("id", ColumnType::Uuid));
            table.primary_key.push("id".into());
            m.tables.push(table);
        }
        m
    }

    #[test]
    fn a_prototype_has_its_tables_and_its_dependencies_tables() {
        let modules = [
            module("a", Stage::Prototype, &["b"], &["x"]),
            module("b", Stage::Prototype, &["c"], &["y"]),
            module("c", Stage::Prototype, &["a"], &["z"]),
        ];
        let s = prototype_schema(&modules, "a").unwrap();
        let names: Vec<&str> = s.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["x", "y", "z"], "transitive, and a cycle ends");
    }

    #[test]
    fn a_concept_module_has_no_sql() {
        let modules = [
            module("busm", Stage::Concept, &[], &["x"]),
            module("p", Stage::Prototype, &["busm"], &[]),
        ];
        assert_eq!(
            prototype_schema(&modules, "busm").unwrap_err().to_string(),
            "module `busm` is at the concept stage: it is documentation only and has no SQL"
        );
        assert!(
            prototype_schema(&modules, "p")
                .unwrap_err()
                .to_string()
                .contains("concept stage")
        );
        assert!(
            prototype_schema(&modules, "nope")
                .unwrap_err()
                .to_string()
                .contains("modules: busm, p")
        );
    }

    #[test]
    fn a_modules_own_view_of_a_table_replaces_its_dependencies_view() {
        let mut a = module("a", Stage::Prototype, &["b"], &["accounts"]);
        a.tables[0].doc = Some("a's view".into());
        let modules = [
            a,
            module("b", Stage::Prototype, &[], &["accounts", "owners"]),
        ];
        let s = prototype_schema(&modules, "a").unwrap();
        assert_eq!(s.tables.len(), 2);
        assert_eq!(
            s.table("accounts").unwrap().doc.as_deref(),
            Some("a's view")
        );
    }

    #[test]
    fn two_dependencies_with_one_table_are_refused_in_a_prototype() {
        let modules = [
            module("a", Stage::Prototype, &["b", "c"], &[]),
            module("b", Stage::Prototype, &[], &["accounts"]),
            module("c", Stage::Prototype, &[], &["accounts"]),
        ];
        let err = prototype_schema(&modules, "a").unwrap_err().to_string();
        assert!(
            err.contains("table `accounts` is declared by both `b` and `c`"),
            "{err}"
        );
    }

    #[test]
    fn concept_docs_list_fields_and_relationships() {
        let mut m = module("busm", Stage::Concept, &[], &["accounts"]);
        m.tables[0]
            .columns
            .push(Column::new("owner_id", ColumnType::Uuid));
        m.tables[0].foreign_keys.push(crate::model::ForeignKey {
            name: "fk".into(),
            columns: vec!["owner_id".into()],
            ref_table: "users".into(),
            ref_columns: vec!["id".into()],
            on_delete: Default::default(),
            on_update: Default::default(),
        });
        let md = concept_markdown(&m);
        assert!(md.contains("users ||--o{ accounts : \"owner_id\""), "{md}");
        assert!(
            md.contains("| `owner_id` | uuid | yes | → `users.id` |"),
            "{md}"
        );
        assert!(!md.contains("CREATE"), "no SQL at the concept stage");
    }
}
