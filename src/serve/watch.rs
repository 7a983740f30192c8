//! Watching: file-system events (or polling, for file systems without events) on the
//! course's files, debounced and coalesced so that a burst of changes is one batch.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer, new_debouncer_opt,
};

/// How long the file system must be quiet before a change is taken.
const QUIET: Duration = Duration::from_millis(30);
/// How often polling looks at the files.
const POLL_EVERY: Duration = Duration::from_millis(300);

/// The folders (and file) of a course that a preview follows.
const WATCHED: [&str; 4] = ["content", "templates", "static", "course.yaml"];

/// A running watcher; changes arrive on `batches` until it is dropped.
pub struct Watch {
    _watcher: Box<dyn std::any::Any + Send>,
    events: Receiver<DebounceEventResult>,
    /// What is watched, as the course names it (`content/`, `course.yaml`, ...).
    pub watched: Vec<String>,
}

impl Watch {
    /// Starts watching the course at `root` (polling with `poll`).
    pub fn start(root: &Path, poll: bool) -> Result<Watch, String> {
        let (tx, events) = channel();
        let watched;
        let watcher: Box<dyn std::any::Any + Send> = if poll {
            let config = notify::Config::default().with_poll_interval(POLL_EVERY);
            let mut d: Debouncer<notify::PollWatcher, NoCache> =
                new_debouncer_opt(QUIET, None, tx, NoCache, config).map_err(|e| e.to_string())?;
            watched = watch_course(root, |p, m| d.watch(p, m))?;
            Box::new(d)
        } else {
            let mut d: Debouncer<notify::RecommendedWatcher, RecommendedCache> =
                new_debouncer(QUIET, None, tx).map_err(|e| e.to_string())?;
            watched = watch_course(root, |p, m| d.watch(p, m))?;
            Box::new(d)
        };
        Ok(Watch { _watcher: watcher, events, watched })
    }

    /// Waits for the next batch of changed paths: every event until the file system has
    /// been quiet for a moment, so that a `git checkout` of hundreds of files is one batch.
    /// Returns the paths and when the first change was noticed, or `None` once watching
    /// has stopped.
    pub fn next_batch(&self) -> Option<(Vec<PathBuf>, Instant)> {
        let mut paths = Vec::new();
        while paths.is_empty() {
            collect(self.events.recv().ok()?, &mut paths);
        }
        let noticed = Instant::now();
        loop {
            match self.events.recv_timeout(QUIET * 2) {
                Ok(more) => collect(more, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        paths.sort();
        paths.dedup();
        Some((paths, noticed))
    }
}

/// Adds the paths of events that change files (reading a file, which a rebuild does, is
/// not a change).
fn collect(result: DebounceEventResult, paths: &mut Vec<PathBuf>) {
    if let Ok(events) = result {
        for event in events.into_iter().filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_))) {
            paths.extend(event.event.paths.iter().cloned());
        }
    }
}

/// Watches the course's folders recursively and the root itself (for `course.yaml`, and
/// for folders made later); returns what is watched, as the course names it.
fn watch_course(
    root: &Path,
    mut watch: impl FnMut(&Path, RecursiveMode) -> notify::Result<()>,
) -> Result<Vec<String>, String> {
    watch(root, RecursiveMode::NonRecursive).map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    let mut watched = Vec::new();
    for part in WATCHED {
        let path = root.join(part);
        if path.is_dir() {
            watch(&path, RecursiveMode::Recursive).map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
            watched.push(format!("{part}/"));
        } else if path.is_file() {
            watched.push(part.to_string());
        }
    }
    Ok(watched)
}
