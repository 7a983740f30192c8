//! The one module that knows YAML: splits front matter from Markdown, parses YAML into a
//! tree with file positions, and reads typed fields out of it with precise diagnostics.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Pos, did_you_mean};

/// A YAML value with the position (in the file, not the YAML block) where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

/// A string value and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

impl Value {
    fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// Scalars as text (YAML reads `title: 1984` as a number; it is still a title).
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// The value as JSON, for `extra:` data handed to templates untouched.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Int(i) => (*i).into(),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, Into::into),
            Value::Str(s) => s.clone().into(),
            Value::Seq(items) => items.iter().map(|n| n.value.to_json()).collect(),
            Value::Map(entries) => entries.iter().map(|(k, n)| (k.name.clone(), n.value.to_json())).collect(),
        }
    }
}

/// Front matter split from a Markdown file.
pub struct Split<'a> {
    /// The YAML text (may be empty), and the file line its first line is on.
    pub yaml: Option<(&'a str, u32)>,
    /// The byte offset in the file where the Markdown body starts.
    pub body_offset: usize,
}

/// Splits `---` front matter from a Markdown text (BOM and CRLF already removed).
/// A first line `---` without a closing `---` line is an error at line 1.
pub fn split(text: &str) -> Result<Split<'_>, String> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| (text == "---").then_some("")) else {
        return Ok(Split { yaml: None, body_offset: 0 });
    };
    let open = text.len() - rest.len();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = open + offset + line.len();
            return Ok(Split { yaml: Some((&rest[..offset], 2)), body_offset });
        }
        offset += line.len();
    }
    Err("front matter starts with '---' on line 1 but has no closing '---' line".into())
}

/// How deeply YAML may nest (a quiz question's choice is 4 levels down).
pub const MAX_DEPTH: usize = 24;

/// Parses YAML whose first line is line `first_line` of its file.
pub fn parse(yaml: &str, first_line: u32) -> Result<Node, (Pos, String)> {
    if yaml.trim().is_empty() {
        return Ok(Node { pos: Pos::new(first_line, 1), value: Value::Map(Vec::new()) });
    }
    // YAML 1.2 booleans only: `autolink: off` is the text "off", not false. Front matter
    // and quizzes never nest deeply; a low depth limit keeps the parser's stack small.
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    let options = serde_saphyr::options! { strict_booleans: true, budget: Some(budget) };
    let raw: Spanned<Raw> = serde_saphyr::from_str_with_options(yaml, options).map_err(|e| {
        let loc = e.location();
        let pos = loc
            .filter(|l| l.line() > 0)
            .map_or(Pos::new(first_line, 1), |l| Pos::new(l.line() as u32 + first_line - 1, l.column() as u32));
        (pos, yaml_message(&e))
    })?;
    Ok(lift(raw, first_line - 1))
}

/// serde-saphyr's message without its own location suffix (we print ours in front).
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let text = e.without_snippet().to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    let cut = text.find(" at line ").unwrap_or(text.len());
    let msg = text[..cut].trim();
    if msg.contains("Nodes") || msg.contains("Aliases") || msg.contains("Events") {
        "the YAML expands to too many values (over the limit of 250,000; are aliases repeating each other?)".into()
    } else if msg.contains("Depth") || msg.contains("recursion limit") {
        format!("the YAML is nested too deeply (over the limit of {MAX_DEPTH} levels)")
    } else if msg.starts_with("budget breached") {
        format!("the YAML is too large ({msg})")
    } else {
        format!("invalid YAML: {msg}")
    }
}

fn lift(raw: Spanned<Raw>, line_shift: u32) -> Node {
    let pos = to_pos(&raw.referenced, line_shift);
    let value = match raw.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b),
        Raw::Int(i) => Value::Int(i),
        Raw::Float(f) => Value::Float(f),
        Raw::Str(s) => Value::Str(s),
        Raw::Seq(items) => Value::Seq(items.into_iter().map(|n| lift(n, line_shift)).collect()),
        Raw::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key = Key { pos: to_pos(&k.referenced, line_shift), name: k.value };
                    (key, lift(v, line_shift))
                })
                .collect(),
        ),
    };
    Node { pos, value }
}

fn to_pos(loc: &serde_saphyr::Location, line_shift: u32) -> Pos {
    Pos::new(loc.line() as u32 + line_shift, loc.column().max(1) as u32)
}

/// The tree as serde-saphyr hands it over, before positions are moved into file lines.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<String>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Raw, E> {
        i64::try_from(v).map(Raw::Int).or(Ok(Raw::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Raw::Map(entries))
    }
}

/// Reads typed fields out of a YAML mapping, collecting a diagnostic for every unknown
/// key, missing required key and value of the wrong type.
pub struct Fields<'d> {
    path: &'d str,
    pos: Pos,
    entries: Vec<(Key, Node)>,
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
        for (key, _) in entries.iter().filter(|(k, _)| !known.contains(&k.name.as_str())) {
            let hint = did_you_mean(&key.name, known.iter().copied());
            let expected = known.join(", ");
            let msg = format!("unknown key '{}' in {what}{hint}; expected one of: {expected}", key.name);
            diags.push(Diagnostic::error(path, Some(key.pos), msg));
        }
        Some(Fields { path, pos: node.pos, entries, diags })
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
            None if !present => {
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

    #[test]
    fn splits_front_matter_and_keeps_body_offset() {
        let text = "---\ntitle: A\n---\n\nBody";
        let s = split(text).unwrap();
        assert_eq!(s.yaml, Some(("title: A\n", 2)));
        assert_eq!(&text[s.body_offset..], "\nBody");
        assert!(split("no front matter").unwrap().yaml.is_none());
        assert!(split("---\ntitle: A\n").is_err());
    }

    #[test]
    fn positions_are_file_lines() {
        let node = parse("title: A\nsummary: [x\n", 2).unwrap_err();
        assert_eq!(node.0, Pos::new(3, 10), "{node:?}");
        let ok = parse("title: A\nlist:\n  - b\n", 2).unwrap();
        let Value::Map(entries) = ok.value else { panic!() };
        assert_eq!(entries[1].0.pos, Pos::new(3, 1));
        let Value::Seq(items) = &entries[1].1.value else { panic!() };
        assert_eq!(items[0].pos, Pos::new(4, 5));
    }

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
                "a.md:2:1: error: missing required key 'title' in a lesson",
                "a.md:4:8: error: 'order' must be a number, found text",
            ]
        );
    }

    #[test]
    fn only_yaml_1_2_booleans_are_booleans() {
        let node = parse("a: off\nb: yes\nc: true\n", 2).unwrap();
        let Value::Map(entries) = node.value else { panic!() };
        let values: Vec<&Value> = entries.iter().map(|(_, n)| &n.value).collect();
        assert_eq!(values, [&Value::Str("off".into()), &Value::Str("yes".into()), &Value::Bool(true)]);
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2022-09-14"));
        assert!(!is_date("2022-13-01"));
        assert!(!is_date("14/09/2022"));
    }

    #[test]
    fn alias_bombs_and_deep_nesting_fail_cleanly() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (i, c) in "bcdefgh".chars().enumerate() {
            let prev = (b'a' + i as u8) as char;
            bomb.push_str(&format!("{c}: &{c} [{}]\n", vec![format!("*{prev}"); 10].join(", ")));
        }
        let err = parse(&bomb, 2).unwrap_err();
        assert!(err.1.contains("too many values"), "{}", err.1);
        let deep = format!("a: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&deep, 2).is_err());
    }
}
