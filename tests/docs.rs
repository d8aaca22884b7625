//! The generated docs: a page per table, diagrams true to the foreign keys,
//! SVG images, determinism, and `docs --check`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hingecraft::docs::{self, DocFile, DocsInput, Dot, graph};
use hingecraft::model::{
    Check, CheckKind, Column, ColumnType, DefaultValue, ForeignKey, Index, IndexMethod, IndexPart,
    Literal, Policy, PolicyCommand, ReferentialAction, Schema, Table, Trigger, TriggerEvent,
    TriggerTiming, Unique,
};

fn production_docs(dot: Option<&Dot>) -> (Schema, BTreeMap<String, String>) {
    let p = hingecraft_platform::project()
        .production()
        .expect("the production schema merges");
    let modules = hingecraft_platform::project().all_modules();
    let report = p.report_markdown();
    let input = DocsInput {
        title: "HingeCraft schema",
        schema: &p.schema,
        modules: &modules,
        report: &report,
    };
    let files = docs::generate(&input, dot).expect("dot renders every diagram");
    let map = files.into_iter().map(|f| (f.path, f.text)).collect();
    (p.schema, map)
}

/// The foreign-key edges of every Mermaid block of a page: (parent, child, label).
fn mermaid_edges(page: &str) -> BTreeSet<(String, String, String)> {
    let mut edges = BTreeSet::new();
    let mut inside = false;
    for line in page.lines() {
        match line.trim() {
            "```mermaid" => inside = true,
            "```" => inside = false,
            l if inside && l.contains("--") && l.contains(" : ") => {
                let (rel, label) = l.split_once(" : ").unwrap();
                let words: Vec<&str> = rel.split_whitespace().collect();
                assert_eq!(words.len(), 3, "a relationship line: {l}");
                assert!(
                    ["||--o{", "|o--o{"].contains(&words[1]),
                    "a known cardinality: {l}"
                );
                edges.insert((
                    words[0].to_owned(),
                    words[2].to_owned(),
                    label.trim_matches('"').to_owned(),
                ));
            }
            _ => {}
        }
    }
    assert!(!inside, "every Mermaid block is closed");
    edges
}

fn fk_edges<'a>(tables: impl Iterator<Item = &'a Table>) -> BTreeSet<(String, String, String)> {
    tables
        .flat_map(|t| {
            t.foreign_keys
                .iter()
                .map(|fk| (fk.ref_table.clone(), t.name.clone(), fk.columns.join(", ")))
        })
        .collect()
}

#[test]
fn every_production_table_has_a_page() {
    let (schema, files) = production_docs(None);
    assert!(!schema.tables.is_empty());
    let index = &files["README.md"];
    for t in &schema.tables {
        let page = files
            .get(&format!("tables/{}.md", t.name))
            .unwrap_or_else(|| panic!("no page for table `{}`", t.name));
        assert!(page.contains(&format!("# `{}`", t.name)));
        assert!(page.contains("## Columns"), "{}", t.name);
        for c in &t.columns {
            assert!(
                page.contains(&format!("| `{}` |", c.name)),
                "column `{}.{}` on its page",
                t.name,
                c.name
            );
        }
        assert!(
            index.contains(&format!("(tables/{}.md)", t.name)),
            "the index links `{}`",
            t.name
        );
        let layer = format!("layers/{}.md", graph::group_id(t));
        assert!(
            files[&layer].contains(&format!("(../tables/{}.md)", t.name)),
            "{layer} lists `{}`",
            t.name
        );
    }
    // Nothing else under tables/.
    let pages = files.keys().filter(|p| p.starts_with("tables/")).count();
    assert_eq!(pages, schema.tables.len());
    for m in hingecraft_platform::project().all_modules() {
        let row = format!("`{}`", m.name);
        assert!(index.contains(&row), "the index lists module {}", m.name);
    }
    let busm = &files["modules/busm.md"];
    assert!(
        busm.contains("```mermaid") && !busm.contains("CREATE"),
        "concept page: diagram, no SQL"
    );
    assert!(
        files["report.md"].contains(
            &hingecraft_platform::project()
                .production()
                .unwrap()
                .report_markdown()[..40]
        )
    );
}

#[test]
fn every_foreign_key_is_an_edge_of_its_layer_diagram_and_of_the_whole_schema() {
    let (schema, files) = production_docs(None);
    let all = fk_edges(schema.tables.iter());
    assert!(!all.is_empty(), "the production schema has foreign keys");
    assert_eq!(
        mermaid_edges(&files["schema.md"]),
        all,
        "the whole-schema diagram has exactly the schema's foreign keys"
    );
    for g in graph::groups(&schema) {
        let held = fk_edges(schema.tables.iter().filter(|t| g.tables.contains(&t.name)));
        assert_eq!(
            mermaid_edges(&files[&format!("layers/{}.md", g.id)]),
            held,
            "layer {} shows exactly the foreign keys its tables hold",
            g.id
        );
    }
    for t in &schema.tables {
        let expected: BTreeSet<_> = all
            .iter()
            .filter(|(parent, child, _)| parent == &t.name || child == &t.name)
            .cloned()
            .collect();
        assert_eq!(
            mermaid_edges(&files[&format!("tables/{}.md", t.name)]),
            expected,
            "the diagram of `{}` shows its neighbours at distance 1",
            t.name
        );
    }
}

fn dot_or_skip(test: &str) -> Option<Dot> {
    let dot = Dot::find();
    if dot.is_none() {
        assert!(
            std::env::var_os("HINGECRAFT_REQUIRE_DOT").is_none(),
            "HINGECRAFT_REQUIRE_DOT is set and Graphviz `dot` is not on PATH"
        );
        println!("SKIPPED {test}: Graphviz `dot` is not on PATH");
    }
    dot
}

#[test]
fn svgs_exist_and_name_every_table_of_their_layer() {
    let Some(dot) = dot_or_skip("svgs_exist_and_name_every_table_of_their_layer") else {
        return;
    };
    let (schema, files) = production_docs(Some(&dot));
    for g in graph::groups(&schema) {
        let svg = files
            .get(&format!("svg/layers/{}.svg", g.id))
            .unwrap_or_else(|| panic!("no image of layer {}", g.id));
        assert!(svg.contains("<svg"), "an SVG image");
        assert!(!svg.contains("Generated by graphviz"), "no version comment");
        for t in &g.tables {
            assert!(
                svg.contains(&format!("<title>{t}</title>")),
                "the image of layer {} names `{t}`",
                g.id
            );
        }
    }
    let whole = &files["svg/schema.svg"];
    for t in &schema.tables {
        assert!(whole.contains(&format!("<title>{}</title>", t.name)));
        let own = &files[&format!("svg/tables/{}.svg", t.name)];
        assert!(own.contains(&format!("<title>{}</title>", t.name)));
    }
    // Every image a page links to exists.
    for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".md")) {
        for link in text.split("](").skip(1) {
            let target = &link[..link.find(')').unwrap()];
            if target.ends_with(".svg") {
                let base = Path::new(path).parent().unwrap().join(target);
                let resolved = normalize(&base);
                assert!(files.contains_key(&resolved), "{path} links {target}");
            }
        }
    }
}

fn normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c.as_os_str().to_str().unwrap() {
            ".." => {
                parts.pop();
            }
            "." => {}
            s => parts.push(s.to_owned()),
        }
    }
    parts.join("/")
}

fn hingecraft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hingecraft"))
        .args(args)
        .output()
        .unwrap()
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path.strip_prefix(dir).unwrap().to_owned(), bytes);
            }
        }
    }
    out
}

#[test]
fn docs_are_byte_identical_across_two_runs() {
    let (a, b) = (fresh_dir("docs-run-a"), fresh_dir("docs-run-b"));
    for dir in [&a, &b] {
        let out = hingecraft(&["docs", "--out", dir.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.contains_key(Path::new("README.md")));
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &ta {
        assert!(
            &tb[path] == bytes,
            "{} differs between runs",
            path.display()
        );
    }
    if Dot::find().is_some() {
        assert!(ta.contains_key(Path::new("svg/schema.svg")));
    }
}

#[test]
fn docs_check_names_the_files_that_differ() {
    let dir = fresh_dir("docs-check");
    let d = dir.to_str().unwrap();
    assert!(hingecraft(&["docs", "--out", d]).status.success());
    let ok = hingecraft(&["docs", "--check", "--out", d]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    let (schema, _) = production_docs(None);
    let (first, second) = (&schema.tables[0].name, &schema.tables[1].name);
    let edited = dir.join(format!("tables/{first}.md"));
    std::fs::write(&edited, "edited by hand\n").unwrap();
    let removed = dir.join(format!("tables/{second}.md"));
    std::fs::remove_file(&removed).unwrap();
    // A page of a table that is gone, and a hand-written page beside the
    // generated ones.
    let extra = dir.join("tables/no_such_table.md");
    std::fs::write(&extra, format!("{}\n\nold\n", docs::GENERATED_NOTE)).unwrap();
    let hand_written = dir.join("security.md");
    std::fs::write(&hand_written, "# Security\n").unwrap();

    let out = hingecraft(&["docs", "--check", "--out", d]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("differs: {}", edited.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("missing: {}", removed.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("no longer generated: {}", extra.display())),
        "{err}"
    );
    assert!(
        err.contains("3 file(s)") && err.contains("run `cargo run -- docs`"),
        "{err}"
    );

    assert!(!err.contains("security.md"), "{err}");

    assert!(hingecraft(&["docs", "--out", d]).status.success());
    assert!(!extra.exists(), "a file no longer generated is removed");
    assert_eq!(
        std::fs::read_to_string(&hand_written).unwrap(),
        "# Security\n",
        "a hand-written page is left alone"
    );
    assert!(
        hingecraft(&["docs", "--check", "--out", d])
            .status
            .success()
    );
}

fn small_schema() -> Schema {
    let mut owners = Table::new("owners", "pets");
    owners.layer = Some("03_pets".into());
    owners.doc = Some("A person who keeps pets.".into());
    owners
        .columns
        .push(Column::new("id", ColumnType::Uuid).default(DefaultValue::RandomUuid));
    owners.primary_key = vec!["id".into()];

    let mut pets = Table::new("pets", "production");
    pets.layer = Some("03_pets".into());
    pets.doc = Some("An animal kept by an owner.\n\nOne row per animal.".into());
    pets.declared_by = vec!["clinic".into(), "pets".into()];
    pets.flags.audit = true;
    pets.flags.owner_column = Some("owner_id".into());
    let mut id = Column::new("id", ColumnType::Uuid).default(DefaultValue::RandomUuid);
    id.declared_by = vec!["clinic".into(), "pets".into()];
    let mut owner = Column::new("owner_id", ColumnType::Uuid).doc("Who keeps it | cares for it.");
    owner.declared_by = vec!["pets".into()];
    let species = Column::new("species", ColumnType::Varchar { len: 20 })
        .default(DefaultValue::Literal(Literal::Text("cat".into())));
    let name_lower = Column::new("name_lower", ColumnType::Text)
        .nullable()
        .generated("lower(species)");
    pets.columns = vec![id, owner, species, name_lower];
    pets.primary_key = vec!["id".into()];
    pets.foreign_keys.push(ForeignKey {
        name: "fk_pets_owner_id".into(),
        columns: vec!["owner_id".into()],
        ref_table: "owners".into(),
        ref_columns: vec!["id".into()],
        on_delete: ReferentialAction::Cascade,
        on_update: ReferentialAction::NoAction,
    });
    pets.uniques.push(Unique {
        name: "uq_pets_owner_id_species".into(),
        columns: vec!["owner_id".into(), "species".into()],
    });
    pets.checks.push(Check {
        name: "ck_pets_species_one_of".into(),
        kind: CheckKind::OneOf {
            column: "species".into(),
            values: vec![Literal::Text("cat".into()), Literal::Text("dog".into())],
        },
    });
    pets.indexes.push(Index {
        name: "idx_pets_owner_id".into(),
        parts: vec![IndexPart::column("owner_id")],
        unique: false,
        method: IndexMethod::Btree,
        predicate: None,
    });
    pets.rls_enabled = true;
    pets.policies.push(Policy {
        name: "pets_owner".into(),
        command: PolicyCommand::All,
        roles: vec![],
        using: Some("owner_id = app.current_user_id()".into()),
        with_check: None,
    });
    pets.triggers.push(Trigger {
        name: "trg_pets_audit".into(),
        timing: TriggerTiming::After,
        events: vec![TriggerEvent::Insert, TriggerEvent::Update],
        function: "audit_row".into(),
    });
    Schema::from_tables([owners, pets])
}

#[test]
fn a_small_table_page() {
    let schema = small_schema();
    let input = DocsInput {
        title: "Small schema",
        schema: &schema,
        modules: &[],
        report: "# Report\n",
    };
    let files: Vec<DocFile> = docs::markdown(&input);
    let page = files.iter().find(|f| f.path == "tables/pets.md").unwrap();
    insta::assert_snapshot!(page.text);
}
