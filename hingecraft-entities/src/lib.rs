//! The HingeCraft tables, declared with `#[table]`, one file per table, in the
//! source modules the platform's schema documents come from.
//!
//! Each table module (`modules::master::users`, ...) is a SeaORM entity module:
//! `Entity`, `Model` (also under the struct's own name, e.g. `User`),
//! `ActiveModel`, `Column`, `Relation`, plus typed lookups such as
//! `users::Entity::find_by_email`.

use hingecraft_schema::{Module, Schema};

/// Declares the table modules of a source module and lists their definitions.
macro_rules! tables {
    ($($table:ident),* $(,)?) => {
        $(pub mod $table;)*

        /// The definitions of every table this module declares, in declaration order.
        pub fn tables() -> Vec<hingecraft_schema::Table> {
            use hingecraft_schema::TableDef;
            vec![$(<$table::Entity as TableDef>::table_def()),*]
        }
    };
}

pub mod modules;

/// Every source module, in a fixed order.
pub fn modules() -> Vec<Module> {
    vec![modules::codex::module(), modules::master::module()]
}

/// The tables of every module together, as declared (the prototype stage).
///
/// # Panics
/// When two modules declare the same table: joining overlapping declarations
/// is the merger's work, not this function's.
pub fn declared_schema() -> Schema {
    let mut tables: Vec<hingecraft_schema::Table> = Vec::new();
    for module in modules() {
        for table in module.tables {
            if let Some(other) = tables.iter().find(|t| t.name == table.name) {
                panic!(
                    "table `{}` is declared by modules `{}` and `{}`; merge them instead",
                    table.name, other.module, table.module
                );
            }
            tables.push(table);
        }
    }
    Schema::from_tables(tables)
}
