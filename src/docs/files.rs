//! Writing the docs into a directory, and checking a directory against them.
//!
//! The docs directory is generated as a whole: a `.md` or `.svg` file in it
//! that is not generated any more is removed by a write and reported by a
//! check. Without `dot`, SVG files are neither written, removed nor
//! compared: the committed images stay as they are and only the Markdown is
//! checked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{DocFile, DotError};

/// Why the docs could not be made, written or compared.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocsError {
    /// A file or directory could not be read or written.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done (`read`, `write`, `remove`...).
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A diagram could not be turned into an image.
    #[error(transparent)]
    Dot(#[from] DotError),
}

/// How a file on disk differs from the generated docs.
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

/// A file on disk that does not match the generated docs.
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

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> DocsError {
    let path = path.to_owned();
    move |source| DocsError::Io {
        action,
        path,
        source,
    }
}

/// The generated-kind files under `dir` (`.md`, and `.svg` when `svg`), as
/// relative paths with `/` separators, sorted.
fn existing(dir: &Path, svg: bool) -> Result<BTreeSet<String>, DocsError> {
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
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext == "md" || (svg && ext == "svg") {
                let rel = path.strip_prefix(dir).unwrap_or(&path);
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.insert(parts.join("/"));
            }
        }
    }
    Ok(out)
}

/// Compares `dir` with the generated files; `svg` says whether SVG files
/// take part (they do when `dot` made them).
///
/// # Errors
/// When a file or directory cannot be read.
pub fn compare(dir: &Path, files: &[DocFile], svg: bool) -> Result<Vec<Difference>, DocsError> {
    let mut out = Vec::new();
    let mut wanted = BTreeSet::new();
    for f in files.iter().filter(|f| svg || !f.is_svg()) {
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
    for rel in existing(dir, svg)?.difference(&wanted) {
        out.push(Difference {
            path: dir.join(rel),
            kind: DifferenceKind::NotGenerated,
        });
    }
    out.sort();
    Ok(out)
}

/// Writes the generated files into `dir`, touching only those that differ,
/// and removes generated-kind files that are no longer generated. Returns
/// what it changed.
///
/// # Errors
/// When a file cannot be read, written or removed.
pub fn write(dir: &Path, files: &[DocFile], svg: bool) -> Result<Vec<Difference>, DocsError> {
    let changes = compare(dir, files, svg)?;
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
