//! The order objects are created in: referenced tables first, and the
//! functions whose creation needs the tables after them. A property of the
//! schema as data, below both `diff` and `render`.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{ForeignKey, Function, Schema, Table};

/// Tables in creation order, and the foreign keys that must wait until all
/// tables exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableOrder<'a> {
    /// Every table after the tables it references, ties broken by name. A
    /// reference to the table itself does not count (it can be inline).
    pub tables: Vec<&'a Table>,
    /// Foreign keys that close a cycle between different tables: when such
    /// a table is created, the table it references does not exist yet. On
    /// Postgres they are added afterwards with `ALTER TABLE`. Listed in the
    /// creation order of their table, then by name.
    pub deferred: Vec<(&'a Table, &'a ForeignKey)>,
}

impl TableOrder<'_> {
    /// Whether this foreign key of this table is deferred.
    pub fn is_deferred(&self, table: &str, foreign_key: &str) -> bool {
        self.deferred
            .iter()
            .any(|(t, fk)| t.name == table && fk.name == foreign_key)
    }
}

/// Orders the tables of a schema by their foreign keys.
///
/// A topological sort that always takes the ready table with the smallest
/// name, so the order depends only on the schema, never on declaration
/// order. When every remaining table waits on another (a cycle), it takes
/// the smallest-named table whose missing references all lie in its own
/// cycle, and defers exactly those references. Tables outside the cycle are
/// never touched, and each cycle loses as few keys as this greedy choice
/// allows. Foreign keys to tables outside the schema are ignored here
/// (rendering rejects them before ordering).
pub fn dependency_order(schema: &Schema) -> TableOrder<'_> {
    let by_name: BTreeMap<&str, &Table> =
        schema.tables.iter().map(|t| (t.name.as_str(), t)).collect();
    let deps: BTreeMap<&str, BTreeSet<&str>> = by_name
        .iter()
        .map(|(&name, table)| {
            let targets = table
                .foreign_keys
                .iter()
                .map(|fk| fk.ref_table.as_str())
                .filter(|target| *target != name && by_name.contains_key(target))
                .collect();
            (name, targets)
        })
        .collect();
    // Kahn's algorithm over a name-ordered ready set: O(n log n). The
    // reachability sets, needed only to break cycles, are computed the
    // first time every remaining table waits on another.
    let mut reach: Option<BTreeMap<&str, BTreeSet<&str>>> = None;
    let mut pending: BTreeMap<&str, usize> = deps.iter().map(|(&n, d)| (n, d.len())).collect();
    let mut dependents: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (&name, targets) in &deps {
        for &target in targets {
            dependents.entry(target).or_default().push(name);
        }
    }
    let mut ready: BTreeSet<&str> = pending
        .iter()
        .filter(|(_, c)| **c == 0)
        .map(|(&n, _)| n)
        .collect();

    let mut created: BTreeSet<&str> = BTreeSet::new();
    let mut remaining: BTreeSet<&str> = by_name.keys().copied().collect();
    let mut order = TableOrder {
        tables: Vec::with_capacity(by_name.len()),
        deferred: Vec::new(),
    };

    while !remaining.is_empty() {
        let missing = |name: &str| {
            deps[name]
                .iter()
                .copied()
                .filter(|d| !created.contains(d))
                .collect::<Vec<_>>()
        };
        let next = match ready.first() {
            Some(&name) => name,
            None => {
                let reach = reach.get_or_insert_with(|| reachability(&deps));
                let same_cycle = |a: &str, b: &str| reach[a].contains(b) && reach[b].contains(a);
                remaining
                    .iter()
                    .copied()
                    .find(|name| missing(name).iter().all(|d| same_cycle(name, d)))
                    // Unreachable by the argument above (a cycle with nothing
                    // outside it pending always exists); a fallback beats a panic.
                    .unwrap_or_else(|| *remaining.first().expect("not empty"))
            }
        };

        let table = by_name[next];
        let waiting = missing(next);
        let mut deferred: Vec<&ForeignKey> = table
            .foreign_keys
            .iter()
            .filter(|fk| waiting.contains(&fk.ref_table.as_str()))
            .collect();
        deferred.sort_by(|a, b| a.name.cmp(&b.name));
        order
            .deferred
            .extend(deferred.into_iter().map(|fk| (table, fk)));

        order.tables.push(table);
        created.insert(next);
        remaining.remove(next);
        ready.remove(next);
        for &dependent in dependents.get(next).into_iter().flatten() {
            if remaining.contains(dependent) {
                let count = pending.get_mut(dependent).expect("every table has a count");
                *count -= 1;
                if *count == 0 {
                    ready.insert(dependent);
                }
            }
        }
    }
    order
}

/// For each table, the tables it reaches through foreign keys.
fn reachability<'a>(
    deps: &BTreeMap<&'a str, BTreeSet<&'a str>>,
) -> BTreeMap<&'a str, BTreeSet<&'a str>> {
    deps.keys()
        .map(|&start| {
            let mut seen = BTreeSet::new();
            let mut stack = vec![start];
            while let Some(node) = stack.pop() {
                for &next in &deps[node] {
                    if seen.insert(next) {
                        stack.push(next);
                    }
                }
            }
            (start, seen)
        })
        .collect()
}

/// Whether `CREATE FUNCTION` needs the schema's tables to exist: Postgres
/// parses a SQL function's body against them, resolves every type of the
/// signature (a table's row type included), and compiles a PL/pgSQL body's
/// declarations (`v achievements%ROWTYPE`); the statements of a PL/pgSQL
/// body wait for the first call.
pub(crate) fn needs_tables(function: &Function, schema: &Schema) -> bool {
    if function.language.eq_ignore_ascii_case("sql") {
        return true;
    }
    let signature = std::iter::once(function.returns.as_str())
        .chain(function.args.iter().map(|a| a.ty.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    let mut words: BTreeSet<&str> = signature
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    let body = function.body.to_ascii_lowercase();
    for token in body.split_whitespace() {
        if let Some((name, _)) = token.split_once("%rowtype").or(token.split_once("%type")) {
            let table = name.split('.').next().unwrap_or(name).trim_matches('"');
            if let Some(t) = schema.tables.iter().find(|t| t.name == table) {
                words.insert(t.name.as_str());
            }
        }
    }
    schema
        .tables
        .iter()
        .any(|t| words.contains(t.name.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, ColumnType, ReferentialAction};

    fn table(name: &str, refs: &[&str]) -> Table {
        let mut t = Table::new(name, "test");
        t.columns.push(Column::new("id", ColumnType::Uuid));
        t.primary_key = vec!["id".into()];
        for r in refs {
            t.columns
                .push(Column::new(format!("{r}_id"), ColumnType::Uuid).nullable());
            t.foreign_keys.push(ForeignKey {
                name: format!("fk_{name}_{r}"),
                columns: vec![format!("{r}_id")],
                ref_table: (*r).into(),
                ref_columns: vec!["id".into()],
                on_delete: ReferentialAction::NoAction,
                on_update: ReferentialAction::NoAction,
            });
        }
        t
    }

    fn names(order: &TableOrder<'_>) -> Vec<String> {
        order.tables.iter().map(|t| t.name.clone()).collect()
    }

    fn deferred(order: &TableOrder<'_>) -> Vec<String> {
        order
            .deferred
            .iter()
            .map(|(_, fk)| fk.name.clone())
            .collect()
    }

    #[test]
    fn referenced_tables_come_first_then_names() {
        let schema = Schema::from_tables([
            table("c", &["b"]),
            table("b", &["a"]),
            table("a", &[]),
            table("z", &[]),
        ]);
        let order = dependency_order(&schema);
        assert_eq!(names(&order), ["a", "b", "c", "z"]);
        assert!(order.deferred.is_empty());
    }

    #[test]
    fn self_reference_is_not_a_cycle() {
        let schema = Schema::from_tables([table("node", &["node"])]);
        let order = dependency_order(&schema);
        assert_eq!(names(&order), ["node"]);
        assert!(order.deferred.is_empty());
    }

    #[test]
    fn a_two_table_cycle_defers_one_key() {
        let schema = Schema::from_tables([
            table("workspaces", &["users"]),
            table("users", &["workspaces"]),
        ]);
        let order = dependency_order(&schema);
        assert_eq!(names(&order), ["users", "workspaces"]);
        assert_eq!(deferred(&order), ["fk_users_workspaces"]);
        assert!(order.is_deferred("users", "fk_users_workspaces"));
    }

    #[test]
    fn tables_outside_a_cycle_keep_their_keys() {
        // `a` waits on the cycle x <-> y but is not part of it.
        let schema =
            Schema::from_tables([table("a", &["x"]), table("x", &["y"]), table("y", &["x"])]);
        let order = dependency_order(&schema);
        // Once `x` exists, `a` is ready and comes first by name.
        assert_eq!(names(&order), ["x", "a", "y"]);
        assert_eq!(deferred(&order), ["fk_x_y"]);
    }

    #[test]
    fn a_three_table_cycle_defers_one_key() {
        let schema =
            Schema::from_tables([table("a", &["c"]), table("b", &["a"]), table("c", &["b"])]);
        let order = dependency_order(&schema);
        assert_eq!(names(&order), ["a", "b", "c"]);
        assert_eq!(deferred(&order), ["fk_a_c"]);
    }

    #[test]
    fn declaration_order_does_not_matter() {
        let one = Schema::from_tables([table("a", &["b"]), table("b", &["a"]), table("c", &["a"])]);
        let two = Schema::from_tables([table("c", &["a"]), table("b", &["a"]), table("a", &["b"])]);
        assert_eq!(
            names(&dependency_order(&one)),
            names(&dependency_order(&two))
        );
        assert_eq!(
            deferred(&dependency_order(&one)),
            deferred(&dependency_order(&two))
        );
    }
}
