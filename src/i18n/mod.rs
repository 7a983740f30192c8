//! The theme's words in the course's language: one table of named strings (built in for
//! ten languages, any entry overridable under `strings:` in course.yaml), filled in with
//! plural forms chosen by CLDR's rules (ICU4X's icu_plurals: the rules and data browsers'
//! `Intl.PluralRules` use), the language's digits, dates and durations.

pub mod tables;
pub mod text;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules, PluralRulesPreferences};

pub use text::{Entry, Form};

/// Which way the course's script runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    Ltr,
    Rtl,
}

/// Languages written right to left, by primary subtag.
const RTL: &[&str] = &["ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"];

impl Dir {
    /// The direction of a language tag: its script subtag when it has one (`az-Arab`,
    /// `ar-Latn`), else its language's usual script.
    pub fn of(tag: &str) -> Dir {
        let mut parts = tag.split(['-', '_']);
        let primary = parts.next().unwrap_or("").to_ascii_lowercase();
        let script = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()));
        match script.map(str::to_ascii_lowercase).as_deref() {
            Some("arab" | "hebr" | "thaa" | "syrc" | "nkoo" | "adlm" | "rohg") => Dir::Rtl,
            Some(_) => Dir::Ltr,
            None if RTL.contains(&primary.as_str()) => Dir::Rtl,
            None => Dir::Ltr,
        }
    }
}

/// The course's strings: its language's table with the course's overrides over it.
pub struct Strings {
    /// The course's language tag, as written in course.yaml.
    pub tag: String,
    /// The built-in table the strings come from (`en` when the language has none).
    pub table: &'static str,
    pub dir: Dir,
    entries: HashMap<&'static str, Entry>,
    digits: [char; 10],
    decimal: String,
    plurals: PluralRules,
    /// The locale whose plural rules apply, as browsers' `Intl.PluralRules` takes it.
    plural_locale: String,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings").field("tag", &self.tag).field("table", &self.table).finish_non_exhaustive()
    }
}

impl Default for Strings {
    fn default() -> Self {
        Strings::new("en", Vec::new())
    }
}

/// English without overrides, made once: the strings of a course that sets no language.
pub fn english() -> Arc<Strings> {
    static ENGLISH: LazyLock<Arc<Strings>> = LazyLock::new(|| Arc::new(Strings::default()));
    Arc::clone(&ENGLISH)
}

impl Strings {
    /// The strings of a language tag, with `overrides` (already checked against English)
    /// over its built-in table.
    pub fn new(tag: &str, overrides: Vec<(&'static str, Entry)>) -> Strings {
        let table = tables::for_tag(tag);
        let mut entries: HashMap<&'static str, Entry> =
            tables::english().iter().map(|(n, e)| (*n, e.clone())).collect();
        if table != "en" {
            entries.extend(tables::builtin(table).iter().map(|(n, e)| (*n, e.clone())));
        }
        entries.extend(overrides);
        let digit_text = entries.get("digits").map(Entry::text).unwrap_or("0123456789");
        let mut digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
        if digit_text.chars().count() == 10 {
            digits.iter_mut().zip(digit_text.chars()).for_each(|(d, c)| *d = c);
        }
        let decimal = entries.get("decimal_separator").map(Entry::text).unwrap_or(".").to_string();
        let (plurals, plural_locale) = plural_rules(tag);
        Strings { tag: tag.to_string(), table, dir: Dir::of(tag), entries, digits, decimal, plurals, plural_locale }
    }

    /// A string with no placeholders filled in (a plural one's `other` form).
    pub fn get<'a>(&'a self, name: &'a str) -> &'a str {
        self.entries.get(name).map(Entry::text).unwrap_or(name)
    }

    /// A string with its placeholders filled in: `args` are already formatted (see
    /// [`Strings::number`]); `count` picks the plural form and fills `{count}`.
    pub fn format(&self, name: &str, count: Option<f64>, args: &[(&str, &str)]) -> String {
        self.fill_in(name, count, args, None)
    }

    /// A string as HTML: its text escaped, placeholders filled in (`args` are HTML
    /// already), each `[...]` a link to the next of `links` (text alone past the last).
    pub fn html(&self, name: &str, count: Option<f64>, args: &[(&str, &str)], links: &[&str]) -> String {
        self.fill_in(name, count, args, Some(links))
    }

    /// `format` (`links` is `None`: plain text) and `html` (`Some`) in one pass.
    fn fill_in(&self, name: &str, count: Option<f64>, args: &[(&str, &str)], links: Option<&[&str]>) -> String {
        let template = self.pick(name, count);
        let count_text = count.map(|n| self.number(n));
        let mut out = String::with_capacity(template.len() + 32);
        let mut next_link = links.unwrap_or(&[]).iter();
        let mut open = false;
        text::fill(template, &mut |piece| match piece {
            text::Piece::Text(t) if links.is_some() => crate::util::html::escape_into(&mut out, t),
            text::Piece::Text(t) => out.push_str(t),
            text::Piece::Placeholder(p) => match (p, &count_text) {
                ("count", Some(c)) => out.push_str(c),
                _ => out.push_str(args.iter().find(|(k, _)| *k == p).map(|(_, v)| *v).unwrap_or("")),
            },
            text::Piece::Link(_) => {
                if let Some(href) = next_link.next() {
                    out.push_str("<a href=\"");
                    crate::util::html::escape_into(&mut out, href);
                    out.push_str("\">");
                    open = true;
                }
            }
            text::Piece::LinkEnd => {
                if std::mem::take(&mut open) {
                    out.push_str("</a>");
                }
            }
        });
        out
    }

    fn pick<'a>(&'a self, name: &'a str, count: Option<f64>) -> &'a str {
        match (self.entries.get(name), count) {
            (Some(Entry::Plural(forms)), Some(n)) => {
                let category = self.category(n);
                forms
                    .iter()
                    .find(|f| f.category == category)
                    .or_else(|| forms.iter().find(|f| f.category == PluralCategory::Other))
                    .map(|f| f.text.as_str())
                    .unwrap_or(name)
            }
            (Some(e), _) => e.text(),
            (None, _) => name,
        }
    }

    /// The plural category of a number in the course's language.
    pub fn category(&self, n: f64) -> PluralCategory {
        match n.fract() == 0.0 && n.abs() < 1e15 {
            true => self.plurals.category_for(n as i64),
            false => {
                let text = format!("{}", (n * 100.0).round() / 100.0);
                match fixed_decimal::Decimal::try_from_str(&text) {
                    Ok(d) => self.plurals.category_for(&d),
                    Err(_) => PluralCategory::Other,
                }
            }
        }
    }

    /// A number as the language writes it: its digits and decimal separator, two
    /// decimals at most.
    pub fn number(&self, n: f64) -> String {
        self.written((n * 100.0).round() / 100.0)
    }

    /// A number as the language writes it, every decimal kept (a quiz's answer).
    pub fn written(&self, n: f64) -> String {
        let plain = format!("{n}");
        if self.digits[1] == '1' && (self.decimal == "." || !plain.contains('.')) {
            return plain;
        }
        let mut out = String::with_capacity(plain.len() * 2);
        for c in plain.chars() {
            match c {
                '0'..='9' => out.push(self.digits[c as usize - '0' as usize]),
                '.' => out.push_str(&self.decimal),
                c => out.push(c),
            }
        }
        out
    }

    /// A number written as text (`2.1`, a lesson's number) in the language's digits; other
    /// text as it is.
    pub fn numeral<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let numeric = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        match numeric && self.digits[1] != '1' {
            true => Cow::Owned(text.chars().map(|c| c.to_digit(10).map_or(c, |d| self.digits[d as usize])).collect()),
            false => Cow::Borrowed(text),
        }
    }

    /// A date written `YYYY-MM-DD` as the language writes dates; other text as it is.
    pub fn date(&self, iso: &str) -> String {
        let mut parts = iso.splitn(3, '-').map(|p| p.parse::<u32>().ok());
        let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next()) else {
            return iso.to_string();
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return iso.to_string();
        }
        let (year, day) = (self.number(f64::from(y)), self.number(f64::from(d)));
        let month = self.get(&format!("month_{m}")).to_string();
        self.format("date", None, &[("day", &day), ("month", &month), ("year", &year)])
    }

    /// A lesson's duration as the teacher wrote it (`45 min`, `1 h 30`, `2 hours`) in the
    /// language's words; text that is not a duration stays as it is.
    pub fn duration(&self, written: &str) -> String {
        match text::minutes(written) {
            Some(m) if m < 60 => self.format("minutes", Some(f64::from(m)), &[]),
            Some(m) if m % 60 == 0 => self.format("hours", Some(f64::from(m / 60)), &[]),
            Some(m) => {
                let (h, rest) = (self.number(f64::from(m / 60)), self.number(f64::from(m % 60)));
                self.format("hours_minutes", None, &[("hours", &h), ("minutes", &rest)])
            }
            None => written.to_string(),
        }
    }

    /// A plain-text list: `a, b, c` with the language's separator.
    pub fn list<S: AsRef<str>>(&self, items: &[S]) -> String {
        let sep = self.get("list_separator");
        items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(sep)
    }

    /// Every plain string by name, for templates (`{{ t.objectives }}`).
    pub fn plain(&self) -> HashMap<&'static str, &str> {
        self.entries.iter().map(|(n, e)| (*n, e.text())).collect()
    }

    /// The data the theme's scripts read (`window.syllabusStrings`): JSON, safe inside a
    /// script.
    pub fn script_data(&self) -> String {
        let mut texts = serde_json::Map::new();
        let mut names: Vec<&&str> = self.entries.keys().collect();
        names.sort();
        for name in names {
            let value = match &self.entries[*name] {
                Entry::Plain(t) => serde_json::Value::from(t.as_str()),
                Entry::Plural(forms) => forms
                    .iter()
                    .map(|f| (text::category_name(f.category).to_string(), serde_json::Value::from(f.text.as_str())))
                    .collect(),
            };
            texts.insert(name.to_string(), value);
        }
        let data = serde_json::json!({
            "lang": self.tag,
            "plural": self.plural_locale,
            "dir": self.dir,
            "texts": texts,
        });
        crate::util::html::script_json(&data.to_string())
    }
}

/// Languages whose numbers take one form whatever they are (CLDR gives them only
/// `other`).
const NO_PLURALS: &[&str] = &[
    "bm", "bo", "dz", "id", "ig", "ii", "ja", "jv", "kde", "kea", "km", "ko", "lkt", "lo", "ms", "my", "nqo", "sah",
    "ses", "sg", "su", "th", "to", "vi", "wo", "yo", "yue", "zh",
];

/// Plural rules for a tag, with the locale browsers' `Intl.PluralRules` must take to agree
/// (`none`: every number takes `other`). A language CLDR does not know takes English's
/// rules, as it takes English's strings.
fn plural_rules(tag: &str) -> (PluralRules, String) {
    let english = || PluralRules::try_new_cardinal(PluralRulesPreferences::from(&icu_locale_core::locale!("en")));
    let Ok(locale) = Locale::try_from_str(tag) else {
        return (english().expect("English plural rules are built in"), "en".into());
    };
    let rules = PluralRules::try_new_cardinal(PluralRulesPreferences::from(&locale)).or_else(|_| english());
    let rules = rules.expect("English plural rules are built in");
    // ICU falls back to the root rules (always `other`) for a language it does not know.
    let varies = [0u32, 1, 2, 3, 5, 11, 21, 100].iter().any(|&n| rules.category_for(n) != PluralCategory::Other);
    let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    match (varies, NO_PLURALS.contains(&primary.as_str())) {
        (true, _) => (rules, tag.to_string()),
        (false, true) => (rules, "none".into()),
        (false, false) => (english().expect("English plural rules are built in"), "en".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_rules_follow_the_language_and_its_region() {
        let cat = |tag: &str, n: f64| text::category_name(Strings::new(tag, Vec::new()).category(n));
        assert_eq!(cat("en", 1.0), "one");
        assert_eq!(cat("en", 0.0), "other");
        assert_eq!(cat("fr", 0.0), "one");
        assert_eq!(cat("fr", 1.5), "one");
        assert_eq!(cat("pt-BR", 0.0), "one");
        assert_eq!(cat("pt-PT", 0.0), "other");
        assert_eq!(cat("ar", 0.0), "zero");
        assert_eq!(cat("ar", 2.0), "two");
        assert_eq!(cat("ar", 5.0), "few");
        assert_eq!(cat("ar", 11.0), "many");
        assert_eq!(cat("ar", 100.0), "other");
        assert_eq!(cat("ru", 3.0), "few");
        assert_eq!(cat("ja", 1.0), "other");
        assert_eq!(Strings::new("pt-BR", Vec::new()).plural_locale, "pt-BR");
        assert_eq!(Strings::new("zh-Hans", Vec::new()).plural_locale, "none");
        assert_eq!(cat("xx", 1.0), "one");
        assert_eq!(Strings::new("xx", Vec::new()).plural_locale, "en");
        assert_eq!(Strings::new("tlh", Vec::new()).plural_locale, "en");
    }

    #[test]
    fn numbers_dates_and_durations_are_written_in_the_language() {
        let en = Strings::default();
        assert_eq!(en.number(1.5), "1.5");
        assert_eq!(en.number(2.0 / 3.0), "0.67");
        assert_eq!(en.written(0.001), "0.001");
        let ar = Strings::new("ar", Vec::new());
        assert_eq!(ar.written(0.4), "٠٫٤");
        assert_eq!(ar.numeral("2.1"), "٢.١");
        assert_eq!(ar.date("2024-01-05"), "٥ يناير ٢٠٢٤");
        assert_eq!(en.date("2024-01-05"), "5 January 2024");
        assert_eq!(en.date("2024-13-05"), "2024-13-05");
        assert_eq!(en.date("soon"), "soon");
        assert_eq!(en.duration("45 min"), "45 min");
        assert_eq!(en.duration("1h30"), "1 h 30 min");
        assert_eq!(en.duration("2 hours"), "2 h");
        assert_eq!(en.duration("a while"), "a while");
        assert_eq!(en.format("questions", Some(1.0), &[]), "1 question");
        assert_eq!(en.format("questions", Some(3.0), &[]), "3 questions");
        assert_eq!(en.format("take_the_quiz", None, &[("title", "<b>")]), "Take the quiz: <b>");
    }

    #[test]
    fn html_escapes_the_text_and_makes_the_links() {
        let over = vec![("concepts_intro", Entry::Plain("<script>x</script> & [the glossary]".into()))];
        let s = Strings::new("en", over);
        assert_eq!(
            s.html("concepts_intro", None, &[], &["/g/?a=1&b"]),
            "&lt;script&gt;x&lt;/script&gt; &amp; <a href=\"/g/?a=1&amp;b\">the glossary</a>"
        );
        assert!(!s.script_data().contains("<script>"));
        // More marks than links: the rest is text, and every element opened is closed.
        let two = Strings::new("en", vec![("concepts_intro", Entry::Plain("[a] and [b]".into()))]);
        assert_eq!(two.html("concepts_intro", None, &[], &["/x/"]), "<a href=\"/x/\">a</a> and b");
        assert_eq!(two.html("concepts_intro", None, &[], &[]), "a and b");
    }

    #[test]
    fn direction_follows_the_language_or_its_script() {
        assert_eq!(Dir::of("ar"), Dir::Rtl);
        assert_eq!(Dir::of("he-IL"), Dir::Rtl);
        assert_eq!(Dir::of("fa"), Dir::Rtl);
        assert_eq!(Dir::of("ur"), Dir::Rtl);
        assert_eq!(Dir::of("az-Arab"), Dir::Rtl);
        assert_eq!(Dir::of("ar-Latn"), Dir::Ltr);
        assert_eq!(Dir::of("fr"), Dir::Ltr);
    }
}
