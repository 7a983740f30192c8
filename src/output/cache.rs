//! Build cache: a fingerprint of every input (files, options, the syllabus binary) and a
//! record of every output file, kept in the output's marker file, so that a rebuild with
//! nothing changed checks a few thousand file stamps and does nothing else.
//!
//! A file's stamp (size and modification time) misses an edit that keeps its size within
//! the file system's timestamp granularity of the moment it was read (git's "racy clean"
//! files): the fingerprint records when it was taken, and while any input is younger than
//! that, less a margin, the next build is a full one (which still writes only the bytes
//! that changed).

use std::hash::{Hash, Hasher};
use std::io;
use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::common::diag::Diagnostic;
use crate::output::write::MARKER;

/// How close to the fingerprint's time an input's modification time makes it untrustworthy:
/// file systems keep times in steps of up to 2 s (FAT), 1 s (ext3, HFS+) or finer.
const RACY: Duration = Duration::from_secs(2);

/// The course's inputs as one fingerprint, and when it was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inputs {
    pub hash: u64,
    /// When the inputs were first looked at (ns since the epoch).
    pub taken: u128,
    /// The newest modification time among them (ns since the epoch).
    pub newest: u128,
}

impl Inputs {
    /// Whether a build may be skipped because these inputs are the ones `manifest` was
    /// built from: the same fingerprint, and no input modified so close to the moment it
    /// was taken that an edit in the same tick would keep its stamp.
    pub fn match_manifest(&self, manifest: &Manifest) -> bool {
        self.hash == manifest.inputs && self.newest + RACY.as_nanos() < manifest.taken
    }
}

/// What a good build wrote, and from which inputs.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub inputs: u64,
    /// When the inputs were fingerprinted (ns since the epoch).
    #[serde(default)]
    pub taken: u128,
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
pub fn inputs(root: &Path, options: &str) -> io::Result<Inputs> {
    let taken = now();
    let mut newest = 0;
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
                let (size, mtime) = stamp(&entry.metadata().map_err(io::Error::other)?);
                (size, mtime).hash(&mut h);
                newest = newest.max(mtime);
            }
        }
    }
    Ok(Inputs { hash: h.finish(), taken, newest })
}

/// The time now, in ns since the epoch.
fn now() -> u128 {
    std::time::SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
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
pub fn write(out: &Path, files: &[String], inputs: Inputs, pages: usize, diags: &[Diagnostic]) -> io::Result<()> {
    use rayon::prelude::*;
    let mut files: Vec<(String, u64, u128)> = files
        .par_iter()
        .map(|rel| {
            let (size, mtime) = stamp(&std::fs::metadata(out.join(rel))?);
            Ok((rel.clone(), size, mtime))
        })
        .collect::<io::Result<_>>()?;
    files.sort_unstable();
    let manifest = Manifest { inputs: inputs.hash, taken: inputs.taken, pages, files, diags: diags.to_vec() };
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
        let hash = |options: &str| inputs(root, options).unwrap().hash;
        let first = hash("build");
        assert_eq!(hash("build"), first);
        assert_ne!(hash("build --drafts"), first, "options count");
        std::fs::write(root.join("content/a.md"), "two!").unwrap();
        let edited = hash("build");
        assert_ne!(edited, first, "an edit counts");
        std::fs::write(root.join("content/b.md"), "new").unwrap();
        assert_ne!(hash("build"), edited, "a new file counts");
    }

    #[test]
    fn inputs_modified_close_to_the_fingerprint_are_not_trusted() {
        let manifest = |taken: u128| Manifest { inputs: 7, taken, pages: 0, files: Vec::new(), diags: Vec::new() };
        let second = 1_000_000_000u128;
        let inputs = Inputs { hash: 7, taken: 0, newest: 100 * second };
        assert!(inputs.match_manifest(&manifest(103 * second)), "written long before the fingerprint");
        assert!(!inputs.match_manifest(&manifest(101 * second)), "written within the racy window");
        assert!(!inputs.match_manifest(&manifest(100 * second)), "written in the same tick");
        assert!(!Inputs { hash: 8, ..inputs }.match_manifest(&manifest(200 * second)), "another fingerprint");
    }
}
