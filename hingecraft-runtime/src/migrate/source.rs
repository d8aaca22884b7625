//! Where a runner's migrations come from: built into the binary, or read
//! from a directory when it runs.

use std::path::PathBuf;

use super::{Migration, MigrationError, files};

/// The migrations a [`Migrator`](super::Migrator) applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrationSource {
    /// Built into the binary by [`embed_migrations!`](crate::embed_migrations):
    /// each directory's name and its five files.
    Embedded(&'static [(&'static str, [&'static str; 5])]),
    /// Read from a directory of `NNNN_name/` subdirectories when loaded.
    Directory(PathBuf),
}

impl MigrationSource {
    /// The migrations of a directory, read when they are loaded.
    pub fn directory(path: impl Into<PathBuf>) -> Self {
        Self::Directory(path.into())
    }

    /// Every migration, in version order.
    ///
    /// # Errors
    /// A directory that cannot be read, a file missing, a directory not
    /// named `NNNN_name`.
    pub fn load(&self) -> Result<Vec<Migration>, MigrationError> {
        match self {
            Self::Embedded(migrations) => migrations
                .iter()
                .map(|(dir, files)| Migration::new(dir, files.map(str::to_owned)))
                .collect(),
            Self::Directory(path) => files::from_dir(path, false),
        }
    }
}

/// Embeds the migrations of a directory of the calling crate (default
/// `migrations`, relative to its `Cargo.toml`) in the binary, as a
/// [`MigrationSource`], like `sqlx::migrate!`.
///
/// ```ignore
/// static MIGRATIONS: MigrationSource = hingecraft::embed_migrations!("migrations");
/// ```
///
/// The files are read when the crate compiles, from the directory of the
/// checkout being built. A missing or empty directory, a directory not named
/// `NNNN_name` or a missing file fails the build with a message naming the
/// path. Editing a file rebuilds the crate; for a *new* migration directory
/// to be seen too, give the crate a build script that watches the directory:
///
/// ```ignore
/// // build.rs
/// fn main() {
///     println!("cargo:rerun-if-changed=migrations");
/// }
/// ```
#[macro_export]
macro_rules! embed_migrations {
    () => {
        $crate::embed_migrations!("migrations")
    };
    ($dir:literal) => {
        $crate::migrate::MigrationSource::Embedded($crate::__private::embedded_migration_files!(
            $dir
        ))
    };
}
