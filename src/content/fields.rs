//! Typed fields read out of a YAML mapping (front matter, a quiz, `course.yaml`), with a
//! diagnostic for every unknown key (and the closest known one), missing required key and
//! value of the wrong type.

use crate::common::diag::{Diagnostic, Pos, suggest};
use crate::content::yaml::{Key, Located, Node, Value};

/// Reads typed fields out of a YAML mapping, collecting a diagnostic for every unknown
/// key, missing required key and value of the wrong type.
pub struct Fields<'d> {
    path: &'d str,
    pos: Pos,
    entries: Vec<(Key, Node)>,
    /// The known keys that unknown ones were reported as likely misspellings of: a
    /// required one of these is not reported missing too.
    suggested: Vec<String>,
    diags: &'d mut Vec<Diagnostic>,
}

impl<'d> Fields<'d> {
    /// `node` must be a mapping; every key not in `known` is reported.
    pub fn new(
        path: &'d str,
        node: Node,
        known: &[&str],
        what: &str,
        diags: &'d mut Vec<Diagnostic>,
    ) -> Option<Fields<'d>> {
        let entries = match node.value {
            Value::Map(entries) => entries,
            Value::Null => Vec::new(),
            other => {
                let msg = format!("{what} must be a mapping of keys to values, found {}", other.kind_name());
                diags.push(Diagnostic::error(path, Some(node.pos), msg));
                return None;
            }
        };
        let mut suggested = Vec::new();
        for (key, _) in entries.iter().filter(|(k, _)| !known.contains(&k.name.as_str())) {
            let close = suggest(&key.name, known.iter().copied());
            let hint = close.map(|k| format!(" (did you mean '{k}'?)")).unwrap_or_default();
            suggested.extend(close.map(str::to_string));
            let expected = known.join(", ");
            let msg = format!("unknown key '{}' in {what}{hint}; expected one of: {expected}", key.name);
            diags.push(Diagnostic::error(path, Some(key.pos), msg));
        }
        Some(Fields { path, pos: node.pos, entries, suggested, diags })
    }

    pub fn path(&self) -> &'d str {
        self.path
    }

    /// Where the mapping starts.
    pub fn pos(&self) -> Pos {
        self.pos
    }

    pub fn error(&mut self, pos: Pos, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.path, Some(pos), msg));
    }

    /// Takes the raw node of a key, if present and not null.
    pub fn node(&mut self, key: &str) -> Option<Node> {
        let i = self.entries.iter().position(|(k, _)| k.name == key)?;
        let (_, node) = self.entries.swap_remove(i);
        (node.value != Value::Null).then_some(node)
    }

    fn wrong(&mut self, key: &str, node: &Node, expected: &str) {
        let msg = format!("'{key}' must be {expected}, found {}", node.value.kind_name());
        self.error(node.pos, msg);
    }

    pub fn text(&mut self, key: &str) -> Option<Located<String>> {
        let node = self.node(key)?;
        match node.value.as_text() {
            Some(value) => Some(Located { value, pos: node.pos }),
            None => {
                self.wrong(key, &node, "text");
                None
            }
        }
    }

    pub fn required_text(&mut self, key: &str, what: &str) -> Option<Located<String>> {
        let present = self.entries.iter().any(|(k, n)| k.name == key && n.value != Value::Null);
        let value = self.text(key);
        match &value {
            Some(v) if v.value.trim().is_empty() => {
                let pos = v.pos;
                self.error(pos, format!("'{key}' of {what} must not be empty"));
            }
            // A misspelling of it was reported with its suggestion already.
            None if !present && !self.suggested.iter().any(|s| s == key) => {
                let pos = self.pos;
                self.error(pos, format!("missing required key '{key}' in {what}"));
            }
            _ => {}
        }
        value
    }

    pub fn number(&mut self, key: &str) -> Option<Located<f64>> {
        let node = self.node(key)?;
        match node.value.as_f64() {
            Some(value) if value.is_finite() => Some(Located { value, pos: node.pos }),
            _ => {
                self.wrong(key, &node, "a number");
                None
            }
        }
    }

    pub fn boolean(&mut self, key: &str) -> Option<Located<bool>> {
        let node = self.node(key)?;
        match node.value {
            Value::Bool(value) => Some(Located { value, pos: node.pos }),
            _ => {
                self.wrong(key, &node, "true or false");
                None
            }
        }
    }

    /// A list of text; a single text value is taken as a list of one.
    pub fn text_list(&mut self, key: &str) -> Vec<Located<String>> {
        let Some(node) = self.node(key) else {
            return Vec::new();
        };
        if let Some(value) = node.value.as_text() {
            return vec![Located { value, pos: node.pos }];
        }
        let Value::Seq(items) = node.value else {
            self.wrong(key, &node, "a list of text");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.value.as_text() {
                Some(value) => out.push(Located { value, pos: item.pos }),
                None => self.wrong(key, &item, "a list of text"),
            }
        }
        out
    }

    /// A sub-mapping read with its own known keys.
    pub fn list(&mut self, key: &str) -> Option<(Pos, Vec<Node>)> {
        let node = self.node(key)?;
        match node.value {
            Value::Seq(items) => Some((node.pos, items)),
            _ => {
                self.wrong(key, &node, "a list");
                None
            }
        }
    }

    /// `extra:` as JSON (an empty object when absent).
    pub fn extra(&mut self) -> serde_json::Value {
        self.node("extra").map_or_else(|| serde_json::json!({}), |n| n.value.to_json())
    }

    /// A date written `YYYY-MM-DD`.
    pub fn date(&mut self, key: &str) -> Option<Located<String>> {
        let v = self.text(key)?;
        if is_date(&v.value) {
            Some(v)
        } else {
            self.error(v.pos, format!("'{key}' must be a date written YYYY-MM-DD, found '{}'", v.value));
            None
        }
    }

    pub fn diags(&mut self) -> &mut Vec<Diagnostic> {
        self.diags
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return false;
    }
    let month: u32 = s[5..7].parse().unwrap_or(0);
    let day: u32 = s[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::yaml::parse;

    #[test]
    fn fields_report_unknown_missing_and_wrong_types() {
        let mut diags = Vec::new();
        let node = parse("titel: A\nobjectives: 3\norder: x\n", 2).unwrap();
        let mut f = Fields::new("a.md", node, &["title", "objectives", "order"], "a lesson", &mut diags).unwrap();
        assert!(f.required_text("title", "a lesson").is_none());
        assert!(f.text_list("objectives").len() == 1);
        assert!(f.number("order").is_none());
        let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "a.md:2:1: error: unknown key 'titel' in a lesson (did you mean 'title'?); expected one of: title, objectives, order",
                "a.md:4:8: error: 'order' must be a number, found text",
            ],
            "a misspelt required key is reported once, not as missing too"
        );
        let mut diags = Vec::new();
        let node = parse("colour: red\n", 2).unwrap();
        let mut f = Fields::new("a.md", node, &["title", "order"], "a lesson", &mut diags).unwrap();
        assert!(f.required_text("title", "a lesson").is_none());
        let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "a.md:2:1: error: unknown key 'colour' in a lesson; expected one of: title, order",
                "a.md:2:1: error: missing required key 'title' in a lesson",
            ]
        );
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2022-09-14"));
        assert!(!is_date("2022-13-01"));
        assert!(!is_date("14/09/2022"));
    }
}
