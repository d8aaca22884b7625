//! Generated files, written into a directory or checked against it: what
//! `generate` does with the production entities and `docs` with the docs.
//!
//! A generated directory is owned as a whole, for the kinds of file the
//! caller says it owns: a file of such a kind that is not generated any more
//! is removed by a write and reported by a check. A write touches only the
//! files whose contents differ.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A generated file: its path under the directory, with `/` separators,
/// and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// The path relative to the directory (`tables/users.md`).
    pub path: String,
    /// The whole file.
    pub text: String,
}

impl File {
    /// A file at `path` with `text`.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
        }
    }
}

/// A file or directory that could not be read, written or removed.
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} {}: {source}", path.display())]
pub struct FilesError {
    /// What was being done (`read`, `write`, `remove`...).
    pub action: &'static str,
    /// The file or directory.
    pub path: PathBuf,
    /// What went wrong.
    pub source: std::io::Error,
}

/// How a file on disk differs from the generated files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DifferenceKind {
    /// The file exists with other contents.
    Differs,
    /// The file does not exist.
    Missing,
    /// The file exists and is no longer generated.
    NotGenerated,
}

/// A file on disk that does not match the generated files.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Difference {
    /// The file.
    pub path: PathBuf,
    /// How it differs.
    pub kind: DifferenceKind,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            DifferenceKind::Differs => "differs",
            DifferenceKind::Missing => "missing",
            DifferenceKind::NotGenerated => "no longer generated",
        };
        write!(f, "{what}: {}", self.path.display())
    }
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> FilesError {
    let path = path.to_owned();
    move |source| FilesError {
        action,
        path,
        source,
    }
}

/// The files under `dir` whose relative path `owned` accepts, with `/`
/// separators, sorted.
fn existing(dir: &Path, owned: &dyn Fn(&str) -> bool) -> Result<BTreeSet<String>, FilesError> {
    let mut out = BTreeSet::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(io("read", &d))? {
            let path = entry.map_err(io("read", &d))?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(dir).unwrap_or(&path);
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let rel = parts.join("/");
            if owned(&rel) {
                out.insert(rel);
            }
        }
    }
    Ok(out)
}

/// Compares `dir` with the generated files; `owned` says which files of
/// `dir` (by relative path) are generated ones, so that an extra one is
/// reported.
///
/// # Errors
/// When a file or directory cannot be read.
pub fn compare(
    dir: &Path,
    files: &[File],
    owned: &dyn Fn(&str) -> bool,
) -> Result<Vec<Difference>, FilesError> {
    let mut out = Vec::new();
    let mut wanted = BTreeSet::new();
    for f in files {
        wanted.insert(f.path.clone());
        let path = dir.join(&f.path);
        match std::fs::read(&path) {
            Ok(bytes) if bytes == f.text.as_bytes() => {}
            Ok(_) => out.push(Difference {
                path,
                kind: DifferenceKind::Differs,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(Difference {
                path,
                kind: DifferenceKind::Missing,
            }),
            Err(e) => return Err(io("read", &path)(e)),
        }
    }
    for rel in existing(dir, owned)?.difference(&wanted) {
        out.push(Difference {
            path: dir.join(rel),
            kind: DifferenceKind::NotGenerated,
        });
    }
    out.sort();
    Ok(out)
}

/// Writes the generated files into `dir`, touching only those that differ,
/// and removes owned files that are no longer generated. Returns what it
/// changed.
///
/// # Errors
/// When a file cannot be read, written or removed.
pub fn write(
    dir: &Path,
    files: &[File],
    owned: &dyn Fn(&str) -> bool,
) -> Result<Vec<Difference>, FilesError> {
    let changes = compare(dir, files, owned)?;
    for change in &changes {
        if change.kind == DifferenceKind::NotGenerated {
            std::fs::remove_file(&change.path).map_err(io("remove", &change.path))?;
        }
    }
    for f in files {
        let path = dir.join(&f.path);
        if !changes
            .iter()
            .any(|c| c.path == path && c.kind != DifferenceKind::NotGenerated)
        {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io("create", parent))?;
        }
        std::fs::write(&path, &f.text).map_err(io("write", &path))?;
    }
    Ok(changes)
}

/// [`compare()`] when `check`, else [`write()`]: what `--check` and a plain
/// run of a generating verb do.
///
/// # Errors
/// As [`write()`].
pub fn sync(
    dir: &Path,
    files: &[File],
    owned: &dyn Fn(&str) -> bool,
    check: bool,
) -> Result<Vec<Difference>, FilesError> {
    if check {
        compare(dir, files, owned)
    } else {
        write(dir, files, owned)
    }
}
