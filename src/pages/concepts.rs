//! Concept pages: a concept with its definition, explanation, related concepts, examples
//! and every page that uses it; the list of concepts with the map; the glossary A to Z.

use tera::{Context, Value};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::Pages;
use super::views::{ConceptPage, ConceptView, ExampleView, Letter, UseGroup};
use crate::common::routes::SitePage;
use crate::common::{Kind, PageKey};
use crate::content::model::{Concept, targets};
use crate::markdown::Rendered;
use crate::site::{cite, conceptmap};
use crate::util::html::escape_into;

/// Room for each page in a concept's list of uses.
pub(super) const USE_ROOM: usize = 128;

impl Pages<'_> {
    pub(super) fn concept(&self, idx: usize) -> Context {
        let c = &self.index.course.concepts[idx];
        let key = PageKey::new(Kind::Concept, idx);
        let crumbs = vec![self.crumb(SitePage::Home), self.crumb(SitePage::Concepts)];
        let mut ctx = self.base(&c.term, self.index.site_path(key), crumbs);
        let (used_in, used_in_html) = self.used_in(idx);
        let view = ConceptPage {
            concept: self.concept_view(idx),
            content: &self.bodies.concepts[idx].html,
            related: targets(&c.related).map(|r| self.concept_value(r)).collect(),
            used_in,
            used_in_html: Value::safe_string(&used_in_html),
            examples: self.examples(idx),
            review_card: c.review && self.graph.introduced_by[idx].is_none(),
            extra: &c.extra,
        };
        ctx.insert("concept", &view);
        ctx
    }

    pub(super) fn concepts(&self) -> Context {
        let mut ctx = self.listing(SitePage::Concepts);
        let all: Vec<Value> = (0..self.index.course.concepts.len()).map(|c| self.concept_value(c)).collect();
        ctx.insert("concepts", &all);
        ctx.insert("concept_map", &conceptmap::svg(self.index, self.graph));
        ctx
    }

    pub(super) fn glossary(&self) -> Context {
        let mut ctx = self.listing(SitePage::Glossary);
        let mut letters: Vec<Letter> = Vec::new();
        let arabic = self.strings().table == "ar";
        let mut order: Vec<(String, usize)> =
            self.index.course.concepts.iter().enumerate().map(|(i, c)| (sort_key(&c.term, arabic), i)).collect();
        order.sort();
        for (key, i) in order {
            let letter = initial(&key);
            match letters.last_mut() {
                Some(l) if l.letter == letter => l.concepts.push(self.concept_value(i)),
                _ => letters.push(Letter {
                    anchor: format!("letter-{}", letter.to_lowercase()),
                    letter,
                    concepts: vec![self.concept_value(i)],
                }),
            }
        }
        ctx.insert("letters", &letters);
        ctx
    }

    pub(super) fn concept_view(&self, idx: usize) -> ConceptView<'_> {
        let c: &Concept = &self.index.course.concepts[idx];
        let def: &Rendered = &self.bodies.definitions[idx];
        let intro = self.graph.introduced_by[idx].map(|l| self.link(PageKey::new(Kind::Lesson, l)));
        ConceptView {
            id: &c.id,
            term: &c.term,
            url: self.href(Kind::Concept, idx),
            definition: &def.html,
            definition_text: &def.plain,
            aliases: &c.aliases,
            introduced_by: intro,
        }
    }

    /// Passages marked as examples of a concept, each with its source and a link back.
    pub(super) fn examples(&self, idx: usize) -> Vec<ExampleView<'_>> {
        let course = self.index.course;
        self.graph.examples[idx]
            .iter()
            .map(|(page, anchor, text)| ExampleView {
                text,
                url: format!("{}#{anchor}", self.index.href(*page)),
                source: self.index.title(*page),
                citation: match page.kind {
                    Kind::Article => cite::short(&course.articles[page.idx]),
                    kind => format!("{}: {}", self.kind_text(kind), self.index.title(*page)),
                },
            })
            .collect()
    }

    /// The pages that use a concept, grouped: lessons by module, then readings, then quizzes;
    /// and the groups as HTML, joined (a concept of a large course has hundreds of groups,
    /// and a template loop over them cost more than the rest of its page).
    pub(super) fn used_in(&self, idx: usize) -> (Vec<UseGroup<'_>>, String) {
        let c = self.index.course;
        let mut groups: Vec<(&str, Vec<PageKey>)> = Vec::new();
        for &key in &self.graph.concept_uses[idx] {
            let heading = match key.kind {
                Kind::Lesson => c.modules[self.values.lesson_modules[key.idx] as usize].title.as_str(),
                Kind::Article => self.strings().get("readings"),
                Kind::Quiz => self.strings().get("quizzes"),
                _ => self.strings().get("other_pages"),
            };
            match groups.last_mut() {
                Some((title, keys)) if *title == heading => keys.push(key),
                _ => groups.push((heading, vec![key])),
            }
        }
        let mut html = String::with_capacity(self.graph.concept_uses[idx].len() * USE_ROOM);
        let groups = groups.into_iter().map(|(title, keys)| self.use_group(title, &keys, &mut html)).collect();
        (groups, html)
    }

    /// A group of pages that use a concept: their values, for themes that loop over them, and
    /// the list items joined. On a large course a concept has hundreds of uses, and a loop
    /// over them in the template cost twice the rest of its page. The group is also added
    /// to `page_html`, as a heading and the list.
    pub(super) fn use_group<'s>(&'s self, title: &'s str, keys: &[PageKey], page_html: &mut String) -> UseGroup<'s> {
        let mut html = String::with_capacity(keys.len() * 96);
        for &key in keys {
            html.push_str(self.ref_item(key));
        }
        page_html.push_str("\n    <h3>");
        escape_into(page_html, title);
        page_html.push_str("</h3>\n    <ul>");
        page_html.push_str(&html);
        page_html.push_str("</ul>\n    ");
        UseGroup {
            title,
            pages: keys.iter().map(|&key| self.page_ref(key)).collect(),
            pages_html: Value::safe_string(&html),
        }
    }
}

/// A term's place in the glossary: without accents, in lower case, so that `Éducation` files
/// under E beside `Eau`; in Arabic without the article `ال`, which dictionaries pass over.
fn sort_key(term: &str, arabic: bool) -> String {
    let folded = term.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase();
    match folded.strip_prefix("ال") {
        Some(rest) if arabic && rest.chars().count() >= 2 => rest.to_string(),
        _ => folded,
    }
}

/// The glossary letter of a term: its first letter without accents, uppercased.
fn initial(term: &str) -> String {
    term.nfd().find(|c| c.is_alphanumeric()).map(|c| c.to_uppercase().collect::<String>()).unwrap_or_else(|| "#".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_order_folds_accents_and_skips_the_arabic_article() {
        let mut fr: Vec<String> = ["Zèbre", "Éducation", "Eau", "écluse"].iter().map(|t| sort_key(t, false)).collect();
        fr.sort();
        assert_eq!(fr, ["eau", "ecluse", "education", "zebre"]);
        assert_eq!(initial(&sort_key("الأسطح الكتيمة", true)), "ا");
        assert_eq!(initial(&sort_key("الجريان السطحي", true)), "ج");
        assert_eq!(initial(&sort_key("مستجمع المياه", true)), "م");
        assert_eq!(sort_key("الأسطح", false), "الاسطح");
    }

    #[test]
    fn glossary_initials_drop_accents() {
        assert_eq!(initial("Éducation"), "E");
        assert_eq!(initial("海绵城市"), "海");
        assert_eq!(initial("'quoted'"), "Q");
    }
}
