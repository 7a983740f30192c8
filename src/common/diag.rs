//! Diagnostics: positions in source files, errors and warnings, printed GNU style.

use std::fmt;

/// A position in a source file, both counted from 1 (columns in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };

    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One message about one place in the course.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Path relative to the course root, with `/` separators.
    pub path: String,
    pub pos: Option<Pos>,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic { path: path.into(), pos, severity: Severity::Error, message: message.into() }
    }

    pub fn warning(path: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic { path: path.into(), pos, severity: Severity::Warning, message: message.into() }
    }

    pub fn note(path: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic { path: path.into(), pos, severity: Severity::Note, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, Pos, Severity, &str) {
        (&self.path, self.pos.unwrap_or_default(), self.severity, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        match self.pos {
            Some(p) => write!(f, "{}:{}:{}: {label}: {}", self.path, p.line, p.col, self.message),
            None => write!(f, "{}: {label}: {}", self.path, self.message),
        }
    }
}

/// Sorts diagnostics by file and position and drops exact repeats, so output is stable
/// whatever order the parallel stages produced them in.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

/// Turns warnings into errors (`--strict`).
pub fn make_strict(diags: &mut [Diagnostic]) {
    for d in diags.iter_mut().filter(|d| d.severity == Severity::Warning) {
        d.severity = Severity::Error;
    }
}

/// Runs `f` for the file `path`; a panic inside becomes an error naming the file instead
/// of ending the build without a word about what was being processed.
pub fn guard<T>(path: &str, f: impl FnOnce() -> T) -> Result<T, Diagnostic> {
    #[cfg(debug_assertions)]
    if std::env::var("SYLLABUS_TEST_PANIC_ON").is_ok_and(|p| !p.is_empty() && path.ends_with(&p)) {
        // A failpoint for the test that proves panics are caught (debug builds only).
        return std::panic::catch_unwind(|| panic!("test panic")).map_err(|e| panicked(path, e));
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|e| panicked(path, e))
}

/// The message a panic carried, for a report.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

fn panicked(path: &str, payload: Box<dyn std::any::Any + Send>) -> Diagnostic {
    let what = panic_message(payload.as_ref());
    let msg =
        format!("internal error while processing this file ({what}); this is a bug in syllabus, please report it");
    Diagnostic::error(path, None, msg)
}

/// Byte offsets of line starts, to turn an offset into a line and a column.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The position of byte `offset` in `text` (the text this index was built from).
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        Pos::new(line as u32 + 1, col as u32 + 1)
    }
}

/// The closest of `known` to `word`, if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3) && *d < k.len().max(word.len()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// ` (did you mean 'x'?)` when one known id is close to `word`; else the few nearest ids
/// of that kind (` (lesson ids nearest to it: a, b, c)`), or nothing when there are none.
pub fn hint<'a>(word: &str, kind: crate::common::Kind, known: impl IntoIterator<Item = &'a str>) -> String {
    let known: Vec<&str> = known.into_iter().collect();
    if let Some(k) = suggest(word, known.iter().copied()) {
        return format!(" (did you mean '{k}'?)");
    }
    let mut near: Vec<(usize, &str)> = known.iter().map(|k| (strsim::damerau_levenshtein(word, k), *k)).collect();
    near.sort_unstable();
    let near: Vec<&str> = near.into_iter().take(5).map(|(_, k)| k).collect();
    if near.is_empty() { String::new() } else { format!(" ({} ids nearest to it: {})", kind.name(), near.join(", ")) }
}

/// ` (did you mean 'x'?)` or nothing.
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    suggest(word, known).map(|k| format!(" (did you mean '{k}'?)")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let text = "ab\nçé x\n\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.pos(text, 0), Pos::new(1, 1));
        assert_eq!(idx.pos(text, 3), Pos::new(2, 1));
        assert_eq!(idx.pos(text, text.find('x').unwrap()), Pos::new(2, 4));
        assert_eq!(idx.pos(text, text.find("last").unwrap()), Pos::new(4, 1));
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["title", "objectives", "summary"];
        assert_eq!(suggest("objectivs", keys), Some("objectives"));
        assert_eq!(suggest("titel", keys), Some("title"));
        assert_eq!(suggest("colour", keys), None);
    }

    #[test]
    fn hints_suggest_one_close_id_or_list_the_nearest() {
        let ids = ["geopolitical-codes", "rival-codes", "arms-and-leverage"];
        assert_eq!(hint("rival-code", crate::common::Kind::Lesson, ids), " (did you mean 'rival-codes'?)");
        assert_eq!(
            hint("zzz", crate::common::Kind::Lesson, ids),
            " (lesson ids nearest to it: rival-codes, arms-and-leverage, geopolitical-codes)"
        );
        assert_eq!(hint("zzz", crate::common::Kind::Quiz, []), "");
    }

    #[test]
    fn display_is_gnu_style() {
        let d = Diagnostic::error("content/a.md", Some(Pos::new(3, 7)), "bad");
        assert_eq!(d.to_string(), "content/a.md:3:7: error: bad");
        let w = Diagnostic::warning("content/a.md", None, "meh");
        assert_eq!(w.to_string(), "content/a.md: warning: meh");
    }
}
