//! YAML, the one place that knows it: a text parsed into a tree whose every value carries
//! its position in the file, built straight from granit-parser's events (the parser
//! serde-saphyr is built on; serde_yaml is archived and serde_yml flagged unsound). Kept
//! ours for a measured reason: two and a half times faster than serde-saphyr's `Spanned`
//! values on the front matter of 10,000 lessons. YAML 1.2 core schema, one document, no
//! duplicate keys, and limits on nesting and on values (aliases counted at each use).

use std::collections::HashMap;

use granit_parser::{Event, ScalarStyle, Tag};

use crate::common::Pos;

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
    pub fn kind_name(&self) -> &'static str {
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

    pub fn as_f64(&self) -> Option<f64> {
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

/// How deeply YAML may nest (a quiz question's choice is 4 levels down).
pub const MAX_DEPTH: usize = 24;
/// How many values a YAML text may expand to, aliases counted at every use.
pub const MAX_NODES: usize = 250_000;

/// Parses YAML whose first line is line `first_line` of its file: one document, YAML 1.2
/// core schema (`autolink: off` is the text "off", not false). The tree is built from
/// the parser's events, each node with the position where it starts.
pub fn parse(yaml: &str, first_line: u32) -> Result<Node, (Pos, String)> {
    if yaml.trim().is_empty() {
        return Ok(Node { pos: Pos::new(first_line, 1), value: Value::Map(Vec::new()) });
    }
    let mut tree = Tree { shift: first_line - 1, ..Tree::default() };
    let mut parser = granit_parser::Parser::new_from_str(yaml);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| {
            let at = e.marker();
            let pos = Pos::new(at.line() as u32 + tree.shift, at.col() as u32 + 1);
            // The scanner has its own, higher, limit on nesting, met first by `[[[[…`.
            let info = e.info();
            (pos, if info.contains("recursion limit") { too_deep() } else { format!("invalid YAML: {info}") })
        })?;
        let pos = Pos::new(span.start.line() as u32 + tree.shift, span.start.col() as u32 + 1);
        tree.event(event, pos).map_err(|m| (pos, m))?;
    }
    Ok(tree.root.unwrap_or(Node { pos: Pos::new(first_line, 1), value: Value::Null }))
}

/// A sequence or mapping being filled: its anchor, and a mapping's key waiting for its
/// value.
struct Open {
    node: Node,
    anchor: usize,
    key: Option<Key>,
}

/// The tree being built from parser events.
#[derive(Default)]
struct Tree {
    /// Lines before the YAML in its file.
    shift: u32,
    /// Open sequences and mappings, innermost last.
    open: Vec<Open>,
    /// Anchored nodes with the number of values each holds.
    anchors: HashMap<usize, (Node, usize)>,
    nodes: usize,
    documents: usize,
    root: Option<Node>,
}

impl Tree {
    fn event(&mut self, event: Event, pos: Pos) -> Result<(), String> {
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err("invalid YAML: a second document ('---') where one was expected".into());
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar(&text, style, tag.as_deref());
                self.add(Node { pos, value }, anchor)?;
            }
            Event::SequenceStart(_, anchor, _) => self.open(Node { pos, value: Value::Seq(Vec::new()) }, anchor)?,
            Event::MappingStart(_, anchor, _) => self.open(Node { pos, value: Value::Map(Vec::new()) }, anchor)?,
            Event::SequenceEnd | Event::MappingEnd => {
                let open = self.open.pop().expect("the parser closes only what it opened");
                self.add(open.node, open.anchor)?;
            }
            Event::Alias(id) => {
                let (_, n) = self.anchors.get(&id).ok_or("invalid YAML: an alias to an unknown anchor")?;
                self.count(*n)?;
                let value = self.anchors[&id].0.value.clone();
                self.place(Node { pos, value })?;
            }
            _ => {}
        }
        Ok(())
    }

    fn count(&mut self, n: usize) -> Result<(), String> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            let (thousands, rest) = (MAX_NODES / 1000, MAX_NODES % 1000);
            return Err(format!(
                "the YAML expands to too many values (over the limit of {thousands},{rest:03}; are aliases repeating each other?)"
            ));
        }
        Ok(())
    }

    fn open(&mut self, node: Node, anchor: usize) -> Result<(), String> {
        if self.open.len() >= MAX_DEPTH {
            return Err(too_deep());
        }
        self.open.push(Open { node, anchor, key: None });
        Ok(())
    }

    /// A finished node: remembered under its anchor, then placed in its parent.
    fn add(&mut self, node: Node, anchor: usize) -> Result<(), String> {
        self.count(1)?;
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), size(&node)));
        }
        self.place(node)
    }

    fn place(&mut self, node: Node) -> Result<(), String> {
        let Some(Open { node: parent, key, .. }) = self.open.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        match &mut parent.value {
            Value::Seq(items) => items.push(node),
            Value::Map(entries) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => match node.value.as_text() {
                    Some(name) if entries.iter().any(|(k, _)| k.name == name) => {
                        return Err(format!("invalid YAML: duplicate key '{name}'"));
                    }
                    Some(name) => *key = Some(Key { name, pos: node.pos }),
                    None => {
                        return Err(format!(
                            "invalid YAML: a mapping key must be text, not {}",
                            node.value.kind_name()
                        ));
                    }
                },
            },
            _ => unreachable!("only collections are open"),
        }
        Ok(())
    }
}

fn too_deep() -> String {
    format!("the YAML is nested too deeply (over the limit of {MAX_DEPTH} levels)")
}

/// Values in a node, counting itself.
fn size(node: &Node) -> usize {
    1 + match &node.value {
        Value::Seq(items) => items.iter().map(size).sum(),
        Value::Map(entries) => entries.iter().map(|(_, n)| size(n)).sum(),
        _ => 0,
    }
}

/// A scalar's value: quoted and block scalars, and those tagged `!!str`, are text; plain
/// ones are null, true/false, integers or floats by the YAML 1.2 core schema, else text.
fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    let core = tag.and_then(Tag::core_suffix);
    if style != ScalarStyle::Plain || core == Some("str") || tag.is_some_and(|t| t.is_custom()) {
        return Value::Str(text.to_owned());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    integer(text)
        .map(Value::Int)
        .or_else(|| float(text).map(Value::Float))
        .unwrap_or_else(|| Value::Str(text.to_owned()))
}

/// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`.
fn integer(text: &str) -> Option<i64> {
    if let Some(octal) = text.strip_prefix("0o") {
        return i64::from_str_radix(octal, 8).ok().filter(|_| !octal.starts_with(['+', '-']));
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().filter(|_| !hex.starts_with(['+', '-']));
    }
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
fn float(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, "0"));
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let shaped = (!whole.is_empty() || !fraction.is_empty())
        && digits(whole)
        && digits(fraction)
        && !exponent.is_empty()
        && digits(exponent);
    shaped.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn only_yaml_1_2_booleans_are_booleans() {
        let node = parse("a: off\nb: yes\nc: true\n", 2).unwrap();
        let Value::Map(entries) = node.value else { panic!() };
        let values: Vec<&Value> = entries.iter().map(|(_, n)| &n.value).collect();
        assert_eq!(values, [&Value::Str("off".into()), &Value::Str("yes".into()), &Value::Bool(true)]);
    }

    fn values(yaml: &str) -> Vec<Value> {
        let Value::Map(entries) = parse(yaml, 1).unwrap().value else { panic!("not a mapping") };
        entries.into_iter().map(|(_, n)| n.value).collect()
    }

    #[test]
    fn plain_scalars_are_typed_by_the_core_schema_and_quoted_ones_stay_text() {
        let yaml = "a: 1984\nb: -7\nc: 0x1F\nd: 2.5\ne: 1e3\nf: ~\ng:\nh: \"12\"\ni: !!str 12\nj: 2024-05-01\nk: .inf\nl: 1.2.3\n";
        assert_eq!(
            values(yaml),
            [
                Value::Int(1984),
                Value::Int(-7),
                Value::Int(31),
                Value::Float(2.5),
                Value::Float(1000.0),
                Value::Null,
                Value::Null,
                Value::Str("12".into()),
                Value::Str("12".into()),
                Value::Str("2024-05-01".into()),
                Value::Float(f64::INFINITY),
                Value::Str("1.2.3".into()),
            ]
        );
    }

    #[test]
    fn aliases_repeat_their_anchor_s_value_at_their_own_place() {
        let node = parse("a: &x [1, 2]\nb: *x\n", 4).unwrap();
        let Value::Map(entries) = node.value else { panic!() };
        assert_eq!(
            entries[1].1.value,
            Value::Seq(vec![
                Node { pos: Pos::new(4, 8), value: Value::Int(1) },
                Node { pos: Pos::new(4, 11), value: Value::Int(2) },
            ])
        );
        assert_eq!(entries[1].1.pos, Pos::new(5, 4));
    }

    #[test]
    fn duplicate_keys_extra_documents_and_list_keys_are_errors_at_their_place() {
        assert_eq!(
            parse("a: 1\nb: 2\na: 3\n", 2).unwrap_err(),
            (Pos::new(4, 1), "invalid YAML: duplicate key 'a'".into())
        );
        let second = parse("a: 1\n---\nb: 2\n", 2).unwrap_err();
        assert_eq!(second.0, Pos::new(3, 1));
        assert!(second.1.contains("second document"), "{}", second.1);
        assert!(parse("? [x]\n: 1\n", 1).unwrap_err().1.contains("a mapping key must be text, not a list"));
        let bad = parse("title: a: b\n", 2).unwrap_err();
        assert_eq!(bad.0.line, 2);
        assert!(bad.1.starts_with("invalid YAML: "), "{}", bad.1);
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
