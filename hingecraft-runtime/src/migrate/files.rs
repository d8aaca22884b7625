//! Migrations as files: a directory `NNNN_name/` per migration, holding the
//! SQL of each backend and direction and the schema snapshot after it.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::MigrationError;

/// The files of a migration directory, in the order they are checksummed.
pub use hingecraft_model::MIGRATION_FILES as FILE_NAMES;

/// One migration: its version, name and files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// The number it is applied in order of (`1`).
    pub version: u32,
    /// The directory name (`0001_baseline`).
    pub name: String,
    /// The five files, in [`FILE_NAMES`] order.
    pub files: [String; 5],
}

impl Migration {
    /// A migration from its directory name and files.
    pub fn new(dir: &str, files: [String; 5]) -> Result<Self, MigrationError> {
        let version = parse_version(dir)?;
        Ok(Self {
            version,
            name: dir.to_owned(),
            files,
        })
    }

    /// `postgres.up.sql`.
    pub fn postgres_up(&self) -> &str {
        &self.files[0]
    }
    /// `postgres.down.sql`.
    pub fn postgres_down(&self) -> &str {
        &self.files[1]
    }
    /// `sqlite.up.sql`.
    pub fn sqlite_up(&self) -> &str {
        &self.files[2]
    }
    /// `sqlite.down.sql`.
    pub fn sqlite_down(&self) -> &str {
        &self.files[3]
    }
    /// `snapshot.json`: the schema once this migration is applied.
    pub fn snapshot(&self) -> &str {
        &self.files[4]
    }

    /// The SHA-256 of every file (name, length and content, in
    /// [`FILE_NAMES`] order), as lowercase hex: what the database stores
    /// when it applies the migration, and compares on every later run.
    pub fn checksum(&self) -> String {
        let mut hash = Sha256::new();
        for (name, text) in FILE_NAMES.iter().zip(&self.files) {
            hash.update(name.as_bytes());
            hash.update(b"\n");
            hash.update(text.len().to_string().as_bytes());
            hash.update(b"\n");
            hash.update(text.as_bytes());
        }
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The version of a directory name `NNNN_name`.
pub fn parse_version(dir: &str) -> Result<u32, MigrationError> {
    let bad = || MigrationError::BadName {
        dir: dir.to_owned(),
    };
    let (number, name) = dir.split_once('_').ok_or_else(bad)?;
    if number.len() != 4 || name.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    number.parse().map_err(|_| bad())
}

/// The migrations of a directory (each subdirectory `NNNN_name`), in
/// version order. A missing directory is an error; `allow_missing` makes it
/// an empty list (a project that has not generated its first migration).
pub fn from_dir(root: &Path, allow_missing: bool) -> Result<Vec<Migration>, MigrationError> {
    let entries = match std::fs::read_dir(root) {
        Ok(entries) => entries,
        Err(e) if allow_missing && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Vec::new());
        }
        Err(e) => {
            return Err(MigrationError::Directory {
                path: root.to_owned(),
                reason: e.to_string(),
            });
        }
    };
    let mut dirs: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    dirs.sort();
    dirs.iter()
        .map(|dir| {
            let mut files: [String; 5] = Default::default();
            for (slot, file) in files.iter_mut().zip(FILE_NAMES) {
                *slot = std::fs::read_to_string(root.join(dir).join(file)).map_err(|e| {
                    MigrationError::Files {
                        migration: dir.clone(),
                        file: file.to_owned(),
                        reason: e.to_string(),
                    }
                })?;
            }
            Migration::new(dir, files)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_names_carry_the_version() {
        assert_eq!(parse_version("0001_baseline").unwrap(), 1);
        assert_eq!(parse_version("0120_add_tags").unwrap(), 120);
        for bad in ["1_x", "0001", "0001_", "abcd_x", "00001_x"] {
            assert!(parse_version(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_checksum_covers_every_file() {
        let files = || FILE_NAMES.map(|f| format!("-- {f}\n"));
        let a = Migration::new("0001_a", files()).unwrap();
        let mut edited = files();
        edited[3].push(' ');
        let b = Migration::new("0001_a", edited).unwrap();
        assert_eq!(a.checksum().len(), 64);
        assert_ne!(a.checksum(), b.checksum());
        assert_eq!(
            a.checksum(),
            Migration::new("0001_a", files()).unwrap().checksum()
        );
    }
}
