//! Pages for what is not a table: functions, views, concept-stage modules.

use std::fmt::Write as _;

use hingecraft_schema::lifecycle;
use hingecraft_schema::model::{Function, Module, Schema, Volatility};

use super::GENERATED_NOTE;
use super::text::{cell, code, summary, table_link};

fn sorted<T>(items: &[T], key: impl Fn(&T) -> &str) -> Vec<&T> {
    let mut v: Vec<&T> = items.iter().collect();
    v.sort_by(|a, b| key(a).cmp(key(b)));
    v
}

fn signature(f: &Function) -> String {
    let args: Vec<String> = f
        .args
        .iter()
        .map(|a| match &a.default {
            Some(d) => format!("{} {} = {d}", a.name, a.ty),
            None => format!("{} {}", a.name, a.ty),
        })
        .collect();
    format!("{}({}) → {}", f.name, args.join(", "), f.returns)
}

/// Every function of the schema, with the tables whose triggers call it.
pub(crate) fn functions_page(schema: &Schema) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{GENERATED_NOTE}\n");
    let _ = writeln!(out, "# Functions\n");
    let _ = writeln!(out, "[Index](README.md)\n");
    if schema.functions.is_empty() {
        let _ = writeln!(out, "The schema declares no functions.");
        return out;
    }
    let functions = sorted(&schema.functions, |f| &f.name);
    let _ = writeln!(out, "| function | returns | description |\n|---|---|---|");
    for f in &functions {
        let _ = writeln!(
            out,
            "| [`{0}`](#fn-{0}) | {1} | {2} |",
            f.name,
            code(&f.returns),
            summary(f.doc.as_deref())
        );
    }
    let _ = writeln!(out);
    for f in functions {
        let _ = writeln!(out, "<a id=\"fn-{}\"></a>\n", f.name);
        let _ = writeln!(out, "## `{}`\n", f.name);
        if let Some(doc) = &f.doc {
            let _ = writeln!(out, "{}\n", doc.trim_end());
        }
        let _ = writeln!(out, "- Signature: {}", code(&signature(f)));
        let _ = writeln!(
            out,
            "- Language: {}; {}{}",
            f.language,
            match f.volatility {
                Volatility::Volatile => "volatile",
                Volatility::Stable => "stable",
                Volatility::Immutable => "immutable",
            },
            if f.security_definer {
                "; runs with its owner's rights (security definer)"
            } else {
                ""
            }
        );
        if !f.search_path.is_empty() {
            let _ = writeln!(out, "- Search path: {}", code(&f.search_path.join(", ")));
        }
        let mut callers: Vec<String> = schema
            .tables
            .iter()
            .flat_map(|t| {
                t.triggers
                    .iter()
                    .filter(|tr| tr.function == f.name)
                    .map(move |tr| format!("{} (`{}`)", table_link("tables/", &t.name), tr.name))
            })
            .collect();
        callers.sort();
        if !callers.is_empty() {
            let _ = writeln!(out, "- Triggers: {}", callers.join(", "));
        }
        let _ = writeln!(
            out,
            "\n<details><summary>Body</summary>\n\n```sql\n{}\n```\n\n</details>\n",
            f.body.trim()
        );
    }
    out
}

/// Every view of the schema: what it reads, its columns, its query.
pub(crate) fn views_page(schema: &Schema) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{GENERATED_NOTE}\n");
    let _ = writeln!(out, "# Views\n");
    let _ = writeln!(out, "[Index](README.md)\n");
    if schema.views.is_empty() {
        let _ = writeln!(out, "The schema declares no views.");
        return out;
    }
    let views = sorted(&schema.views, |v| &v.name);
    let _ = writeln!(out, "| view | kind | description |\n|---|---|---|");
    for v in &views {
        let _ = writeln!(
            out,
            "| [`{0}`](#view-{0}) | {1} | {2} |",
            v.name,
            if v.materialized {
                "materialized"
            } else {
                "view"
            },
            summary(v.doc.as_deref())
        );
    }
    let _ = writeln!(out);
    for v in views {
        let _ = writeln!(out, "<a id=\"view-{}\"></a>\n", v.name);
        let _ = writeln!(out, "## `{}`\n", v.name);
        if let Some(doc) = &v.doc {
            let _ = writeln!(out, "{}\n", doc.trim_end());
        }
        let _ = writeln!(
            out,
            "- Kind: {}; declared by module `{}`",
            if v.materialized {
                "materialized view"
            } else {
                "view"
            },
            v.module
        );
        let mut reads: Vec<&String> = v.depends_on.iter().collect();
        reads.sort();
        let reads: Vec<String> = reads
            .iter()
            .map(|t| {
                if schema.table(t).is_some() {
                    table_link("tables/", t)
                } else {
                    format!("`{t}`")
                }
            })
            .collect();
        if !reads.is_empty() {
            let _ = writeln!(out, "- Reads: {}", reads.join(", "));
        }
        if !v.unique_key.is_empty() {
            let _ = writeln!(out, "- Unique key: ({})", v.unique_key.join(", "));
        }
        let _ = writeln!(
            out,
            "\n| column | type | nullable | default | comment |\n|---|---|---|---|---|"
        );
        for c in &v.columns {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                c.name,
                code(&c.ty.display_name()),
                if c.nullable { "yes" } else { "no" },
                c.default
                    .as_ref()
                    .map(|d| code(&d.to_string()))
                    .unwrap_or_default(),
                c.doc.as_deref().map(cell).unwrap_or_default()
            );
        }
        let _ = writeln!(
            out,
            "\n<details><summary>Query</summary>\n\n```sql\n{}\n```\n\n</details>\n",
            v.query.trim()
        );
    }
    out
}

/// A concept-stage module: its field lists and diagram, and no SQL.
pub(crate) fn concept_page(m: &Module) -> String {
    format!(
        "{GENERATED_NOTE}\n\n[Index](../README.md)\n\n{}",
        lifecycle::concept_markdown(m)
    )
}
