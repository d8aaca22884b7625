//! `embedded_migration_files!("migrations")`: every migration directory of
//! the calling crate, as `include_str!`s, read when the crate compiles.
//!
//! The directory is resolved against the calling crate's
//! `CARGO_MANIFEST_DIR`, read from the environment of this compilation (never
//! a path baked into an earlier build), so two checkouts sharing one target
//! directory each embed their own files. Each file goes through
//! `include_str!`, so editing one rebuilds the crate; a new directory is
//! seen when the crate's build script asks cargo to watch the directory
//! (`cargo:rerun-if-changed=migrations`).
//!
//! A missing or empty directory, a directory not named `NNNN_name`, or a
//! missing file is a compile error naming the path: an empty list would let
//! `up` report "nothing to do" on an empty database.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

use hingecraft_model::MIGRATION_FILES;

pub(crate) fn embedded_migration_files(input: TokenStream) -> TokenStream {
    let dir: LitStr = match syn::parse2(input) {
        Ok(dir) => dir,
        Err(e) => {
            return syn::Error::new(
                e.span(),
                "expected the migrations directory, relative to the crate: `\"migrations\"`",
            )
            .to_compile_error();
        }
    };
    match expand(&dir) {
        Ok(tokens) => tokens,
        Err(message) => syn::Error::new(dir.span(), message).to_compile_error(),
    }
}

fn expand(dir: &LitStr) -> Result<TokenStream, String> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR")
        .map_err(|_| "CARGO_MANIFEST_DIR is not set: build this crate with cargo".to_owned())?;
    let root = Path::new(&manifest).join(dir.value());
    let migrations = list(&root)?;
    let entries = migrations.iter().map(|(name, files)| {
        let files = files.iter().map(|f| {
            let path = f.display().to_string();
            quote!(::core::include_str!(#path))
        });
        quote!((#name, [#(#files),*]))
    });
    Ok(quote! {
        {
            const MIGRATIONS: &[(&str, [&str; 5])] = &[#(#entries),*];
            MIGRATIONS
        }
    })
}

/// The migration directories under `root`, sorted, each with its files.
fn list(root: &Path) -> Result<Vec<(String, Vec<PathBuf>)>, String> {
    let entries = std::fs::read_dir(root).map_err(|e| {
        format!(
            "cannot read the migrations directory `{}`: {e}",
            root.display()
        )
    })?;
    let mut dirs = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read `{}`: {e}", root.display()))?;
        if !entry.path().is_dir() {
            continue;
        }
        let name = entry.file_name().into_string().map_err(|n| {
            format!(
                "`{}`: a migration directory name must be UTF-8",
                root.join(n).display()
            )
        })?;
        if !is_migration_name(&name) {
            return Err(format!(
                "`{}` is not a migration directory: name it `NNNN_name` (four digits, then a name)",
                root.join(&name).display()
            ));
        }
        dirs.push(name);
    }
    if dirs.is_empty() {
        return Err(format!(
            "the migrations directory `{}` holds no migration (`NNNN_name/`): generate the first one before building",
            root.display()
        ));
    }
    dirs.sort();
    dirs.into_iter()
        .map(|name| {
            let files = MIGRATION_FILES
                .iter()
                .map(|file| {
                    let path = root.join(&name).join(file);
                    if path.is_file() {
                        Ok(path)
                    } else {
                        Err(format!("migration file `{}` is missing", path.display()))
                    }
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok((name, files))
        })
        .collect()
}

fn is_migration_name(name: &str) -> bool {
    match name.split_once('_') {
        Some((number, rest)) => {
            number.len() == 4 && number.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty()
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_names_need_four_digits_and_a_name() {
        assert!(is_migration_name("0001_baseline"));
        for bad in ["1_x", "0001", "0001_", "abcd_x", "00001_x", "notes"] {
            assert!(!is_migration_name(bad), "{bad}");
        }
    }

    #[test]
    fn a_missing_or_empty_directory_is_an_error_naming_it() {
        let missing = std::env::temp_dir().join("hingecraft-embed-missing-dir");
        let e = list(&missing).unwrap_err();
        assert!(e.contains(&missing.display().to_string()), "{e}");

        let empty =
            std::env::temp_dir().join(format!("hingecraft-embed-empty-{}", std::process::id()));
        std::fs::create_dir_all(&empty).unwrap();
        let e = list(&empty).unwrap_err();
        std::fs::remove_dir_all(&empty).unwrap();
        assert!(e.contains("holds no migration"), "{e}");
        assert!(e.contains(&empty.display().to_string()), "{e}");
    }

    #[test]
    fn a_badly_named_directory_or_a_missing_file_is_an_error_naming_it() {
        let root =
            std::env::temp_dir().join(format!("hingecraft-embed-bad-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("notes")).unwrap();
        let e = list(&root).unwrap_err();
        assert!(e.contains("is not a migration directory"), "{e}");
        assert!(e.contains(&root.join("notes").display().to_string()), "{e}");

        std::fs::remove_dir_all(root.join("notes")).unwrap();
        let m = root.join("0001_first");
        std::fs::create_dir_all(&m).unwrap();
        for file in &MIGRATION_FILES[..4] {
            std::fs::write(m.join(file), "-- x").unwrap();
        }
        let e = list(&root).unwrap_err();
        assert!(
            e.contains(&m.join("snapshot.json").display().to_string()),
            "{e}"
        );

        std::fs::write(m.join("snapshot.json"), "{}").unwrap();
        let listed = list(&root).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].0, "0001_first");
        assert_eq!(listed[0].1.len(), 5);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
