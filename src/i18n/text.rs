//! One string of the table: its text or plural forms, the `{placeholder}` and `[link]`
//! marks in it, and the check that a translation or override keeps English's marks.

use std::collections::BTreeSet;

use icu_plurals::PluralCategory;

use crate::common::diag::Pos;
use crate::content::yaml::{Node, Value};

/// A string's text, or its forms by plural category.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Plain(String),
    Plural(Vec<Form>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub category: PluralCategory,
    pub text: String,
}

impl Entry {
    /// The text, or the `other` form of a plural.
    pub fn text(&self) -> &str {
        match self {
            Entry::Plain(t) => t,
            Entry::Plural(forms) => {
                forms.iter().find(|f| f.category == PluralCategory::Other).map(|f| f.text.as_str()).unwrap_or("")
            }
        }
    }

    fn texts(&self) -> Vec<(Option<PluralCategory>, &str)> {
        match self {
            Entry::Plain(t) => vec![(None, t)],
            Entry::Plural(forms) => forms.iter().map(|f| (Some(f.category), f.text.as_str())).collect(),
        }
    }
}

pub const CATEGORIES: [(&str, PluralCategory); 6] = [
    ("zero", PluralCategory::Zero),
    ("one", PluralCategory::One),
    ("two", PluralCategory::Two),
    ("few", PluralCategory::Few),
    ("many", PluralCategory::Many),
    ("other", PluralCategory::Other),
];

pub fn category_name(c: PluralCategory) -> &'static str {
    CATEGORIES.iter().find(|(_, k)| *k == c).map(|(n, _)| *n).unwrap_or("other")
}

/// A piece of a string's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Placeholder(&'a str),
    /// The start of a `[link]`, with its number from 0.
    Link(usize),
    LinkEnd,
}

/// Calls `emit` with each piece of `template` in order. `{name}` is a placeholder when
/// `name` is a word (letters, digits, `_`); any other brace is text.
pub fn fill<'a>(template: &'a str, emit: &mut impl FnMut(Piece<'a>)) {
    let mut rest = template;
    let mut links = 0;
    while let Some(at) = rest.find(['{', '[', ']']) {
        let (before, from) = rest.split_at(at);
        if !before.is_empty() {
            emit(Piece::Text(before));
        }
        match from.as_bytes()[0] {
            b'{' => match from[1..].find('}').map(|end| &from[1..1 + end]) {
                Some(name) if is_name(name) => {
                    emit(Piece::Placeholder(name));
                    rest = &from[name.len() + 2..];
                    continue;
                }
                _ => emit(Piece::Text("{")),
            },
            b'[' => {
                emit(Piece::Link(links));
                links += 1;
            }
            _ => emit(Piece::LinkEnd),
        }
        rest = &from[1..];
    }
    if !rest.is_empty() {
        emit(Piece::Text(rest));
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The placeholders of a text, and its number of links (pairs of brackets).
pub fn marks(text: &str) -> (BTreeSet<&str>, usize, usize) {
    let (mut names, mut opened, mut closed) = (BTreeSet::new(), 0, 0);
    fill(text, &mut |p| match p {
        Piece::Placeholder(n) => {
            names.insert(n);
        }
        Piece::Link(_) => opened += 1,
        Piece::LinkEnd => closed += 1,
        Piece::Text(_) => {}
    });
    (names, opened, closed)
}

/// Reads a string's value (text, or a mapping of plural forms when English's is plural)
/// and checks it keeps English's marks. Errors are messages about the string `name`, each
/// with where it is (the value's start, or a plural form's).
pub fn read(name: &str, node: &Node, english: &Entry) -> Result<Entry, Vec<(Pos, String)>> {
    let at = |errors: Vec<String>| errors.into_iter().map(|e| (node.pos, e)).collect::<Vec<_>>();
    let entry = match (&node.value, english) {
        (Value::Map(forms), Entry::Plural(_)) => {
            let mut out = Vec::new();
            let mut errors = Vec::new();
            for (key, value) in forms {
                let Some((_, category)) = CATEGORIES.iter().find(|(n, _)| *n == key.name) else {
                    errors.push((
                        key.pos,
                        format!(
                            "string '{name}' has the plural form '{}': expected zero, one, two, few, many or other",
                            key.name
                        ),
                    ));
                    continue;
                };
                match value.value.as_text() {
                    Some(text) => out.push(Form { category: *category, text }),
                    None => errors.push((
                        value.pos,
                        format!(
                            "string '{name}', form '{}', must be text, found {}",
                            key.name,
                            value.value.kind_name()
                        ),
                    )),
                }
            }
            if !out.iter().any(|f| f.category == PluralCategory::Other) && errors.is_empty() {
                let msg = format!("string '{name}' needs an 'other' form, used for any number no other form is for");
                errors.push((node.pos, msg));
            }
            if !errors.is_empty() {
                return Err(errors);
            }
            Entry::Plural(out)
        }
        (Value::Map(_), Entry::Plain(_)) => {
            return Err(at(vec![format!("string '{name}' takes one text, found a mapping (it has no plural forms)")]));
        }
        (value, _) => match value.as_text() {
            Some(text) => match english {
                Entry::Plain(_) => Entry::Plain(text),
                Entry::Plural(_) => Entry::Plural(vec![Form { category: PluralCategory::Other, text }]),
            },
            None => return Err(at(vec![format!("string '{name}' must be text, found {}", value.kind_name())])),
        },
    };
    let mut errors = check_marks(name, &entry, english);
    if entry.texts().iter().any(|(_, t)| t.is_empty()) {
        errors.push(format!("string '{name}' is empty: the page would show nothing where it goes"));
    }
    if errors.is_empty() { Ok(entry) } else { Err(at(errors)) }
}

/// The differences between a string's placeholders and links and English's.
pub fn check_marks(name: &str, entry: &Entry, english: &Entry) -> Vec<String> {
    let mut wanted: BTreeSet<&str> = BTreeSet::new();
    let mut wanted_links = 0;
    for (_, text) in english.texts() {
        let (names, links, _) = marks(text);
        wanted.extend(names);
        wanted_links = wanted_links.max(links);
    }
    let list = |set: &BTreeSet<&str>| set.iter().map(|n| format!("{{{n}}}")).collect::<Vec<_>>().join(", ");
    let mut errors = Vec::new();
    for (category, text) in entry.texts() {
        let form = category.map(|c| format!(", form '{}',", category_name(c))).unwrap_or_default();
        let (names, opened, closed) = marks(text);
        for extra in names.difference(&wanted) {
            let has = if wanted.is_empty() { "none".to_string() } else { list(&wanted) };
            errors.push(format!(
                "string '{name}'{form} has the placeholder {{{extra}}}, which it is never given (it takes: {has})"
            ));
        }
        // A plural form other than `other` may say its number in words.
        let optional = |n: &&str| *n == "count" && category.is_some_and(|c| c != PluralCategory::Other);
        for missing in wanted.difference(&names).filter(|n| !optional(n)) {
            errors.push(format!("string '{name}'{form} leaves out the placeholder {{{missing}}}"));
        }
        if opened != wanted_links || closed != wanted_links {
            errors.push(format!(
                "string '{name}'{form} must mark {wanted_links} link{} [like this], found {opened} '[' and {closed} ']'",
                if wanted_links == 1 { "" } else { "s" }
            ));
        }
    }
    errors
}

/// The minutes of a written duration: `45 min`, `45 minutes`, `90m`, `1 h`, `1h30`,
/// `1 h 30 min`, `1.5 hours`; `None` for anything else.
pub fn minutes(written: &str) -> Option<u32> {
    let s = written.trim().to_ascii_lowercase();
    let mut total = 0.0;
    let mut rest = s.as_str();
    let mut last_unit = "";
    let mut any = false;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(rest.len());
        if digits == 0 {
            return None;
        }
        let n: f64 = rest[..digits].replace(',', ".").parse().ok()?;
        rest = rest[digits..].trim_start();
        let unit_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = rest[unit_len..].trim_start();
        let factor = match unit {
            "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
            // `1h30`: a bare number after hours is minutes.
            "" if last_unit == "h" => 1.0,
            _ => return None,
        };
        last_unit = if factor == 60.0 { "h" } else { "m" };
        total += n * factor;
        any = true;
    }
    (any && total > 0.0 && total < 100_000.0).then(|| total.round() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_read_in_the_usual_ways() {
        for (written, m) in [
            ("45 min", Some(45)),
            ("45min", Some(45)),
            ("45 minutes", Some(45)),
            ("90m", Some(90)),
            ("1 h", Some(60)),
            ("1h30", Some(90)),
            ("1 h 30 min", Some(90)),
            ("1.5 hours", Some(90)),
            ("2 Hours", Some(120)),
            ("about an hour", None),
            ("45", None),
            ("", None),
            ("3 days", None),
        ] {
            assert_eq!(minutes(written), m, "{written}");
        }
    }

    #[test]
    fn placeholders_and_links_are_found() {
        let (names, opened, closed) = marks("Introduced in [{title}] on {date}; {not a name} {}");
        assert_eq!(names.into_iter().collect::<Vec<_>>(), ["date", "title"]);
        assert_eq!((opened, closed), (1, 1));
    }
}
