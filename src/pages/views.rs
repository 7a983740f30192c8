//! The values page templates receive, as serializable views over the course: borrowed,
//! so building a page's data copies no text.

use serde::Serialize;
use serde_json::Value as Json;
use tera::Value;

use crate::markdown::Heading;
use crate::site::bodies::Text;

/// A page URL: borrowed from the index, or made for a page syllabus makes itself.
pub(super) type Url<'a> = std::borrow::Cow<'a, str>;

#[derive(Serialize)]
pub(super) struct LinkView<'a> {
    pub(super) title: &'a str,
    pub(super) url: Url<'a>,
}

#[derive(Serialize)]
pub(super) struct HomeView<'a> {
    pub(super) title: &'a str,
    pub(super) content: &'a str,
    pub(super) extra: &'a Json,
}

#[derive(Serialize)]
pub(super) struct ConceptView<'a> {
    pub(super) id: &'a str,
    pub(super) term: &'a str,
    pub(super) url: Url<'a>,
    pub(super) definition: &'a str,
    pub(super) definition_text: &'a str,
    pub(super) aliases: &'a [String],
    pub(super) introduced_by: Option<LinkView<'a>>,
}

#[derive(Serialize)]
pub(super) struct DefinitionEntry<'a> {
    #[serde(flatten)]
    pub(super) concept: ConceptView<'a>,
    pub(super) entry: &'a str,
}

#[derive(Serialize)]
pub(super) struct LessonItem<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    /// The title's inline Markdown as HTML.
    pub(super) title_html: &'a str,
    pub(super) url: Url<'a>,
    /// HTML, and plain text.
    pub(super) summary: &'a str,
    pub(super) summary_text: &'a str,
    pub(super) keypoints: &'a [Text],
    pub(super) duration: String,
    pub(super) current: bool,
    pub(super) number: String,
}

#[derive(Serialize)]
pub(super) struct ModuleView<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    /// The title's inline Markdown as HTML.
    pub(super) title_html: &'a str,
    pub(super) url: Url<'a>,
    pub(super) summary: &'a str,
    pub(super) number: usize,
    pub(super) lessons: Vec<Value>,
    /// Whether any of its lessons has key points (a revision sheet on its page).
    pub(super) keypoints: bool,
    pub(super) extra: &'a Json,
}

#[derive(Serialize)]
pub(super) struct PageRef<'a> {
    pub(super) kind: &'static str,
    /// The kind as the course's language names it ("Lesson", "Leçon").
    pub(super) kind_text: &'a str,
    pub(super) title: &'a str,
    pub(super) url: Url<'a>,
}

#[derive(Serialize)]
pub(super) struct LessonView<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    /// The title's inline Markdown as HTML.
    pub(super) title_html: &'a str,
    pub(super) url: Url<'a>,
    pub(super) number: String,
    /// HTML, and plain text.
    pub(super) summary: &'a str,
    pub(super) summary_text: &'a str,
    pub(super) objectives: &'a [Text],
    pub(super) keypoints: &'a [Text],
    pub(super) duration: String,
    pub(super) content: &'a str,
    pub(super) toc: &'a [Heading],
    pub(super) concepts: Vec<Value>,
    /// Key concepts shown as terms only (there are many).
    pub(super) concepts_compact: bool,
    pub(super) readings: Vec<Value>,
    pub(super) quiz: Option<LinkView<'a>>,
    pub(super) prerequisites: Vec<Value>,
    pub(super) backlinks: Vec<Value>,
    /// The ids of the concepts this lesson introduces and that are reviewed, space-separated:
    /// opening the lesson adds their cards to the learner's review.
    pub(super) review_concepts: String,
    pub(super) extra: &'a Json,
}

#[derive(Serialize)]
pub(super) struct ArticleCard<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    pub(super) url: Url<'a>,
    pub(super) authors: Vec<&'a str>,
    pub(super) author: String,
    pub(super) date: &'a str,
    pub(super) publication: &'a str,
    pub(super) summary: &'a str,
    pub(super) citation: String,
    pub(super) assigned_by: Vec<Value>,
}

#[derive(Serialize)]
pub(super) struct ArticleView<'a> {
    #[serde(flatten)]
    pub(super) card: ArticleCard<'a>,
    /// The article's address, as a link may hold it (percent-encoded where it must be).
    pub(super) source_url: String,
    pub(super) accessed: &'a str,
    /// The dates as the course's language writes them.
    pub(super) date_text: String,
    pub(super) accessed_text: String,
    /// The date of access as a `<time>` element, escaped.
    pub(super) accessed_html: String,
    pub(super) archive: String,
    /// APA 7 and MLA 9 references (HTML).
    pub(super) apa: String,
    pub(super) mla: String,
    pub(super) content: &'a str,
    pub(super) toc: &'a [Heading],
    pub(super) concepts: Vec<Value>,
    pub(super) backlinks: Vec<Value>,
    pub(super) extra: &'a Json,
}

#[derive(Serialize)]
pub(super) struct ConceptPage<'a> {
    #[serde(flatten)]
    pub(super) concept: ConceptView<'a>,
    pub(super) content: &'a str,
    pub(super) related: Vec<Value>,
    pub(super) used_in: Vec<UseGroup<'a>>,
    /// `used_in` as HTML: each group's heading and list.
    pub(super) used_in_html: Value,
    pub(super) examples: Vec<ExampleView<'a>>,
    /// Whether opening this page adds the concept's cards to the learner's review: for a
    /// reviewed concept no lesson introduces.
    pub(super) review_card: bool,
    pub(super) extra: &'a Json,
}

#[derive(Serialize)]
pub(super) struct ExampleView<'a> {
    pub(super) text: &'a str,
    pub(super) url: String,
    pub(super) source: &'a str,
    pub(super) citation: String,
}

#[derive(Serialize)]
pub(super) struct ReadingGroup<'a> {
    pub(super) title: &'a str,
    pub(super) module: Option<LinkView<'a>>,
    pub(super) articles: Vec<ArticleCard<'a>>,
}

#[derive(Serialize)]
pub(super) struct UseGroup<'a> {
    pub(super) title: &'a str,
    pub(super) pages: Vec<Value>,
    /// `pages` as list items, `<li><a href="url">title</a></li>` each, joined.
    pub(super) pages_html: Value,
}

#[derive(Serialize)]
pub(super) struct Letter {
    pub(super) letter: String,
    pub(super) anchor: String,
    pub(super) concepts: Vec<Value>,
}

#[derive(Serialize)]
pub(super) struct QuizView<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    pub(super) url: Url<'a>,
    pub(super) description: &'a str,
    pub(super) pass_mark: Option<Json>,
    pub(super) shuffle: bool,
    pub(super) total_points: Json,
    pub(super) lessons: Vec<Value>,
    pub(super) questions: Vec<QuestionView<'a>>,
    /// The answer key as JSON for a `<script type="application/json">` element.
    pub(super) key: String,
    pub(super) extra: &'a Json,
}

#[derive(Serialize)]
pub(super) struct QuestionView<'a> {
    pub(super) number: usize,
    pub(super) id: &'a str,
    pub(super) kind: &'static str,
    pub(super) prompt: &'a str,
    pub(super) explanation: &'a str,
    pub(super) points: Json,
    pub(super) concepts: Vec<Value>,
    pub(super) choices: Vec<ChoiceView<'a>>,
    /// true_false: the answer; numeric: the number.
    pub(super) answer: Option<Json>,
    pub(super) answers: &'a [String],
    pub(super) tolerance: Option<Json>,
    /// order: items in the right order.
    pub(super) items: Vec<Item<'a>>,
    /// order: items as shown; match: right sides as offered.
    pub(super) shuffled: Vec<Item<'a>>,
    pub(super) pairs: Vec<Pair<'a>>,
}

#[derive(Serialize)]
pub(super) struct ChoiceView<'a> {
    pub(super) index: usize,
    pub(super) text: &'a Text,
    pub(super) correct: bool,
    pub(super) feedback: &'a str,
}

#[derive(Serialize)]
pub(super) struct Item<'a> {
    pub(super) index: usize,
    pub(super) text: &'a Text,
}

#[derive(Serialize)]
pub(super) struct Pair<'a> {
    pub(super) index: usize,
    pub(super) left: &'a Text,
    pub(super) right: &'a Text,
}

#[derive(Serialize)]
pub(super) struct QuizCard<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    pub(super) url: Url<'a>,
    pub(super) description: &'a str,
    pub(super) questions: usize,
    pub(super) total_points: Json,
    pub(super) lessons: Vec<Value>,
}

#[derive(Serialize)]
pub(super) struct PageView<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    /// The title's inline Markdown as HTML.
    pub(super) title_html: &'a str,
    pub(super) url: Url<'a>,
    pub(super) content: &'a str,
    pub(super) toc: &'a [Heading],
    pub(super) extra: &'a Json,
}
