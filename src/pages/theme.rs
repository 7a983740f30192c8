//! Templates: the built-in Tera templates and theme files compiled into the binary, a
//! course's own `templates/NAME` replacing the built-in `NAME`, and rendering with them.

use std::sync::Arc;

use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

use crate::common::diag::Diagnostic;
use crate::common::routes;
use crate::i18n::Strings;
use crate::util::hash::fingerprint;

/// Built-in templates, by name. The repository's `templates/` folder is both these and
/// the example course's templates.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("module.html", include_str!("../../templates/module.html")),
    ("print.html", include_str!("../../templates/print.html")),
    ("lesson.html", include_str!("../../templates/lesson.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("articles.html", include_str!("../../templates/articles.html")),
    ("concept.html", include_str!("../../templates/concept.html")),
    ("concepts.html", include_str!("../../templates/concepts.html")),
    ("glossary.html", include_str!("../../templates/glossary.html")),
    ("quiz.html", include_str!("../../templates/quiz.html")),
    ("quizzes.html", include_str!("../../templates/quizzes.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("review.html", include_str!("../../templates/review.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
    ("partials/concept-list.html", include_str!("../../templates/partials/concept-list.html")),
    ("partials/concept-definition.html", include_str!("../../templates/partials/concept-definition.html")),
    ("partials/question.html", include_str!("../../templates/partials/question.html")),
    ("partials/progress-panel.html", include_str!("../../templates/partials/progress-panel.html")),
    ("partials/outline.html", include_str!("../../templates/partials/outline.html")),
];

/// Theme files copied (not rendered) to the site: name in `templates/`, site path.
pub const THEME_FILES: &[(&str, &str, &str)] = &[
    ("syllabus.css", routes::CSS, include_str!("../../templates/syllabus.css")),
    ("syllabus.js", routes::JS, include_str!("../../templates/syllabus.js")),
    ("quiz.js", routes::QUIZ_JS, include_str!("../../templates/quiz.js")),
    ("search.js", routes::SEARCH_JS, include_str!("../../templates/search.js")),
    ("strings.js", routes::STRINGS_JS, include_str!("../../templates/strings.js")),
    ("progress.js", routes::PROGRESS_JS, include_str!("../../templates/progress.js")),
    ("fsrs.js", routes::FSRS_JS, include_str!("../../templates/fsrs.js")),
    ("review.js", routes::REVIEW_JS, include_str!("../../templates/review.js")),
    ("scorm.js", routes::SCORM_JS, include_str!("../../templates/scorm.js")),
];

/// Where `localize` writes the language into [`THEME_FILES`]: the search script and the
/// strings.
const SEARCH_FILE: usize = 3;
const STRINGS_FILE: usize = 4;
const SCORM_FILE: usize = 8;

/// The line of `scorm.js` a SCORM package's build replaces with the course's quizzes.
const SCORM_DATA: &str = "var course = { quizzes: {}, lessons: 0 };";

/// The browser's Snowball stemmers, by the name the search index gives (see
/// `site::search::tokenize::STEMMERS`): the course language's goes before `search.js`.
pub const STEMMERS: &[(&str, &str)] = &[
    ("arabic", include_str!("../../templates/stemmers/arabic.js")),
    ("danish", include_str!("../../templates/stemmers/danish.js")),
    ("dutch", include_str!("../../templates/stemmers/dutch.js")),
    ("english", include_str!("../../templates/stemmers/english.js")),
    ("finnish", include_str!("../../templates/stemmers/finnish.js")),
    ("french", include_str!("../../templates/stemmers/french.js")),
    ("german", include_str!("../../templates/stemmers/german.js")),
    ("greek", include_str!("../../templates/stemmers/greek.js")),
    ("hungarian", include_str!("../../templates/stemmers/hungarian.js")),
    ("italian", include_str!("../../templates/stemmers/italian.js")),
    ("norwegian", include_str!("../../templates/stemmers/norwegian.js")),
    ("portuguese", include_str!("../../templates/stemmers/portuguese.js")),
    ("romanian", include_str!("../../templates/stemmers/romanian.js")),
    ("russian", include_str!("../../templates/stemmers/russian.js")),
    ("spanish", include_str!("../../templates/stemmers/spanish.js")),
    ("swedish", include_str!("../../templates/stemmers/swedish.js")),
    ("tamil", include_str!("../../templates/stemmers/tamil.js")),
    ("turkish", include_str!("../../templates/stemmers/turkish.js")),
];

/// The line of `strings.js` the build replaces with the course's strings.
const STRINGS_DATA: &str = "var data = { lang: 'en', plural: 'en', dir: 'ltr', texts: {} };";

/// The templates a build renders with, and the theme files it writes.
#[derive(Clone)]
pub struct Theme {
    tera: Tera,
    /// Site path and bytes of each theme file.
    pub files: Vec<(String, Vec<u8>)>,
    /// The theme files as loaded, before [`Theme::localize`] wrote a language into them.
    loaded: Vec<(String, Vec<u8>)>,
    /// `?v=` fingerprints of the theme files, in [`THEME_FILES`]' order, so browsers never
    /// keep a stale one.
    versions: Vec<String>,
    /// Whether any template names `concept_definitions`, the list of definitions as values
    /// (the built-in ones write `concept_definitions_html`): pages leave it out otherwise.
    pub reads_definition_values: bool,
}

impl Theme {
    /// Built-in templates with the course's own (`templates/NAME`) in their place.
    pub fn load(course_templates: &[(String, String)], diags: &mut Vec<Diagnostic>) -> Option<Theme> {
        let mut sources: Vec<(String, String)> = BUILTIN.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let mut files: Vec<(String, Vec<u8>)> =
            THEME_FILES.iter().map(|(_, path, text)| (path.to_string(), text.as_bytes().to_vec())).collect();
        for (name, text) in course_templates {
            if let Some(i) = THEME_FILES.iter().position(|(n, _, _)| n == name) {
                files[i].1 = text.as_bytes().to_vec();
            } else if let Some(slot) = sources.iter_mut().find(|(n, _)| n == name) {
                slot.1 = text.clone();
            } else if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".txt") {
                sources.push((name.clone(), text.clone()));
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.register_filter("safe", safe);
        // English until `localize` gives the course's strings: templates are checked for
        // the functions they call as they are added.
        register_strings(&mut tera, &crate::i18n::english());
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
            diags.push(template_error(&first_template_named(&e, &sources), &e));
        }
        if diags.iter().any(Diagnostic::is_error) {
            return None;
        }
        let versions = files.iter().map(|(_, bytes)| fingerprint(bytes)).collect();
        let reads_definition_values = sources.iter().any(|(_, text)| names(text, "concept_definitions"));
        Some(Theme { tera, loaded: files.clone(), files, versions, reads_definition_values })
    }

    /// Puts the course's language into the theme: the strings templates read (`t.NAME`,
    /// and `tr(key=NAME, ...)` for one with placeholders, links or plural forms; the filter
    /// `num` writes a number in the language's digits, every decimal kept), the
    /// strings the scripts read, and the browser's stemmer before the search script.
    pub fn localize(&mut self, strings: &Arc<Strings>, stemmer: &str) {
        self.tera.global_context().insert("t", &strings.plain());
        self.tera.global_context().insert("dir", &strings.dir);
        register_strings(&mut self.tera, strings);
        let data = format!("var data = {};", strings.script_data());
        let loaded = String::from_utf8_lossy(&self.loaded[STRINGS_FILE].1);
        self.files[STRINGS_FILE].1 = loaded.replacen(STRINGS_DATA, &data, 1).into_bytes();
        let stemmer = STEMMERS.iter().find(|(name, _)| *name == stemmer).map_or("", |(_, source)| source);
        self.files[SEARCH_FILE].1 = [stemmer.as_bytes(), b"\n", &self.loaded[SEARCH_FILE].1].concat();
        for i in [STRINGS_FILE, SEARCH_FILE] {
            self.versions[i] = fingerprint(&self.files[i].1);
        }
    }

    /// Writes the course's quizzes (points and pass marks) and number of lessons into
    /// `scorm.js`, as JSON, for the score and status it reports.
    pub fn set_scorm_course(&mut self, course: &serde_json::Value) {
        let data = format!("var course = {};", crate::util::html::script_json(&course.to_string()));
        let loaded = String::from_utf8_lossy(&self.loaded[SCORM_FILE].1);
        self.files[SCORM_FILE].1 = loaded.replacen(SCORM_DATA, &data, 1).into_bytes();
        self.versions[SCORM_FILE] = fingerprint(&self.files[SCORM_FILE].1);
    }

    /// The `?v=` fingerprint of the theme file at site path `path` (one of [`THEME_FILES`]).
    pub fn version(&self, path: &str) -> &str {
        let i = THEME_FILES.iter().position(|(_, p, _)| *p == path).expect("a theme file's path");
        &self.versions[i]
    }

    /// Sets data every template sees.
    pub fn set_global(&mut self, key: &'static str, value: &impl serde::Serialize) {
        self.tera.global_context().insert(key, value);
    }

    pub fn render(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(template, context).map_err(|e| template_error(template, &e))
    }

    /// Renders a page to bytes, into a buffer of `capacity` (room for the whole page saves
    /// growing it, each time a copy), without checking again that the output is UTF-8
    /// (Tera writes only strings).
    pub fn render_bytes(&self, template: &str, context: &Context, capacity: usize) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(capacity);
        self.tera.render_to(template, context, &mut out).map_err(|e| template_error(template, &e))?;
        Ok(out)
    }
}

/// Tera's `safe` filter, without its copy: a string is marked safe where it is (Tera's own
/// copies it, which is a whole lesson on every lesson page); any other value is written
/// out as text first, as Tera does.
fn safe(value: Value, _: Kwargs, _: &State) -> Value {
    if value.is_string() { value.mark_safe() } else { Value::safe_string(&value.to_string()) }
}

/// `tr` and `num` for a language (registering them again replaces them).
fn register_strings(tera: &mut Tera, strings: &Arc<Strings>) {
    let s = Arc::clone(strings);
    tera.register_function("tr", move |kwargs: Kwargs, _: &State| translate(&s, &kwargs));
    let s = Arc::clone(strings);
    tera.register_filter("num", move |n: f64, _: Kwargs, _: &State| s.written(n));
}

/// Tera's `tr(key=NAME, count=N, links=[URL, ...], PLACEHOLDER=VALUE, ...)`: a string as
/// HTML, its text and every value escaped but values marked safe.
fn translate(strings: &Strings, kwargs: &Kwargs) -> TeraResult<Value> {
    let mut key = None;
    let mut count = None;
    let mut links: Vec<&str> = Vec::new();
    let mut args: Vec<(&str, String)> = Vec::new();
    for (name, value) in kwargs.iter() {
        match name.as_str() {
            Some("key") => key = value.as_str(),
            Some("count") => count = value.as_f64(),
            Some("links") => links = value.as_array().unwrap_or(&[]).iter().map(|l| l.as_str().unwrap_or("")).collect(),
            Some(name) => {
                let html = match (value.as_f64(), value.as_str()) {
                    (Some(n), None) => strings.number(n),
                    (_, Some(s)) if value.is_safe() => s.to_string(),
                    (_, Some(s)) => crate::util::html::escape(&strings.numeral(s)),
                    _ => crate::util::html::escape(&value.to_string()),
                };
                args.push((name, html));
            }
            None => {}
        }
    }
    let Some(key) = key else {
        return Err(tera::Error::message("tr() needs key=\"NAME\", the name of a string"));
    };
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Ok(Value::safe_string(&strings.html(key, count, &args, &links)))
}

fn template_error(name: &str, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    let msg = msg.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    Diagnostic::error(format!("templates/{name}"), None, format!("template error: {msg}"))
}

/// The template an error is about, found in its message (Tera names it there).
fn first_template_named(e: &tera::Error, sources: &[(String, String)]) -> String {
    let msg = e.to_string();
    sources
        .iter()
        .map(|(n, _)| n)
        .filter(|n| {
            msg.contains(&format!("--> {n}:")) || msg.contains(&format!("'{n}'")) || msg.contains(&format!("`{n}`"))
        })
        .max_by_key(|n| n.len())
        .cloned()
        .unwrap_or_else(|| "base.html".into())
}

/// Whether `text` holds the identifier `name` (not as part of a longer one).
fn names(text: &str, name: &str) -> bool {
    let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(name)
        .any(|(at, _)| !ident(text[..at].chars().next_back()) && !ident(text[at + name.len()..].chars().next()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_only_as_a_whole_identifier() {
        assert!(names("{% for c in concept_definitions %}", "concept_definitions"));
        assert!(names("{{concept_definitions|length}}", "concept_definitions"));
        assert!(!names("{{ concept_definitions_html | safe }}", "concept_definitions"));
        assert!(!names("{{ my_concept_definitions }}", "concept_definitions"));
        let builtin = BUILTIN.iter().any(|(_, text)| names(text, "concept_definitions"));
        assert!(!builtin, "the built-in templates leave the list of values unbuilt");
    }

    #[test]
    fn safe_keeps_strings_unescaped_and_writes_other_values_as_text() {
        let page = ("page.html".to_string(), "{{ s | safe }} {{ n | safe }} {{ l | safe }} {{ e }}".to_string());
        let mut diags = Vec::new();
        let theme = Theme::load(&[page], &mut diags).expect("the theme loads");
        assert!(diags.is_empty(), "{diags:?}");
        let mut ctx = Context::new();
        ctx.insert("s", "<b>bold</b>");
        ctx.insert("n", &5);
        ctx.insert("l", &["<x>"]);
        ctx.insert("e", "<i>");
        let expected = format!("<b>bold</b> 5 {} &lt;i&gt;", Value::from_serializable(&["<x>"]));
        assert_eq!(theme.render("page.html", &ctx).unwrap(), expected);
    }
}
