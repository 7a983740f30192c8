//! Citations of source articles: APA (7th edition) and MLA (9th edition) references as
//! HTML, and the reading list as BibTeX and RIS files, escaped as each format requires.

use std::sync::Arc;

use crate::content::model::{Article, Author};
use crate::i18n::Strings;
use crate::util::html::escape;
use crate::util::path::percent_encode_url;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// MLA abbreviates months longer than four letters.
const MLA_MONTHS: [&str; 12] =
    ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
const BIB_MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// An author's name as citations print it: a person's split into family and given names
/// (`Last, First` is taken as written; otherwise the last word is the family name, so
/// `Morgan Aikele` is Aikele, Morgan), an organisation's whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    Person { family: String, given: String },
    Literal(String),
}

impl Name {
    pub fn of(author: &Author) -> Name {
        match author {
            Author::Person(name) => Name::parse(name),
            Author::Organisation(name) => Name::Literal(name.trim().to_string()),
        }
    }

    pub fn parse(name: &str) -> Name {
        let name = name.trim();
        let person =
            |family: &str, given: &str| Name::Person { family: family.trim().into(), given: given.trim().into() };
        if let Some((family, given)) = name.split_once(',') {
            return person(family, given);
        }
        match name.rsplit_once(' ') {
            Some((given, family)) => person(family, given),
            None => person(name, ""),
        }
    }

    /// `Aikele, M.` (APA: initials of every given name, hyphens kept).
    fn apa(&self) -> String {
        let Name::Person { family, given } = self else { return self.inverted() };
        if given.is_empty() {
            return family.clone();
        }
        let initials: Vec<String> = given
            .split_whitespace()
            .map(|part| {
                part.split('-').filter_map(|p| p.chars().next()).map(|c| format!("{c}.")).collect::<Vec<_>>().join("-")
            })
            .collect();
        format!("{family}, {}", initials.join(" "))
    }

    /// `Aikele, Morgan`, or an organisation's name.
    fn inverted(&self) -> String {
        match self {
            Name::Person { family, given } if !given.is_empty() => format!("{family}, {given}"),
            Name::Person { family, .. } | Name::Literal(family) => family.clone(),
        }
    }

    /// `Morgan Aikele`, or an organisation's name.
    fn natural(&self) -> String {
        match self {
            Name::Person { family, given } if !given.is_empty() => format!("{given} {family}"),
            Name::Person { family, .. } | Name::Literal(family) => family.clone(),
        }
    }

    /// The name for BibTeX, escaped: an organisation in a second pair of braces, so that
    /// reference managers keep it whole.
    fn bibtex(&self) -> String {
        match self {
            Name::Literal(name) => format!("{{{}}}", bibtex_escape(name)),
            person => bibtex_escape(&person.inverted()),
        }
    }
}

/// The names of an article's authors.
fn names(a: &Article) -> Vec<Name> {
    a.authors.iter().map(Name::of).collect()
}

/// `(year, month 1-12, day)` of a `YYYY-MM-DD` date.
fn parts(date: &str) -> Option<(&str, usize, u32)> {
    let month: usize = date.get(5..7)?.parse().ok()?;
    let day: u32 = date.get(8..10)?.parse().ok()?;
    (1..=12).contains(&month).then(|| (&date[..4], month, day))
}

fn end_with_period(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '?', '!']) { s.to_string() } else { format!("{s}.") }
}

/// A link to `url` (percent-encoded where a link may not hold a character as it is)
/// showing `text`.
fn url_html(url: &str, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", escape(&percent_encode_url(url)), escape(text))
}

/// APA-style author list as plain text: `Lee, A., & Chen, B.`.
fn apa_authors(names: &[Name]) -> String {
    match names {
        [] => String::new(),
        [one] => one.apa(),
        [init @ .., last] if names.len() <= 20 => {
            format!("{}, & {}", init.iter().map(Name::apa).collect::<Vec<_>>().join(", "), last.apa())
        }
        _ => {
            let first: Vec<String> = names[..19].iter().map(Name::apa).collect();
            format!("{}, . . . {}", first.join(", "), names[names.len() - 1].apa())
        }
    }
}

/// A short plain-text reference for lists: `Aikele, M. (2022). Title. Publication.`
pub fn short(a: &Article) -> String {
    let names = names(a);
    let mut parts = Vec::new();
    let year = a.date.as_deref().and_then(|d| d.get(..4));
    let authors = apa_authors(&names);
    match (authors.is_empty(), year) {
        (false, Some(y)) => parts.push(format!("{authors} ({y}).")),
        (false, None) => parts.push(end_with_period(&authors)),
        (true, Some(y)) => parts.push(format!("({y}).")),
        (true, None) => {}
    }
    parts.push(end_with_period(&a.title));
    if !a.publication.is_empty() {
        parts.push(end_with_period(&a.publication));
    }
    parts.join(" ")
}

/// A month's name: English's, or the course language's when it has its own strings.
fn month(strings: &Strings, m: usize, english: &[&'static str; 12]) -> String {
    match strings.table {
        "en" => english[m - 1].to_string(),
        _ => strings.get(&format!("month_{m}")).to_string(),
    }
}

/// The APA 7 reference of an online news article, as HTML: month names and "n.d." in
/// the course's language.
pub fn apa(a: &Article, strings: &Strings) -> String {
    let names = names(a);
    let authors = escape(&apa_authors(&names));
    let date = match a.date.as_deref().and_then(parts) {
        Some((y, m, d)) if strings.table == "en" => format!("({y}, {} {d})", MONTHS[m - 1]),
        Some((y, m, d)) => {
            let (month, day) = (month(strings, m, &MONTHS), d.to_string());
            format!("({y}, {})", escape(&strings.format("day_month", None, &[("day", &day), ("month", &month)])))
        }
        None => format!("({})", escape(strings.get("no_date"))),
    };
    let title = escape(&end_with_period(&a.title));
    let mut out = if authors.is_empty() {
        format!("{title} {date}.")
    } else {
        format!("{} {date}. {title}", end_with_period(&authors))
    };
    if !a.publication.is_empty() {
        out.push_str(&format!(" <i>{}</i>.", escape(a.publication.trim_end_matches('.'))));
    }
    if let Some(url) = &a.url {
        out.push(' ');
        out.push_str(&url_html(&url.value, &url.value));
    }
    out
}

/// The MLA 9 works-cited entry of an online article, as HTML: in a course not in
/// English, months and "Accessed" in its language.
pub fn mla(a: &Article, strings: &Strings) -> String {
    let names = names(a);
    let authors = match names.as_slice() {
        [] => String::new(),
        [one] => one.inverted(),
        [first, second] => format!("{}, and {}", first.inverted(), second.natural()),
        [first, ..] => format!("{}, et al", first.inverted()),
    };
    let mut out = String::new();
    if !authors.is_empty() {
        out.push_str(&escape(&end_with_period(&authors)));
        out.push(' ');
    }
    let title = a.title.trim();
    let title = if title.ends_with(['.', '?', '!']) { title.to_string() } else { format!("{title}.") };
    out.push_str(&format!("“{}”", escape(&title)));
    let mut container = Vec::new();
    if !a.publication.is_empty() {
        container.push(format!("<i>{}</i>", escape(a.publication.trim_end_matches('.'))));
    }
    if let Some((y, m, d)) = a.date.as_deref().and_then(parts) {
        container.push(format!("{d} {} {y}", escape(&month(strings, m, &MLA_MONTHS))));
    }
    if let Some(url) = &a.url {
        // MLA drops the scheme from the text; the link keeps it.
        let text = url.value.trim_start_matches("https://").trim_start_matches("http://");
        container.push(url_html(&url.value, text));
    }
    if !container.is_empty() {
        out.push_str(&format!(" {}.", container.join(", ")));
    }
    if let Some((y, m, d)) = a.accessed.as_deref().and_then(parts) {
        if strings.table == "en" {
            out.push_str(&format!(" Accessed {d} {} {y}.", MLA_MONTHS[m - 1]));
        } else {
            let date = strings.date(&format!("{y}-{m:02}-{d:02}"));
            let accessed = strings.format("accessed", None, &[("date", &date)]);
            let mut chars = accessed.chars();
            let capital: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            out.push_str(&format!(" {}.", escape(&capital)));
        }
    }
    out
}

/// Escapes text for a BibTeX field in braces: LaTeX's special characters.
pub fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '#' | '%' | '&' | '$' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\^{}"),
            '~' => out.push_str("\\~{}"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A BibTeX citation key from an article id: ASCII letters, digits, `-` and `_` only.
fn bibtex_key(id: &str) -> String {
    let key: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if key.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) { key } else { format!("a{key}") }
}

/// The reading list as a BibTeX file.
pub fn bibtex(articles: &[Arc<Article>]) -> String {
    let mut out = String::new();
    for a in articles {
        let mut fields: Vec<(&str, String)> = Vec::new();
        let authors: Vec<String> = names(a).iter().map(Name::bibtex).collect();
        fields.push(("author", authors.join(" and ")));
        fields.push(("title", a.title.clone()));
        fields.push(("journal", a.publication.clone()));
        let date = a.date.as_deref().and_then(parts);
        if let Some((y, _, _)) = date {
            fields.push(("year", y.to_string()));
            fields.push(("date", a.date.clone().unwrap_or_default()));
        }
        fields.push(("url", a.url.as_ref().map(|u| u.value.clone()).unwrap_or_default()));
        fields.push(("urldate", a.accessed.clone().unwrap_or_default()));
        if let Some(archive) = &a.archive {
            fields.push(("note", format!("Archived at {}", archive.value)));
        }
        out.push_str(&format!("@article{{{},\n", bibtex_key(&a.id)));
        for (name, value) in fields.iter().filter(|(_, v)| !v.trim().is_empty()) {
            // URLs are verbatim fields: only their braces would break the file.
            let value = match *name {
                "url" => value.trim().replace('{', "%7B").replace('}', "%7D"),
                // Escaped name by name.
                "author" => value.trim().to_string(),
                _ => bibtex_escape(value.trim()),
            };
            out.push_str(&format!("  {name} = {{{value}}},\n"));
        }
        if let Some((_, m, _)) = date {
            out.push_str(&format!("  month = {},\n", BIB_MONTHS[m - 1]));
        }
        out.push_str("}\n\n");
    }
    out
}

/// A RIS field: one line, so line breaks become spaces.
fn ris_line(out: &mut String, tag: &str, value: &str) {
    let value = value.replace(['\r', '\n'], " ");
    if !value.trim().is_empty() {
        out.push_str(&format!("{tag}  - {}\r\n", value.trim()));
    }
}

/// The reading list as a RIS file (`TY  - NEWS` records).
pub fn ris(articles: &[Arc<Article>]) -> String {
    let mut out = String::new();
    for a in articles {
        ris_line(&mut out, "TY", "NEWS");
        for name in names(a) {
            ris_line(&mut out, "AU", &name.inverted());
        }
        ris_line(&mut out, "TI", &a.title);
        ris_line(&mut out, "T2", &a.publication);
        if let Some(date) = &a.date {
            ris_line(&mut out, "PY", &date[..4]);
            ris_line(&mut out, "DA", &format!("{}/", date.replace('-', "/")));
        }
        ris_line(&mut out, "UR", a.url.as_ref().map_or("", |u| u.value.as_str()));
        ris_line(&mut out, "Y2", &a.accessed.as_deref().unwrap_or_default().replace('-', "/"));
        if let Some(archive) = &a.archive {
            ris_line(&mut out, "N1", &format!("Archived at {}", archive.value));
        }
        ris_line(&mut out, "ID", &a.id);
        out.push_str("ER  - \r\n\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::diag::Pos;
    use crate::content::model::Origin;
    use crate::content::source::Source;
    use crate::content::yaml::Located;

    pub fn article(authors: &[&str]) -> Article {
        let at = |v: &str| Located { value: v.to_string(), pos: Pos::START };
        Article::for_tests(
            "north-korea",
            Origin { source: Source::new("a.md".into(), String::new()).into(), body_offset: 0 },
            "North Korea asserts new power in the Ukraine war, selling weaponry to Russia",
            authors.iter().map(|a| Author::Person(a.to_string())).collect(),
            Some("2022-09-14".into()),
            "Global News",
            Some(at("https://example.org/nk")),
            Some("2024-01-05".into()),
            Some(at("https://web.archive.org/x")),
        )
    }

    #[test]
    fn names_split_both_ways() {
        let aikele = Name::Person { family: "Aikele".into(), given: "Morgan".into() };
        assert_eq!(Name::parse("Morgan Aikele"), aikele);
        assert_eq!(Name::parse("Aikele, Morgan"), aikele);
        assert_eq!(Name::parse("Jean-Paul Sartre").apa(), "Sartre, J.-P.");
        assert_eq!(Name::parse("Mary Ann Evans").apa(), "Evans, M. A.");
    }

    fn apa_en(a: &Article) -> String {
        apa(a, &Strings::default())
    }

    fn mla_en(a: &Article) -> String {
        mla(a, &Strings::default())
    }

    #[test]
    fn apa_reference() {
        assert_eq!(
            apa_en(&article(&["Morgan Aikele"])),
            "Aikele, M. (2022, September 14). North Korea asserts new power in the Ukraine war, selling weaponry to Russia. \
             <i>Global News</i>. <a href=\"https://example.org/nk\">https://example.org/nk</a>"
        );
        assert!(apa_en(&article(&["A B", "C D", "E F"])).starts_with("B, A., D, C., &amp; F, E. (2022"));
    }

    #[test]
    fn mla_entry() {
        assert_eq!(
            mla_en(&article(&["Morgan Aikele"])),
            "Aikele, Morgan. “North Korea asserts new power in the Ukraine war, selling weaponry to Russia.” \
             <i>Global News</i>, 14 Sept. 2022, <a href=\"https://example.org/nk\">example.org/nk</a>. Accessed 5 Jan. 2024."
        );
        assert!(mla_en(&article(&["A B", "C D"])).starts_with("B, A, and C D."));
        assert!(mla_en(&article(&["A B", "C D", "E F"])).starts_with("B, A, et al."));
    }

    #[test]
    fn bibtex_escapes_latex_specials() {
        assert_eq!(
            bibtex_escape("50% of {x} & $y_1 #2 ~ ^ \\"),
            "50\\% of \\{x\\} \\& \\$y\\_1 \\#2 \\~{} \\^{} \\textbackslash{}"
        );
        let bib = bibtex(&[article(&["Morgan Aikele"]).into()]);
        assert!(bib.starts_with("@article{north-korea,\n  author = {Aikele, Morgan},\n"), "{bib}");
        assert!(
            bib.contains("  month = sep,\n") && bib.contains("  note = {Archived at https://web.archive.org/x},\n")
        );
    }

    #[test]
    fn ris_records() {
        let ris = ris(&[article(&["Morgan Aikele", "Jo Smith"]).into()]);
        assert!(ris.starts_with("TY  - NEWS\r\nAU  - Aikele, Morgan\r\nAU  - Smith, Jo\r\nTI  - North Korea"), "{ris}");
        assert!(ris.contains("DA  - 2022/09/14/\r\n") && ris.trim_end().ends_with("ER  -"));
    }

    #[test]
    fn an_organisation_is_printed_whole_in_every_style() {
        let mut a = article(&[]);
        a.authors = vec![Author::Organisation("BBC News".into())];
        assert!(apa_en(&a).starts_with("BBC News. (2022, September 14)."), "{}", apa_en(&a));
        assert!(mla_en(&a).starts_with("BBC News. “North Korea"), "{}", mla_en(&a));
        assert!(short(&a).starts_with("BBC News (2022)."), "{}", short(&a));
        let a = Arc::new(a);
        assert!(bibtex(std::slice::from_ref(&a)).contains("  author = {{BBC News}},\n"));
        assert!(ris(&[a]).contains("AU  - BBC News\r\n"));
        let mut b = article(&["Morgan Aikele"]);
        b.authors.push(Author::Organisation("Reuters".into()));
        assert!(apa_en(&b).starts_with("Aikele, M., &amp; Reuters. (2022"), "{}", apa_en(&b));
        assert!(bibtex(&[Arc::new(b)]).contains("  author = {Aikele, Morgan and {Reuters}},\n"));
    }
}
