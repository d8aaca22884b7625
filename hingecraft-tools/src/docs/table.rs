//! One page per production table, in the manner of tbls: description,
//! columns (with parents, children and the modules that declared each),
//! constraints, indexes, triggers, row-level security and its neighbours.

use std::fmt::Write as _;

use hingecraft_schema::model::{Schema, Table, TriggerTiming};

use super::graph::{self, Edge};
use super::text::{action, cell, check_text, code, default_cell, table_link};
use super::{GENERATED_NOTE, mermaid};

/// A link to another table's page, or its name when the schema lacks it.
fn link(schema: &Schema, table: &str) -> String {
    if schema.table(table).is_some() {
        table_link("", table)
    } else {
        format!("`{table}`")
    }
}

/// The page of one table.
pub(crate) fn table_page(schema: &Schema, t: &Table) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{GENERATED_NOTE}\n");
    let _ = writeln!(out, "# `{}`\n", t.name);
    let group = graph::group_id(t);
    let _ = writeln!(
        out,
        "[Index](../README.md) · [{}](../layers/{group}.md)\n",
        group
    );
    let _ = writeln!(
        out,
        "{}\n",
        t.doc.as_deref().unwrap_or("(no description)").trim_end()
    );
    facts(&mut out, t);

    let children: Vec<Edge> = schema
        .tables
        .iter()
        .flat_map(graph::edges_of)
        .filter(|e| e.parent == t.name)
        .collect();
    columns(&mut out, schema, t, &children);
    constraints(&mut out, schema, t);
    indexes(&mut out, t);
    triggers(&mut out, t);
    security(&mut out, t);

    let d = graph::table_diagram(schema, t);
    let _ = writeln!(out, "## Relations\n");
    out.push_str(&mermaid::block(schema, &d));
    let _ = writeln!(
        out,
        "\n![{} and its neighbours](../svg/{}.svg)",
        t.name, d.name
    );
    out
}

fn facts(out: &mut String, t: &Table) {
    let mut facts = Vec::new();
    if !t.declared_by.is_empty() {
        let m: Vec<String> = t.declared_by.iter().map(|m| format!("`{m}`")).collect();
        facts.push(format!("Merged from modules: {}.", m.join(", ")));
    } else {
        facts.push(format!("Declared by module `{}`.", t.module));
    }
    let flags = &t.flags;
    let mut behaviours = Vec::new();
    for (on, what) in [
        (flags.audit, "audited"),
        (flags.soft_delete, "soft delete"),
        (flags.versioned, "optimistic locking"),
        (flags.timestamps, "timestamps"),
        (flags.public, "public"),
    ] {
        if on {
            behaviours.push(what);
        }
    }
    if !behaviours.is_empty() {
        facts.push(format!("Behaviours: {}.", behaviours.join(", ")));
    }
    if let Some(c) = &flags.tenant_column {
        facts.push(format!("Tenant column: `{c}`."));
    }
    if let Some(c) = &flags.owner_column {
        facts.push(format!("Owner column: `{c}`."));
    }
    if let Some(p) = &t.partition {
        facts.push(format!(
            "Partitioned by range on `{}`, one partition per {}.",
            p.column,
            format!("{:?}", p.interval).to_lowercase()
        ));
    }
    if let Some(old) = &t.renamed_from {
        facts.push(format!("Renamed from `{old}`."));
    }
    for f in facts {
        let _ = writeln!(out, "- {f}");
    }
    let _ = writeln!(out);
}

fn columns(out: &mut String, schema: &Schema, t: &Table, children: &[Edge]) {
    let _ = writeln!(out, "## Columns\n");
    let _ = writeln!(
        out,
        "| name | type | default | nullable | children | parents | comment | declared by |\n\
         |---|---|---|---|---|---|---|---|"
    );
    for c in &t.columns {
        let default = default_cell(c);
        let kids: Vec<String> = children
            .iter()
            .filter(|e| {
                schema
                    .table(&e.child)
                    .and_then(|ct| {
                        ct.foreign_keys
                            .iter()
                            .find(|fk| fk.ref_table == t.name && fk.columns == e.columns)
                    })
                    .is_some_and(|fk| fk.ref_columns.contains(&c.name))
            })
            .map(|e| format!("{} ({})", link(schema, &e.child), e.label()))
            .collect();
        let parents: Vec<String> = t
            .foreign_keys
            .iter()
            .filter(|fk| fk.columns.contains(&c.name))
            .map(|fk| {
                format!(
                    "{} ({})",
                    link(schema, &fk.ref_table),
                    fk.ref_columns.join(", ")
                )
            })
            .collect();
        let mut comment = c.doc.as_deref().map(cell).unwrap_or_default();
        if let Some(old) = &c.renamed_from {
            comment.push_str(&format!(" (renamed from `{old}`)"));
        }
        let declared: Vec<String> = c.declared_by.iter().map(|m| format!("`{m}`")).collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} |",
            c.name,
            code(&c.ty.display_name()),
            default,
            if c.nullable { "yes" } else { "no" },
            kids.join("<br>"),
            parents.join("<br>"),
            comment.trim(),
            declared.join(", ")
        );
    }
    let _ = writeln!(out);
}

fn constraints(out: &mut String, schema: &Schema, t: &Table) {
    let _ = writeln!(out, "## Constraints\n");
    let _ = writeln!(out, "| name | type | definition |\n|---|---|---|");
    if !t.primary_key.is_empty() {
        let _ = writeln!(
            out,
            "| `{}_pkey` | primary key | ({}) |",
            t.name,
            t.primary_key.join(", ")
        );
    }
    for fk in &t.foreign_keys {
        let mut def = format!(
            "({}) → {} ({})",
            fk.columns.join(", "),
            link(schema, &fk.ref_table),
            fk.ref_columns.join(", ")
        );
        if let Some(a) = action(fk.on_delete) {
            def.push_str(&format!(", on delete {a}"));
        }
        if let Some(a) = action(fk.on_update) {
            def.push_str(&format!(", on update {a}"));
        }
        let _ = writeln!(out, "| `{}` | foreign key | {def} |", fk.name);
    }
    for u in &t.uniques {
        let _ = writeln!(
            out,
            "| `{}` | unique | ({}) |",
            u.name,
            u.columns.join(", ")
        );
    }
    for ck in &t.checks {
        let _ = writeln!(out, "| `{}` | check | {} |", ck.name, check_text(&ck.kind));
    }
    let _ = writeln!(out);
}

fn indexes(out: &mut String, t: &Table) {
    if t.indexes.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Indexes\n");
    let _ = writeln!(
        out,
        "| name | columns | method | unique | where |\n|---|---|---|---|---|"
    );
    for ix in &t.indexes {
        let parts: Vec<String> = ix
            .parts
            .iter()
            .map(|p| match &p.opclass {
                Some(op) => format!("{} {op}", p.column),
                None => p.column.clone(),
            })
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            ix.name,
            code(&parts.join(", ")),
            ix.method.as_sql(),
            if ix.unique { "yes" } else { "no" },
            ix.predicate.as_deref().map(code).unwrap_or_default()
        );
    }
    let _ = writeln!(out);
}

fn triggers(out: &mut String, t: &Table) {
    if t.triggers.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Triggers\n");
    let _ = writeln!(
        out,
        "| name | timing | events | function |\n|---|---|---|---|"
    );
    for tr in &t.triggers {
        let events: Vec<String> = tr
            .events
            .iter()
            .map(|e| format!("{e:?}").to_lowercase())
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | [`{}`](../functions.md#fn-{}) |",
            tr.name,
            match tr.timing {
                TriggerTiming::Before => "before",
                TriggerTiming::After => "after",
            },
            events.join(", "),
            tr.function,
            tr.function
        );
    }
    let _ = writeln!(out);
}

fn security(out: &mut String, t: &Table) {
    if !t.rls_enabled && t.policies.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Row-level security\n");
    let _ = writeln!(
        out,
        "Row-level security is {}.\n",
        if t.rls_enabled {
            "enabled and forced"
        } else {
            "not enabled"
        }
    );
    if t.policies.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "| policy | command | roles | using | with check |\n|---|---|---|---|---|"
    );
    for p in &t.policies {
        let roles = if p.roles.is_empty() {
            "public".to_owned()
        } else {
            p.roles.join(", ")
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            p.name,
            p.command.as_sql().to_lowercase(),
            roles,
            p.using.as_deref().map(code).unwrap_or_default(),
            p.with_check.as_deref().map(code).unwrap_or_default()
        );
    }
    let _ = writeln!(out);
}
