//! Finding the course's files under a folder (`content/`, `static/`, `templates/`): regular
//! files only, in name order. Editors' backup files are passed over; a symbolic link is
//! followed only while it stays inside the course; a named pipe, socket or device is never
//! opened (reading a pipe would wait forever). Each file skipped for a reason gets a warning
//! naming it, and a link, where it leads.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::common::Diagnostic;
use crate::util::path::rel;

/// Names of files and folders that are never part of a course: hidden files and editors'
/// backups and swap files (`.x.swp`, `x.swx`, `x~`, `x.bak`, `#x#`, vim's `4913`).
pub fn ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".bak")
        || name.starts_with('#')
        || name == "4913"
}

/// The regular files under `dir` (a folder of the course at `root`), sorted by name; none
/// if `dir` does not exist. Problems go to `diags`, named relative to `root`.
pub fn files(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    let mut walker = WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().map(|p| rel(root, p)).unwrap_or_else(|| rel(root, dir));
                diags.push(Diagnostic::error(at, None, format!("cannot read: {}", walk_error(&e))));
                continue;
            }
        };
        let is_dir = entry.file_type().is_dir();
        if entry.depth() > 0 && ignored(&entry.file_name().to_string_lossy()) {
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() && entry.depth() > 0 {
            let target = entry.path().canonicalize();
            if let Some(outside) = target.ok().filter(|t| !t.starts_with(&real_root)) {
                let msg = format!(
                    "symbolic link leads outside the course (to {}), so it is skipped; copy what it points at into the course instead",
                    outside.display()
                );
                diags.push(Diagnostic::warning(rel(root, entry.path()), None, msg));
                if is_dir {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if is_dir {
            continue;
        }
        if !entry.file_type().is_file() {
            let msg = format!("not a regular file ({}), so it is skipped", special_kind(&entry.file_type()));
            diags.push(Diagnostic::warning(rel(root, entry.path()), None, msg));
            continue;
        }
        out.push(entry.into_path());
    }
    out
}

/// What a file that is neither a regular file nor a folder is.
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

fn walk_error(e: &walkdir::Error) -> String {
    if e.loop_ancestor().is_some() {
        "symbolic link loop".into()
    } else {
        e.io_error().map_or_else(|| e.to_string(), |io| io.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_and_hidden_files_are_ignored() {
        for name in [".x.md", "x.md~", ".x.md.swp", "x.swx", "x.bak", "#x.md#", "4913"] {
            assert!(ignored(name), "{name}");
        }
        assert!(!ignored("x.md"));
    }

    #[cfg(unix)]
    #[test]
    fn pipes_and_links_outside_are_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (root, outside) = (dir.path().join("course"), dir.path().join("outside"));
        std::fs::create_dir_all(root.join("static/sub")).unwrap();
        std::fs::create_dir_all(outside.join("dir")).unwrap();
        std::fs::write(outside.join("secret.txt"), "secret").unwrap();
        std::fs::write(outside.join("dir/x.txt"), "x").unwrap();
        std::fs::write(root.join("static/sub/ok.txt"), "ok").unwrap();
        std::os::unix::fs::symlink(outside.join("secret.txt"), root.join("static/file-link")).unwrap();
        std::os::unix::fs::symlink(outside.join("dir"), root.join("static/dir-link")).unwrap();
        std::os::unix::fs::symlink(root.join("static/sub/ok.txt"), root.join("static/inside-link")).unwrap();
        let fifo = root.join("static/pipe");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let mut diags = Vec::new();
        let found: Vec<String> = files(&root, &root.join("static"), &mut diags).iter().map(|p| rel(&root, p)).collect();
        assert_eq!(found, ["static/inside-link", "static/sub/ok.txt"]);
        let messages: Vec<String> = diags.iter().map(ToString::to_string).collect();
        let real = outside.canonicalize().unwrap();
        assert_eq!(
            messages,
            [
                format!(
                    "static/dir-link: warning: symbolic link leads outside the course (to {}), so it is skipped; copy what it points at into the course instead",
                    real.join("dir").display()
                ),
                format!(
                    "static/file-link: warning: symbolic link leads outside the course (to {}), so it is skipped; copy what it points at into the course instead",
                    real.join("secret.txt").display()
                ),
                "static/pipe: warning: not a regular file (a named pipe), so it is skipped".to_string(),
            ]
        );
    }
}
