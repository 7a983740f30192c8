//! Writing the output folder: only the files whose bytes changed are staged, as temporary
//! files, then renamed into place, and what the build no longer makes is removed; an error
//! before the commit leaves the output untouched.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The file that marks a folder as made by syllabus, so it may be cleaned.
pub const MARKER: &str = ".syllabus-output";
const TMP_SUFFIX: &str = ".syllabus-tmp";

/// Joins a site path to the output folder, refusing any path that could leave it.
pub fn safe_join(out: &Path, rel: &str) -> io::Result<PathBuf> {
    if rel.is_empty() || !crate::util::path::is_normal(rel) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("unsafe output path '{rel}'")));
    }
    Ok(out.join(rel))
}

/// The output folder during a build: what was there, and what this build staged.
pub struct Output {
    pub dir: PathBuf,
    /// Files present before the build (site path → size).
    existing: HashMap<String, u64>,
    /// Whether the folder existed before the build.
    existed: bool,
    /// For a build into a new or empty folder: the sibling folder written instead, renamed
    /// into place at commit (one rename instead of one per file).
    fresh: Option<PathBuf>,
}

/// What staging one file did.
pub enum Staged {
    Unchanged,
    /// Written straight into the new folder of a fresh build.
    Fresh,
    /// Written to a temporary file, to be renamed into place at commit.
    Pending {
        tmp: PathBuf,
        dest: PathBuf,
    },
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

impl Output {
    /// Opens (without changing anything) the output folder, listing what is in it.
    pub fn open(dir: &Path) -> io::Result<Output> {
        let mut existing = HashMap::new();
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(dir).min_depth(1) {
                let entry = entry.map_err(io::Error::other)?;
                if entry.file_type().is_file() {
                    let rel = crate::util::path::rel(dir, entry.path());
                    existing.insert(rel, entry.metadata().map_err(io::Error::other)?.len());
                }
            }
        }
        let staging = staging_dir(dir);
        if staging.exists() {
            // Left by a build that was killed: never part of the site.
            fs::remove_dir_all(&staging)?;
        }
        let fresh = existing.keys().all(|k| k == MARKER).then_some(staging);
        Ok(Output { dir: dir.to_path_buf(), existing, existed: dir.is_dir(), fresh })
    }

    /// Stages `bytes` for the site path `rel`: nothing if the file already holds them.
    pub fn stage(&self, rel: &str, bytes: &[u8]) -> io::Result<Staged> {
        if let Some(staging) = &self.fresh {
            let dest = safe_join(staging, rel)?;
            fs::create_dir_all(dest.parent().expect("output paths have a parent"))?;
            fs::write(dest, bytes)?;
            return Ok(Staged::Fresh);
        }
        let dest = safe_join(&self.dir, rel)?;
        if self.existing.get(rel) == Some(&(bytes.len() as u64)) && fs::read(&dest).is_ok_and(|old| old == bytes) {
            return Ok(Staged::Unchanged);
        }
        let parent = dest.parent().expect("output paths have a parent");
        fs::create_dir_all(parent)?;
        let name = dest.file_name().expect("output paths have a name").to_string_lossy();
        let tmp = parent.join(format!(".{name}{TMP_SUFFIX}"));
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        drop(f);
        Ok(Staged::Pending { tmp, dest })
    }

    /// Renames staged files into place, removes files the build no longer makes (and empty
    /// folders), and writes the marker.
    pub fn commit(&self, staged: Vec<(String, Staged)>) -> io::Result<Stats> {
        if let Some(staging) = &self.fresh {
            return self.commit_fresh(staging, staged.len());
        }
        let mut stats = Stats::default();
        let mut produced = std::collections::HashSet::new();
        for (rel, s) in staged {
            match s {
                Staged::Unchanged => stats.unchanged += 1,
                Staged::Fresh => stats.written += 1,
                Staged::Pending { tmp, dest } => {
                    fs::rename(&tmp, &dest)?;
                    stats.written += 1;
                }
            }
            produced.insert(rel);
        }
        for rel in self.existing.keys() {
            if !produced.contains(rel) && rel != MARKER {
                let path = safe_join(&self.dir, rel)?;
                match fs::remove_file(&path) {
                    Ok(()) => stats.removed += 1,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
        }
        remove_empty_dirs(&self.dir)?;
        fs::create_dir_all(&self.dir)?;
        write_marker(&self.dir)?;
        Ok(stats)
    }

    /// Puts the new folder of a fresh build in place of the (missing or empty) output.
    fn commit_fresh(&self, staging: &Path, written: usize) -> io::Result<Stats> {
        write_marker(staging)?;
        if self.dir.exists() {
            let _ = fs::remove_file(self.dir.join(MARKER));
            if fs::remove_dir(&self.dir).is_err() {
                // A mount point or a folder we may not replace: move the files in instead.
                move_tree(staging, &self.dir)?;
                fs::remove_dir_all(staging)?;
                return Ok(Stats { written, ..Stats::default() });
            }
        }
        fs::rename(staging, &self.dir)?;
        Ok(Stats { written, ..Stats::default() })
    }

    /// Removes staged temporary files, and folders made for them, after a failed build.
    pub fn abort(&self, staged: Vec<(String, Staged)>) {
        if let Some(staging) = &self.fresh {
            let _ = fs::remove_dir_all(staging);
            return;
        }
        for (_, s) in staged {
            if let Staged::Pending { tmp, .. } = s {
                let _ = fs::remove_file(tmp);
            }
        }
        let _ = remove_empty_dirs(&self.dir);
        if !self.existed {
            let _ = fs::remove_dir(&self.dir);
        }
    }
}

/// `.NAME.syllabus-new` beside the output folder `NAME`.
fn staging_dir(dir: &Path) -> PathBuf {
    let name = dir.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    parent.join(format!(".{name}.syllabus-new"))
}

fn write_marker(dir: &Path) -> io::Result<()> {
    let marker = dir.join(MARKER);
    if !marker.exists() {
        fs::write(marker, "This folder is written by syllabus; it may delete and replace anything in it.\n")?;
    }
    Ok(())
}

/// Moves every file of `from` into the same place under `to`.
fn move_tree(from: &Path, to: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        let dest = to.join(entry.path().strip_prefix(from).expect("walk stays inside"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest)?;
        } else {
            fs::rename(entry.path(), &dest)?;
        }
    }
    Ok(())
}

fn remove_empty_dirs(dir: &Path) -> io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() && fs::read_dir(entry.path())?.next().is_none() {
            fs::remove_dir(entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_join_refuses_escapes() {
        let out = Path::new("/tmp/out");
        assert!(safe_join(out, "lessons/a/index.html").is_ok());
        for bad in ["../x", "a/../../x", "/etc/passwd", "a\\..\\b", "a\0b", "", "a//b", "c:/x"] {
            assert!(safe_join(out, bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn stages_only_changed_files_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let o = Output::open(&out).unwrap();
        let staged = vec![
            ("a/index.html".to_string(), o.stage("a/index.html", b"one").unwrap()),
            ("b.txt".to_string(), o.stage("b.txt", b"b").unwrap()),
        ];
        assert_eq!(o.commit(staged).unwrap(), Stats { written: 2, unchanged: 0, removed: 0 });
        let o = Output::open(&out).unwrap();
        let staged = vec![("a/index.html".to_string(), o.stage("a/index.html", b"one").unwrap())];
        assert_eq!(o.commit(staged).unwrap(), Stats { written: 0, unchanged: 1, removed: 1 });
        assert!(!out.join("b.txt").exists());
        assert!(out.join(MARKER).exists());
    }
}

#[cfg(test)]
mod properties {
    use std::path::{Component, Path};

    use proptest::prelude::*;

    use super::safe_join;
    use crate::common::Kind;
    use crate::common::routes::page_path;
    use crate::content::ids::{check_id, split_name};

    /// File names made of everything a hostile course could hold: separators, dots, NUL,
    /// drive letters, look-alike and combining characters.
    fn hostile_name() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "..", ".", "/", "\\", "\0", ":", "c:", "con", "nul", "a", "é", "e\u{301}", "ａ", "\u{2215}", "\u{ff0f}",
            "%2e", "%2f", "-", "_", "01-", "9", " ", "\u{202e}", "lessons", "~",
        ]);
        prop::collection::vec(pieces, 1..8).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn every_output_path_stays_inside_the_output_folder(name in hostile_name(), kind in 0usize..6) {
            let (_, id) = split_name(&name);
            let out = Path::new("/srv/site");
            if check_id(&id).is_ok() {
                let rel = format!("{}index.html", page_path(Kind::ALL[kind], &id));
                let joined = safe_join(out, &rel).expect("a valid id gives a safe path");
                prop_assert!(joined.starts_with(out));
                prop_assert!(joined.components().all(|c| matches!(c, Component::RootDir | Component::Normal(_))));
            }
            // Whatever the name, a path made from it never leaves the folder.
            if let Ok(joined) = safe_join(out, &name) {
                prop_assert!(joined.starts_with(out));
                prop_assert!(joined.components().all(|c| matches!(c, Component::RootDir | Component::Normal(_))));
            }
        }
    }
}
