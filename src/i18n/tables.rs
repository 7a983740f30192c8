//! The built-in tables of strings (`src/i18n/strings/<language>.yaml`, compiled into the
//! binary) and a course's overrides of them under `strings:` in course.yaml.

use std::sync::OnceLock;

use super::text::{self, Entry, Form};
use crate::common::diag::{Diagnostic, suggest};
use crate::content::yaml::{self, Node, Value};

/// The built-in tables, English first: every other table has exactly its strings.
pub const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("strings/en.yaml")),
    ("fr", include_str!("strings/fr.yaml")),
    ("de", include_str!("strings/de.yaml")),
    ("es", include_str!("strings/es.yaml")),
    ("pt", include_str!("strings/pt.yaml")),
    ("it", include_str!("strings/it.yaml")),
    ("nl", include_str!("strings/nl.yaml")),
    ("zh", include_str!("strings/zh.yaml")),
    ("ja", include_str!("strings/ja.yaml")),
    ("ar", include_str!("strings/ar.yaml")),
];

type Table = Vec<(&'static str, Entry)>;

/// Each table, read the first time it is needed (a build reads English's and its
/// language's, not all ten).
static TABLES: [OnceLock<Table>; BUILTIN.len()] = [const { OnceLock::new() }; BUILTIN.len()];

fn table(i: usize) -> &'static Table {
    TABLES[i].get_or_init(|| match i {
        0 => read_english(BUILTIN[0].1),
        _ => read_table(BUILTIN[i].1, english()).0,
    })
}

/// The English table: every string's name and text.
pub fn english() -> &'static [(&'static str, Entry)] {
    table(0)
}

/// A built-in table by language code (`fr`); empty for one there is not.
pub fn builtin(lang: &str) -> &'static [(&'static str, Entry)] {
    BUILTIN.iter().position(|(l, _)| *l == lang).map(|i| table(i).as_slice()).unwrap_or(&[])
}

/// The built-in table a language tag takes its strings from: its language's (`pt-BR`
/// takes `pt`), or English for a language without one.
pub fn for_tag(tag: &str) -> &'static str {
    let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    BUILTIN.iter().map(|(l, _)| *l).find(|l| *l == primary).unwrap_or("en")
}

fn entries(source: &str) -> Vec<(yaml::Key, Node)> {
    match yaml::parse(source, 1) {
        Ok(Node { value: Value::Map(entries), .. }) => entries,
        _ => Vec::new(),
    }
}

fn read_english(source: &str) -> Table {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    entries(source)
        .into_iter()
        .filter_map(|(key, node)| {
            let entry = match node.value {
                Value::Map(forms) => Entry::Plural(
                    forms
                        .into_iter()
                        .filter_map(|(k, v)| {
                            let category = text::CATEGORIES.iter().find(|(n, _)| *n == k.name)?.1;
                            Some(Form { category, text: v.value.as_text()? })
                        })
                        .collect(),
                ),
                other => Entry::Plain(other.as_text()?),
            };
            Some((leak(key.name), entry))
        })
        .collect()
}

/// A translation's strings, each checked against English's; with the problems found.
pub fn read_table(source: &str, english: &[(&'static str, Entry)]) -> (Table, Vec<String>) {
    let mut table = Vec::new();
    let mut problems = Vec::new();
    for (key, node) in entries(source) {
        let Some((name, en)) = english.iter().find(|(n, _)| *n == key.name) else {
            problems.push(format!("line {}: '{}' is not a string English has", key.pos.line, key.name));
            continue;
        };
        match text::read(name, &node, en) {
            Ok(entry) => table.push((*name, entry)),
            Err(errors) => problems.extend(errors.into_iter().map(|(pos, e)| format!("line {}: {e}", pos.line))),
        }
    }
    (table, problems)
}

/// A course's overrides under `strings:`, each checked against English's string of that
/// name; a diagnostic for each problem.
pub fn overrides(path: &str, node: Node, diags: &mut Vec<Diagnostic>) -> Vec<(&'static str, Entry)> {
    let entries = match node.value {
        Value::Map(entries) => entries,
        other => {
            let msg = format!(
                "'strings' must be a mapping of string names to texts (strings: {{objectives: ...}}), found {}",
                other.kind_name()
            );
            diags.push(Diagnostic::error(path, Some(node.pos), msg));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let Some((name, en)) = english().iter().find(|(n, _)| *n == key.name) else {
            let hint = suggest(&key.name, english().iter().map(|(n, _)| *n))
                .map(|k| format!(" (did you mean '{k}'?)"))
                .unwrap_or_default();
            let msg = format!(
                "unknown string '{}' under strings{hint}; the manual's \"Languages\" page lists every string",
                key.name
            );
            diags.push(Diagnostic::error(path, Some(key.pos), msg));
            continue;
        };
        match text::read(name, &value, en) {
            Ok(Entry::Plain(digits)) if *name == "digits" && digits.chars().count() != 10 => {
                let found = digits.chars().count();
                let msg = format!("string 'digits' must be the ten digits 0 to 9 in order, found {found} characters");
                diags.push(Diagnostic::error(path, Some(value.pos), msg));
            }
            Ok(entry) => out.push((*name, entry)),
            Err(errors) => diags.extend(errors.into_iter().map(|(pos, m)| Diagnostic::error(path, Some(pos), m))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use icu_plurals::PluralCategory;

    use super::*;
    use crate::i18n::Strings;

    /// The plural categories a language uses for whole numbers and simple decimals.
    fn categories(lang: &str) -> BTreeSet<&'static str> {
        let strings = Strings::new(lang, Vec::new());
        let mut numbers: Vec<f64> = (0..=1000).map(f64::from).collect();
        numbers.extend([1.5, 2.5, 1_000_000.0, 2_000_000.0]);
        numbers.into_iter().map(|n| text::category_name(strings.category(n))).collect()
    }

    #[test]
    fn every_language_has_every_string_with_english_marks() {
        let english = english();
        assert!(english.len() > 200, "English has {} strings", english.len());
        for (lang, source) in &BUILTIN[1..] {
            let (table, mut problems) = read_table(source, english);
            for (name, _) in english {
                if !table.iter().any(|(n, _)| n == name) {
                    problems.push(format!("'{name}' is missing"));
                }
            }
            let digits = table.iter().find(|(n, _)| *n == "digits").map(|(_, e)| e.text().chars().count());
            if digits != Some(10) {
                problems.push(format!("'digits' holds {digits:?} characters, not 10"));
            }
            let wanted = categories(lang);
            for (name, entry) in &table {
                if let Entry::Plural(forms) = entry {
                    let has: BTreeSet<&str> = forms.iter().map(|f| text::category_name(f.category)).collect();
                    if has != wanted {
                        problems.push(format!("'{name}' has the plural forms {has:?}; {lang} uses {wanted:?}"));
                    }
                }
            }
            assert!(problems.is_empty(), "src/i18n/strings/{lang}.yaml:\n  {}", problems.join("\n  "));
        }
    }

    #[test]
    fn the_manual_lists_every_string() {
        let page = include_str!("../../docs/content/lessons/01-getting-started/05-languages.md");
        let missing: Vec<&str> =
            english().iter().map(|(n, _)| *n).filter(|n| !page.contains(&format!("`{n}`"))).collect();
        assert!(missing.is_empty(), "docs/content/lessons/01-getting-started/05-languages.md lacks {missing:?}");
    }

    #[test]
    fn english_plurals_give_one_and_other() {
        for (name, entry) in english() {
            if let Entry::Plural(forms) = entry {
                let has: Vec<PluralCategory> = forms.iter().map(|f| f.category).collect();
                assert_eq!(has, [PluralCategory::One, PluralCategory::Other], "{name}");
            }
        }
    }

    #[test]
    fn a_region_takes_its_language_table_and_an_unknown_language_english() {
        assert_eq!(for_tag("pt-BR"), "pt");
        assert_eq!(for_tag("fr-CA"), "fr");
        assert_eq!(for_tag("zh-Hans"), "zh");
        assert_eq!(for_tag("FR"), "fr");
        assert_eq!(for_tag("sw"), "en");
        assert_eq!(for_tag("tlh"), "en");
    }
}
