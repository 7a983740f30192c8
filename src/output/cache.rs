//! Build cache: a fingerprint of every input (files, options, the syllabus binary) and a
//! record of every output file, kept in the output's marker file, so that a rebuild with
//! nothing changed checks a few thousand file stamps and does nothing else.

use std::hash::{Hash, Hasher};
use std::io;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::common::diag::Diagnostic;
use crate::output::write::MARKER;

/// What a good build wrote, and from which inputs.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub inputs: u64,
    pub pages: usize,
    /// Every output file: path, size, modification time (ns since the epoch).
    pub files: Vec<(String, u64, u128)>,
    /// The build's warnings and notes, printed again when the build is skipped.
    pub diags: Vec<Diagnostic>,
}

/// A file's size and modification time.
fn stamp(meta: &std::fs::Metadata) -> (u64, u128) {
    let mtime = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    (meta.len(), mtime)
}

/// A fingerprint of the course's files (path, size, time), the options and the binary:
/// any edit, new or deleted file, or a new syllabus gives another value.
pub fn inputs(root: &Path, options: &str) -> io::Result<u64> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    options.hash(&mut h);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    if let Ok(exe) = std::env::current_exe().and_then(std::fs::metadata) {
        stamp(&exe).hash(&mut h);
    }
    for part in ["course.yaml", "content", "templates", "static"] {
        let path = root.join(part);
        if !path.exists() {
            part.hash(&mut h);
            continue;
        }
        for entry in WalkDir::new(&path).follow_links(true).sort_by_file_name() {
            let entry = entry.map_err(io::Error::other)?;
            entry.path().hash(&mut h);
            if entry.file_type().is_file() {
                stamp(&entry.metadata().map_err(io::Error::other)?).hash(&mut h);
            }
        }
    }
    Ok(h.finish())
}

/// The manifest of a previous build in `out`, if there is a readable one.
pub fn read(out: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(out.join(MARKER)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Whether every file the manifest lists is still there, unchanged, and nothing was added.
pub fn outputs_intact(out: &Path, manifest: &Manifest) -> bool {
    use rayon::prelude::*;
    let listed = manifest.files.par_iter().all(|(path, size, mtime)| {
        std::fs::metadata(out.join(path)).is_ok_and(|m| m.is_file() && stamp(&m) == (*size, *mtime))
    });
    listed && count_files(out) == Some(manifest.files.len() + 1)
}

fn count_files(dir: &Path) -> Option<usize> {
    let mut n = 0;
    for entry in WalkDir::new(dir).min_depth(1) {
        n += usize::from(entry.ok()?.file_type().is_file());
    }
    Some(n)
}

/// Records what a good build wrote (`files`, paths in the output) into the output's
/// marker file, with the stamps the files have now (taken in parallel).
pub fn write(out: &Path, files: &[String], inputs: u64, pages: usize, diags: &[Diagnostic]) -> io::Result<()> {
    use rayon::prelude::*;
    let mut files: Vec<(String, u64, u128)> = files
        .par_iter()
        .map(|rel| {
            let (size, mtime) = stamp(&std::fs::metadata(out.join(rel))?);
            Ok((rel.clone(), size, mtime))
        })
        .collect::<io::Result<_>>()?;
    files.sort_unstable();
    let manifest = Manifest { inputs, pages, files, diags: diags.to_vec() };
    let json = serde_json::to_string(&manifest).map_err(io::Error::other)?;
    let tmp = out.join(format!("{MARKER}.tmp"));
    std::fs::write(&tmp, json)?;
    std::fs::rename(tmp, out.join(MARKER))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_change_to_an_input_changes_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "one").unwrap();
        let first = inputs(root, "build").unwrap();
        assert_eq!(inputs(root, "build").unwrap(), first);
        assert_ne!(inputs(root, "build --drafts").unwrap(), first, "options count");
        std::fs::write(root.join("content/a.md"), "two!").unwrap();
        let edited = inputs(root, "build").unwrap();
        assert_ne!(edited, first, "an edit counts");
        std::fs::write(root.join("content/b.md"), "new").unwrap();
        assert_ne!(inputs(root, "build").unwrap(), edited, "a new file counts");
    }
}
