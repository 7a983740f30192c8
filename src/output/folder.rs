//! The output folder itself: whether it is ours to write (never the course, its sources,
//! `/`, or a folder syllabus did not make), and the lock that keeps two builds from
//! writing it at once (the second waits, saying which process it waits for).

use std::fs;
use std::io::{self, Read, Seek, Write};
use std::path::{Component, Path, PathBuf};

use super::write::MARKER;

/// A path made absolute (from the current folder) and normalized, without touching the disk.
fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    normalize(&p)
}

/// Why an output folder is refused.
pub fn check_folder(root: &Path, out: &Path) -> Result<(), String> {
    let root = absolute(&root.canonicalize().unwrap_or_else(|_| root.to_path_buf()));
    let out = absolute(&resolve_existing(out));
    let show = out.display();
    if out.parent().is_none() {
        return Err(format!("refusing to write the site into '{show}': it is the file system root"));
    }
    if root.starts_with(&out) {
        return Err(format!("refusing to write the site into '{show}': it holds the course itself"));
    }
    for dir in ["content", "templates", "static"] {
        if out.starts_with(root.join(dir)) {
            return Err(format!("refusing to write the site into '{show}': it is inside the course's {dir}/ folder"));
        }
    }
    if out.is_dir() && !out.join(MARKER).exists() {
        let mut entries = fs::read_dir(&out).map_err(|e| format!("cannot read output folder '{show}': {e}"))?;
        if entries.next().is_some() {
            return Err(format!(
                "refusing to write the site into '{show}': the folder is not empty and was not made by syllabus (no {MARKER} file); choose an empty or new folder"
            ));
        }
    }
    if out.exists() && !out.is_dir() {
        return Err(format!("refusing to write the site into '{show}': it is a file"));
    }
    Ok(())
}

/// Why an export's output file is refused: inside the course's sources, where the next
/// build would read it, as `check_folder` refuses an output folder there.
pub fn check_export_file(root: &Path, file: &Path) -> Result<(), String> {
    let root = absolute(&root.canonicalize().unwrap_or_else(|_| root.to_path_buf()));
    let file = absolute(&resolve_existing(file));
    for dir in ["content", "templates", "static"] {
        if file.starts_with(root.join(dir)) {
            let show = file.display();
            return Err(format!("refusing to write '{show}': it is inside the course's {dir}/ folder"));
        }
    }
    if file.is_dir() {
        return Err(format!("refusing to write '{}': it is a folder", file.display()));
    }
    Ok(())
}

/// The path with as much of it as exists resolved through symbolic links.
fn resolve_existing(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => resolve_existing(parent).join(name),
        _ => p.to_path_buf(),
    }
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// The lock on an output folder, held while a build writes it: a file in the system's
/// temporary folder named after the output folder's absolute path (so the course is left
/// alone), locked by the operating system, so that a build that was killed leaves no stale
/// lock. Released when dropped.
pub struct Lock {
    _file: fs::File,
}

/// Takes the lock on the output folder `out`, waiting for another build that holds it
/// (`waiting` is told which process that is, before the wait).
pub fn lock(out: &Path, waiting: impl FnOnce(&str)) -> io::Result<Lock> {
    let path = lock_path(out);
    let mut file = fs::File::options().read(true).write(true).create(true).truncate(false).open(&path)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            waiting(holder.trim());
            file.lock()?;
        }
        Err(fs::TryLockError::Error(e)) => return Err(e),
    }
    file.set_len(0)?;
    file.rewind()?;
    write!(file, "process {}", std::process::id())?;
    Ok(Lock { _file: file })
}

/// The lock file of the output folder `out`.
pub fn lock_path(out: &Path) -> PathBuf {
    let absolute =
        if out.is_absolute() { out.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(out) };
    let absolute = normalize(&resolve_existing(&absolute));
    let id = crate::util::hash::fingerprint(absolute.to_string_lossy().as_bytes());
    std::env::temp_dir().join(format!("syllabus-output-{id}.lock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_output_folders() {
        let course = tempfile::tempdir().unwrap();
        let root = course.path();
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_folder(root, root).is_err());
        assert!(check_folder(root, &root.join("content")).is_err());
        assert!(check_folder(root, &root.join("content/x")).is_err());
        assert!(check_folder(root, Path::new("/")).is_err());
        assert!(check_folder(root, &root.join("..")).is_err());
        assert!(check_folder(root, &root.join("public")).is_ok());
        let foreign = root.join("foreign");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("keep.txt"), "x").unwrap();
        assert!(check_folder(root, &foreign).unwrap_err().contains("not made by syllabus"));
        fs::write(foreign.join(MARKER), "").unwrap();
        assert!(check_folder(root, &foreign).is_ok());
    }

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = lock(&out, |_| panic!("nobody holds it yet")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn(move || {
            let _second = lock(&out, |holder| tx.send(holder.to_string()).unwrap()).unwrap();
        });
        let holder = rx.recv_timeout(std::time::Duration::from_secs(5)).expect("the second build waits");
        assert_eq!(holder, format!("process {}", std::process::id()));
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert!(!waiter.is_finished(), "still waiting while the first holds it");
        drop(first);
        waiter.join().unwrap();
    }
}
