//! A [`Diagram`] as a Mermaid `erDiagram`, embedded in the Markdown pages.

use std::fmt::Write as _;

use hingecraft_schema::model::Schema;

use super::graph::{Detail, Diagram, key_kind};

/// A type name as a Mermaid attribute type: letters, digits and `_` only
/// (`varchar(255)` becomes `varchar_255`, `double precision` `double_precision`).
fn mermaid_type(ty: &str) -> String {
    let t: String = ty
        .replace("[]", "_array")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    t.trim_end_matches('_').to_owned()
}

/// The diagram as Mermaid source, without the code fence.
///
/// A foreign key is one line `parent ||--o{ child : "columns"` (`|o` when
/// the referencing columns are nullable); a table of another layer appears
/// only through its relationships.
pub fn render(schema: &Schema, d: &Diagram) -> String {
    let mut out = String::from("erDiagram\n");
    for node in &d.nodes {
        let Some(t) = schema.table(&node.table) else {
            continue;
        };
        if node.detail == Detail::External {
            continue;
        }
        let _ = writeln!(out, "    {} {{", t.name);
        for c in &t.columns {
            let (pk, fk) = key_kind(t, &c.name);
            if node.detail == Detail::Keys && !pk && !fk {
                continue;
            }
            let keys = match (pk, fk) {
                (true, true) => " PK, FK",
                (true, false) => " PK",
                (false, true) => " FK",
                (false, false) => "",
            };
            let _ = writeln!(
                out,
                "        {} {}{keys}",
                mermaid_type(&c.ty.display_name()),
                c.name
            );
        }
        let _ = writeln!(out, "    }}");
    }
    for e in &d.edges {
        let parent_side = if e.optional { "|o" } else { "||" };
        let _ = writeln!(
            out,
            "    {} {parent_side}--o{{ {} : \"{}\"",
            e.parent,
            e.child,
            e.label()
        );
    }
    out
}

/// The diagram as a fenced Mermaid block for a Markdown page.
pub fn block(schema: &Schema, d: &Diagram) -> String {
    format!("```mermaid\n{}```\n", render(schema, d))
}

#[cfg(test)]
mod tests {
    use super::mermaid_type;

    #[test]
    fn types_become_mermaid_words() {
        assert_eq!(mermaid_type("varchar(255)"), "varchar_255");
        assert_eq!(mermaid_type("numeric(12,2)"), "numeric_12_2");
        assert_eq!(mermaid_type("double precision"), "double_precision");
        assert_eq!(mermaid_type("text[]"), "text_array");
    }
}
