//! A file of the course as text: read as UTF-8 without a BOM and with `\n` line ends, and
//! kept (or released and read again) so that any offset can become a line and column.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock};

use crate::common::diag::{Diagnostic, LineIndex, Pos};
use crate::util::path::rel;

/// A file read from the course, with its text and a line index for diagnostics.
///
/// Once a page is rendered its text may be released to keep memory flat on large
/// courses; if a message then needs a line number, the file is read again.
#[derive(Debug)]
pub struct Source {
    /// Path relative to the course root, `/`-separated.
    pub path: String,
    /// Where to read the file again after its text was released.
    file: Option<PathBuf>,
    text: RwLock<Option<Arc<str>>>,
    /// Built on first use: most files never need a line number.
    lines: OnceLock<LineIndex>,
}

impl Source {
    pub fn new(path: String, text: String) -> Source {
        Source { path, file: None, text: RwLock::new(Some(text.into())), lines: OnceLock::new() }
    }

    pub fn with_file(mut self, file: PathBuf) -> Source {
        self.file = Some(file);
        self
    }

    /// The file's text (BOM removed, `\n` line ends), read again if it was released.
    pub fn text(&self) -> Arc<str> {
        if let Some(text) = self.text.read().expect("never poisoned").as_ref() {
            return text.clone();
        }
        let again = self.file.as_ref().and_then(|f| std::fs::read(f).ok()).and_then(|b| String::from_utf8(b).ok());
        normalize_text(again.unwrap_or_default()).into()
    }

    /// Frees the text (when it can be read again).
    pub fn release(&self) {
        if self.file.is_some() {
            *self.text.write().expect("never poisoned") = None;
        }
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let text = self.text();
        self.lines.get_or_init(|| LineIndex::new(&text)).pos(&text, offset)
    }
}

/// Reads a file as UTF-8 text without a BOM and with `\n` line ends.
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let name = rel(root, path);
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::error(&name, None, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let good = std::str::from_utf8(good).unwrap_or_default();
        let pos = LineIndex::new(good).pos(good, good.len());
        Diagnostic::error(&name, Some(pos), "the file is not valid UTF-8 text (save it as UTF-8)")
    })?;
    Ok(normalize_text(text))
}

/// Drops a UTF-8 BOM and turns CRLF into LF, so both change nothing in the output.
pub fn normalize_text(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    if text.contains('\r') { text.replace("\r\n", "\n") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        assert_eq!(normalize_text("\u{feff}a\r\nb\r\n".into()), "a\nb\n");
    }
}
