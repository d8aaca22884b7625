//! Layers import downward only: no cycle of `crate::`, `super::` or `self::`
//! dependencies between the modules of any crate of the workspace.
//!
//! Each crate's `src/` is parsed (test modules and `#[cfg(test)]` items
//! aside). A path is resolved through the modules and the imports it passes
//! (`pub use` re-exports included), so `super::Thing` that a parent
//! re-exports from a sibling counts as a dependency on that sibling. An edge
//! between two modules is seen at the level where their paths part: an edge
//! from `render::changes::postgres` to `render::postgres` is one from
//! `render::changes` to `render::postgres`. A module using its ancestors or
//! its descendants is not a cycle; two siblings that use each other,
//! directly or around a longer loop, are.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

/// The crates of the workspace, by their source root.
const CRATES: &[&str] = &[
    "hingecraft/src/lib.rs",
    "hingecraft-macros/src/lib.rs",
    "hingecraft-model/src/lib.rs",
    "hingecraft-runtime/src/lib.rs",
    "hingecraft-schema/src/lib.rs",
    "hingecraft-tools/src/lib.rs",
    "hingecraft-entities/src/lib.rs",
    "hingecraft-migration/src/lib.rs",
    "hingecraft-migration/src/main.rs",
    "src/lib.rs",
    "src/main.rs",
    "tests/harness/src/lib.rs",
];

type ModPath = Vec<String>;

#[derive(Debug, Default)]
struct Module {
    file: PathBuf,
    children: BTreeSet<String>,
    /// Names brought in by `use` (any visibility): name -> absolute path.
    imports: BTreeMap<String, ModPath>,
    /// `use path::*` (any visibility): absolute paths of the modules.
    globs: Vec<ModPath>,
    /// Every absolute path this module names, with the text it wrote.
    refs: Vec<(ModPath, String)>,
}

#[derive(Debug, Default)]
struct Crate {
    modules: BTreeMap<ModPath, Module>,
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg") && {
            let text = a.meta.to_token_stream().to_string();
            text.contains("test") && !text.contains("not")
        }
    })
}

/// A `use` tree flattened: (written path, the name it binds or `*`).
fn flatten_use(
    tree: &syn::UseTree,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, String)>,
) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten_use(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            if name == "self" {
                let bound = prefix.last().cloned().unwrap_or_default();
                out.push((prefix.clone(), bound));
            } else {
                let mut p = prefix.clone();
                p.push(name.clone());
                out.push((p, name));
            }
        }
        syn::UseTree::Rename(r) => {
            let mut p = prefix.clone();
            let name = r.ident.to_string();
            if name != "self" {
                p.push(name);
            }
            out.push((p, r.rename.to_string()));
        }
        syn::UseTree::Glob(_) => out.push((prefix.clone(), "*".to_owned())),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                flatten_use(t, prefix, out);
            }
        }
    }
}

/// Every path in the tokens that starts at `crate`, `$crate`, `super` or
/// `self` (a use tree aside).
fn token_paths(tokens: TokenStream, out: &mut Vec<Vec<String>>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        if let TokenTree::Group(g) = &trees[i] {
            token_paths(g.stream(), out);
            i += 1;
            continue;
        }
        let starts = matches!(&trees[i], TokenTree::Ident(id) if id == "crate" || id == "super" || id == "self");
        let after_colons =
            i >= 1 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == ':');
        if starts && !after_colons {
            let mut path = Vec::new();
            let mut j = i;
            while let TokenTree::Ident(id) = &trees[j] {
                path.push(id.to_string());
                let colons = j + 2 < trees.len()
                    && matches!(&trees[j + 1], TokenTree::Punct(p) if p.as_char() == ':')
                    && matches!(&trees[j + 2], TokenTree::Punct(p) if p.as_char() == ':');
                if !colons || j + 3 >= trees.len() {
                    break;
                }
                j += 3;
            }
            if path.len() > 1 {
                out.push(path);
            }
            i = j + 1;
            continue;
        }
        i += 1;
    }
}

fn child_dir(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let parent = file.parent().expect("a source file has a directory");
    if matches!(name, "lib.rs" | "main.rs" | "mod.rs") {
        parent.to_path_buf()
    } else {
        parent.join(file.file_stem().expect("a file stem"))
    }
}

/// Make `written` absolute from module `at`; `None` for another crate.
fn absolute(krate: &Crate, at: &ModPath, written: &[String]) -> Option<ModPath> {
    let mut base = at.clone();
    let mut rest = written;
    match rest.first().map(String::as_str) {
        Some("crate" | "$crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                base.pop();
                rest = &rest[1..];
            }
            if rest.first().map(String::as_str) == Some("self") {
                rest = &rest[1..];
            }
        }
        Some(first) => {
            let m = krate.modules.get(at)?;
            if m.children.contains(first) {
                // A child module: relative.
            } else if let Some(target) = m.imports.get(first) {
                let mut p = target.clone();
                p.extend(rest[1..].iter().cloned());
                return Some(p);
            } else {
                return None;
            }
        }
        None => return None,
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

fn parse_items(krate: &mut Crate, path: &ModPath, file: &Path, dir: &Path, items: &[syn::Item]) {
    let mut module = Module {
        file: file.to_path_buf(),
        ..Module::default()
    };
    let mut uses = Vec::new();
    let mut nested = Vec::new();
    for item in items {
        match item {
            syn::Item::Mod(m) if is_cfg_test(&m.attrs) => {}
            syn::Item::Mod(m) => {
                let name = m.ident.to_string();
                module.children.insert(name.clone());
                let mut child = path.clone();
                child.push(name.clone());
                match &m.content {
                    Some((_, items)) => {
                        nested.push((child, file.to_path_buf(), dir.join(&name), items.clone()));
                    }
                    None => {
                        let flat = dir.join(format!("{name}.rs"));
                        let f = if flat.exists() {
                            flat
                        } else {
                            dir.join(&name).join("mod.rs")
                        };
                        let text = fs::read_to_string(&f)
                            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
                        let parsed = syn::parse_file(&text)
                            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
                        let d = child_dir(&f);
                        nested.push((child, f, d, parsed.items));
                    }
                }
            }
            syn::Item::Use(u) if is_cfg_test(&u.attrs) => {}
            syn::Item::Use(u) => {
                let mut flat = Vec::new();
                flatten_use(&u.tree, &mut Vec::new(), &mut flat);
                uses.extend(flat);
            }
            other => {
                let attrs: &[syn::Attribute] = match other {
                    syn::Item::Fn(f) => &f.attrs,
                    syn::Item::Impl(i) => &i.attrs,
                    syn::Item::Struct(s) => &s.attrs,
                    syn::Item::Enum(e) => &e.attrs,
                    syn::Item::Const(c) => &c.attrs,
                    syn::Item::Static(s) => &s.attrs,
                    syn::Item::Trait(t) => &t.attrs,
                    syn::Item::Macro(m) => &m.attrs,
                    _ => &[],
                };
                if !is_cfg_test(attrs) {
                    let mut found = Vec::new();
                    token_paths(other.to_token_stream(), &mut found);
                    uses.extend(found.into_iter().map(|p| (p, String::new())));
                }
            }
        }
    }
    krate.modules.insert(path.clone(), module);
    // Imports are resolved once every module is known; keep them as written.
    PENDING.with(|p| p.borrow_mut().push((path.clone(), uses)));
    for (child, f, d, items) in nested {
        parse_items(krate, &child, &f, &d, &items);
    }
}

type Pending = Vec<(ModPath, Vec<(Vec<String>, String)>)>;

thread_local! {
    static PENDING: std::cell::RefCell<Pending> = const { std::cell::RefCell::new(Vec::new()) };
}

fn load(root: &Path, lib: &str) -> Crate {
    let file = root.join(lib);
    let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let parsed = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut krate = Crate::default();
    PENDING.with(|p| p.borrow_mut().clear());
    parse_items(
        &mut krate,
        &Vec::new(),
        &file,
        &child_dir(&file),
        &parsed.items,
    );
    let pending = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    // Imports first (they may name each other: resolve until nothing changes).
    for _ in 0..4 {
        for (at, uses) in &pending {
            for (written, bound) in uses.iter().filter(|(_, b)| !b.is_empty()) {
                if let Some(abs) = absolute(&krate, at, written) {
                    let m = krate.modules.get_mut(at).expect("module");
                    if bound == "*" {
                        if !m.globs.contains(&abs) {
                            m.globs.push(abs);
                        }
                    } else {
                        m.imports.insert(bound.clone(), abs);
                    }
                }
            }
        }
    }
    for (at, uses) in pending {
        for (written, _) in uses {
            if let Some(abs) = absolute(&krate, &at, &written) {
                krate
                    .modules
                    .get_mut(&at)
                    .expect("module")
                    .refs
                    .push((abs, written.join("::")));
            }
        }
    }
    krate
}

/// The module an absolute path ends in, through imports and re-exports.
fn resolve(krate: &Crate, path: &[String], depth: usize) -> ModPath {
    let mut at: ModPath = Vec::new();
    for (i, seg) in path.iter().enumerate() {
        let Some(m) = krate.modules.get(&at) else {
            return at;
        };
        if m.children.contains(seg) {
            at.push(seg.clone());
            continue;
        }
        if depth < 8 {
            if let Some(target) = m.imports.get(seg) {
                let mut next = target.clone();
                next.extend(path[i + 1..].iter().cloned());
                return resolve(krate, &next, depth + 1);
            }
            for glob in &m.globs {
                let g = resolve(krate, glob, depth + 1);
                if let Some(gm) = krate.modules.get(&g)
                    && (gm.children.contains(seg) || gm.imports.contains_key(seg))
                {
                    let mut next = g.clone();
                    next.extend(path[i..].iter().cloned());
                    return resolve(krate, &next, depth + 1);
                }
            }
        }
        return at;
    }
    at
}

/// Sibling edges: parent -> (from child, to child) -> evidence.
type Edges = BTreeMap<ModPath, BTreeMap<(String, String), Vec<String>>>;

fn sibling_edges(root: &Path, krate: &Crate) -> Edges {
    let mut edges = Edges::new();
    for (from, m) in &krate.modules {
        for (abs, written) in &m.refs {
            let to = resolve(krate, abs, 0);
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == to.len() {
                continue;
            }
            let parent = from[..common].to_vec();
            let file = m.file.strip_prefix(root).unwrap_or(&m.file).display();
            edges
                .entry(parent)
                .or_default()
                .entry((from[common].clone(), to[common].clone()))
                .or_default()
                .push(format!("{file} names {written}"));
        }
    }
    edges
}

/// The strongly connected components of more than one module (Tarjan).
fn cycles(edges: &BTreeMap<(String, String), Vec<String>>) -> Vec<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges.keys() {
        next.entry(a).or_default().push(b);
        next.entry(b).or_default();
    }
    struct State<'a> {
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(v: &'a str, next: &BTreeMap<&'a str, Vec<&'a str>>, s: &mut State<'a>) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on.insert(v);
        for &w in &next[v] {
            if !s.index.contains_key(w) {
                visit(w, next, s);
                let l = s.low[v].min(s.low[w]);
                s.low.insert(v, l);
            } else if s.on.contains(w) {
                let l = s.low[v].min(s.index[w]);
                s.low.insert(v, l);
            }
        }
        if s.low[v] == s.index[v] {
            let mut scc = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                scc.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if scc.len() > 1 {
                scc.sort();
                s.out.push(scc);
            }
        }
    }
    let mut s = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in next.keys() {
        if !s.index.contains_key(v) {
            visit(v, &next, &mut s);
        }
    }
    s.out
}

/// Every cycle of every crate, described with the paths that make it.
fn report(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for lib in CRATES {
        let krate = load(root, lib);
        for (parent, edges) in sibling_edges(root, &krate) {
            for scc in cycles(&edges) {
                let prefix = if parent.is_empty() {
                    String::new()
                } else {
                    format!("{}::", parent.join("::"))
                };
                let names: Vec<String> = scc.iter().map(|m| format!("{prefix}{m}")).collect();
                let mut text = format!("{lib}: cycle between {}", names.join(", "));
                for ((a, b), why) in &edges {
                    if scc.contains(a) && scc.contains(b) {
                        text.push_str(&format!("\n    {prefix}{a} -> {prefix}{b}:"));
                        for w in why.iter().collect::<BTreeSet<_>>() {
                            text.push_str(&format!("\n        {w}"));
                        }
                    }
                }
                found.push(text);
            }
        }
    }
    found
}

#[test]
fn no_module_cycles_in_any_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = report(root);
    assert!(
        found.is_empty(),
        "modules that depend on each other (move the shared code to the lower layer):\n{}",
        found.join("\n")
    );
}

/// The checker sees a cycle made through a parent's re-export, and names it.
#[test]
fn a_cycle_through_a_reexport_is_found() {
    let dir = std::env::temp_dir().join(format!("hingecraft-layering-{}", std::process::id()));
    let src = dir.join("src");
    fs::create_dir_all(src.join("render")).expect("a temporary directory");
    fs::write(src.join("lib.rs"), "mod diff;\nmod render;\n").expect("write");
    fs::write(
        src.join("diff.rs"),
        "pub fn plan() { crate::render::quote(); }\n",
    )
    .expect("write");
    fs::write(
        src.join("render/mod.rs"),
        "mod postgres;\nmod changes;\npub use postgres::quote;\n",
    )
    .expect("write");
    fs::write(src.join("render/postgres.rs"), "pub fn quote() {}\n").expect("write");
    fs::write(
        src.join("render/changes.rs"),
        "use super::quote;\npub fn change() { quote(); }\n",
    )
    .expect("write");
    let krate = load(&dir, "src/lib.rs");
    let edges = sibling_edges(&dir, &krate);
    let render = edges
        .get(&vec!["render".to_owned()])
        .expect("edges in render");
    assert!(
        render.contains_key(&("changes".to_owned(), "postgres".to_owned())),
        "{edges:?}"
    );
    assert!(cycles(render).is_empty());
    // Now the other way round: postgres uses changes, a cycle.
    fs::write(
        src.join("render/postgres.rs"),
        "pub fn quote() { super::changes::change(); }\n",
    )
    .expect("write");
    fs::write(
        src.join("render/changes.rs"),
        "use super::quote;\npub fn change() { quote(); crate::diff::plan(); }\n",
    )
    .expect("write");
    let krate = load(&dir, "src/lib.rs");
    let edges = sibling_edges(&dir, &krate);
    let render = &edges[&vec!["render".to_owned()]];
    assert_eq!(
        cycles(render),
        vec![vec!["changes".to_owned(), "postgres".to_owned()]]
    );
    // And across levels: render::changes -> diff -> render.
    let top = &edges[&Vec::new()];
    assert_eq!(
        cycles(top),
        vec![vec!["diff".to_owned(), "render".to_owned()]]
    );
    fs::remove_dir_all(&dir).expect("remove the temporary directory");
}
