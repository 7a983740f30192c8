//! IMS QTI 2.1 content package: `imsmanifest.xml` (IMS Content Packaging 1.1), one
//! `assessmentItem` per question under `items/<quiz>/`, one `assessmentTest` per quiz
//! under `tests/`, each listing its items. Texts are XHTML ([`super::xhtml`]).
//!
//! single, multiple, true_false: `choiceInteraction`; short: `textEntryInteraction` with
//! every accepted answer mapped, case ignored; numeric: `textEntryInteraction` of a float,
//! right within the tolerance (`equal`, `toleranceMode="absolute"`); order:
//! `orderInteraction`; match: `matchInteraction`. The response processing scores as the
//! site does (FORMAT, "Scoring"): `SCORE` is in the question's points, `MAXSCORE` its
//! points; multiple with `partial` maps each right choice to +points/k and each wrong one
//! to -points/k, never below 0; order and match count the items or pairs in place (equal
//! order items interchangeable) and give all the points for all, or with `partial` their
//! share. Each choice's feedback and the explanation are `modalFeedback` shown through
//! the `FEEDBACK` outcome.

use crate::common::diag::Diagnostic;
use crate::content::model::Answer;
use crate::index::SiteIndex;
use crate::site::bodies::Bodies;

use super::xhtml::xhtml;
use super::xml::Xml;
use super::{Item, number};

const FORMAT: &str = "QTI 2.1";
const NS: &str = "http://www.imsglobal.org/xsd/imsqti_v2p1";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const ITEM_XSD: &str =
    "http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd";

/// Identifiers for QTI and the manifest (XML names, so never starting with a digit).
fn item_id(quiz: &str, question: &str) -> String {
    format!("item-{quiz}--{question}")
}

fn test_id(quiz: &str) -> String {
    format!("test-{quiz}")
}

/// The package's files: the manifest, each quiz's test, each question's item.
pub fn files(index: &SiteIndex, bodies: &Bodies, diags: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let strings = &index.course.config.strings;
    let yes_no = [strings.get("answer_true"), strings.get("answer_false")];
    let quizzes = Item::all(index, bodies);
    let mut files = vec![("imsmanifest.xml".to_string(), manifest(index, &quizzes))];
    for (quiz, items) in index.course.quizzes.iter().zip(&quizzes) {
        files.push((format!("tests/{}.xml", quiz.id), test(quiz, items)));
        for item in items {
            files.push((format!("items/{}/{}.xml", quiz.id, item.q.id), assessment_item(item, yes_no, diags)));
        }
    }
    files
}

fn manifest(index: &SiteIndex, quizzes: &[Vec<Item>]) -> String {
    let mut x = Xml::new();
    x.open(
        "manifest",
        &[
            ("identifier", "syllabus-quizzes"),
            ("xmlns", "http://www.imsglobal.org/xsd/imscp_v1p1"),
            ("xmlns:imsmd", "http://ltsc.ieee.org/xsd/LOM"),
            ("xmlns:xsi", XSI),
            (
                "xsi:schemaLocation",
                "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd http://ltsc.ieee.org/xsd/LOM http://www.imsglobal.org/xsd/imsmd_loose_v1p3p2.xsd",
            ),
        ],
    );
    x.open("metadata", &[]).leaf("schema", &[], "QTIv2.1 Package").leaf("schemaversion", &[], "1.0.0");
    x.open("imsmd:lom", &[]).open("imsmd:general", &[]).open("imsmd:title", &[]);
    x.leaf("imsmd:string", &[], &index.course.config.title).close().close().close().close();
    x.leaf("organizations", &[], "");
    x.open("resources", &[]);
    for (quiz, items) in index.course.quizzes.iter().zip(quizzes) {
        let href = format!("tests/{}.xml", quiz.id);
        let id = test_id(&quiz.id);
        x.open("resource", &[("identifier", &id), ("type", "imsqti_test_xmlv2p1"), ("href", &href)]);
        x.leaf("file", &[("href", &href)], "");
        for item in items {
            x.leaf("dependency", &[("identifierref", &item_id(&quiz.id, &item.q.id))], "");
        }
        x.close();
    }
    for (quiz, items) in index.course.quizzes.iter().zip(quizzes) {
        for item in items {
            let href = format!("items/{}/{}.xml", quiz.id, item.q.id);
            let id = item_id(&quiz.id, &item.q.id);
            x.open("resource", &[("identifier", &id), ("type", "imsqti_item_xmlv2p1"), ("href", &href)]);
            x.leaf("file", &[("href", &href)], "").close();
        }
    }
    x.close().close();
    x.finish()
}

fn test(quiz: &crate::content::model::Quiz, items: &[Item]) -> String {
    let mut x = Xml::new();
    let id = test_id(&quiz.id);
    x.open(
        "assessmentTest",
        &[
            ("xmlns", NS),
            ("xmlns:xsi", XSI),
            ("xsi:schemaLocation", ITEM_XSD),
            ("identifier", &id),
            ("title", &quiz.title),
        ],
    );
    x.open("outcomeDeclaration", &[("identifier", "SCORE"), ("cardinality", "single"), ("baseType", "float")]);
    x.open("defaultValue", &[]).leaf("value", &[], "0").close().close();
    x.open("testPart", &[("identifier", "part"), ("navigationMode", "nonlinear"), ("submissionMode", "simultaneous")]);
    x.open("assessmentSection", &[("identifier", "section"), ("title", &quiz.title), ("visible", "true")]);
    if quiz.shuffle {
        x.leaf("ordering", &[("shuffle", "true")], "");
    }
    for item in items {
        let href = format!("../items/{}/{}.xml", quiz.id, item.q.id);
        x.leaf("assessmentItemRef", &[("identifier", &item_id(&quiz.id, &item.q.id)), ("href", &href)], "");
    }
    x.close().close();
    // The test's score: the sum of every item's SCORE.
    x.open("outcomeProcessing", &[]).open("setOutcomeValue", &[("identifier", "SCORE")]);
    x.raw("<sum><testVariables variableIdentifier=\"SCORE\"/></sum>");
    x.close().close().close();
    x.finish()
}

/// One question as an `assessmentItem`.
fn assessment_item(item: &Item, yes_no: [&str; 2], diags: &mut Vec<Diagnostic>) -> String {
    let q = item.q;
    let mut w = ItemWriter { item, diags, dropped: Vec::new() };
    let mut x = Xml::new();
    let id = item_id(&item.quiz.id, &q.id);
    let title = format!("{} {}", q.number, item.h.prompt_text.trim());
    let title: String = title.chars().take(200).collect();
    x.open(
        "assessmentItem",
        &[
            ("xmlns", NS),
            ("xmlns:xsi", XSI),
            ("xsi:schemaLocation", ITEM_XSD),
            ("identifier", &id),
            ("title", &title),
            ("adaptive", "false"),
            ("timeDependent", "false"),
        ],
    );
    w.declarations(&mut x);
    x.open("itemBody", &[]);
    w.block(&mut x, "div", &item.h.prompt);
    w.interaction(&mut x, yes_no);
    x.close();
    w.processing(&mut x);
    w.feedback(&mut x);
    x.close();
    if !w.dropped.is_empty() {
        w.dropped.sort();
        w.dropped.dedup();
        let what = w.dropped.join(", ");
        item.warn(w.diags, FORMAT, &format!("QTI 2.1 has no {what} in a question's text; left out"));
    }
    x.finish()
}

struct ItemWriter<'a, 'b> {
    item: &'a Item<'a>,
    diags: &'b mut Vec<Diagnostic>,
    dropped: Vec<String>,
}

fn choice_ids(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("c{i}")).collect()
}

impl ItemWriter<'_, '_> {
    /// The site's HTML as XHTML inside `<tag>`.
    fn block(&mut self, x: &mut Xml, tag: &str, html: &str) {
        let (markup, dropped) = xhtml(&self.item.html(html));
        self.dropped.extend(dropped);
        x.raw(&format!("<{tag}>{markup}</{tag}>"));
    }

    fn inline(&mut self, html: &str) -> String {
        let (markup, dropped) = xhtml(&self.item.html(html));
        self.dropped.extend(dropped);
        markup
    }

    fn declarations(&mut self, x: &mut Xml) {
        let q = self.item.q;
        let (cardinality, base) = match &q.answer {
            Answer::Single(_) | Answer::TrueFalse(_) => ("single", "identifier"),
            Answer::Multiple(_) => ("multiple", "identifier"),
            Answer::Short(_) => ("single", "string"),
            Answer::Numeric { .. } => ("single", "float"),
            Answer::Order(_) => ("ordered", "identifier"),
            Answer::Match(_) => ("multiple", "directedPair"),
        };
        x.open("responseDeclaration", &[("identifier", "RESPONSE"), ("cardinality", cardinality), ("baseType", base)]);
        x.open("correctResponse", &[]);
        for value in self.correct() {
            x.leaf("value", &[], &value);
        }
        x.close();
        self.mapping(x);
        x.close();
        for (id, base, value) in [("SCORE", "float", "0"), ("MAXSCORE", "float", number(q.points).as_str())] {
            x.open("outcomeDeclaration", &[("identifier", id), ("cardinality", "single"), ("baseType", base)]);
            x.open("defaultValue", &[]).leaf("value", &[], value).close().close();
        }
        x.leaf(
            "outcomeDeclaration",
            &[("identifier", "FEEDBACK"), ("cardinality", "multiple"), ("baseType", "identifier")],
            "",
        );
        if matches!(q.answer, Answer::Order(_) | Answer::Match(_)) {
            x.open(
                "outcomeDeclaration",
                &[("identifier", "IN_PLACE"), ("cardinality", "single"), ("baseType", "float")],
            );
            x.open("defaultValue", &[]).leaf("value", &[], "0").close().close();
        }
    }

    /// The values of the correct response.
    fn correct(&self) -> Vec<String> {
        match &self.item.q.answer {
            Answer::Single(choices) | Answer::Multiple(choices) => (choice_ids(choices.len()).into_iter().zip(choices))
                .filter(|(_, c)| c.correct)
                .map(|(id, _)| id)
                .collect(),
            Answer::TrueFalse(b) => vec![b.to_string()],
            Answer::Short(answers) => answers.first().map(|a| a.trim().to_string()).into_iter().collect(),
            Answer::Numeric { answer, .. } => vec![number(*answer)],
            Answer::Order(items) => (1..=items.len()).map(|i| format!("o{i}")).collect(),
            Answer::Match(pairs) => (1..=pairs.len()).map(|i| format!("l{i} r{i}")).collect(),
        }
    }

    fn mapping(&self, x: &mut Xml) {
        let q = self.item.q;
        match &q.answer {
            Answer::Multiple(choices) if q.partial => {
                let share = q.points / choices.iter().filter(|c| c.correct).count().max(1) as f64;
                let points = number(q.points);
                x.open("mapping", &[("lowerBound", "0"), ("upperBound", &points), ("defaultValue", "0")]);
                for (id, c) in choice_ids(choices.len()).iter().zip(choices) {
                    let value = number(if c.correct { share } else { -share });
                    x.leaf("mapEntry", &[("mapKey", id), ("mappedValue", &value)], "");
                }
                x.close();
            }
            Answer::Short(answers) => {
                let points = number(q.points);
                x.open("mapping", &[("defaultValue", "0"), ("upperBound", &points)]);
                let mut seen = Vec::new();
                for a in answers.iter().map(|a| a.trim()) {
                    if !seen.contains(&a.to_lowercase()) {
                        seen.push(a.to_lowercase());
                        x.leaf("mapEntry", &[("mapKey", a), ("mappedValue", &points), ("caseSensitive", "false")], "");
                    }
                }
                x.close();
            }
            Answer::Match(pairs) => {
                x.open("mapping", &[("defaultValue", "0")]);
                for i in 1..=pairs.len() {
                    x.leaf("mapEntry", &[("mapKey", &format!("l{i} r{i}")), ("mappedValue", "1")], "");
                }
                x.close();
            }
            _ => {}
        }
    }

    fn interaction(&mut self, x: &mut Xml, yes_no: [&str; 2]) {
        let h = self.item.h;
        match &self.item.q.answer {
            Answer::Single(choices) | Answer::Multiple(choices) => {
                let max = if matches!(self.item.q.answer, Answer::Single(_)) { "1" } else { "0" };
                let shuffle = if self.item.quiz.shuffle { "true" } else { "false" };
                x.open(
                    "choiceInteraction",
                    &[("responseIdentifier", "RESPONSE"), ("shuffle", shuffle), ("maxChoices", max)],
                );
                for (id, text) in choice_ids(choices.len()).iter().zip(&h.options) {
                    let markup = self.inline(&text.html);
                    x.raw(&format!("<simpleChoice identifier=\"{id}\">{markup}</simpleChoice>"));
                }
                x.close();
            }
            Answer::TrueFalse(_) => {
                x.open(
                    "choiceInteraction",
                    &[("responseIdentifier", "RESPONSE"), ("shuffle", "false"), ("maxChoices", "1")],
                );
                for (id, text) in [("true", yes_no[0]), ("false", yes_no[1])] {
                    x.leaf("simpleChoice", &[("identifier", id)], text);
                }
                x.close();
            }
            Answer::Short(_) | Answer::Numeric { .. } => {
                x.open("p", &[]).leaf(
                    "textEntryInteraction",
                    &[("responseIdentifier", "RESPONSE"), ("expectedLength", "30")],
                    "",
                );
                x.close();
            }
            Answer::Order(_) => {
                x.open("orderInteraction", &[("responseIdentifier", "RESPONSE"), ("shuffle", "true")]);
                for (i, text) in h.options.iter().enumerate() {
                    let markup = self.inline(&text.html);
                    x.raw(&format!("<simpleChoice identifier=\"o{}\">{markup}</simpleChoice>", i + 1));
                }
                x.close();
            }
            Answer::Match(pairs) => {
                let n = pairs.len().to_string();
                x.open(
                    "matchInteraction",
                    &[("responseIdentifier", "RESPONSE"), ("shuffle", "true"), ("maxAssociations", &n)],
                );
                for (prefix, side) in [("l", &h.options), ("r", &h.second)] {
                    x.open("simpleMatchSet", &[]);
                    for (i, text) in side.iter().enumerate() {
                        let markup = self.inline(&text.html);
                        x.raw(&format!("<simpleAssociableChoice identifier=\"{prefix}{}\" matchMax=\"1\">{markup}</simpleAssociableChoice>", i + 1));
                    }
                    x.close();
                }
                x.close();
            }
        }
    }

    /// Response processing: the score, then the feedback to show.
    fn processing(&mut self, x: &mut Xml) {
        let q = self.item.q;
        let points = number(q.points);
        x.open("responseProcessing", &[]);
        let set_points = format!(
            "<setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">{points}</baseValue></setOutcomeValue>"
        );
        match &q.answer {
            Answer::Multiple(_) if q.partial => {
                x.raw("<setOutcomeValue identifier=\"SCORE\"><mapResponse identifier=\"RESPONSE\"/></setOutcomeValue>");
            }
            Answer::Short(_) => {
                x.raw("<responseCondition><responseIf><not><isNull><variable identifier=\"RESPONSE\"/></isNull></not><setOutcomeValue identifier=\"SCORE\"><mapResponse identifier=\"RESPONSE\"/></setOutcomeValue></responseIf></responseCondition>");
            }
            Answer::Numeric { answer, tolerance } => {
                // One tolerance is both the lower and the upper one.
                let t = number(*tolerance);
                x.raw(&format!(
                    "<responseCondition><responseIf><equal toleranceMode=\"absolute\" tolerance=\"{t}\"><variable identifier=\"RESPONSE\"/><baseValue baseType=\"float\">{}</baseValue></equal>{set_points}</responseIf></responseCondition>",
                    number(*answer)
                ));
            }
            Answer::Order(items) => {
                for (i, item) in items.iter().enumerate() {
                    // Place i holds item i, or an item of the same text.
                    let same: Vec<String> = (0..items.len())
                        .filter(|&j| items[j].value.trim() == item.value.trim())
                        .map(|j| format!("<match><index n=\"{}\"><variable identifier=\"RESPONSE\"/></index><baseValue baseType=\"identifier\">o{}</baseValue></match>", i + 1, j + 1))
                        .collect();
                    let test = if same.len() > 1 { format!("<or>{}</or>", same.concat()) } else { same.concat() };
                    x.raw(&format!("<responseCondition><responseIf><and><not><isNull><variable identifier=\"RESPONSE\"/></isNull></not>{test}</and><setOutcomeValue identifier=\"IN_PLACE\"><sum><variable identifier=\"IN_PLACE\"/><baseValue baseType=\"float\">1</baseValue></sum></setOutcomeValue></responseIf></responseCondition>"));
                }
                self.share_in_place(x, items.len(), &set_points);
            }
            Answer::Match(pairs) => {
                x.raw("<responseCondition><responseIf><not><isNull><variable identifier=\"RESPONSE\"/></isNull></not><setOutcomeValue identifier=\"IN_PLACE\"><mapResponse identifier=\"RESPONSE\"/></setOutcomeValue></responseIf></responseCondition>");
                self.share_in_place(x, pairs.len(), &set_points);
            }
            _ => {
                x.raw(&format!("<responseCondition><responseIf><match><variable identifier=\"RESPONSE\"/><correct identifier=\"RESPONSE\"/></match>{set_points}</responseIf></responseCondition>"));
            }
        }
        self.show_feedback(x);
        x.close();
    }

    /// order and match: all the points for all in place, or with `partial` their share.
    fn share_in_place(&self, x: &mut Xml, n: usize, set_points: &str) {
        if self.item.q.partial {
            x.raw(&format!("<setOutcomeValue identifier=\"SCORE\"><product><divide><variable identifier=\"IN_PLACE\"/><baseValue baseType=\"float\">{n}</baseValue></divide><variable identifier=\"MAXSCORE\"/></product></setOutcomeValue>"));
        } else {
            x.raw(&format!("<responseCondition><responseIf><gte><variable identifier=\"IN_PLACE\"/><baseValue baseType=\"float\">{n}</baseValue></gte>{set_points}</responseIf></responseCondition>"));
        }
    }

    fn add_feedback(id: &str) -> String {
        format!(
            "<setOutcomeValue identifier=\"FEEDBACK\"><multiple><variable identifier=\"FEEDBACK\"/><baseValue baseType=\"identifier\">{id}</baseValue></multiple></setOutcomeValue>"
        )
    }

    fn show_feedback(&self, x: &mut Xml) {
        let h = self.item.h;
        if let Answer::Single(choices) | Answer::Multiple(choices) = &self.item.q.answer {
            let single = matches!(self.item.q.answer, Answer::Single(_));
            for (id, text) in choice_ids(choices.len()).iter().zip(&h.second) {
                if text.html.is_empty() {
                    continue;
                }
                let chosen = if single {
                    format!(
                        "<match><variable identifier=\"RESPONSE\"/><baseValue baseType=\"identifier\">{id}</baseValue></match>"
                    )
                } else {
                    format!(
                        "<member><baseValue baseType=\"identifier\">{id}</baseValue><variable identifier=\"RESPONSE\"/></member>"
                    )
                };
                x.raw(&format!("<responseCondition><responseIf><and><not><isNull><variable identifier=\"RESPONSE\"/></isNull></not>{chosen}</and>{}</responseIf></responseCondition>", Self::add_feedback(id)));
            }
        }
        if !h.explanation.is_empty() {
            x.raw(&Self::add_feedback("general"));
        }
    }

    fn feedback(&mut self, x: &mut Xml) {
        let h = self.item.h;
        if let Answer::Single(choices) | Answer::Multiple(choices) = &self.item.q.answer {
            for (id, text) in choice_ids(choices.len()).iter().zip(&h.second) {
                if !text.html.is_empty() {
                    let markup = self.inline(&text.html);
                    x.raw(&format!("<modalFeedback outcomeIdentifier=\"FEEDBACK\" identifier=\"{id}\" showHide=\"show\"><div>{markup}</div></modalFeedback>"));
                }
            }
        }
        if !h.explanation.is_empty() {
            let markup = self.inline(&h.explanation);
            x.raw(&format!("<modalFeedback outcomeIdentifier=\"FEEDBACK\" identifier=\"general\" showHide=\"show\"><div>{markup}</div></modalFeedback>"));
        }
    }
}
